// Glue between the helper modules and the Lua C API, for code that runs inside a plugin's
// state.
//
// Debian's liblua is built as C, so every Lua error is a longjmp: it skips C++ destructors in
// the frames it crosses. A module function therefore keeps its C++ objects (parsed trees,
// buffers) in a "box" — a userdata on the Lua stack whose __gc runs the destructor — and its
// frames that call the Lua API hold only trivially destructible locals (pointers, views,
// integers). Any Lua call may raise (a memory error under the sandbox's allocator cap); the
// box is then freed by the collector instead of leaking. C++ exceptions go the other way:
// `guarded` turns them into a Lua error before they reach Lua's C frames.
//
// Tables handed in by plugins are read with raw access only, so no plugin metamethod runs
// inside a helper (SECURITY-NOTES §1.10).
#pragma once

#include <lua.hpp>

#include <cstddef>
#include <cstdio>
#include <exception>
#include <new>
#include <string_view>
#include <type_traits>

#include "plugin_host/modules/memory_budget.h"

namespace gigscout::plugin_modules {

inline constexpr std::size_t kMiB = std::size_t{1} << 20;
// The largest string most helpers accept (a response body is at most this big in practice;
// the sandbox caps a plugin's whole Lua heap at 64 MiB anyway).
inline constexpr std::size_t kMaxInputBytes = 16 * kMiB;
// Nesting allowed in decoded JSON and XML, and in tables walked by helpers.
inline constexpr int kMaxDepth = 256;

// Pushes nil and `message`; returns 2 (the `nil, err` convention of every helper).
int push_failure(lua_State* L, std::string_view message);
// nil, "<what>: input is <size> bytes, more than the <limit>-byte limit"; returns 2.
int push_oversized(lua_State* L, const char* what, std::size_t size, std::size_t limit);

// The string argument `arg`; numbers are accepted and converted, anything else raises.
std::string_view check_text(lua_State* L, int arg);
// Like check_text, but nil/none gives `fallback`.
std::string_view opt_text(lua_State* L, int arg, std::string_view fallback);

inline void push_view(lua_State* L, std::string_view s) {
    lua_pushlstring(L, s.data(), s.size());
}

// Fields of a table at the top of the stack that the module itself created (no metatable).
void set_string(lua_State* L, const char* key, std::string_view value);
void set_integer(lua_State* L, const char* key, lua_Integer value);
void set_boolean(lua_State* L, const char* key, bool value);

// Pushes t[key] for the table at `table` without metamethods; returns the value's type.
int raw_field(lua_State* L, int table, const char* key);

// Creates the module table from `functions` (ends with {nullptr, nullptr}).
void new_module(lua_State* L, const luaL_Reg* functions);

namespace detail {
template <class T>
int destroy_box(lua_State* L) {
    static_cast<T*>(lua_touserdata(L, 1))->~T();
    return 0;
}
}  // namespace detail

// Pushes a userdata holding a value-initialised T and returns it. The object lives until the
// collector takes the userdata (so until the C function returns, while it stays on the stack).
template <class T>
T& push_box(lua_State* L) {
    static_assert(std::is_nothrow_default_constructible_v<T>,
                  "a box is constructed between Lua calls and must not throw");
    static const char metatable_key = 0;  // one per T: its address names the metatable
    void* memory = lua_newuserdatauv(L, sizeof(T), 0);
    // stack: box
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &metatable_key) == LUA_TNIL) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 2);
        lua_pushcfunction(L, detail::destroy_box<T>);
        lua_setfield(L, -2, "__gc");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &metatable_key);
    }
    // stack: box, metatable. Nothing between construction and lua_setmetatable can raise, so a
    // constructed T always gets its __gc.
    T* object = new (memory) T();
    lua_setmetatable(L, -2);
    return *object;
}

// Wraps a module function so a C++ exception (std::bad_alloc from a parser, say) becomes a
// Lua error instead of unwinding through Lua's C frames.
// A refusal of native memory during the call (memory_budget.h) raises Lua's memory error even
// when the function caught it and meant to return `nil, err`: past the limit, the whole call
// ends, as it does when Lua's own allocator is refused for good.
template <lua_CFunction F>
int guarded(lua_State* L) {
    char message[160];
    std::size_t refusals = memory_budget::native_refusals();
    try {
        int results = F(L);
        if (memory_budget::native_refusals() == refusals) {
            return results;
        }
        std::snprintf(message, sizeof message, "not enough memory (the plugin's memory limit)");
    } catch (const std::bad_alloc&) {
        std::snprintf(message, sizeof message, "not enough memory (the plugin's memory limit)");
    } catch (const std::exception& e) {
        std::snprintf(message, sizeof message, "internal error: %s", e.what());
    }
    // Raised outside the handler, so no exception object is alive when the longjmp happens.
    return luaL_error(L, "%s", message);
}

}  // namespace gigscout::plugin_modules
