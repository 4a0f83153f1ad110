#include "fuzz/fuzz_lua.h"
#include <cstdio>
#include <cstdlib>
#include "plugin_host/modules/host_modules.h"

namespace gigscout::fuzz {

LuaHarness::LuaHarness(const char* script) : L_(luaL_newstate()) {
    if (L_ == nullptr) {
        std::fprintf(stderr, "fuzz: cannot create a Lua state\n");
        std::abort();
    }
    luaL_requiref(L_, "_G", luaopen_base, 1);
    luaL_requiref(L_, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L_, LUA_TABLIBNAME, luaopen_table, 1);
    lua_settop(L_, 0);
    for (const auto& module : plugin_modules::host_modules()) {
        luaL_requiref(L_, module.name, module.open, 1);
        lua_settop(L_, 0);
    }
    if (luaL_loadstring(L_, script) != LUA_OK) {
        std::fprintf(stderr, "fuzz: harness script: %s\n", lua_tostring(L_, -1));
        std::abort();
    }
    script_ref_ = luaL_ref(L_, LUA_REGISTRYINDEX);
}

LuaHarness::~LuaHarness() {
    lua_close(L_);
}

lua_State* LuaHarness::run(std::string_view input) {
    lua_settop(L_, 0);
    // Garbage from earlier inputs would otherwise count against the next input's memory.
    if (++runs_ % 64 == 0) {
        lua_gc(L_, LUA_GCCOLLECT);
    }
    lua_rawgeti(L_, LUA_REGISTRYINDEX, script_ref_);
    lua_pushlstring(L_, input.data(), input.size());
    if (lua_pcall(L_, 1, LUA_MULTRET, 0) != LUA_OK) {
        // The scripts wrap every module call in pcall: reaching here is a harness bug, or a
        // module raising an error pcall could not catch (memory errors included).
        const char* message = lua_tostring(L_, -1);
        std::fprintf(stderr, "fuzz: uncaught Lua error: %s\n",
                     message ? message : "(not a string)");
        std::abort();
    }
    return L_;
}

}  // namespace gigscout::fuzz
