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

// The health rules (views/source_health.h): paused after N failures in a row, resumed by the
// user, suspicious when empty where it used to bring many.
TEST_F(SourcesPanelTest, ThreeFailuresInARowPauseASourceWithWhyAndWhatToDo) {
    refresh("acme", jobs("acme", 0, 2), RefreshCompleteness::Complete, kT0);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 60, "GET x: server answered HTTP 401");
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 120, "GET x: server answered HTTP 401");
    auto rows = panel({source("acme")});
    EXPECT_EQ(rows[0].health, SourceHealth::Failing) << "two are not yet three";
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 180, "GET x: server answered HTTP 401");
    rows = panel({source("acme")});
    EXPECT_EQ(rows[0].health, SourceHealth::Paused);
    EXPECT_EQ(rows[0].state_text,
              "paused after 3 failed refreshes in a row: the server refused the credentials: "
              "check the token or key");
    EXPECT_EQ(rows[0].last_error, "GET x: server answered HTTP 401");
    EXPECT_FALSE(rows[0].last_listings.has_value()) << "the last refresh failed";

    // Resumed, it runs again; one more failure pauses it again, a success ends it.
    ASSERT_TRUE(store_.resume_source("acme").value());
    EXPECT_EQ(panel({source("acme")})[0].health, SourceHealth::Failing);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 240, "GET x: server answered HTTP 401");
    EXPECT_EQ(panel({source("acme")})[0].health, SourceHealth::Paused);
    ASSERT_TRUE(store_.resume_source("acme").value());
    refresh("acme", jobs("acme", 0, 2), RefreshCompleteness::Complete, kT0 + 300);
    rows = panel({source("acme")});
    EXPECT_EQ(rows[0].health, SourceHealth::Ok);
    EXPECT_EQ(rows[0].last_listings, std::optional<std::size_t>(2));
    for (int i = 0; i < 2; ++i) {
        refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 400 + i, "HTTP 500");
    }
    EXPECT_EQ(panel({source("acme")})[0].health, SourceHealth::Failing)
        << "after a success it takes three failures again";
}

TEST_F(SourcesPanelTest, TheNumberOfFailuresThatPausesIsTheUsersAppSetting) {
    ASSERT_TRUE(store_.set_setting(SettingScope::App, "", kPauseAfterFailures, "1").ok());
    refresh("acme", {}, RefreshCompleteness::Failed, kT0, "boom");
    EXPECT_EQ(panel({source("acme")})[0].health, SourceHealth::Paused);

    ASSERT_TRUE(store_.set_setting(SettingScope::App, "", kPauseAfterFailures, "lots").ok());
    auto rows = load_sources_panel(store_, {source("acme")});
    ASSERT_FALSE(rows.ok());
    EXPECT_EQ(rows.error().message,
              "setting `pause_after_failures`: expected a whole number of refreshes from 1 to "
              "9999, got \"lots\"");
}

TEST_F(SourcesPanelTest, ADisabledSourceSaysDisabledEvenWhenItWouldBePaused) {
    for (int i = 0; i < 3; ++i) {
        refresh("acme", {}, RefreshCompleteness::Failed, kT0 + i, "boom");
    }
    SourceDescription off = source("acme");
    off.enabled = false;
    EXPECT_EQ(panel({off})[0].health, SourceHealth::Disabled);
}

TEST(FailureAdvice, TheLastErrorsKindSaysWhatToDo) {
    EXPECT_EQ(failure_advice("GET https://a/b: server answered HTTP 403"),
              "the server refused the credentials: check the token or key");
    EXPECT_EQ(failure_advice("source upwork: needs its secret setting `token` (OAuth2)"),
              "set the secret it names");
    EXPECT_EQ(failure_advice("source upwork: the token endpoint https://www.upwork.com/api/v3/"
                             "oauth2/token refused the grant (HTTP 400): sign in to Upwork "
                             "again: gigscout-cli source auth upwork"),
              "sign in to the platform again: gigscout-cli source auth (the last error names "
              "the source)");
    EXPECT_EQ(failure_advice("GET https://a/b: server answered HTTP 404"),
              "the address is gone: check the source's settings (the board may have moved)");
    EXPECT_EQ(failure_advice("plugin `lever` is disabled: needs API 2"),
              "the plugin failed: update the plugin");
    EXPECT_EQ(failure_advice("lever: page 1: listing 3: field `title`: expected a string"),
              "what the site sent is not what the plugin expects: the site may have changed "
              "(update the plugin)");
    EXPECT_EQ(failure_advice("GET https://a/b: could not resolve host a"),
              "the site could not be reached: check the network, or the site is down");
    EXPECT_EQ(failure_advice("GET https://a/b: server answered HTTP 502"),
              "the site answered with a server error: it may be down for now, or it changed");
    EXPECT_EQ(failure_advice("something else"), "look at the last error");
}

TEST_F(SourcesPanelTest, AnEmptyRefreshWhereItUsedToBringManyIsSuspicious) {
    refresh("acme", jobs("acme", 0, 38), RefreshCompleteness::Complete, kT0);
    refresh("acme", {}, RefreshCompleteness::NotModified, kT0 + 60);
    refresh("acme", jobs("acme", 0, 42), RefreshCompleteness::Complete, kT0 + 120);
    refresh("acme", {}, RefreshCompleteness::Failed, kT0 + 180, "HTTP 503");
    refresh("acme", {}, RefreshCompleteness::Complete, kT0 + 240);
    auto rows = panel({source("acme")});
    EXPECT_TRUE(rows[0].suspicious);
    EXPECT_EQ(rows[0].suspicious_text,
              "0 listings where it used to bring ~40: the site may have changed");
    EXPECT_EQ(rows[0].health, SourceHealth::Ok) << "suspicious is shown beside the state";
    EXPECT_EQ(rows[0].last_listings, std::optional<std::size_t>(0));

    refresh("acme", jobs("acme", 0, 40), RefreshCompleteness::Complete, kT0 + 300);
    EXPECT_FALSE(panel({source("acme")})[0].suspicious) << "listings again";
}

TEST_F(SourcesPanelTest, AnEmptyRefreshIsNotSuspiciousForAQuietOrNewSource) {
    refresh("new", {}, RefreshCompleteness::Complete, kT0);
    refresh("quiet", jobs("quiet", 0, 4), RefreshCompleteness::Complete, kT0);
    refresh("quiet", jobs("quiet", 0, 5), RefreshCompleteness::Complete, kT0 + 60);
    refresh("quiet", {}, RefreshCompleteness::Complete, kT0 + 120);
    auto rows = panel({source("new"), source("quiet")});
    EXPECT_FALSE(rows[0].suspicious) << "nothing before to compare with";
    EXPECT_FALSE(rows[1].suspicious) << "4.5 on average is not many";
}

}  // namespace
}  // namespace gigscout::testing
