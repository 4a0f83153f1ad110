// text.*: plain-string helpers.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lua_test_state.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

TEST(TextModule, TrimRemovesAsciiAndUnicodeSpacesAtBothEnds) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return text.trim('  \\t hello world \\n')"), "hello world");
    EXPECT_EQ(lua.eval("return text.trim('\\u{A0}\\u{3000}x y\\u{200B}\\u{FEFF}')"), "x y");
    EXPECT_EQ(lua.eval("return text.trim('   ')"), "");
    EXPECT_EQ(lua.eval("return text.trim('')"), "");
}

TEST(TextModule, CollapseTurnsEveryWhitespaceRunIntoOneSpace) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return text.collapse('  a \\n\\n b\\u{A0}\\u{A0}c\\t ')"), "a b c");
    EXPECT_EQ(lua.eval("return text.collapse('Java,     Kotlin,\\n     Android')"),
              "Java, Kotlin, Android");
}

TEST(TextModule, TruncateCutsOnACodePointBoundaryAndCountsTheEllipsis) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return text.truncate('hello world', 5)"), "hello");
    EXPECT_EQ(lua.eval("return text.truncate('hello world', 8, '...')"), "hello...");
    EXPECT_EQ(lua.eval("return text.truncate('short', 10, '...')"), "short");
    // "é" is two bytes: a cut at 2 would split it
    EXPECT_EQ(lua.eval("return text.truncate('aé', 2)"), "a");
    EXPECT_EQ(lua.eval("return text.truncate('日本語', 7, '…')"), "日…");
    EXPECT_EQ(lua.eval("return text.truncate('abcdef', 2, '...')"), "ab");
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return text.truncate('x', -1) end))"),
              "test:1: bad argument #2 to 'truncate' (must not be negative)");
}

TEST(TextModule, SplitUsesAPlainSeparatorNotAPattern) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return text.split('a.b..c', '.')"), "{a,b,,c}");
    EXPECT_EQ(lua.eval("return text.split('Java, Kotlin, Go', ', ')"), "{Java,Kotlin,Go}");
    EXPECT_EQ(lua.eval("return text.split('x%sy%sz', '%s')"), "{x,y,z}");
    EXPECT_EQ(lua.eval("local p = text.split('', ','); return #p .. ':' .. p[1]"), "1:");
    EXPECT_EQ(lua.eval("local p = text.split('a,b,c,d', ',', 2); return #p .. ':' .. p[2]"),
              "2:b,c,d");
    EXPECT_EQ(lua.eval("return text.split('abc', ',')"), "{abc}");
    EXPECT_EQ(lua.eval("return text.split('a,', ',')"), "{a,}");
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return text.split('a', '') end))"),
              "test:1: bad argument #2 to 'split' (separator must not be empty)");
}

TEST(TextModule, SplitRefusesMoreThanItsPartLimitUnlessAskedForFewer) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("local p, err = text.split(string.rep(',', 100000), ','); "
                           "return p, err"),
              "nil | text.split: more than 100000 parts (pass a smaller limit as the third "
              "argument to keep the rest in the last part)");
    EXPECT_EQ(lua.eval("local p = text.split(string.rep(',', 100000), ',', 3); "
                       "return #p .. ' ' .. #p[3]"),
              "3 99998");
}

TEST(TextModule, StartsEndsAndContainsArePlainComparisons) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return text.starts_with('https://x', 'https://')"), "true");
    EXPECT_EQ(lua.eval("return text.starts_with('http', 'https')"), "false");
    EXPECT_EQ(lua.eval("return text.ends_with('file.json', '.json')"), "true");
    EXPECT_EQ(lua.eval("return text.ends_with('json', 'x.json')"), "false");
    EXPECT_EQ(lua.eval("return text.contains('senior C++ engineer', 'C++')"), "true");
    EXPECT_EQ(lua.eval("return text.contains('a.b', '%.')"), "false");
    EXPECT_EQ(lua.eval("return text.contains('abc', '')"), "true");
}

