// `time`: dates as platforms print them, to UTC epoch seconds, and back to RFC 3339.
#include <cmath>
#include <optional>
#include <string>

#include "base/iso_time.h"
#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"
#include "plugin_host/modules/time_parse.h"

namespace gigscout::plugin_modules {
namespace {

struct TimeBox {
    std::optional<Result<std::int64_t>> result;
};

int time_parse(lua_State* L) {
    int type = lua_type(L, 1);
    luaL_argexpected(L, type == LUA_TSTRING || type == LUA_TNUMBER, 1, "string or number");
    std::int64_t now = 0;
    if (lua_isnoneornil(L, 2)) {
        now = now_epoch_seconds();
    } else {
        now = luaL_checkinteger(L, 2);
    }
    auto& box = push_box<TimeBox>(L);
    if (type == LUA_TNUMBER) {
        box.result.emplace(timeparse::from_number(lua_tonumber(L, 1)));
    } else {
        std::size_t size = 0;
        const char* data = lua_tolstring(L, 1, &size);
        box.result.emplace(timeparse::parse(std::string_view(data, size), now));
    }
    if (!box.result->ok()) {
        lua_pushnil(L);
        lua_pushfstring(L, "time: %s", box.result->error().message.c_str());
        return 2;
    }
    lua_pushinteger(L, box.result->value());
    return 1;
}

int time_now(lua_State* L) {
    lua_pushinteger(L, now_epoch_seconds());
    return 1;
}

int time_format(lua_State* L) {
    lua_Number value = luaL_checknumber(L, 1);
    if (!std::isfinite(value) || value < 0 || value > 9.9e15 ||
        !timeparse::in_range(static_cast<std::int64_t>(std::floor(value)))) {
        return push_failure(L, "time.format: the value is outside 1970-2100");
    }
    auto& out = push_box<std::string>(L);
    out = format_iso8601(static_cast<std::int64_t>(std::floor(value)));
    push_view(L, out);
    return 1;
}

const luaL_Reg kTimeFunctions[] = {
    {"parse", guarded<time_parse>},
    {"now", guarded<time_now>},
    {"format", guarded<time_format>},
    {nullptr, nullptr},
};

}  // namespace

int open_time_module(lua_State* L) {
    new_module(L, kTimeFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
