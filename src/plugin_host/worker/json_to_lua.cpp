#include "plugin_host/worker/json_to_lua.h"

namespace gigscout::worker {
namespace {

void push(lua_State* L, const rapidjson::Value& v) {
    luaL_checkstack(L, 4, "context nested too deeply");
    switch (v.GetType()) {
        case rapidjson::kNullType:
            lua_pushnil(L);
            return;
        case rapidjson::kFalseType:
        case rapidjson::kTrueType:
            lua_pushboolean(L, v.GetBool());
            return;
        case rapidjson::kNumberType:
            if (v.IsInt64()) {
                lua_pushinteger(L, v.GetInt64());
            } else {
                lua_pushnumber(L, v.GetDouble());
            }
            return;
        case rapidjson::kStringType:
            lua_pushlstring(L, v.GetString(), v.GetStringLength());
            return;
        case rapidjson::kArrayType:
            lua_createtable(L, static_cast<int>(v.Size()), 0);
            for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
                push(L, v[i]);
                lua_rawseti(L, -2, static_cast<lua_Integer>(i) + 1);
            }
            return;
        case rapidjson::kObjectType:
            lua_createtable(L, 0, static_cast<int>(v.MemberCount()));
            for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
                lua_pushlstring(L, it->name.GetString(), it->name.GetStringLength());
                push(L, it->value);
                lua_rawset(L, -3);
            }
            return;
    }
}

}  // namespace

int push_json_value(lua_State* L) {
    const auto* v = static_cast<const rapidjson::Value*>(lua_touserdata(L, 1));
    push(L, *v);
    return 1;
}

int push_response(lua_State* L) {
    const auto* args = static_cast<const ResponseArgs*>(lua_touserdata(L, 1));
    lua_createtable(L, 0, 4);
    for (auto it = args->meta->MemberBegin(); it != args->meta->MemberEnd(); ++it) {
        lua_pushlstring(L, it->name.GetString(), it->name.GetStringLength());
        push(L, it->value);
        lua_rawset(L, -3);
    }
    lua_pushlstring(L, args->body, args->body_size);
    lua_setfield(L, -2, "body");
    return 1;
}

}  // namespace gigscout::worker
