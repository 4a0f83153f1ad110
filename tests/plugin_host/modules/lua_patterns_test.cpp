// The sandbox's fast path for simple Lua patterns (lua_patterns.h) against the standard
// library it stands in for: the same calls, on many generated patterns, texts, start positions
// and replacements, must give the same results, the same errors and the same replacement calls.
#include <gtest/gtest.h>
#include <lua.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "lua_test_state.h"
#include "plugin_host/modules/lua_patterns.h"

namespace gigscout {
namespace {

using testing::LuaTestState;
using namespace std::string_literals;

// fast.find/match/gsub: the fast path's answer, or the error "not answered".
int fast_find_or_refuse(lua_State* L) {
    int n = plugin_modules::fast_find(L, true);
    return n >= 0 ? n : luaL_error(L, "not answered");
}
int fast_match_or_refuse(lua_State* L) {
    int n = plugin_modules::fast_find(L, false);
    return n >= 0 ? n : luaL_error(L, "not answered");
}
int fast_gsub_or_refuse(lua_State* L) {
    int n = plugin_modules::fast_gsub(L);
    return n >= 0 ? n : luaL_error(L, "not answered");
}

class Rng {
  public:
    std::uint32_t next() {
        s_ ^= s_ << 13;
        s_ ^= s_ >> 7;
        s_ ^= s_ << 17;
        return static_cast<std::uint32_t>(s_);
    }
    std::size_t below(std::size_t n) { return next() % n; }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }

