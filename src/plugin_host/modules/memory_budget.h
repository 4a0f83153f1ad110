// One memory budget for everything a plugin call makes the worker allocate: Lua's heap (the
// sandbox's lua_Alloc), the trees the helper modules build in C and C++ (RapidJSON's
// allocator, expat's memory functions, gumbo's allocator, and the worker's operator new), all
// counted in one place against the plugin's memory limit (docs/plugin-api.md, "Sandbox
// design"). The worker runs one call at a time on one thread, so the budget is process-wide
// and needs no locking.
//
// Disarmed (tests that link the modules, the host), it only counts. Armed (by the sandbox, for
// the life of a call's Lua state), allocations that would take the call past the limit are
// refused: the Lua allocator returns NULL (Lua raises its memory error), expat gets NULL
// (XML_ERROR_NO_MEMORY), gumbo's allocator jumps out, RapidJSON's allocator and operator new
// throw std::bad_alloc — operator new only inside a RefuseScope, code that is known to hold no
// Lua frame between it and a `guarded` module function (a C++ exception must never unwind
// through liblua's C frames). Every refusal is counted; `guarded` turns a refusal during a
// module call into Lua's "not enough memory" error, which the sandbox treats as hitting the
// memory limit.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gigscout::memory_budget {

// Starts a call's budget: from now on, bytes counted beyond those already counted may not
// exceed `limit`. Disarm at the end of the call (counting goes on).
void arm(std::size_t limit);
void disarm();
bool armed();

// Bytes counted since arm() (0 when disarmed), its highest value, and refusals since the
// process started: all of them, and those of native code (everything but Lua's allocator,
// whose refusal Lua may survive after an emergency collection).
std::size_t used();
std::size_t peak();
std::size_t refusals();
std::size_t native_refusals();

// Accounting for allocators that know their block sizes (Lua's, gumbo's): try_charge refuses
// (and counts a refusal) when armed and `bytes` more would pass the limit.
bool try_charge(std::size_t bytes, bool native = true);
void charge(std::size_t bytes);  // never refuses
void credit(std::size_t bytes);

// malloc/realloc/free that count the usable size of each block. `may_refuse`: when armed,
// return nullptr instead of passing the limit.
void* allocate(std::size_t bytes, bool may_refuse);
void* reallocate(void* block, std::size_t bytes, bool may_refuse);
void* allocate_aligned(std::size_t alignment, std::size_t bytes, bool may_refuse);
void release(void* block);

// While one exists (and the budget is armed), operator new throws std::bad_alloc instead of
// passing the limit.
class RefuseScope {
  public:
    RefuseScope();
    ~RefuseScope();
    RefuseScope(const RefuseScope&) = delete;
    RefuseScope& operator=(const RefuseScope&) = delete;
};
bool refusing();

}  // namespace gigscout::memory_budget
