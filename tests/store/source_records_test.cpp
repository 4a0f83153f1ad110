// What the store records of each source's refreshes, for the sources panel: the last result,
// the last success, failures in a row and the last error in words.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store_test_support.h"

namespace gigscout::testing {
namespace {

class SourceRecordsTest : public ::testing::Test {
  protected:
    void refresh(const std::string& source, const std::vector<Listing>& listings,
                 RefreshCompleteness completeness, std::int64_t at, const std::string& error = {}) {
        auto r = store_.record_refresh(source, listings, completeness, at, error);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    std::vector<SourceRecord> records() {
        auto r = store_.source_records();
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r.value() : std::vector<SourceRecord>{};
    }

    TempDir dir_;
    Store store_ = open_store(dir_.path() / "gigscout.sqlite3");
};

TEST_F(SourceRecordsTest, ANewStoreHasNoRecords) {
    EXPECT_TRUE(records().empty());
}

TEST_F(SourceRecordsTest, ACompleteRefreshIsASuccessWithItsOpenListings) {
    refresh("acme", jobs("acme", 0, 3), RefreshCompleteness::Complete, kT0);
    auto r = records();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].source, "acme");
    EXPECT_EQ(r[0].last_refresh_at, kT0);
    EXPECT_EQ(r[0].last_result, RefreshCompleteness::Complete);
    EXPECT_EQ(r[0].last_success_at, std::optional<std::int64_t>(kT0));
    EXPECT_EQ(r[0].last_complete_at, std::optional<std::int64_t>(kT0));
    EXPECT_EQ(r[0].consecutive_failures, 0);
    EXPECT_EQ(r[0].last_error, "");
    EXPECT_FALSE(r[0].last_error_at.has_value());
    EXPECT_EQ(r[0].open_listings, 3u);
}

TEST_F(SourceRecordsTest, FailuresCountUpWithTheLastErrorAndASuccessResetsTheCount) {
    refresh("acme", jobs("acme", 0, 2), RefreshCompleteness::Complete, kT0);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 60, "could not resolve host");
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 120, "HTTP 503 from api.acme.test");
    auto r = records();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].last_result, RefreshCompleteness::Failed);
    EXPECT_EQ(r[0].consecutive_failures, 2);
    EXPECT_EQ(r[0].last_refresh_at, kT0 + 120);
    EXPECT_EQ(r[0].last_success_at, std::optional<std::int64_t>(kT0));
    EXPECT_EQ(r[0].last_error, "HTTP 503 from api.acme.test");
    EXPECT_EQ(r[0].last_error_at, std::optional<std::int64_t>(kT0 + 120));
    EXPECT_EQ(r[0].open_listings, 2u);  // a failure closes nothing

    refresh("acme", {}, RefreshCompleteness::NotModified, kT0 + 180);
    r = records();
    EXPECT_EQ(r[0].consecutive_failures, 0);
    EXPECT_EQ(r[0].last_success_at, std::optional<std::int64_t>(kT0 + 180));
    EXPECT_EQ(r[0].last_result, RefreshCompleteness::NotModified);
    // The last error stays, with its time, for the panel to show as history.
    EXPECT_EQ(r[0].last_error, "HTTP 503 from api.acme.test");
    EXPECT_EQ(r[0].last_error_at, std::optional<std::int64_t>(kT0 + 120));
}

TEST_F(SourceRecordsTest, ASourceThatNeverSucceededHasNoLastSuccess) {
    refresh("beta", {}, RefreshCompleteness::Failed, kT0, "no network");
    refresh("acme", jobs("acme", 0, 1), RefreshCompleteness::Partial, kT0, "page 2: timed out");
    auto r = records();
    ASSERT_EQ(r.size(), 2u);  // by id
    EXPECT_EQ(r[0].source, "acme");
    EXPECT_EQ(r[0].last_result, RefreshCompleteness::Partial);
    EXPECT_EQ(r[0].last_success_at, std::optional<std::int64_t>(kT0));
    EXPECT_FALSE(r[0].last_complete_at.has_value());
    EXPECT_EQ(r[0].last_error, "page 2: timed out");
    EXPECT_EQ(r[1].source, "beta");
    EXPECT_EQ(r[1].consecutive_failures, 1);
    EXPECT_FALSE(r[1].last_success_at.has_value());
    EXPECT_EQ(r[1].last_error, "no network");
    EXPECT_EQ(r[1].open_listings, 0u);
}

TEST_F(SourceRecordsTest, ListingsAnotherSourceClosedForThisOneAreNotCounted) {
    refresh("acme", jobs("acme", 0, 3), RefreshCompleteness::Complete, kT0);
    refresh("acme", jobs("acme", 0, 1), RefreshCompleteness::Complete, kT0 + 60);
    auto r = records();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].open_listings, 1u);
}

