// `json`: decode and encode JSON, with json.null for JSON's null.
#include "plugin_host/modules/json_lua.h"
#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"

namespace gigscout::plugin_modules {
namespace {

int json_decode(lua_State* L) {
    std::string_view text = check_text(L, 1);
    if (!push_json_decoded(L, text)) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    return 1;
}

int json_encode(lua_State* L) {
    luaL_checkany(L, 1);
    if (!push_json_encoded(L, 1)) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    return 1;
}

const luaL_Reg kJsonFunctions[] = {
    {"decode", guarded<json_decode>},
    {"encode", guarded<json_encode>},
    {nullptr, nullptr},
};

}  // namespace

int open_json_module(lua_State* L) {
    new_module(L, kJsonFunctions);
    push_json_null(L);
    lua_setfield(L, -2, "null");
    return 1;
}

}  // namespace gigscout::plugin_modules
