// UTF-8 checks and cuts shared by every part that takes text from outside.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gigscout::utf8 {

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid(std::string_view s);
// How many bytes of `s` come before a UTF-8 sequence its end cuts short (s.size() when none
// is): text read in pieces is checked up to there, the rest waits for the next piece.
std::size_t complete_prefix(std::string_view s);

// `s` without a leading UTF-8 byte order mark (EF BB BF), which some editors write.
std::string_view without_bom(std::string_view s);

// Replaces every ill-formed sequence with U+FFFD.
std::string sanitize(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not split a code point.
std::string_view truncate(std::string_view s, std::size_t max_bytes);

// `s` in double quotes for an error message: control bytes shown as '?', cut on a character
// boundary after `max_bytes` with "..." before the closing quote.
std::string quoted(std::string_view s, std::size_t max_bytes = 100);

// Text that a plugin, a feed or a server chose, made safe for one line of a terminal or a log:
// control characters (C0, DEL, C1) shown as escapes ("\n", "\r", "\t", "\e", "\x07",
// "\u{85}"), bidi controls too ("\u{202e}": they reorder what follows on the line),
// ill-formed bytes as "\xff", a backslash doubled (so an escape cannot be forged), and the
// result cut on a character boundary near `max_bytes` with "…(+N bytes)". Such text can
// neither end the line, move the cursor, nor look like a line the host printed.
std::string printable(std::string_view s, std::size_t max_bytes = 1024);

// Number of code points (assumes valid UTF-8).
std::size_t length(std::string_view s);

}  // namespace gigscout::utf8
