// Moving the whole user state between stores (JSON) and a selection of listings (CSV).
#include <gtest/gtest.h>

#include "base/json_reader.h"
#include "store/listing_csv.h"
#include "store/state_export.h"
#include "store/store.h"
#include "store_test_support.h"

namespace gigscout::testing {
namespace {

using ::testing::ElementsAre;

// A store with something of everything: states, a merge, a closed and a dropped listing, a look,
// profiles and settings.
void fill(Store& s) {
    Listing rich = job("freelancer:42", "YOLO for retail shelves");
    rich.budget = Budget{BudgetKind::Fixed, 250.0, 750.0, "EUR"};
    rich.posted_at = kT0 - kDay;
    rich.client = ClientInfo{"DE", 4.9, 31, true, std::nullopt};
    ASSERT_TRUE(s.record_refresh("freelancer", {rich}, RefreshCompleteness::Complete, kT0).ok());
    ASSERT_TRUE(
        s.record_refresh("remoteok", jobs("remoteok", 1, 3), RefreshCompleteness::Complete, kT0)
            .ok());
    auto look = s.load_listings();
    ASSERT_TRUE(look.ok());
    ASSERT_TRUE(s.mark_looked(look.value().look_mark, kT0 + 10).ok());
    ASSERT_TRUE(
        s.record_refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0 + 20)
            .ok());
    ASSERT_TRUE(
        s.record_refresh("upwork", {job("upwork:5")}, RefreshCompleteness::Complete, kT0).ok());
    ASSERT_TRUE(s.set_state("freelancer:42", ListingState::Applied, "sent CV", kT0 + 30).ok());
    ASSERT_TRUE(s.set_state("remoteok:2", ListingState::Hidden, std::nullopt, kT0 + 31).ok());
    ASSERT_TRUE(s.set_state("upwork:5", ListingState::Saved, "ask", kT0 + 32).ok());
    ASSERT_TRUE(s.merge_listings("remoteok:1", "remotive:7").ok());
    ASSERT_TRUE(s.record_refresh("remoteok", {job("remoteok:1"), job("remoteok:2")},
                                 RefreshCompleteness::Complete, kT0 + kDay)
                    .ok());  // closes remoteok:3
    ASSERT_TRUE(s.apply_max_cache_age("upwork", 3600, kT0 + kDay).ok());
    ASSERT_TRUE(s.save_profile("cv", R"({"skills":[{"skill":"opencv"}]})", kT0).ok());
    ASSERT_TRUE(s.set_active_profile("cv").ok());
    ASSERT_TRUE(s.set_setting(SettingScope::Source, "remoteok", "tag", "python").ok());
    ASSERT_TRUE(s.set_setting(SettingScope::App, "", "retention_days", "120").ok());
}

void expect_same(const std::vector<StoredListing>& a, const std::vector<StoredListing>& b) {
    ASSERT_EQ(ids(a), ids(b));
    for (std::size_t i = 0; i < a.size(); ++i) {
        SCOPED_TRACE(a[i].listing.id);
        EXPECT_EQ(a[i].state, b[i].state);
        EXPECT_EQ(a[i].is_new, b[i].is_new);
        EXPECT_EQ(a[i].note, b[i].note);
        EXPECT_EQ(a[i].applied_at, b[i].applied_at);
        EXPECT_EQ(a[i].state_changed_at, b[i].state_changed_at);
        EXPECT_EQ(a[i].first_seen, b[i].first_seen);
        EXPECT_EQ(a[i].last_seen, b[i].last_seen);
        EXPECT_EQ(a[i].closed_at, b[i].closed_at);
        EXPECT_EQ(a[i].content_dropped, b[i].content_dropped);
        EXPECT_EQ(a[i].sources, b[i].sources);
        EXPECT_EQ(a[i].listing.title, b[i].listing.title);
        EXPECT_EQ(a[i].listing.url, b[i].listing.url);
        EXPECT_EQ(a[i].listing.merged.size(), b[i].listing.merged.size());
        EXPECT_EQ(a[i].listing.budget.has_value(), b[i].listing.budget.has_value());
        EXPECT_EQ(a[i].listing.client.has_value(), b[i].listing.client.has_value());
        EXPECT_EQ(a[i].listing.skills.size(), b[i].listing.skills.size());
    }
}

class StateTransfer : public ::testing::Test {
  protected:
    TempDir dir;
    Store from = open_store(dir.path() / "a.sqlite3");
    Store to = open_store(dir.path() / "b.sqlite3");

