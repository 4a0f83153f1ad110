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

TEST(Utf8, CompletePrefixStopsBeforeACharacterTheEndCutsShort) {
    EXPECT_EQ(utf8::complete_prefix(""), 0u);
    EXPECT_EQ(utf8::complete_prefix("abc"), 3u);
    EXPECT_EQ(utf8::complete_prefix("caf\xC3\xA9"), 5u);        // é whole
    EXPECT_EQ(utf8::complete_prefix("caf\xC3"), 3u);            // é cut after its lead byte
    EXPECT_EQ(utf8::complete_prefix("a\xE2\x82"), 1u);          // € cut after two of three
    EXPECT_EQ(utf8::complete_prefix("a\xF0\x9F\x98"), 1u);      // an emoji cut after three
    EXPECT_EQ(utf8::complete_prefix("a\xF0\x9F\x98\x80"), 5u);  // and whole
    // A stray continuation byte is not waited for: is_valid refuses it.
    EXPECT_EQ(utf8::complete_prefix("a\x80"), 2u);
}

}  // namespace
}  // namespace gigscout
