// Dates as job platforms print them, to UTC epoch seconds: RFC 3339 / ISO 8601, RFC 2822 /
// RFC 822, English long dates ("July 19, 2024 04:41 UTC"), epoch seconds or milliseconds,
// and relative phrases ("3 hours ago", "yesterday", "30+ days ago").
#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"

namespace gigscout::timeparse {

// Years outside this range are refused: they are typos or sentinel values, not postings.
inline constexpr int kMinYear = 1970;
inline constexpr int kMaxYear = 2100;
// Longer texts are refused before any work.
inline constexpr std::size_t kMaxTextBytes = 256;

// `text` as epoch seconds (UTC). Relative phrases count back from `now`. A text without a
// zone is UTC. Fractional seconds are dropped.
Result<std::int64_t> parse(std::string_view text, std::int64_t now);

// A number as epoch seconds, or milliseconds when above 1e11 (i.e. after 1973 in ms, or after
// year 5138 in s); fractions are dropped.
Result<std::int64_t> from_number(double value);

// True when `epoch` falls within kMinYear..kMaxYear.
bool in_range(std::int64_t epoch);

}  // namespace gigscout::timeparse
