// The sources panel over a real store: one row per configured source, in the given order,
// with its state in words, last success, failures in a row and last error.
#include "views/sources_panel.h"

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace gigscout::testing {
namespace {

SourceDescription source(const std::string& id) {
    SourceDescription d;
    d.id = id;
    d.plugin = id.substr(0, id.find(':'));
    return d;
}

class SourcesPanelTest : public ::testing::Test {
  protected:
    void refresh(const std::string& id, const std::vector<Listing>& listings,
                 RefreshCompleteness completeness, std::int64_t at, const std::string& error = {}) {
        auto r = store_.record_refresh(id, listings, completeness, at, error);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    std::vector<SourceRow> panel(const std::vector<SourceDescription>& sources) {
        auto rows = load_sources_panel(store_, sources);
        EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
        return rows.ok() ? rows.value() : std::vector<SourceRow>{};
    }

    TempDir dir_;
    Store store_ = open_store(dir_.path() / "gigscout.sqlite3");
};

TEST_F(SourcesPanelTest, AHealthySourceIsOkWithItsListingsAndTimes) {
    refresh("acme", jobs("acme", 0, 4), RefreshCompleteness::Complete, kT0);
    auto rows = panel({source("acme")});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, "acme");
    EXPECT_EQ(rows[0].plugin, "acme");
    EXPECT_EQ(rows[0].health, SourceHealth::Ok);
    EXPECT_EQ(rows[0].state_text, "ok");
    EXPECT_EQ(rows[0].last_refresh_at, std::optional<std::int64_t>(kT0));
    EXPECT_EQ(rows[0].last_success_at, std::optional<std::int64_t>(kT0));
    EXPECT_EQ(rows[0].consecutive_failures, 0);
    EXPECT_EQ(rows[0].open_listings, 4u);
}

TEST_F(SourcesPanelTest, AFailingSourceSaysHowManyInARowWithTheLastError) {
    refresh("acme", jobs("acme", 0, 2), RefreshCompleteness::Complete, kT0);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 60, "could not resolve host");
    auto rows = panel({source("acme")});
    EXPECT_EQ(rows[0].health, SourceHealth::Failing);
    EXPECT_EQ(rows[0].state_text, "failing: the last refresh failed");
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 120, "HTTP 503");
    rows = panel({source("acme")});
    EXPECT_EQ(rows[0].state_text, "failing: 2 refreshes in a row failed");
    EXPECT_EQ(rows[0].consecutive_failures, 2);
    EXPECT_EQ(rows[0].last_error, "HTTP 503");
    EXPECT_EQ(rows[0].last_error_at, std::optional<std::int64_t>(kT0 + 120));
    EXPECT_EQ(rows[0].last_success_at, std::optional<std::int64_t>(kT0));
    EXPECT_EQ(rows[0].open_listings, 2u);
}

TEST_F(SourcesPanelTest, AnUnusablePluginOrADisabledSourceSaysSoBeforeAnythingElse) {
    refresh("acme", {}, RefreshCompleteness::Failed, kT0, "boom");
    SourceDescription unusable = source("acme");
    unusable.unusable_reason = "needs plugin API 2; this GigScout has 1";
    unusable.enabled = false;
    SourceDescription disabled = source("beta");
    disabled.enabled = false;
    auto rows = panel({unusable, disabled});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].health, SourceHealth::Unusable);
    EXPECT_EQ(rows[0].state_text, "plugin unusable: needs plugin API 2; this GigScout has 1");
    EXPECT_EQ(rows[0].last_error, "boom");  // still there to read
    EXPECT_EQ(rows[1].health, SourceHealth::Disabled);
    EXPECT_EQ(rows[1].state_text, "disabled");
}

TEST_F(SourcesPanelTest, NeverRefreshedPausedAndPartialSourcesAreToldApart) {
    refresh("part", jobs("part", 0, 1), RefreshCompleteness::Partial, kT0, "page 2: timed out");
    SourceDescription paused = source("slow");
    paused.paused_reason = "the platform allows one refresh an hour; next at 12:00 UTC";
    auto rows = panel({source("fresh"), paused, source("part")});
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].health, SourceHealth::Never);
    EXPECT_EQ(rows[0].state_text, "never refreshed");
    EXPECT_FALSE(rows[0].last_refresh_at.has_value());
    EXPECT_EQ(rows[1].health, SourceHealth::Paused);
    EXPECT_EQ(rows[1].state_text,
              "paused: the platform allows one refresh an hour; next at 12:00 UTC");
    EXPECT_EQ(rows[2].health, SourceHealth::Partial);
    EXPECT_EQ(rows[2].state_text, "partial: the last refresh ended early");
    EXPECT_EQ(rows[2].last_error, "page 2: timed out");
}

TEST_F(SourcesPanelTest, ADeprecatedSourceKeepsItsStateAndCarriesTheNote) {
    refresh("old", jobs("old", 0, 1), RefreshCompleteness::Complete, kT0);
    SourceDescription old = source("old");
    old.deprecated = "the board closed its API; use `newboard`";
    auto rows = panel({old});
    EXPECT_EQ(rows[0].health, SourceHealth::Ok);
    EXPECT_EQ(rows[0].deprecated, "the board closed its API; use `newboard`");
}

TEST_F(SourcesPanelTest, RecordsOfSourcesNoLongerConfiguredAreLeftOut) {
    refresh("gone", jobs("gone", 0, 1), RefreshCompleteness::Complete, kT0);
    EXPECT_TRUE(panel({}).empty());
    auto rows = panel({source("acme")});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, "acme");
}

}  // namespace
}  // namespace gigscout::testing
