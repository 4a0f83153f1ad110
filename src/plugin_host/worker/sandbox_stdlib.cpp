// The standard library a plugin sees, built by construction (docs/plugin-api.md, "What a
// plugin can use"). Every wrapper below exists for a finding in /work/shared/SECURITY-NOTES.md;
// none of them may hold a C++ object with a destructor across a call that can raise a Lua
// error (liblua5.4 is C: errors are longjmps).
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "plugin_host/modules/host_modules.h"
#include "plugin_host/modules/lua_patterns.h"
#include "plugin_host/worker/common_module.h"
#include "plugin_host/worker/log_module.h"
#include "plugin_host/worker/sandbox.h"

namespace gigscout::worker {
namespace {

constexpr const char* kModulesCacheKey = "gigscout.modules";

lua_CFunction original(lua_State* L) {
    return lua_tocfunction(L, lua_upvalueindex(1));
}

// A kill (time or memory) must end the whole call: re-raise it instead of returning false.
// `refusals_before` is Sandbox::refusals() when the protected call started.
void rethrow_if_killed(lua_State* L, int status, std::size_t refusals_before) {
    Sandbox& sb = Sandbox::of(L);
    if (is_memory_error(L, status, refusals_before)) {
        sb.set_kill(Kill::Memory);
    }
    if (sb.kill() != Kill::None) {
        lua_error(L);  // the error object is on top
    }
}

// --- base library ------------------------------------------------------------------------

int safe_pcall(lua_State* L) {
    luaL_checkany(L, 1);
    std::size_t refusals = Sandbox::of(L).refusals();
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    rethrow_if_killed(L, status, refusals);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);  // true, results... | false, error
}

// The handler runs after the stack has unwound, as an ordinary call under the hook: Lua would
// run it inside the erroring context, where a hook-raised error leaves it unkillable.
int safe_xpcall(lua_State* L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1);  // stack: f, h, args..., f
    lua_copy(L, 2, 1);    // stack: h, h, args..., f
    lua_replace(L, 2);    // stack: h, f, args...
    std::size_t refusals = Sandbox::of(L).refusals();
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 0);
    rethrow_if_killed(L, status, refusals);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1);  // stack: true, results...
        return lua_gettop(L);
    }
    // stack: h, err
    lua_pushvalue(L, 1);
    lua_insert(L, -2);  // stack: h, h, err
    refusals = Sandbox::of(L).refusals();
    status = lua_pcall(L, 1, 1, 0);
    rethrow_if_killed(L, status, refusals);
    lua_pushboolean(L, 0);
    lua_replace(L, 1);  // stack: false, handler result (or its error)
    return 2;
}

// Text chunks only, and always: a binary chunk can crash the VM.
int safe_load(lua_State* L) {
    if (lua_type(L, 1) != LUA_TSTRING) {
        return luaL_error(L, "load: only a string chunk is accepted (no reader functions)");
    }
    std::size_t len = 0;
    const char* text = lua_tolstring(L, 1, &len);
    const char* name = luaL_optstring(L, 2, "=(load)");
    const char* mode = luaL_optstring(L, 3, "t");
    if (std::strchr(mode, 't') == nullptr) {
        return luaL_error(L, "load: binary chunks are not allowed (mode must be \"t\")");
    }
    if (len > 0 && text[0] == LUA_SIGNATURE[0]) {
        lua_pushnil(L);
        lua_pushliteral(L, "binary chunks are not allowed");
        return 2;
    }
    bool has_env = !lua_isnone(L, 4);
    std::size_t refusals = Sandbox::of(L).refusals();
    int status = luaL_loadbufferx(L, text, len, name, "t");
    if (status != LUA_OK) {
        rethrow_if_killed(L, status, refusals);
    }
    if (status != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);  // stack: ..., nil, message
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (lua_setupvalue(L, -2, 1) == nullptr) {
            lua_pop(L, 1);
        }
    }
    return 1;
}

int safe_tostring(lua_State* L) {
    luaL_checkany(L, 1);
    push_display_string(L, 1);
    return 1;
}

int safe_print(lua_State* L) {
    return log_arguments(L, "info");
}

