// The refresh schedule with a fake clock: each source's own interval, the plugin's politeness
// limit as a floor, one run per overdue source after a sleep, back-off after failures, and no
// run for disabled, unusable or paused sources (the pause judged from a real store's records).
#include "views/refresh_schedule.h"

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace gigscout::testing {
namespace {

constexpr std::int64_t kMin = 60;

SourceRow row(const std::string& id, std::int64_t interval, std::optional<std::int64_t> last,
              SourceHealth health = SourceHealth::Ok) {
    SourceRow r;
    r.id = id;
    r.plugin = id;
    r.health = health;
    r.refresh_interval = interval;
    r.last_refresh_at = last;
    return r;
}

using Ids = std::vector<std::string>;

TEST(RefreshSchedule, EachSourceRunsOnItsOwnInterval) {
    RefreshSchedule schedule;
    schedule.update({row("fast", 10 * kMin, kT0), row("slow", 60 * kMin, kT0)});
    EXPECT_EQ(schedule.due(kT0 + 9 * kMin), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 10 * kMin), Ids{"fast"});
    // Asked again before the refresh is recorded: not handed out twice.
    EXPECT_EQ(schedule.due(kT0 + 10 * kMin + 30), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 20 * kMin), Ids{"fast"});
    EXPECT_EQ(schedule.due(kT0 + 60 * kMin), (Ids{"fast", "slow"}));
    EXPECT_EQ(schedule.due(kT0 + 61 * kMin), Ids{});
}

TEST(RefreshSchedule, ARecordedRefreshCountsAsTheLastRun) {
    RefreshSchedule schedule;
    schedule.update({row("a", 30 * kMin, kT0)});
    // The user pressed Refresh at +20 min: the next scheduled run is 30 min after that.
    schedule.update({row("a", 30 * kMin, kT0 + 20 * kMin)});
    EXPECT_EQ(schedule.due(kT0 + 30 * kMin), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 50 * kMin), Ids{"a"});
}

TEST(RefreshSchedule, ANeverRefreshedSourceIsDueAtOnce) {
    RefreshSchedule schedule;
    schedule.update({row("new", 60 * kMin, std::nullopt, SourceHealth::Never)});
    EXPECT_EQ(schedule.due(kT0), Ids{"new"});
    EXPECT_EQ(schedule.due(kT0 + 59 * kMin), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 60 * kMin), Ids{"new"});
}

TEST(RefreshSchedule, TheIntervalIsNeverBelowThePluginsPolitenessLimit) {
    SourceRow polite = row("polite", 5 * kMin, kT0);
    polite.min_interval = 30 * kMin;
    EXPECT_EQ(schedule_interval(polite), 30 * kMin);
    RefreshSchedule schedule;
    schedule.update({polite});
    EXPECT_EQ(schedule.due(kT0 + 5 * kMin), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 29 * kMin), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 30 * kMin), Ids{"polite"});
    // A longer interval than the limit is kept as the user set it.
    polite.refresh_interval = 90 * kMin;
    EXPECT_EQ(schedule_interval(polite), 90 * kMin);
}

TEST(RefreshSchedule, AfterASleepEachOverdueSourceRunsOnceNotOncePerMissedInterval) {
    RefreshSchedule schedule;
    schedule.update({row("a", 10 * kMin, kT0), row("b", 60 * kMin, kT0)});
    // The laptop slept for a day and a half: 216 intervals of `a` were missed.
    const std::int64_t woke = kT0 + 36 * 3600;
    EXPECT_EQ(schedule.due(woke), (Ids{"a", "b"}));
    for (std::int64_t t = woke + 30; t < woke + 10 * kMin; t += 30) {
        EXPECT_EQ(schedule.due(t), Ids{}) << "at +" << (t - woke) << " s after waking";
    }
    // Then each keeps its own pace from the wake.
    EXPECT_EQ(schedule.due(woke + 10 * kMin), Ids{"a"});
    auto plan = schedule.plan(woke + 10 * kMin);
    ASSERT_EQ(plan.size(), 2u);
    EXPECT_EQ(plan[1].next_due, std::optional<std::int64_t>(woke + 60 * kMin));
}

