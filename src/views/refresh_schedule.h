// When each source refreshes next while the app runs (docs/app.md, "Schedules"): every source
// has its own interval (sources.json `refresh_minutes`), never shorter than its plugin's
// politeness limit, doubled for each failed refresh in a row; disabled, unusable and paused
// sources (source_health.h) are not scheduled. The next run is counted from the last one, so
// after a sleep (the clock jumps far ahead) each overdue source runs once, not once per missed
// interval. Plain values over the sources panel's rows and a clock the caller passes in (the
// app's timer, a test's fake time), so the rules are tested without a display or a wait.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "views/sources_panel.h"

namespace gigscout {

// Failures in a row beyond which the wait stops doubling (16 times the interval).
inline constexpr int kMaxScheduleBackoff = 4;
// A day: the longest the back-off stretches an interval shorter than that.
inline constexpr std::int64_t kMaxBackoffSeconds = 86400;

// The seconds the schedule waits after a refresh of `row`: its interval, never below its
// plugin's politeness limit, doubled per failed refresh in a row (kMaxScheduleBackoff times at
// most, and to no more than a day unless the interval itself is longer).
std::int64_t schedule_interval(const SourceRow& row);

struct ScheduledSource {
    std::string id;
    // Why it is not scheduled: "disabled", "paused", "plugin unusable"; empty when it is.
    std::string not_scheduled;
    std::int64_t interval = 0;             // schedule_interval
    std::optional<std::int64_t> next_due;  // epoch seconds; none: not scheduled
};

class RefreshSchedule {
  public:
    // What the store knows of each source (after a refresh, and whenever the sources change).
    void update(const std::vector<SourceRow>& rows);

    // The sources due at `now`, in the rows' order. Each counts as started at `now`, so asking
    // again before its refresh is recorded does not return it twice, and its next run is one
    // interval from now, however many intervals were missed.
    std::vector<std::string> due(std::int64_t now);

    // Every source with its interval and next run, for a window or `gigscout-cli source list`.
    std::vector<ScheduledSource> plan(std::int64_t now) const;

  private:
    // The later of the store's last refresh and the last start due() handed out; a time after
    // `now` (the clock went back) is ignored, as the refresh ledger does.
    std::optional<std::int64_t> last_run(const SourceRow& row, std::int64_t now) const;
    ScheduledSource scheduled(const SourceRow& row, std::int64_t now) const;

    std::vector<SourceRow> rows_;
    std::map<std::string, std::int64_t> started_;  // by due(): id -> when
};

// "every 60 min, next in 12 min", "every 2 h, due now", "not scheduled: paused": how a front
// end says it.
std::string schedule_text(const ScheduledSource& s, std::int64_t now);

}  // namespace gigscout
