// `money`: budgets and pay as platforms print them, to {kind, period, min, max, currency}.
#include <cmath>
#include <optional>
#include <string>

#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"
#include "plugin_host/modules/money_parse.h"

namespace gigscout::plugin_modules {
namespace {

struct MoneyBox {
    std::optional<Result<moneyparse::ParsedMoney>> result;
    std::optional<std::string> code;
};

// Whole amounts become Lua integers, so 25 prints as "25" rather than "25.0".
void set_amount(lua_State* L, const char* key, const std::optional<double>& value) {
    if (!value) {
        return;
    }
    double v = *value;
    if (v == std::floor(v) && std::fabs(v) < 9e15) {
        lua_pushinteger(L, static_cast<lua_Integer>(v));
    } else {
        lua_pushnumber(L, v);
    }
    lua_setfield(L, -2, key);
}

int money_parse(lua_State* L) {
    std::string_view text = check_text(L, 1);
    auto& box = push_box<MoneyBox>(L);
    box.result.emplace(moneyparse::parse(text));
    if (!box.result->ok()) {
        lua_pushnil(L);
        lua_pushfstring(L, "money: %s", box.result->error().message.c_str());
        return 2;
    }
    const moneyparse::ParsedMoney& m = box.result->value();
    lua_createtable(L, 0, 5);
    if (m.kind) {
        set_string(L, "kind", *m.kind);
    }
    if (m.period) {
        set_string(L, "period", *m.period);
    }
    set_amount(L, "min", m.min);
    set_amount(L, "max", m.max);
    if (m.currency) {
        set_string(L, "currency", *m.currency);
    }
    return 1;
}

int money_currency_code(lua_State* L) {
    std::string_view text = check_text(L, 1);
    if (text.size() > 64) {
        return push_oversized(L, "money.currency_code", text.size(), 64);
    }
    auto& box = push_box<MoneyBox>(L);
    box.code = moneyparse::currency_code(text);
    if (!box.code) {
        lua_pushnil(L);
        lua_pushliteral(L, "money: unknown currency symbol or code \"");
        push_view(L, text);
        lua_pushliteral(L, "\"");
        lua_concat(L, 3);
        return 2;
    }
    push_view(L, *box.code);
    return 1;
}

const luaL_Reg kMoneyFunctions[] = {
    {"parse", guarded<money_parse>},
    {"currency_code", guarded<money_currency_code>},
    {nullptr, nullptr},
};

}  // namespace

int open_money_module(lua_State* L) {
    new_module(L, kMoneyFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
