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

TEST(Utf8, PrintableKeepsOrdinaryTextAsItIs) {
    EXPECT_EQ(utf8::printable("Remote OK — Zürich €1,500 🚀"), "Remote OK — Zürich €1,500 🚀");
}

TEST(Utf8, PrintableCannotEndTheLineOrForgeAHostLine) {
    // A plugin name from issue 19: a newline, then a line dressed as the host's.
    EXPECT_EQ(utf8::printable("upwork\n[INFO] plugin upwork: signature verified OK"),
              "upwork\\n[INFO] plugin upwork: signature verified OK");
    EXPECT_EQ(utf8::printable("X-B\r\nInjected"), "X-B\\r\\nInjected");
    EXPECT_EQ(utf8::printable("a\tb"), "a\\tb");
}

TEST(Utf8, PrintableEscapesTerminalControls) {
    EXPECT_EQ(utf8::printable("\x1b[2J\x1b]0;title\x07"), "\\e[2J\\e]0;title\\x07");
    EXPECT_EQ(utf8::printable(std::string("nul\0!", 5)), "nul\\x00!");
    EXPECT_EQ(utf8::printable("del\x7f"), "del\\x7f");
    EXPECT_EQ(utf8::printable("c1 \xC2\x9B"), "c1 \\u{9b}");                  // CSI as a C1 control
    EXPECT_EQ(utf8::printable("bidi \xE2\x80\xAEtxt"), "bidi \\u{202e}txt");  // RLO
    EXPECT_EQ(utf8::printable("bad \xFF\xC0"), "bad \\xff\\xc0");
}

TEST(Utf8, PrintableDoublesBackslashesSoEscapesCannotBeForged) {
    EXPECT_EQ(utf8::printable("a\\nb"), "a\\\\nb");
}

TEST(Utf8, PrintableCutsLongTextWithAMarker) {
    std::string long_name(10000, 'x');
    std::string shown = utf8::printable(long_name, 100);
    EXPECT_EQ(shown, std::string(100, 'x') + "…(+9900 bytes)");
    EXPECT_EQ(utf8::printable("€€€", 4), "€€…(+3 bytes)");
}

}  // namespace
}  // namespace gigscout
