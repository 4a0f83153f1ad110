// Plain-string text operations shared by the `text` and `html` helpers: whitespace as people
// see it (ASCII, no-break space and the other Unicode spaces), never Lua patterns.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace gigscout::text {

// Byte length of the whitespace character starting at s[i] (ASCII space, tab, CR, LF, FF, VT,
// U+00A0, U+1680, U+2000-U+200B, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), else 0.
std::size_t space_length(std::string_view s, std::size_t i);

// False for a byte that cannot start a whitespace character (anything but the ASCII spaces and
// the lead bytes 0xC2, 0xE1-0xE3, 0xEF): lets scans skip ordinary text without space_length.
inline constexpr auto kMayStartSpace = [] {
    std::array<bool, 256> t{};
    for (unsigned c :
         {0x09u, 0x0Au, 0x0Bu, 0x0Cu, 0x0Du, 0x20u, 0xC2u, 0xE1u, 0xE2u, 0xE3u, 0xEFu}) {
        t[c] = true;
    }
    return t;
}();
inline bool may_start_space(char byte) {
    return kMayStartSpace[static_cast<unsigned char>(byte)];
}

// True when collapse(s) == s: no whitespace but single ASCII spaces between other characters.
bool is_collapsed(std::string_view s);

// `s` without leading and trailing whitespace.
std::string_view trim(std::string_view s);

// Every run of whitespace replaced by one ASCII space, and trimmed.
std::string collapse(std::string_view s);

// At most `max_bytes` bytes, cut on a code point boundary; when cut, `ellipsis` is appended
// and counted in the budget (it is left out if it alone does not fit).
std::string truncate(std::string_view s, std::size_t max_bytes, std::string_view ellipsis);

// Position of `needle` in `haystack` or npos; linear time on any input (glibc's two-way memmem),
// unlike std::string_view::find, which is quadratic on inputs like "aaaa…" / "aa…ab".
std::size_t find(std::string_view haystack, std::string_view needle, std::size_t from = 0);

}  // namespace gigscout::text