TEST(RefreshSchedule, DisabledUnusableAndPausedSourcesAreSkipped) {
    RefreshSchedule schedule;
    schedule.update({row("off", 10 * kMin, kT0, SourceHealth::Disabled),
                     row("broken", 10 * kMin, kT0, SourceHealth::Unusable),
                     row("paused", 10 * kMin, kT0, SourceHealth::Paused),
                     row("ok", 10 * kMin, kT0)});
    EXPECT_EQ(schedule.due(kT0 + 24 * 3600), Ids{"ok"});
    auto plan = schedule.plan(kT0);
    ASSERT_EQ(plan.size(), 4u);
    EXPECT_EQ(plan[0].not_scheduled, "disabled");
    EXPECT_EQ(plan[1].not_scheduled, "plugin unusable");
    EXPECT_EQ(plan[2].not_scheduled, "paused");
    EXPECT_FALSE(plan[2].next_due);
    EXPECT_EQ(schedule_text(plan[2], kT0), "not scheduled: paused");
}

TEST(RefreshSchedule, ASourceTheStorePausedAfterThreeFailuresIsNotScheduledUntilResumed) {
    TempDir dir;
    Store store = open_store(dir.path() / "gigscout.sqlite3");
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(store.record_refresh("acme", {}, RefreshCompleteness::Failed, kT0 + i * kMin,
                                         "HTTP 503"));
    }
    SourceDescription d;
    d.id = "acme";
    d.plugin = "acme";
    d.refresh_interval = 10 * kMin;
    auto rows = load_sources_panel(store, {d});
    ASSERT_TRUE(rows.ok());
    RefreshSchedule schedule;
    schedule.update(rows.value());
    EXPECT_EQ(schedule.due(kT0 + 24 * 3600), Ids{});
    ASSERT_TRUE(store.resume_source("acme"));
    rows = load_sources_panel(store, {d});
    ASSERT_TRUE(rows.ok());
    schedule.update(rows.value());
    EXPECT_EQ(schedule.due(kT0 + 24 * 3600), Ids{"acme"});
}

TEST(RefreshSchedule, FailuresInARowDoubleTheWaitUpToADay) {
    SourceRow r = row("flaky", 10 * kMin, kT0, SourceHealth::Failing);
    r.consecutive_failures = 1;
    EXPECT_EQ(schedule_interval(r), 20 * kMin);
    r.consecutive_failures = 2;
    EXPECT_EQ(schedule_interval(r), 40 * kMin);
    r.consecutive_failures = 50;
    EXPECT_EQ(schedule_interval(r), 160 * kMin);  // 16 times at most
    r.refresh_interval = 4 * 3600;
    EXPECT_EQ(schedule_interval(r), 24 * 3600);  // and no more than a day
    r.refresh_interval = 48 * 3600;
    EXPECT_EQ(schedule_interval(r), 48 * 3600);  // unless the interval is longer already
    RefreshSchedule schedule;
    r.refresh_interval = 10 * kMin;
    r.consecutive_failures = 2;
    schedule.update({r});
    EXPECT_EQ(schedule.due(kT0 + 39 * kMin), Ids{});
    EXPECT_EQ(schedule.due(kT0 + 40 * kMin), Ids{"flaky"});
}

TEST(RefreshSchedule, AClockThatWentBackIgnoresRunsInTheFuture) {
    RefreshSchedule schedule;
    schedule.update({row("a", 10 * kMin, kT0 + 3600)});
    // The recorded run is an hour ahead of the clock: it cannot tell when to run, so it runs.
    EXPECT_EQ(schedule.due(kT0), Ids{"a"});
    EXPECT_EQ(schedule.due(kT0 + 5 * kMin), Ids{});
}

TEST(RefreshSchedule, TheTextSaysTheIntervalAndTheNextRun) {
    RefreshSchedule schedule;
    schedule.update({row("a", 60 * kMin, kT0), row("b", 90 * kMin, std::nullopt)});
    auto plan = schedule.plan(kT0 + 48 * kMin);
    EXPECT_EQ(schedule_text(plan[0], kT0 + 48 * kMin), "every 1 h, next in 12 min");
    EXPECT_EQ(schedule_text(plan[1], kT0 + 48 * kMin), "every 90 min, due now");
    SourceRow flaky = row("c", 60 * kMin, kT0, SourceHealth::Failing);
    flaky.consecutive_failures = 4;
    schedule.update({flaky, row("d", 7 * 24 * 3600, kT0)});
    plan = schedule.plan(kT0 + 10 * kMin);
    EXPECT_EQ(schedule_text(plan[0], kT0 + 10 * kMin), "every 16 h, next in 16 h");
    EXPECT_EQ(schedule_text(plan[1], kT0 + 10 * kMin), "every 7 d, next in 7 d");
}

}  // namespace
}  // namespace gigscout::testing
