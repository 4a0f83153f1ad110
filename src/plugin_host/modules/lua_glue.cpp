#include "plugin_host/modules/lua_glue.h"

namespace gigscout::plugin_modules {

int push_failure(lua_State* L, std::string_view message) {
    lua_pushnil(L);
    push_view(L, message);
    return 2;
}

int push_oversized(lua_State* L, const char* what, std::size_t size, std::size_t limit) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: input is %I bytes, more than the %I-byte limit", what,
                    static_cast<lua_Integer>(size), static_cast<lua_Integer>(limit));
    return 2;
}

std::string_view check_text(lua_State* L, int arg) {
    std::size_t size = 0;
    const char* data = luaL_checklstring(L, arg, &size);
    return {data, size};
}

std::string_view opt_text(lua_State* L, int arg, std::string_view fallback) {
    if (lua_isnoneornil(L, arg)) {
        return fallback;
    }
    return check_text(L, arg);
}

void set_string(lua_State* L, const char* key, std::string_view value) {
    push_view(L, value);
    lua_setfield(L, -2, key);
}

void set_integer(lua_State* L, const char* key, lua_Integer value) {
    lua_pushinteger(L, value);
    lua_setfield(L, -2, key);
}

void set_boolean(lua_State* L, const char* key, bool value) {
    lua_pushboolean(L, value ? 1 : 0);
    lua_setfield(L, -2, key);
}

int raw_field(lua_State* L, int table, const char* key) {
    table = lua_absindex(L, table);
    lua_pushstring(L, key);
    return lua_rawget(L, table);
}

void new_module(lua_State* L, const luaL_Reg* functions) {
    int count = 0;
    for (const luaL_Reg* f = functions; f->name != nullptr; ++f) {
        ++count;
    }
    lua_createtable(L, 0, count);
    luaL_setfuncs(L, functions, 0);
}

}  // namespace gigscout::plugin_modules
