#include "base/utf8.h"

#include <gtest/gtest.h>

namespace gigscout {
namespace {

TEST(Utf8, ValidatesWellFormedText) {
    EXPECT_TRUE(utf8::is_valid("plain"));
    EXPECT_TRUE(utf8::is_valid("Zürich €1,500 ✓ 🚀"));
    EXPECT_FALSE(utf8::is_valid("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(utf8::is_valid("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(utf8::is_valid("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(utf8::is_valid("abc\xE2\x82"));       // truncated
}

TEST(Utf8, SanitizeReplacesBadBytes) {
    EXPECT_EQ(utf8::sanitize("a\xFF"
                             "b"),
              "a\xEF\xBF\xBD"
              "b");
}

TEST(Utf8, TruncateNeverSplitsACodePoint) {
    EXPECT_EQ(utf8::truncate("€€", 4), "€");
    EXPECT_EQ(utf8::truncate("€€", 6), "€€");
    EXPECT_EQ(utf8::truncate("abc", 2), "ab");
    EXPECT_EQ(utf8::length("Zürich"), 6u);
}

}  // namespace
}  // namespace gigscout