int safe_collectgarbage(lua_State* L) {
    const char* option = luaL_optstring(L, 1, "collect");
    if (std::strcmp(option, "count") != 0) {
        return luaL_error(L, "collectgarbage: only \"count\" is available to plugins");
    }
    int kb = lua_gc(L, LUA_GCCOUNT, 0);
    int bytes = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, static_cast<lua_Number>(kb) + static_cast<lua_Number>(bytes) / 1024.0);
    return 1;
}

// Finalizers would run when the state closes, after the call: refused.
int safe_setmetatable(lua_State* L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL) {
            return luaL_error(L, "setmetatable: __gc metamethods are not available to plugins");
        }
        lua_pop(L, 1);
    }
    return original(L)(L);
}

const std::string& module_list_text() {
    static const std::string text = [] {
        std::string s;
        for (const auto& n : module_names()) {
            s += (s.empty() ? "" : ", ") + n;
        }
        return s;
    }();
    return text;
}

lua_CFunction find_module(const char* name) {
    for (const auto& m : plugin_modules::host_modules()) {
        if (std::strcmp(m.name, name) == 0) {
            return m.open;
        }
    }
    if (std::strcmp(name, "log") == 0) {
        return &open_log_module;
    }
    if (std::strcmp(name, "common") == 0) {
        return &open_common_module;
    }
    return nullptr;
}

// The host's modules only; each opened once per state and cached.
int safe_require(lua_State* L) {
    const char* name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, kModulesCacheKey);  // stack: name, cache
    if (lua_getfield(L, 2, name) != LUA_TNIL) {
        return 1;
    }
    lua_pop(L, 1);
    lua_CFunction open = find_module(name);
    if (open == nullptr) {
        const std::string& list = module_list_text();
        return luaL_error(L, "require: no module '%s' (plugins can require only: %s)", name,
                          list.c_str());
    }
    lua_pushcfunction(L, open);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);  // stack: name, cache, module
    lua_pushvalue(L, 3);
    lua_setfield(L, 2, name);
    // Also in the registry's _LOADED, where lauxlib looks up a C function's name when the call
    // site gives none (pcall(json.decode)): "bad argument #1 to 'json.decode'", not '?'.
    // Plugins cannot reach the registry.
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);  // stack: name, cache, module, loaded
    lua_pushvalue(L, 3);
    lua_setfield(L, 4, name);
    lua_settop(L, 3);
    return 1;
}

// --- string library: patterns ------------------------------------------------------------

// The index just past the set that starts at p[i] == '[' (the first character after [ or [^ is
// literal, even ']'); len when the set is unterminated (the matcher reports that).
std::size_t skip_set(const char* p, std::size_t len, std::size_t i) {
    ++i;
    if (i < len && p[i] == '^') {
        ++i;
    }
    do {
        if (i >= len) {
            return len;
        }
        i += p[i] == '%' ? 2 : 1;
    } while (i < len && p[i] != ']');
    return i + 1;
}

// Counts the items of a Lua pattern that can match a variable length (x*, x+, x-, x?, %bxy):
// each one multiplies the backtracking a failing match can do.
std::size_t variable_items(const char* p, std::size_t len) {
    std::size_t i = 0, count = 0;
    if (len > 0 && p[0] == '^') {
        ++i;
    }
    while (i < len) {
        char c = p[i];
        if (c == '(' || c == ')') {
            ++i;
            continue;
        }
        if (c == '%' && i + 1 < len && p[i + 1] == 'b') {
            ++count;
            i += 4;
            continue;
        }
        if (c == '%' && i + 1 < len && p[i + 1] == 'f') {  // frontier: a set, no quantifier
            i = i + 2 < len && p[i + 2] == '[' ? skip_set(p, len, i + 2) : len;
            continue;
        }
        if (c == '[') {
            i = skip_set(p, len, i);
        } else {
            i += c == '%' ? 2 : 1;
        }
        if (i < len && (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?')) {
            ++count;
            ++i;
        }
    }
    return count;
}

bool has_specials(const char* p, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) {
        if (std::memchr("^$*+?.([%-", p[i], 10) != nullptr) {
            return true;
        }
    }
    return false;
}