    std::string exported() {
        auto e = from.export_state();
        EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
        return state_export_to_json(e.value());
    }
    ImportSummary import(const std::string& json) {
        auto parsed = state_export_from_json(json, "backup.json", kT0 + 2 * kDay);
        EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
        EXPECT_TRUE(parsed.value().problems.empty()) << parsed.value().problems.front();
        auto s = to.import_state(parsed.value().state, kT0 + 2 * kDay);
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
        return s.value();
    }
};

TEST_F(StateTransfer, AnExportRestoresEverythingIntoAFreshStore) {
    fill(from);
    std::string json = exported();
    EXPECT_EQ(json.find("\"secret"), std::string::npos);
    auto summary = import(json);
    EXPECT_EQ(summary.listings_added, 6u);
    EXPECT_EQ(summary.actions_applied, 3u);
    EXPECT_EQ(summary.profiles_saved, 1u);
    EXPECT_EQ(summary.settings_added, 2u);
    EXPECT_EQ(summary.merges, 1u);
    expect_same(load(from, everything()), load(to, everything()));
    auto kept = find(load(to), "remoteok:1");
    ASSERT_TRUE(kept);
    EXPECT_THAT(kept->sources, ElementsAre("remoteok", "remotive"));
    EXPECT_EQ(to.active_profile().value()->name, "cv");
    EXPECT_EQ(to.source_settings("remoteok").value().at("tag"), "python");
    EXPECT_EQ(to.last_look_at().value(), kT0 + 10);
    // The restored store exports the same document.
    EXPECT_EQ(state_export_to_json(to.export_state().value()), json);
}

TEST_F(StateTransfer, ImportingTheSameFileTwiceChangesNothing) {
    fill(from);
    std::string json = exported();
    import(json);
    auto before = load(to, everything());
    auto again = import(json);
    EXPECT_EQ(again.listings_added, 0u);
    EXPECT_EQ(again.actions_applied, 0u);
    EXPECT_EQ(again.profiles_saved, 0u);
    EXPECT_EQ(again.settings_added, 0u);
    expect_same(before, load(to, everything()));
}

TEST_F(StateTransfer, TheMoreRecentActionWinsAndLocalSettingsStay) {
    fill(from);
    ASSERT_TRUE(
        to.record_refresh("remoteok", {job("remoteok:2")}, RefreshCompleteness::Complete, kT0)
            .ok());
    ASSERT_TRUE(to.set_state("remoteok:2", ListingState::Saved, "mine", kT0 + 500).ok());
    ASSERT_TRUE(to.set_setting(SettingScope::Source, "remoteok", "tag", "c++").ok());
    import(exported());  // remoteok:2 hidden at kT0 + 31: older
    auto row = find(load(to), "remoteok:2");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->state, ListingState::Saved);
    EXPECT_EQ(row->note, "mine");
    EXPECT_EQ(to.source_settings("remoteok").value().at("tag"), "c++");
    ASSERT_TRUE(from.set_state("remoteok:2", ListingState::Applied, "later", kT0 + 900).ok());
    import(exported());
    row = find(load(to), "remoteok:2");
    EXPECT_EQ(row->state, ListingState::Applied);
    EXPECT_EQ(row->note, "later");
}

