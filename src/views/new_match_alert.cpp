#include "views/new_match_alert.h"

#include <algorithm>

namespace gigscout {

bool in_quiet_hours(const AlertSettings& settings, int local_hour) {
    if (!settings.quiet_hours) {
        return false;
    }
    auto [from, to] = *settings.quiet_hours;
    if (from == to) {
        return false;
    }
    return from < to ? local_hour >= from && local_hour < to
                     : local_hour >= from || local_hour < to;
}

std::optional<NewMatchAlert> new_match_alert(const ListingTable& table,
                                             std::int64_t refresh_started,
                                             const AlertSettings& settings, int local_hour) {
    std::vector<const ListingRow*> matches;
    for (std::size_t i = 0; i < table.loaded(); ++i) {
        const ListingRow& row = table.loaded_row(i);
        if (row.is_new && row.first_seen >= refresh_started && row.score && !row.score->filtered &&
            row.score->total >= settings.min_score && row.state != ListingState::Hidden) {
            matches.push_back(&row);
        }
    }
    if (matches.empty()) {
        return std::nullopt;
    }
    std::stable_sort(matches.begin(), matches.end(), [](const ListingRow* a, const ListingRow* b) {
        return a->score->exact > b->score->exact;
    });
    NewMatchAlert alert;
    alert.title = matches.size() == 1
                      ? "A new match scoring " + std::to_string(settings.min_score) + " or more"
                      : std::to_string(matches.size()) + " new matches scoring " +
                            std::to_string(settings.min_score) + " or more";
    for (std::size_t i = 0; i < matches.size(); ++i) {
        const ListingRow& row = *matches[i];
        alert.ids.push_back(row.id);
        if (i < 3) {
            alert.body += (i ? "\n" : "") + std::to_string(row.score->total) + "  " + row.title +
                          (row.company.empty() ? "" : " · " + row.company);
        }
    }
    if (matches.size() > 3) {
        alert.body += "\n… and " + std::to_string(matches.size() - 3) + " more";
    }
    alert.quiet = in_quiet_hours(settings, local_hour);
    return alert;
}

}  // namespace gigscout
