// `text`: plain-string helpers, because Lua patterns are slow (and some quadratic) on hostile
// input and know nothing of UTF-8 or the no-break space.
#include <string>

#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout::plugin_modules {
namespace {

// Parts text.split returns at most, unless the caller asks for fewer.
constexpr lua_Integer kMaxSplitParts = 100000;

int text_trim(lua_State* L) {
    std::string_view s = check_text(L, 1);
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, "text.trim", s.size(), kMaxInputBytes);
    }
    std::string_view trimmed = text::trim(s);
    if (trimmed.size() == s.size()) {
        lua_pushvalue(L, 1);  // the same string (check_text made a number one): no copy
    } else {
        push_view(L, trimmed);
    }
    return 1;
}

int text_collapse(lua_State* L) {
    std::string_view s = check_text(L, 1);
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, "text.collapse", s.size(), kMaxInputBytes);
    }
    if (text::is_collapsed(s)) {
        lua_pushvalue(L, 1);
        return 1;
    }
    auto& out = push_box<std::string>(L);
    out = text::collapse(s);
    push_view(L, out);
    return 1;
}

int text_truncate(lua_State* L) {
    std::string_view s = check_text(L, 1);
    lua_Integer max_bytes = luaL_checkinteger(L, 2);
    luaL_argcheck(L, max_bytes >= 0, 2, "must not be negative");
    std::string_view ellipsis = opt_text(L, 3, "");
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, "text.truncate", s.size(), kMaxInputBytes);
    }
    if (s.size() <= static_cast<std::size_t>(max_bytes)) {
        lua_pushvalue(L, 1);  // fits: the same string, no copy
        return 1;
    }
    auto& out = push_box<std::string>(L);
    out = text::truncate(s, static_cast<std::size_t>(max_bytes), ellipsis);
    push_view(L, out);
    return 1;
}

int text_split(lua_State* L) {
    std::string_view s = check_text(L, 1);
    std::string_view sep = check_text(L, 2);
    luaL_argcheck(L, !sep.empty(), 2, "separator must not be empty");
    lua_Integer max_parts = luaL_optinteger(L, 3, 0);
    luaL_argcheck(L, max_parts >= 0 && max_parts <= kMaxSplitParts, 3,
                  "must be between 1 and 100000 (or 0 for no limit)");
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, "text.split", s.size(), kMaxInputBytes);
    }
    lua_newtable(L);
    lua_Integer count = 0;
    std::size_t start = 0;
    while (true) {
        std::size_t hit = text::find(s, sep, start);
        bool last = hit == std::string_view::npos || (max_parts > 0 && count + 1 == max_parts);
        if (last) {
            hit = s.size();
        }
        if (max_parts == 0 && count == kMaxSplitParts) {
            return push_failure(L,
                                "text.split: more than 100000 parts (pass a smaller limit "
                                "as the third argument to keep the rest in the last part)");
        }
        push_view(L, s.substr(start, hit - start));
        lua_rawseti(L, -2, ++count);
        if (last) {
            break;
        }
        start = hit + sep.size();
    }
    return 1;
}

int text_starts_with(lua_State* L) {
    std::string_view s = check_text(L, 1);
    std::string_view prefix = check_text(L, 2);
    lua_pushboolean(L, s.substr(0, prefix.size()) == prefix ? 1 : 0);
    return 1;
}

int text_ends_with(lua_State* L) {
    std::string_view s = check_text(L, 1);
    std::string_view suffix = check_text(L, 2);
    lua_pushboolean(L, s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix);
    return 1;
}

int text_contains(lua_State* L) {
    std::string_view s = check_text(L, 1);
    std::string_view needle = check_text(L, 2);
    lua_pushboolean(L, text::find(s, needle) != std::string_view::npos ? 1 : 0);
    return 1;
}

const luaL_Reg kTextFunctions[] = {
    {"trim", guarded<text_trim>},
    {"collapse", guarded<text_collapse>},
    {"truncate", guarded<text_truncate>},
    {"split", guarded<text_split>},
    {"starts_with", guarded<text_starts_with>},
    {"ends_with", guarded<text_ends_with>},
    {"contains", guarded<text_contains>},
    {nullptr, nullptr},
};

}  // namespace

int open_text_module(lua_State* L) {
    new_module(L, kTextFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