TEST(StateExportParse, BadEntriesAreNamedByPathAndSkipped) {
    const std::string text = R"json({
      "format": "gigscout-state", "version": 1,
      "profiles": [{"name": "cv", "profile": {"skills": []}}, {"name": "x"}],
      "settings": [{"scope": "source", "owner": "upwork", "key": "oauth_token", "value": "t"},
                   {"scope": "galaxy", "owner": "", "key": "k", "value": "v"}],
      "listings": [
        {"id": "remoteok:1", "url": "https://remoteok.com/1", "first_seen": "2026-11-20T00:00:00Z",
         "last_seen": "2026-11-20T00:00:00Z",
         "listing": {"id": "remoteok:1", "url": "https://remoteok.com/1", "title": "CV dev"}},
        {"id": "remoteok:2", "first_seen": "2026-11-20T00:00:00Z", "last_seen": 1795132800},
        {"id": "remoteok:3", "url": "https://remoteok.com/3", "first_seen": "yesterday",
         "last_seen": "2026-11-20T00:00:00Z"},
        {"id": "remoteok:4", "url": "https://remoteok.com/4", "first_seen": 1795132800,
         "last_seen": 1795132800, "action": {"state": "new", "changed_at": 1795132800}},
        {"id": "remoteok:5", "url": "https://remoteok.com/5", "first_seen": 1795132800,
         "last_seen": 1795132800,
         "listing": {"id": "remoteok:5", "url": "javascript:alert(1)", "title": "x"}}
      ]})json";
    auto parsed = state_export_from_json(text, "backup.json", kT0);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed.value().state.listings.size(), 1u);
    EXPECT_EQ(parsed.value().state.profiles.size(), 1u);
    EXPECT_TRUE(parsed.value().state.settings.empty());
    const auto& p = parsed.value().problems;
    ASSERT_EQ(p.size(), 7u);
    EXPECT_EQ(p[0], "profiles[1]: field `profile`: is required");
    EXPECT_EQ(p[1],
              "settings[0]: key `oauth_token` names a secret; secrets are never imported into "
              "the database (set it again in the keyring)");
    EXPECT_EQ(p[2], "settings[1]: field `scope`: expected app, source or plugin, got \"galaxy\"");
    EXPECT_EQ(p[3], "listings[1]: field `url`: is required");
    EXPECT_EQ(p[4],
              "listings[2]: field `first_seen`: expected an ISO 8601 time such as "
              "\"2026-11-25T10:00:00Z\"");
    EXPECT_EQ(p[5],
              "listings[3]: field `action.state`: expected seen, hidden, saved or applied, got "
              "\"new\"");
    EXPECT_EQ(p[6].rfind("listings[4].listing: field `url`: must be an http or https URL", 0), 0u)
        << p[6];
}

TEST(StateExportParse, RefusesOtherDocumentsAndNewerVersions) {
    EXPECT_EQ(state_export_from_json("[1]", "b.json", kT0).error().message,
              "b.json: expected a GigScout state export (a JSON object), got an array");
    EXPECT_EQ(state_export_from_json(R"({"format": "other", "version": 1})", "b.json", kT0)
                  .error()
                  .message,
              "b.json: field `format`: expected \"gigscout-state\", got \"other\"");
    EXPECT_EQ(state_export_from_json(R"({"format": "gigscout-state", "version": 7})", "b.json", kT0)
                  .error()
                  .message,
              "b.json: written by a newer GigScout (export format version 7, this one reads up "
              "to 1); upgrade GigScout to import it");
    EXPECT_EQ(state_export_from_json("{", "b.json", kT0).error().message.rfind("b.json: line 1", 0),
              0u);
}

TEST_F(StateTransfer, TheStoreRefusesTextThatIsNotUtf8AndKeepsAProfileWithoutItsByteOrderMark) {
    fill(from);
    auto bad = from.set_state("upwork:5", ListingState::Saved, std::string("caf\xE9"), kT0 + 40);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "marking `upwork:5` saved: the note is not valid UTF-8 text");
    auto bad_name = from.save_profile("caf\xE9", R"({"skills": []})", kT0);
    ASSERT_FALSE(bad_name.ok());
    EXPECT_EQ(bad_name.error().message,
              "saving the profile `caf\xE9`: the profile name is not valid UTF-8 text");
    ASSERT_TRUE(from.save_profile("bom", "\xEF\xBB\xBF{\"skills\": []}", kT0).ok());
    auto profiles = from.profiles();
    ASSERT_TRUE(profiles.ok());
    ASSERT_EQ(profiles.value().front().name, "bom");
    EXPECT_EQ(profiles.value().front().json, "{\"skills\": []}");
}