enum class FastPath { None, Find, Match, Gsub };

// One C call of the pattern matcher cannot be stopped by the hook (SECURITY-NOTES 1.4): refuse
// the shapes that backtrack for long. The host's kill at the deadline is the backstop. Patterns
// that passed and are a plain run of single-character items are matched by lua_patterns.h,
// which gives the same results several times faster.
int guard_pattern(lua_State* L, const char* function, bool has_plain_flag, FastPath fast) {
    std::size_t subject_len = 0, pattern_len = 0;
    luaL_checklstring(L, 1, &subject_len);
    const char* pattern = luaL_checklstring(L, 2, &pattern_len);
    bool plain = has_plain_flag && lua_toboolean(L, 4);
    if (!plain && has_specials(pattern, pattern_len)) {
        const PluginLimits& limits = Sandbox::of(L).limits();
        std::size_t items = variable_items(pattern, pattern_len);
        if (items > limits.max_pattern_variable_items) {
            return luaL_error(L,
                              "string.%s: the pattern has %d variable-length items (*, +, -, ?, "
                              "%%b); at most %d are allowed",
                              function, static_cast<int>(items),
                              static_cast<int>(limits.max_pattern_variable_items));
        }
        // Each further item divides the subject a pattern may scan by 16.
        std::size_t max_subject = limits.max_pattern_subject_bytes;
        for (std::size_t k = 1; k < items; ++k) {
            max_subject /= 16;
        }
        if (items > 0 && subject_len > max_subject) {
            return luaL_error(
                L,
                "string.%s: a pattern with %d variable-length item(s) may scan at "
                "most %d bytes, the text has %d (cut the text first, or use the "
                "json, xml, feed or html module)",
                function, static_cast<int>(items), static_cast<int>(max_subject),
                static_cast<int>(subject_len > 0x7fffffff ? 0x7fffffff : subject_len));
        }
        int results = -1;
        if (items == 0 && fast != FastPath::None) {
            results = fast == FastPath::Gsub ? plugin_modules::fast_gsub(L)
                                             : plugin_modules::fast_find(L, fast == FastPath::Find);
        }
        if (results >= 0) {
            return results;
        }
    }
    return original(L)(L);
}

int guarded_find(lua_State* L) {
    return guard_pattern(L, "find", true, FastPath::Find);
}
int guarded_match(lua_State* L) {
    return guard_pattern(L, "match", false, FastPath::Match);
}
int guarded_gmatch(lua_State* L) {
    return guard_pattern(L, "gmatch", false, FastPath::None);
}
int guarded_gsub(lua_State* L) {
    return guard_pattern(L, "gsub", false, FastPath::Gsub);
}

// string.rep("", 1e15) loops in C without allocating; anything larger than the memory cap
// would fail anyway.
int guarded_rep(lua_State* L) {
    std::size_t len = 0, sep_len = 0;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &sep_len);
    if (n <= 0 || len + sep_len == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    const double total = static_cast<double>(len) * static_cast<double>(n) +
                         static_cast<double>(sep_len) * static_cast<double>(n - 1);
    if (total > static_cast<double>(Sandbox::of(L).limits().memory_bytes)) {
        char text[120];  // lua_pushfstring has no %.0f
        std::snprintf(text, sizeof text,
                      "string.rep: the result (%.0f bytes) is larger than the memory limit", total);
        return luaL_error(L, "%s", text);
    }
    return original(L)(L);
}

// %p would show host addresses.
int guarded_format(lua_State* L) {
    std::size_t len = 0;
    const char* f = luaL_checklstring(L, 1, &len);
    for (std::size_t i = 0; i + 1 < len; ++i) {
        if (f[i] != '%') {
            continue;
        }
        std::size_t j = i + 1;
        while (j < len && std::strchr("-+ #0123456789.", f[j]) != nullptr) {
            ++j;
        }
        if (j < len && f[j] == 'p') {
            return luaL_error(L, "string.format: %%p is not available to plugins");
        }
        i = j;
    }
    return original(L)(L);
}

// --- table library -------------------------------------------------------------------------

