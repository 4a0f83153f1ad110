#include "fetch/refresh_ledger.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "support/test_support.h"

namespace gigscout::fetch {
namespace {

using namespace std::chrono_literals;
using gigscout::testing::TempDir;
using WallClock = std::chrono::system_clock;

const WallClock::time_point kT0 = WallClock::from_time_t(1'764'064'800);  // 2025-11-25T10:00:00Z

TEST(RefreshLedger, ASourceNeverRefreshedMayRefresh) {
    TempDir dir;
    RefreshLedger ledger(dir.path() / "refresh.json");
    auto d = ledger.check("remoteok", 15min, kT0);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.wait, 0s);
    EXPECT_FALSE(ledger.last_refresh("remoteok"));
}

TEST(RefreshLedger, AnswersWhenTheNextRefreshIsAllowed) {
    TempDir dir;
    RefreshLedger ledger(dir.path() / "refresh.json");
    ASSERT_TRUE(ledger.record("remoteok", kT0));
    auto early = ledger.check("remoteok", 15min, kT0 + 10min);
    EXPECT_FALSE(early.allowed);
    EXPECT_EQ(early.next_allowed, kT0 + 15min);
    EXPECT_EQ(early.wait, 5min);
    EXPECT_TRUE(ledger.check("remoteok", 15min, kT0 + 15min).allowed);
    EXPECT_TRUE(ledger.check("freelancer", 15min, kT0 + 1min).allowed);  // per source
}

TEST(RefreshLedger, SurvivesARestartAsReadableJson) {
    TempDir dir;
    auto file = dir.path() / "cache" / "refresh.json";
    ASSERT_TRUE(RefreshLedger(file).record("remoteok", kT0));
    RefreshLedger reopened(file);
    ASSERT_TRUE(reopened.last_refresh("remoteok"));
    EXPECT_EQ(*reopened.last_refresh("remoteok"), kT0);
    EXPECT_FALSE(reopened.check("remoteok", 1h, kT0 + 30min).allowed);
    std::string text = gigscout::testing::read_file(file);
    EXPECT_NE(text.find("\"remoteok\":{\"last_refresh\":\"2025-11-25T10:00:00Z\"}"),
              std::string::npos)
        << text;
}

TEST(RefreshLedger, ADamagedFileCountsAsNeverRefreshedAndIsReplaced) {
    TempDir dir;
    auto file = dir.path() / "refresh.json";
    gigscout::testing::write_file(file, "{\"sources\": {\"remoteok\": ");
    RefreshLedger ledger(file);
    EXPECT_TRUE(ledger.check("remoteok", 1h, kT0).allowed);
    ASSERT_TRUE(ledger.record("remoteok", kT0));
    EXPECT_FALSE(RefreshLedger(file).check("remoteok", 1h, kT0 + 1min).allowed);
}

TEST(RefreshLedger, ATimeInTheFutureIsIgnored) {
    TempDir dir;
    RefreshLedger ledger(dir.path() / "refresh.json");
    ASSERT_TRUE(ledger.record("remoteok", kT0 + 24h));  // the clock was set back since
    EXPECT_TRUE(ledger.check("remoteok", 1h, kT0).allowed);
}

TEST(RefreshLedger, ConcurrentRecordsAreAllKept) {
    TempDir dir;
    RefreshLedger ledger(dir.path() / "refresh.json");
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            EXPECT_TRUE(ledger.record("source" + std::to_string(i), kT0 + std::chrono::seconds(i)));
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    RefreshLedger reopened(dir.path() / "refresh.json");
    for (int i = 0; i < 8; ++i) {
        auto last = reopened.last_refresh("source" + std::to_string(i));
        ASSERT_TRUE(last) << i;
        EXPECT_EQ(*last, kT0 + std::chrono::seconds(i));
    }
}

}  // namespace
}  // namespace gigscout::fetch