  private:
    std::uint64_t s_ = 0x2545F4914F6CDD1Dull;
};

// Pieces of patterns: single items of every kind, plus shapes the fast path must leave alone
// (captures, repetitions, %b, %f, back references, anchors, malformed sets).
const std::vector<std::string> kItems = {
    "a",           "b",      "z",     "0",      " ",          "\xC3", "\xA9",       "\x80",
    "]",           "^",      "$",     "-",      "*",          "+",    "?",          ".",
    "%a",          "%A",     "%d",    "%D",     "%s",         "%S",   "%w",         "%W",
    "%p",          "%P",     "%x",    "%u",     "%l",         "%c",   "%g",         "%z",
    "%%",          "%]",     "%-",    "%.",     "%[",         "[ab]", "[^ab]",      "[]a]",
    "[^]]",        "[a-c]",  "[%a_]", "[%]]",   "[a-]",       "[-a]", "[\xC2\xC3]", "[\x80-\xBF]",
    "[\xC4-\xFF]", "[,%s]",  "[%-_]", "[^%s<]", "[%w-]",      "(",    ")",          "()",
    "%b()",        "%f[%w]", "%1",    "[",      "[a",         "[%",   "%",          "a*",
    "b+",          "%s-",    "[ab]?", "\0"s,    "[\0-\x10]"s,
};
const std::vector<std::string> kSubjectBytes = {
    "a", "b", "c", "z", "A", "0", "9", " ", "\t",   "\n",   "-",    "_",    "]",    "[",    "^",
    "%", ".", "*", ",", "<", ">", "(", ")", "\xC2", "\xC3", "\xA9", "\xE2", "\x80", "\x99", "\0"s,
};

std::string random_pattern(Rng& rng) {
    std::string p;
    if (rng.below(4) == 0) {
        p += '^';
    }
    std::size_t items = 1 + rng.below(4);
    for (std::size_t i = 0; i < items; ++i) {
        p += rng.pick(kItems);
    }
    if (rng.below(10) == 0) {
        p += '$';
    }
    return p;
}

std::string random_subject(Rng& rng) {
    std::string s;
    std::size_t n = rng.below(24);
    for (std::size_t i = 0; i < n; ++i) {
        s += rng.pick(kSubjectBytes);
    }
    return s;
}

// Calls `function` (a global path such as "string.find") with the arguments pushed by `push`,
// and renders the outcome: "ok: v1 | v2 ..." or "error: message", plus the replacement calls.
template <class Push>
std::string outcome(LuaTestState& lua, const char* chunk_function, Push push) {
    lua_State* L = lua.get();
    lua_newtable(L);
    lua_setglobal(L, "calls");
    int base = lua_gettop(L);
    luaL_loadstring(L, (std::string("return ") + chunk_function).c_str());
    lua_call(L, 0, 1);
    int args = push(L);
    std::string out;
    if (lua_pcall(L, args, LUA_MULTRET, 0) != LUA_OK) {
        out = std::string("error: ") + lua_tostring(L, -1);
    } else {
        out = "ok:";
        for (int i = base + 1; i <= lua_gettop(L); ++i) {
            out += std::string(" ") + luaL_typename(L, i) + "=" + lua.render(i);
        }
    }
    lua_settop(L, base);
    lua_getglobal(L, "calls");
    out += " calls=" + lua.render(-1);
    lua_pop(L, 1);
    return out;
}

void push_string(lua_State* L, const std::string& s) {
    lua_pushlstring(L, s.data(), s.size());
}

struct Counts {
    int answered = 0;
    int cases = 0;
};

// Compares the standard and the fast function on one call; counts the calls the fast path
// answered.
template <class Push>
void compare(LuaTestState& lua, const char* standard, const char* fast, Push push, Counts& counts,
             const std::string& what) {
    std::string theirs = outcome(lua, standard, push);
    std::string ours = outcome(lua, fast, push);
    ++counts.cases;
    if (ours.rfind("error: not answered", 0) == 0) {
        return;
    }
    ++counts.answered;
    ASSERT_EQ(ours, theirs) << what;
}

std::string printable(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string describe(const std::string& s, const std::string& p) {
    return "subject \"" + printable(s) + "\" pattern \"" + printable(p) + "\"";
}

LuaTestState& with_fast_functions(LuaTestState& lua) {
    lua_State* L = lua.get();
    lua_newtable(L);
    lua_pushcfunction(L, fast_find_or_refuse);
    lua_setfield(L, -2, "find");
    lua_pushcfunction(L, fast_match_or_refuse);
    lua_setfield(L, -2, "match");
    lua_pushcfunction(L, fast_gsub_or_refuse);
    lua_setfield(L, -2, "gsub");
    lua_setglobal(L, "fast");
    // Replacements for gsub: a table with strings, a number, false and a table as values; a
    // function that logs each call and answers by its argument.
    lua.run(R"(
        repl_table = { a = "<A>", b = false, ["\xC3\xA9"] = "\xE9", z = 7, ["0"] = {} }
        setmetatable(repl_table, { __index = function(t, k) calls[#calls + 1] = k
            if k == " " then return "_" end end })
        function repl_function(m)
          calls[#calls + 1] = m
          if m == "a" then return "A" elseif m == "b" then return false
          elseif m == "z" then return 26 elseif m == "0" then return {} end
          return nil
        end
    )");
    return lua;
}

TEST(LuaPatterns, FindAndMatchGiveTheStandardResults) {
    LuaTestState lua;
    with_fast_functions(lua);
    Rng rng;
    Counts counts;
    const std::vector<int> starts = {-100, -3, -1, 0, 1, 2, 5, 30};
    for (int i = 0; i < 4000; ++i) {
        std::string p = random_pattern(rng);
        std::string s = random_subject(rng);
        std::string what = describe(s, p);
        auto two = [&](lua_State* L) {
            push_string(L, s);
            push_string(L, p);
            return 2;
        };
        compare(lua, "string.find", "fast.find", two, counts, what);
        compare(lua, "string.match", "fast.match", two, counts, what);
        int init = rng.pick(starts);
        auto three = [&](lua_State* L) {
            push_string(L, s);
            push_string(L, p);
            lua_pushinteger(L, init);
            return 3;
        };
        compare(lua, "string.find", "fast.find", three, counts,
                what + " init " + std::to_string(init));
        compare(lua, "string.match", "fast.match", three, counts,
                what + " init " + std::to_string(init));
        bool plain_flag = rng.below(2) == 0;
        auto plain = [&](lua_State* L) {
            push_string(L, s);
            push_string(L, p);
            lua_pushinteger(L, 1);
            lua_pushboolean(L, plain_flag);
            return 4;
        };
        compare(lua, "string.find", "fast.find", plain, counts, what + " plain?");
        if (HasFatalFailure()) {
            return;
        }
    }
    // Most generated patterns are simple: the fast path must have answered many of the calls.
    EXPECT_GT(counts.answered, counts.cases / 4) << counts.answered << " of " << counts.cases;
}

TEST(LuaPatterns, GsubGivesTheStandardResultsAndReplacementCalls) {
    LuaTestState lua;
    with_fast_functions(lua);
    Rng rng;
    Counts counts;
    const std::vector<std::string> strings = {"x",  "<%0>", "[%1]", "%%", "",
                                              "%2", "%",    "%a",   "\0"s};
    for (int i = 0; i < 4000; ++i) {
        std::string p = random_pattern(rng);
        std::string s = random_subject(rng);
        int kind = static_cast<int>(rng.below(4));
        std::string r = rng.pick(strings);
        int max = static_cast<int>(rng.below(5)) - 1;  // -1: none
        std::string what = describe(s, p) + " replacement " + std::to_string(kind) + " \"" + r +
                           "\" max " + std::to_string(max);
        auto call = [&](lua_State* L) {
            push_string(L, s);
            push_string(L, p);
            switch (kind) {
                case 0:
                    push_string(L, r);
                    break;
                case 1:
                    lua_getglobal(L, "repl_table");
                    break;
                case 2:
                    lua_getglobal(L, "repl_function");
                    break;
                default:
                    lua_pushinteger(L, 42);
            }
            if (max < 0) {
                return 3;
            }
            lua_pushinteger(L, max);
            return 4;
        };
        compare(lua, "string.gsub", "fast.gsub", call, counts, what);
        if (HasFatalFailure()) {
            return;
        }
    }
    EXPECT_GT(counts.answered, counts.cases / 4) << counts.answered << " of " << counts.cases;
}

TEST(LuaPatterns, LongTextsAndTheShapesPluginsUse) {
    LuaTestState lua;
    with_fast_functions(lua);
    std::string text;
    for (int i = 0; i < 2000; ++i) {
        text += i % 7 == 0 ? "caf\xC3\xA9 " : i % 11 == 0 ? "\xE2\x80\x99<p>" : "word, ";
    }
    lua.set_string("text", text);
    Counts counts;
    for (const char* p : {"[\xC2\xC3][\x80-\xBF]", "[\xC4-\xFF]", "<%a", "[,%s]", "%-", "^word",
                          "^<p>", "\xE2\x80\x99<", "[^%w ,]"}) {
        auto call = [&](lua_State* L) {
            lua_getglobal(L, "text");
            lua_pushstring(L, p);
            return 2;
        };
        compare(lua, "string.find", "fast.find", call, counts, p);
        compare(lua, "string.match", "fast.match", call, counts, p);
        auto gsub_table = [&](lua_State* L) {
            lua_getglobal(L, "text");
            lua_pushstring(L, p);
            lua_getglobal(L, "repl_table");
            return 3;
        };
        compare(lua, "string.gsub", "fast.gsub", gsub_table, counts, p);
        auto gsub_string = [&](lua_State* L) {
            lua_getglobal(L, "text");
            lua_pushstring(L, p);
            lua_pushstring(L, "{%0}");
            return 3;
        };
        compare(lua, "string.gsub", "fast.gsub", gsub_string, counts, p);
    }
    EXPECT_EQ(counts.answered, counts.cases);
}

// A replacement function that runs other patterns through the fast path while the outer gsub
// is still using its own (compiled patterns are cached).
TEST(LuaPatterns, ReplacementFunctionsMayUseOtherPatterns) {
    LuaTestState lua;
    with_fast_functions(lua);
    EXPECT_EQ(lua.eval(R"(
        local function churn(m)
          local chars = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"
          for i = 1, #chars do fast.find(m, "[" .. chars:sub(i, i) .. "]%a") end
          return "<" .. m .. ">"
        end
        local text = string.rep("ab ac bc cab ", 50)
        local a, n = string.gsub(text, "[ab]c", churn)
        local b, k = fast.gsub(text, "[ab]c", churn)
        return tostring(a == b and n == k) .. " " .. k)"),
              "true 100");
}

}  // namespace
}  // namespace gigscout