TEST(TextOps, FindIsLinearOnTheInputThatMakesNaiveSearchQuadratic) {
    // 4 MiB of 'a' searched for 64 KiB of 'a' followed by 'b': a naive search compares
    // ~2.7e11 bytes; two-way search finishes at once (the test's deadline catches a hang).
    std::string haystack(4u << 20, 'a');
    std::string needle(64u << 10, 'a');
    needle += 'b';
    EXPECT_EQ(text::find(haystack, needle), std::string_view::npos);
    haystack += 'b';
    EXPECT_EQ(text::find(haystack, needle), haystack.size() - needle.size());
}

// The straightforward forward scans trim and collapse were first written as: the faster ones
// must agree with them on every mix of spaces, broken sequences and other text.
std::string_view trim_forward(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t n = text::space_length(s, begin);
        if (n == 0) {
            break;
        }
        begin += n;
    }
    std::size_t end = begin;
    for (std::size_t i = begin; i < s.size();) {
        std::size_t n = text::space_length(s, i);
        if (n == 0) {
            end = ++i;
        } else {
            i += n;
        }
    }
    return s.substr(begin, end - begin);
}

std::string collapse_bytewise(std::string_view s) {
    std::string out;
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t n = text::space_length(s, i)) {
            pending_space = !out.empty();
            i += n;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += s[i++];
    }
    return out;
}

TEST(TextOps, TrimAndCollapseAgreeWithForwardScans) {
    const std::vector<std::string> pieces = {" ",
                                             "\t",
                                             "\n",
                                             "\r",
                                             "\v",
                                             "\f",
                                             "x",
                                             "ab",
                                             "\xC2\xA0",
                                             "\xE1\x9A\x80",
                                             "\xE2\x80\x80",
                                             "\xE2\x80\x8B",
                                             "\xE2\x80\xA8",
                                             "\xE2\x80\xAF",
                                             "\xE2\x81\x9F",
                                             "\xE3\x80\x80",
                                             "\xEF\xBB\xBF",
                                             "\xC2",
                                             "\xA0",
                                             "\xE2\x80",
                                             "\xE2",
                                             "\x80",
                                             "\xBF",
                                             "\xC3\xA9",
                                             "\xE2\x80\x99",
                                             "\xE2\x80\x8C",
                                             "\xEF\xBB",
                                             "\xE3\x80\x81"};
    std::uint64_t state = 88172645463325252ull;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int round = 0; round < 50000; ++round) {
        std::string s;
        for (std::uint64_t n = next() % 9; n > 0; --n) {
            s += pieces[next() % pieces.size()];
        }
        ASSERT_EQ(text::trim(s), trim_forward(s)) << s;
        ASSERT_EQ(text::collapse(s), collapse_bytewise(s)) << s;
        ASSERT_EQ(text::is_collapsed(s), text::collapse(s) == s) << s;
    }
}

TEST(TextModule, UnchangedTextComesBackAsTheSameString) {
    LuaTestState lua;
    // (Strings are values in Lua; this checks the results, and that numbers still become
    // strings.)
    EXPECT_EQ(lua.eval("local s = string.rep('word ', 999) .. 'end'; "
                       "return text.trim(s) == s and text.truncate(s, #s) == s and "
                       "text.collapse(s) == s"),
              "true");
    EXPECT_EQ(lua.eval("return math.type(text.trim(42)) == nil and text.trim(42) == '42'"), "true");
    EXPECT_EQ(lua.eval("return text.truncate(12345, 10) .. '|' .. text.collapse(7)"), "12345|7");
}

TEST(TextModule, MisuseRaisesWithTheArgumentNamed) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return text.trim({}) end))"),
              "test:1: bad argument #1 to 'trim' (string expected, got table)");
}

}  // namespace
}  // namespace gigscout