TEST_F(StateTransfer, AStoreFromBeforeTheChecksStillExportsJsonThatImportsWhole) {
    fill(from);
    // What an older GigScout let in: a profile with its byte order mark, a note and a setting
    // that are not UTF-8.
    raw_exec(from.file(),
             "UPDATE profiles SET json = CAST(X'EFBBBF' AS TEXT) || json WHERE name = 'cv';"
             "UPDATE user_state SET note = CAST(X'636166E9' AS TEXT) WHERE listing_id = 'upwork:5';"
             "UPDATE settings SET value = CAST(X'7079FF' AS TEXT) WHERE key = 'tag';");
    std::vector<std::string> repairs;
    std::string json = state_export_to_json(from.export_state().value(), &repairs);
    ASSERT_EQ(repairs.size(), 2u);
    EXPECT_EQ(repairs[0], "settings[1]: text that was not UTF-8 was replaced with U+FFFD");
    EXPECT_EQ(repairs[1],
              "listings[5] (\"upwork:5\"): text that was not UTF-8 was replaced with U+FFFD");
    auto parsed = state_export_from_json(json, "backup.json", kT0 + 2 * kDay);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_TRUE(parsed.value().repaired.empty());
    auto summary = import(json);
    EXPECT_EQ(summary.listings_added, 6u);
    EXPECT_EQ(summary.profiles_saved, 1u);
    EXPECT_EQ(find(load(to, everything()), "upwork:5")->note, "caf\xEF\xBF\xBD");
    EXPECT_EQ(to.source_settings("remoteok").value().at("tag"), "py\xEF\xBF\xBD");
    EXPECT_EQ(to.profiles().value().front().json, R"({"skills":[{"skill":"opencv"}]})");
}

TEST(StateExportParse, ADamagedExportIsRepairedEntryByEntryAndEachRepairNamed) {
    // As an older GigScout wrote it: a profile copied raw with its byte order mark, and a note
    // that is not UTF-8. Strict JSON refuses the whole file.
    const std::string text =
        "{\"format\": \"gigscout-state\", \"version\": 1,\n"
        "\"profiles\": [{\"name\": \"cv\", \"profile\": \xEF\xBB\xBF"
        "{\"skills\": [{\"skill\": \"opencv\"}]}}],\n"
        "\"listings\": [{\"id\": \"remoteok:1\", \"url\": "
        "\"https://remoteok.com/1\", \"first_seen\": 1795132800, "
        "\"last_seen\": 1795132800, \"action\": {\"state\": \"saved\", "
        "\"changed_at\": 1795132800, \"note\": \"caf\xE9 \\\"ok\\\"\"}},\n"
        "{\"id\": \"remoteok:2\", \"url\": \"https://remoteok.com/2\", "
        "\"first_seen\": 1795132800, \"last_seen\": 1795132800}]}";
    ASSERT_FALSE(json::parse(text, "backup.json").ok());
    auto parsed = state_export_from_json(text, "backup.json", kT0);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_TRUE(parsed.value().problems.empty());
    EXPECT_THAT(parsed.value().repaired,
                ElementsAre("1 byte order mark(s) inside the file (where an older GigScout wrote "
                            "a profile as it was saved) were removed",
                            "listings[0].action.note: text that was not UTF-8 was replaced with "
                            "U+FFFD"));
    const StateExport& state = parsed.value().state;
    ASSERT_EQ(state.profiles.size(), 1u);
    EXPECT_EQ(state.profiles[0].json, R"({"skills":[{"skill":"opencv"}]})");
    ASSERT_EQ(state.listings.size(), 2u);
    EXPECT_EQ(state.listings[0].action->note, "caf\xEF\xBF\xBD \"ok\"");
    // What cannot be read either way keeps the strict parser's message.
    EXPECT_EQ(state_export_from_json("{\"format\": \xEF\xBB\xBF", "b.json", kT0)
                  .error()
                  .message.rfind("b.json: line 1", 0),
              0u);
}

