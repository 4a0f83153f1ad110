// ISO 8601 / RFC 3339 times in UTC: the one textual time form GigScout writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gigscout {

// "2026-11-25T10:00:00Z"
std::string format_iso8601(std::int64_t epoch_seconds);
// "2026-11-25" (UTC date)
std::string format_date(std::int64_t epoch_seconds);

// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z", "+HH:MM", "+HHMM" or
// nothing (UTC). Returns epoch seconds, or nullopt when not such a time or out of range.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// Days since 1970-01-01 for a civil date (proleptic Gregorian); no range checks.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);

std::int64_t now_epoch_seconds();

}  // namespace gigscout
