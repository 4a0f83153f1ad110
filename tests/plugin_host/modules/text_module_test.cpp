// text.*: plain-string helpers.
#include <gtest/gtest.h>

#include <string>

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

TEST(TextModule, MisuseRaisesWithTheArgumentNamed) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return text.trim({}) end))"),
              "test:1: bad argument #1 to 'trim' (string expected, got table)");
}

}  // namespace
}  // namespace gigscout
