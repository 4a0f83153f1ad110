// The worker's operator new and delete: every C++ allocation counts in the plugin's memory
// budget (memory_budget.h), so the trees the helper modules build in std::vector and
// std::string (xml.parse, feed.parse, html.select) count like Lua's heap. Refusing is only done
// inside a memory_budget::RefuseScope; elsewhere (the worker's own frames, log lines) bytes
// are counted and never refused, because a std::bad_alloc there could unwind through liblua's
// C frames.
#include <cstddef>
#include <new>

#include "plugin_host/modules/memory_budget.h"

namespace {

using namespace gigscout;

void* counted_new(std::size_t size, std::size_t alignment, bool nothrow) {
    if (size == 0) {
        size = 1;
    }
    bool may_refuse = memory_budget::refusing();
    void* p = alignment <= __STDCPP_DEFAULT_NEW_ALIGNMENT__
                  ? memory_budget::allocate(size, may_refuse)
                  : memory_budget::allocate_aligned(alignment, size, may_refuse);
    if (p == nullptr && !nothrow) {
        throw std::bad_alloc();
    }
    return p;
}

constexpr std::size_t kPlain = __STDCPP_DEFAULT_NEW_ALIGNMENT__;

}  // namespace

void* operator new(std::size_t n) {
    return counted_new(n, kPlain, false);
}
void* operator new[](std::size_t n) {
    return counted_new(n, kPlain, false);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    return counted_new(n, kPlain, true);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    return counted_new(n, kPlain, true);
}
void* operator new(std::size_t n, std::align_val_t a) {
    return counted_new(n, static_cast<std::size_t>(a), false);
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return counted_new(n, static_cast<std::size_t>(a), false);
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return counted_new(n, static_cast<std::size_t>(a), true);
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return counted_new(n, static_cast<std::size_t>(a), true);
}

void operator delete(void* p) noexcept {
    memory_budget::release(p);
}
void operator delete[](void* p) noexcept {
    memory_budget::release(p);
}
void operator delete(void* p, std::size_t) noexcept {
    memory_budget::release(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    memory_budget::release(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    memory_budget::release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    memory_budget::release(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    memory_budget::release(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    memory_budget::release(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    memory_budget::release(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    memory_budget::release(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    memory_budget::release(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    memory_budget::release(p);
}