TEST_F(StateTransfer, ACsvSelectionCarriesListingsAndStatesToAnotherStore) {
    fill(from);
    ListingFilter keep;
    keep.include_closed = true;
    keep.include_hidden = true;
    auto rows = load(from, keep);
    std::string csv = listings_to_csv(rows);
    auto parsed = listings_from_csv(csv, "saved.csv", kT0 + 2 * kDay);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    // The dropped listing has no title left, so it cannot travel as a listing.
    ASSERT_EQ(parsed.value().problems.size(), 1u);
    EXPECT_EQ(parsed.value().problems[0], "row 6: field `title`: is required");
    ASSERT_TRUE(to.import_state(parsed.value().state, kT0 + 2 * kDay).ok());
    auto got = load(to, everything());
    auto applied = find(got, "freelancer:42");
    ASSERT_TRUE(applied);
    EXPECT_EQ(applied->state, ListingState::Applied);
    EXPECT_EQ(applied->note, "sent CV");
    EXPECT_EQ(applied->applied_at, kT0 + 30);
    EXPECT_EQ(applied->listing.budget->max, 750.0);
    EXPECT_EQ(applied->listing.posted_at, kT0 - kDay);
    EXPECT_EQ(find(got, "remoteok:2")->state, ListingState::Hidden);
    EXPECT_EQ(find(got, "remoteok:3")->closed_at, kT0 + kDay);
    EXPECT_EQ(find(got, "remoteok:3")->state, ListingState::Seen);
    EXPECT_THAT(find(got, "remoteok:1")->sources, ElementsAre("remoteok", "remotive"));
}

TEST(ListingCsv, QuotesWhatNeedsQuotingAndDisarmsFormulas) {
    StoredListing row;
    row.listing = job("remoteok:1", "=HYPERLINK(\"http://evil\",\"x\")");
    row.listing.company = "Acme, Inc.";
    row.listing.description = "line one\nline \"two\"";
    row.listing.tags = {"opencv", "c++"};
    row.first_seen = row.last_seen = kT0;
    row.note = "-5 days";
    row.state = ListingState::Saved;
    row.state_changed_at = kT0;
    std::string csv = listings_to_csv({row});
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), std::string::npos)
        << csv;
    EXPECT_NE(csv.find(",\"Acme, Inc.\","), std::string::npos);
    EXPECT_NE(csv.find(",\"opencv\nc++\","), std::string::npos);
    EXPECT_NE(csv.find(",'-5 days,"), std::string::npos);
    EXPECT_NE(csv.find("\"line one\nline \"\"two\"\"\"\n"), std::string::npos);
    auto parsed = listings_from_csv("\xEF\xBB\xBF" + csv, "x.csv", kT0);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_TRUE(parsed.value().problems.empty()) << parsed.value().problems[0];
    const auto& e = parsed.value().state.listings.at(0);
    EXPECT_EQ(e.listing->title, row.listing.title);
    EXPECT_EQ(e.listing->company, "Acme, Inc.");
    EXPECT_EQ(e.listing->description, row.listing.description);
    EXPECT_EQ(e.listing->tags, row.listing.tags);
    EXPECT_EQ(e.action->note, "-5 days");
    EXPECT_EQ(e.action->state, ListingState::Saved);
}

TEST(ListingCsv, ReportsBadRowsAndRefusesUnknownColumns) {
    EXPECT_EQ(listings_from_csv("id,url,titel\n", "x.csv", kT0).error().message,
              "x.csv: column 3 `titel` is not a listing column (expected some of: id, source, "
              "url, title, company, ...; see docs/store.md)");
    EXPECT_EQ(listings_from_csv("id,url\n", "x.csv", kT0).error().message,
              "x.csv: the header has no `title` column");
    EXPECT_EQ(listings_from_csv("id,url,title\n\"a,b\n", "x.csv", kT0).error().message,
              "x.csv: line 2: a quoted cell is never closed");
    auto parsed = listings_from_csv(
        "id,url,title,budget_kind,budget_min,state\n"
        "a:1,https://a.com/1,Good,,,\n"
        "a:2,https://a.com/2,Bad budget,hourly,lots,\n"
        "a:3,https://a.com/3,Bad state,,,maybe\n"
        "a:4,https://a.com/4\n",
        "x.csv", kT0);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value().state.listings.size(), 1u);
    EXPECT_THAT(parsed.value().problems,
                ElementsAre("row 3: field `budget_min`: expected a number, got \"lots\"",
                            "row 4: field `state`: expected new, seen, hidden, saved or "
                            "applied, got \"maybe\"",
                            "row 5: has 2 cells, the header 6"));
}

}  // namespace
}  // namespace gigscout::testing