// With a metatable, table.insert/remove/sort/... use __len and __index, and a C __index (for
// example rawlen) lets them loop 2^31 times in C with no hook: plain tables only.
int guard_table_args(lua_State* L, const char* function, int a, int b) {
    for (int idx : {a, b}) {
        if (idx > 0 && lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
            return luaL_error(L, "table.%s: tables with metatables are not accepted", function);
        }
    }
    return original(L)(L);
}

int guarded_insert(lua_State* L) {
    return guard_table_args(L, "insert", 1, 0);
}
int guarded_remove(lua_State* L) {
    return guard_table_args(L, "remove", 1, 0);
}
int guarded_sort(lua_State* L) {
    return guard_table_args(L, "sort", 1, 0);
}
int guarded_concat(lua_State* L) {
    return guard_table_args(L, "concat", 1, 0);
}
int guarded_unpack(lua_State* L) {
    return guard_table_args(L, "unpack", 1, 0);
}

// table.move(a, 1, 1e15, 2) moves nils in C for ever without allocating.
int guarded_move(lua_State* L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    constexpr lua_Unsigned kMaxMove = lua_Unsigned{1} << 24;
    if (e >= f && static_cast<lua_Unsigned>(e) - static_cast<lua_Unsigned>(f) >= kMaxMove) {
        return luaL_error(L, "table.move: at most %d elements at a time",
                          static_cast<int>(kMaxMove));
    }
    return guard_table_args(L, "move", 1, lua_isnoneornil(L, 5) ? 0 : 5);
}

// Replaces table[name] (at index t) with `wrapper`, which gets the original as upvalue 1.
void wrap(lua_State* L, int t, const char* name, lua_CFunction wrapper) {
    lua_getfield(L, t, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setfield(L, t, name);
}

void set(lua_State* L, int t, const char* name, lua_CFunction f) {
    if (f == nullptr) {
        lua_pushnil(L);
    } else {
        lua_pushcfunction(L, f);
    }
    lua_setfield(L, t, name);
}

}  // namespace

std::vector<std::string> module_names() {
    std::vector<std::string> names;
    for (const auto& m : plugin_modules::host_modules()) {
        names.emplace_back(m.name);
    }
    names.emplace_back("log");
    names.emplace_back("common");
    return names;
}

int open_sandbox_stdlib(lua_State* L) {
    // Never luaL_openlibs: io, os, package and debug are not even opened.
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L, 0);

    lua_pushglobaltable(L);  // stack: _G
    set(L, 1, "dofile", nullptr);
    set(L, 1, "loadfile", nullptr);
    set(L, 1, "warn", nullptr);
    set(L, 1, "load", safe_load);
    set(L, 1, "pcall", safe_pcall);
    set(L, 1, "xpcall", safe_xpcall);
    set(L, 1, "tostring", safe_tostring);
    set(L, 1, "print", safe_print);
    set(L, 1, "collectgarbage", safe_collectgarbage);
    set(L, 1, "require", safe_require);
    wrap(L, 1, "setmetatable", safe_setmetatable);

    lua_getfield(L, 1, LUA_STRLIBNAME);  // stack: _G, string
    set(L, 2, "dump", nullptr);
    wrap(L, 2, "find", guarded_find);
    wrap(L, 2, "match", guarded_match);
    wrap(L, 2, "gmatch", guarded_gmatch);
    wrap(L, 2, "gsub", guarded_gsub);
    wrap(L, 2, "rep", guarded_rep);
    wrap(L, 2, "format", guarded_format);
    // Strings share one metatable whose __index is this (now sanitized) table; lock it so
    // getmetatable("") returns false and it cannot be reached or replaced.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);  // stack: _G, string, "", mt
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, 2);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 3);  // stack: _G

    lua_getfield(L, 1, LUA_TABLIBNAME);  // stack: _G, table
    wrap(L, 2, "insert", guarded_insert);
    wrap(L, 2, "remove", guarded_remove);
    wrap(L, 2, "sort", guarded_sort);
    wrap(L, 2, "concat", guarded_concat);
    wrap(L, 2, "unpack", guarded_unpack);
    wrap(L, 2, "move", guarded_move);
    lua_pop(L, 2);

    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kModulesCacheKey);
    return 0;
}

}  // namespace gigscout::worker
