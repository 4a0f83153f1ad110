// The one alert a refresh may raise: the new listings it brought that score at least the
// user's threshold, grouped into one message (a notification per refresh, never one per
// listing), and held back during quiet hours. Plain values from the listing table, so the
// rule is tested without a display; the desktop app shows it (notification, else info bar).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "views/listing_table.h"

namespace gigscout {

struct AlertSettings {
    int min_score = 70;
    // Local hours [from, to) when no notification is shown ({22, 7} spans midnight); none: never
    // quiet.
    std::optional<std::pair<int, int>> quiet_hours;
};

struct NewMatchAlert {
    std::string title;             // "3 new matches scoring 70 or more"
    std::string body;              // the best three: "87  Title · Company", one a line
    std::vector<std::string> ids;  // every listing alerted, best first
    bool quiet = false;            // inside quiet hours: show it in the window only
};

// The rows of `table` (whatever its filter shows) that entered the store at or after
// `refresh_started` (epoch seconds), are new, scored at least `min_score` and were not refused
// by the profile. nullopt when there are none. `local_hour` (0–23) decides quiet hours.
std::optional<NewMatchAlert> new_match_alert(const ListingTable& table,
                                             std::int64_t refresh_started,
                                             const AlertSettings& settings, int local_hour);

bool in_quiet_hours(const AlertSettings& settings, int local_hour);

}  // namespace gigscout
