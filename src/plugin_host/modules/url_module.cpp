// `url`: percent-encoding, query strings, RFC 3986 resolution and splitting.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"
#include "plugin_host/modules/url_parts.h"

namespace gigscout::plugin_modules {
namespace {

int url_encode(lua_State* L) {
    std::string_view s = check_text(L, 1);
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, "url.encode", s.size(), kMaxInputBytes);
    }
    auto& out = push_box<std::string>(L);
    out = url::percent_encode(s);
    push_view(L, out);
    return 1;
}

int url_decode(lua_State* L) {
    std::string_view s = check_text(L, 1);
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, "url.decode", s.size(), kMaxInputBytes);
    }
    auto& out = push_box<std::string>(L);
    out = url::percent_decode(s);
    push_view(L, out);
    return 1;
}

struct QueryBox {
    std::vector<std::pair<std::string, std::string>> pairs;
    std::string out;
};

// Appends the scalar at `index` as the value of `key`; raises on other types (misuse).
void add_query_value(lua_State* L, QueryBox& box, std::string_view key, int index) {
    char number[64];
    switch (lua_type(L, index)) {
        case LUA_TSTRING: {
            std::size_t size = 0;
            const char* data = lua_tolstring(L, index, &size);
            box.pairs.emplace_back(key, std::string_view(data, size));
            return;
        }
        case LUA_TNUMBER:
            if (lua_isinteger(L, index)) {
                std::snprintf(number, sizeof number, "%lld",
                              static_cast<long long>(lua_tointeger(L, index)));
            } else {
                std::snprintf(number, sizeof number, "%.14g", lua_tonumber(L, index));
            }
            box.pairs.emplace_back(key, number);
            return;
        case LUA_TBOOLEAN:
            box.pairs.emplace_back(key, lua_toboolean(L, index) ? "true" : "false");
            return;
        default:
            luaL_error(L,
                       "url.query: value of `%s` is a %s; expected a string, number, boolean "
                       "or a list of them",
                       lua_tostring(L, -2), luaL_typename(L, index));
    }
}

int url_query(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    auto& box = push_box<QueryBox>(L);
    luaL_checkstack(L, 4, "url.query");
    lua_pushnil(L);
    // stack: t, box, key
    while (lua_next(L, 1) != 0) {
        // stack: t, box, key, value
        if (lua_type(L, -2) != LUA_TSTRING) {
            return luaL_error(L, "url.query: keys must be strings, got a %s", luaL_typename(L, -2));
        }
        std::size_t key_size = 0;
        const char* key_data = lua_tolstring(L, -2, &key_size);
        std::string_view key(key_data, key_size);
        if (lua_type(L, -1) == LUA_TTABLE) {
            for (lua_Integer i = 1;; ++i) {
                if (lua_rawgeti(L, -1, i) == LUA_TNIL) {
                    lua_pop(L, 1);
                    break;
                }
                // stack: t, box, key, list, item
                if (lua_type(L, -1) == LUA_TTABLE) {
                    return luaL_error(L, "url.query: list for `%s` holds a table", key_data);
                }
                lua_pushvalue(L, -3);  // the key, where add_query_value's message expects it
                lua_insert(L, -2);
                add_query_value(L, box, key, -1);
                lua_pop(L, 2);
            }
        } else {
            add_query_value(L, box, key, -1);
        }
        lua_pop(L, 1);
    }
    std::stable_sort(box.pairs.begin(), box.pairs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, value] : box.pairs) {
        if (!box.out.empty()) {
            box.out += '&';
        }
        box.out += url::percent_encode(key);
        box.out += '=';
        box.out += url::percent_encode(value);
        if (box.out.size() > kMaxInputBytes) {
            return push_failure(L, "url.query: the query string would be larger than 16 MiB");
        }
    }
    push_view(L, box.out);
    return 1;
}

struct ResolveBox {
    std::optional<Result<std::string>> result;
};

int url_resolve(lua_State* L) {
    std::string_view base = check_text(L, 1);
    std::string_view reference = check_text(L, 2);
    auto& box = push_box<ResolveBox>(L);
    box.result.emplace(url::resolve(base, reference));
    if (!box.result->ok()) {
        lua_pushnil(L);
        lua_pushfstring(L, "url.resolve: %s", box.result->error().message.c_str());
        return 2;
    }
    push_view(L, box.result->value());
    return 1;
}

struct ParseBox {
    std::optional<Result<url::UrlParts>> result;
};

void set_optional(lua_State* L, const char* key, const std::optional<std::string>& value) {
    if (value) {
        set_string(L, key, *value);
    }
}

int url_parse(lua_State* L) {
    std::string_view text = check_text(L, 1);
    auto& box = push_box<ParseBox>(L);
    box.result.emplace(url::parse(text));
    if (!box.result->ok()) {
        lua_pushnil(L);
        lua_pushfstring(L, "url.parse: %s", box.result->error().message.c_str());
        return 2;
    }
    const url::UrlParts& parts = box.result->value();
    lua_createtable(L, 0, 7);
    set_optional(L, "scheme", parts.scheme);
    set_optional(L, "userinfo", parts.userinfo);
    set_optional(L, "host", parts.host);
    if (parts.port) {
        set_integer(L, "port", *parts.port);
    }
    set_string(L, "path", parts.path);
    set_optional(L, "query", parts.query);
    set_optional(L, "fragment", parts.fragment);
    return 1;
}

int url_host(lua_State* L) {
    std::string_view text = check_text(L, 1);
    auto& box = push_box<ParseBox>(L);
    box.result.emplace(url::parse(text));
    if (!box.result->ok()) {
        lua_pushnil(L);
        lua_pushfstring(L, "url.host: %s", box.result->error().message.c_str());
        return 2;
    }
    const url::UrlParts& parts = box.result->value();
    if (!parts.host || parts.host->empty()) {
        return push_failure(L, "url.host: the URL has no host");
    }
    push_view(L, *parts.host);
    return 1;
}

const luaL_Reg kUrlFunctions[] = {
    {"encode", guarded<url_encode>},
    {"decode", guarded<url_decode>},
    {"query", guarded<url_query>},
    {"resolve", guarded<url_resolve>},
    {"parse", guarded<url_parse>},
    {"host", guarded<url_host>},
    {nullptr, nullptr},
};

}  // namespace

int open_url_module(lua_State* L) {
    new_module(L, kUrlFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
