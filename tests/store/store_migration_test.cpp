// Every earlier schema version, kept as a fixture (fixtures/schema_v<N>.sql), opens, migrates
// to the current one and keeps everything the user had.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <regex>
#include <set>

#include "store/schema.h"
#include "store/store.h"
#include "store_test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

std::vector<fs::path> fixtures() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(tests_dir() / "store" / "fixtures")) {
        if (std::regex_match(e.path().filename().string(), std::regex(R"(schema_v\d+\.sql)"))) {
            out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

int pragma(const fs::path& file, const char* name) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, ("PRAGMA " + std::string(name)).c_str(), -1, &s, nullptr);
    sqlite3_step(s);
    int v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

void build_from_sql(const fs::path& file, const fs::path& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    std::string text = read_file(sql);
    ASSERT_EQ(sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << sql << ": " << (error ? error : "");
    sqlite3_close(db);
}

TEST(StoreMigration, FixturesCoverEveryEarlierVersion) {
    std::set<std::string> names;
    for (const auto& f : fixtures()) {
        names.insert(f.filename().string());
    }
    for (int v = 1; v < store::kSchemaVersion; ++v) {
        EXPECT_TRUE(names.count("schema_v" + std::to_string(v) + ".sql"))
            << "keep a fixture of schema version " << v << " in tests/store/fixtures/";
    }
}

class FromFixture : public ::testing::TestWithParam<fs::path> {};

TEST_P(FromFixture, MigratesAndKeepsListingsStatesProfilesAndTheLook) {
    TempDir dir;
    fs::path file = dir.path() / "gigscout.sqlite3";
    build_from_sql(file, GetParam());
    const int page_size = pragma(file, "page_size");  // SQLite's default, not GigScout's
    ASSERT_NE(page_size, 16384);
    {
        Store store = open_store(file);
        EXPECT_EQ(store.integrity_check().value(), "ok");
        ListingFilter all;
        all.include_closed = true;
        all.include_hidden = true;
        auto rows = load(store, all);
        EXPECT_THAT(ids(rows), ElementsAre("remoteok:3", "remoteok:1", "remoteok:2"));

        auto saved = find(rows, "remoteok:1");
        ASSERT_TRUE(saved);
        EXPECT_EQ(saved->state, ListingState::Saved);
        EXPECT_EQ(saved->note, "ask about visa");
        EXPECT_EQ(saved->state_changed_at, 1795140000);
        EXPECT_THAT(saved->sources, ElementsAre("remoteok", "remotive"));
        ASSERT_EQ(saved->listing.merged.size(), 1u);
        EXPECT_EQ(saved->listing.merged[0].id, "remotive:7");
        ASSERT_TRUE(saved->listing.budget);
        EXPECT_EQ(saved->listing.budget->max, 120000.0);
        ASSERT_EQ(saved->listing.skills.size(), 2u);
        EXPECT_EQ(saved->listing.skills[1].skill, "cpp");

        auto applied = find(rows, "remoteok:2");
        ASSERT_TRUE(applied);
        EXPECT_EQ(applied->state, ListingState::Applied);
        EXPECT_EQ(applied->applied_at, 1795050000);
        EXPECT_EQ(applied->note, "sent CV v3");
        EXPECT_EQ(applied->closed_at, 1795132800);
        ASSERT_TRUE(applied->listing.client);
        EXPECT_EQ(applied->listing.client->reviews, 12);

        auto fresh = find(rows, "remoteok:3");
        ASSERT_TRUE(fresh);
        EXPECT_TRUE(fresh->is_new);
        EXPECT_EQ(fresh->state, ListingState::New);
        EXPECT_FALSE(saved->is_new);

        auto active = store.active_profile().value();
        ASSERT_TRUE(active);
        EXPECT_EQ(active->name, "cv");
        EXPECT_EQ(store.last_look_at().value(), 1795132800);

        // The migrated store keeps working: a complete refresh closes what vanished.
        auto r = store.record_refresh("remoteok", {job("remoteok:1")},
                                      RefreshCompleteness::Complete, kT0 + 10 * kDay);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r.value().closed, 1u);  // remoteok:3
        EXPECT_EQ(r.value().reopened, 0u);
        EXPECT_EQ(find(load(store, all), "remoteok:1")->state, ListingState::Saved);
    }
    EXPECT_EQ(pragma(file, "user_version"), store::kSchemaVersion);
    // New databases get larger pages; an existing one keeps the size it was made with.
    EXPECT_EQ(pragma(file, "page_size"), page_size);
}

INSTANTIATE_TEST_SUITE_P(EveryVersion, FromFixture, ::testing::ValuesIn(fixtures()),
                         [](const auto& info) { return info.param.stem().string(); });

}  // namespace
}  // namespace gigscout::testing
