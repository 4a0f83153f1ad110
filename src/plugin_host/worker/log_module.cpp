#include "plugin_host/worker/log_module.h"

#include <algorithm>
#include <string_view>

#include "plugin_host/worker/sandbox.h"

namespace gigscout::worker {
namespace {

int log_info(lua_State* L) {
    return log_arguments(L, "info");
}
int log_warn(lua_State* L) {
    return log_arguments(L, "warn");
}
int log_error(lua_State* L) {
    return log_arguments(L, "error");
}

// The registration table: every function here needs a "### `log.NAME(...)`" entry in
// docs/plugin-api.md (tests/plugin_host/plugin_api_doc_test.cpp checks).
const luaL_Reg kLogFunctions[] = {
    {"info", log_info},
    {"warn", log_warn},
    {"error", log_error},
    {nullptr, nullptr},
};

}  // namespace

int open_log_module(lua_State* L) {
    luaL_newlib(L, kLogFunctions);
    return 1;
}

void push_display_string(lua_State* L, int idx) {
    idx = lua_absindex(L, idx);
    if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        luaL_tolstring(L, idx, nullptr);  // runs the plugin's __tostring, under the hook
        return;
    }
    int t = lua_type(L, idx);
    switch (t) {
        case LUA_TNUMBER:
        case LUA_TSTRING:
        case LUA_TBOOLEAN:
        case LUA_TNIL:
            luaL_tolstring(L, idx, nullptr);
            return;
        default:
            // luaL_tolstring would print "table: 0x55d0..." (a host address) or a __name.
            lua_pushstring(L, lua_typename(L, t));
            return;
    }
}

int log_arguments(lua_State* L, const char* level) {
    int n = lua_gettop(L);
    luaL_checkstack(L, 2 * n + 1, "too many arguments to log");
    for (int i = 1; i <= n; ++i) {
        push_display_string(L, i);
        lua_replace(L, i);
    }
    for (int i = 1; i <= n; ++i) {
        lua_pushvalue(L, i);
        if (i < n) {
            lua_pushliteral(L, " ");
        }
    }
    lua_concat(L, n == 0 ? 0 : 2 * n - 1);  // with 0 pushes ""
    std::size_t len = 0;
    const char* s = lua_tolstring(L, -1, &len);
    Sandbox& sb = Sandbox::of(L);
    bool failed = false;
    {
        // No Lua error may cross this block (it would skip C++ destructors).
        try {
            sb.add_log(level,
                       std::string_view(s, std::min(len, sb.limits().max_log_message_bytes + 8)));
        } catch (...) {
            failed = true;
        }
    }
    if (failed) {
        return luaL_error(L, "log: out of memory");
    }
    return 0;
}

}  // namespace gigscout::worker