// Version 2 kept only the last result: a failed one counts as one failure, any other as a
// success at the last refresh.
TEST(SourceRecordsMigration, AVersionTwoStoresRecordsBecomeSuccessesAndFailures) {
    TempDir dir;
    auto file = dir.path() / "gigscout.sqlite3";
    raw_exec(file, read_file(tests_dir() / "store" / "fixtures" / "schema_v2.sql") +
                       "INSERT INTO sources (source, generation, last_refresh_at, last_result, "
                       "last_complete_at) VALUES ('ok', 3, 100, 'complete', 100), "
                       "('down', 2, 200, 'failed', NULL);");
    Store store = open_store(file);
    auto r = store.source_records();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().size(), 2u);
    const SourceRecord& down = r.value()[0];
    EXPECT_EQ(down.source, "down");
    EXPECT_EQ(down.consecutive_failures, 1);
    EXPECT_FALSE(down.last_success_at.has_value());
    EXPECT_EQ(down.last_error, "");
    const SourceRecord& ok = r.value()[1];
    EXPECT_EQ(ok.consecutive_failures, 0);
    EXPECT_EQ(ok.last_success_at, std::optional<std::int64_t>(100));
    EXPECT_EQ(ok.last_complete_at, std::optional<std::int64_t>(100));
}

TEST_F(SourceRecordsTest, EachRefreshKeepsWhatItBroughtOldestFirstUpToTheLastTen) {
    refresh("acme", jobs("acme", 0, 3), RefreshCompleteness::Complete, kT0);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 60, "HTTP 500");
    refresh("acme", {}, RefreshCompleteness::NotModified, kT0 + 120);
    refresh("acme", jobs("acme", 0, 1), RefreshCompleteness::Partial, kT0 + 180, "page 2");
    auto r = records();
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(r[0].recent.size(), 4u);
    EXPECT_EQ(r[0].recent[0].at, kT0);
    EXPECT_EQ(r[0].recent[0].result, RefreshCompleteness::Complete);
    EXPECT_EQ(r[0].recent[0].listings, 3u);
    EXPECT_EQ(r[0].recent[1].result, RefreshCompleteness::Failed);
    EXPECT_EQ(r[0].recent[1].listings, 0u);
    EXPECT_EQ(r[0].recent[2].result, RefreshCompleteness::NotModified);
    EXPECT_EQ(r[0].recent[3].result, RefreshCompleteness::Partial);
    EXPECT_EQ(r[0].recent[3].listings, 1u);

    for (int i = 0; i < 12; ++i) {
        refresh("acme", jobs("acme", 0, i), RefreshCompleteness::Complete, kT0 + 1000 + i);
    }
    r = records();
    ASSERT_EQ(r[0].recent.size(), kKeptSourceRefreshes);
    EXPECT_EQ(r[0].recent.front().listings, 2u);
    EXPECT_EQ(r[0].recent.back().listings, 11u);
    EXPECT_EQ(r[0].recent.back().at, kT0 + 1011);
}

TEST_F(SourceRecordsTest, ResumingKeepsTheFailuresSoFarAndASuccessClearsBoth) {
    EXPECT_FALSE(store_.resume_source("acme").value()) << "never refreshed: nothing to resume";
    for (int i = 0; i < 3; ++i) {
        refresh("acme", {}, RefreshCompleteness::Failed, kT0 + i, "HTTP 401");
    }
    EXPECT_EQ(records()[0].resumed_failures, 0);
    ASSERT_TRUE(store_.resume_source("acme").value());
    EXPECT_EQ(records()[0].resumed_failures, 3);
    EXPECT_EQ(records()[0].consecutive_failures, 3);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 10, "HTTP 401");
    EXPECT_EQ(records()[0].resumed_failures, 3);
    EXPECT_EQ(records()[0].consecutive_failures, 4);
    refresh("acme", jobs("acme", 0, 1), RefreshCompleteness::Complete, kT0 + 20);
    EXPECT_EQ(records()[0].resumed_failures, 0);
    EXPECT_EQ(records()[0].consecutive_failures, 0);
}

// Version 3 kept no history: a source's record stays as it was, with no refreshes listed and
// nothing resumed.
TEST(SourceRecordsMigration, AVersionThreeStoresRecordsKeepTheirHealthWithAnEmptyHistory) {
    TempDir dir;
    auto file = dir.path() / "gigscout.sqlite3";
    raw_exec(file, read_file(tests_dir() / "store" / "fixtures" / "schema_v3.sql") +
                       "INSERT INTO sources (source, generation, last_refresh_at, last_result, "
                       "last_complete_at, last_success_at, failures, last_error, last_error_at) "
                       "VALUES ('down', 5, 200, 'failed', 100, 100, 4, 'HTTP 401', 200);");
    Store store = open_store(file);
    auto r = store.source_records();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().size(), 1u);
    EXPECT_EQ(r.value()[0].consecutive_failures, 4);
    EXPECT_EQ(r.value()[0].last_error, "HTTP 401");
    EXPECT_EQ(r.value()[0].resumed_failures, 0);
    EXPECT_TRUE(r.value()[0].recent.empty());
    ASSERT_TRUE(
        store.record_refresh("down", jobs("down", 0, 2), RefreshCompleteness::Complete, 300).ok());
    r = store.source_records();
    ASSERT_EQ(r.value()[0].recent.size(), 1u);
    EXPECT_EQ(r.value()[0].recent[0].listings, 2u);
}

}  // namespace
}  // namespace gigscout::testing
