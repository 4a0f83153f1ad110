// Text that came out of a plugin (error messages, log lines), made safe to show and store.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gigscout::worker {

// Valid UTF-8 (bad bytes become U+FFFD), control characters other than newline and tab
// escaped as \xNN, at most `max_bytes` (cut on a character boundary, "..." appended).
std::string clean_message(std::string_view text, std::size_t max_bytes);

// An error with its Lua traceback: the message plus at most `max_traceback_lines` lines of
// the traceback, then clean_message with a 4 KiB cap.
std::string clean_error(std::string_view text, std::size_t max_traceback_lines = 12);

}  // namespace gigscout::worker
