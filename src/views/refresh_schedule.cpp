#include "views/refresh_schedule.h"

#include <algorithm>

#include "views/display_text.h"

namespace gigscout {

std::int64_t schedule_interval(const SourceRow& row) {
    const std::int64_t base = std::max({row.refresh_interval, row.min_interval, std::int64_t{60}});
    const int doublings = std::clamp(row.consecutive_failures, 0, kMaxScheduleBackoff);
    const std::int64_t backed_off = base << doublings;
    return std::max(base, std::min(backed_off, kMaxBackoffSeconds));
}

void RefreshSchedule::update(const std::vector<SourceRow>& rows) {
    rows_ = rows;
}

std::optional<std::int64_t> RefreshSchedule::last_run(const SourceRow& row,
                                                      std::int64_t now) const {
    std::optional<std::int64_t> last;
    if (row.last_refresh_at && *row.last_refresh_at <= now) {
        last = row.last_refresh_at;
    }
    if (auto it = started_.find(row.id); it != started_.end() && it->second <= now) {
        last = std::max(last.value_or(it->second), it->second);
    }
    return last;
}

ScheduledSource RefreshSchedule::scheduled(const SourceRow& row, std::int64_t now) const {
    ScheduledSource s;
    s.id = row.id;
    s.interval = schedule_interval(row);
    switch (row.health) {
        case SourceHealth::Unusable:
            s.not_scheduled = "plugin unusable";
            return s;
        case SourceHealth::Disabled:
            s.not_scheduled = "disabled";
            return s;
        case SourceHealth::Paused:
            s.not_scheduled = "paused";
            return s;
        default:
            break;
    }
    auto last = last_run(row, now);
    // Never refreshed: due now. Otherwise one interval after the last run — never a grid of
    // missed runs to catch up on.
    s.next_due = last ? *last + s.interval : now;
    return s;
}

std::vector<std::string> RefreshSchedule::due(std::int64_t now) {
    std::vector<std::string> out;
    for (const auto& row : rows_) {
        const ScheduledSource s = scheduled(row, now);
        if (s.next_due && *s.next_due <= now) {
            out.push_back(row.id);
            started_[row.id] = now;
        }
    }
    return out;
}

std::vector<ScheduledSource> RefreshSchedule::plan(std::int64_t now) const {
    std::vector<ScheduledSource> out;
    out.reserve(rows_.size());
    for (const auto& row : rows_) {
        out.push_back(scheduled(row, now));
    }
    return out;
}

std::string schedule_text(const ScheduledSource& s, std::int64_t now) {
    if (!s.not_scheduled.empty()) {
        return "not scheduled: " + s.not_scheduled;
    }
    std::string out = "every " + span_text(s.interval);
    if (!s.next_due) {
        return out;
    }
    return out + (*s.next_due <= now ? ", due now" : ", next in " + span_text(*s.next_due - now));
}

}  // namespace gigscout
