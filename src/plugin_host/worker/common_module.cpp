#include "plugin_host/worker/common_module.h"

#include <cstring>

namespace gigscout::worker {

extern const char kCommonLua[];  // common_lua.cpp, generated from common.lua

int open_common_module(lua_State* L) {
    if (luaL_loadbufferx(L, kCommonLua, std::strlen(kCommonLua), "=common", "t") != LUA_OK) {
        return lua_error(L);  // a build defect: tests load every module
    }
    lua_call(L, 0, 1);
    return 1;
}

}  // namespace gigscout::worker
