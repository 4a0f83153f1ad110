// Opening the database: WAL mode, and clear refusals that leave a file GigScout cannot use
// exactly as it was (newer schema, not SQLite, another program's, damaged); a full disk; two
// writers at once.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "store/schema.h"
#include "store/store.h"
#include "store_test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;

std::int64_t raw_integer(const fs::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK);
    std::int64_t value = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return value;
}

class StoreOpen : public ::testing::Test {
  protected:
    TempDir dir;
    fs::path file = dir.path() / "gigscout.sqlite3";
};

TEST_F(StoreOpen, CreatesTheDatabaseInWalMode) {
    {
        Store store = open_store(file);
        EXPECT_TRUE(fs::exists(file.string() + "-wal"));
        EXPECT_EQ(store.integrity_check().value(), "ok");
    }
    std::string bytes = read_file(file);
    ASSERT_GE(bytes.size(), 100u);
    // Header bytes 18 and 19 (file format read/write versions) are 2 in WAL mode.
    EXPECT_EQ(bytes[18], 2);
    EXPECT_EQ(bytes[19], 2);
    // Large pages for large rows (docs/store.md, "Performance").
    EXPECT_EQ(raw_integer(file, "PRAGMA page_size"), 16384);
}

TEST_F(StoreOpen, CreatesTheDataDirectoryFromPaths) {
    Paths paths{dir.path() / "nested" / "data", dir.path() / "config", dir.path() / "cache"};
    auto store = Store::open(paths);
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ(store.value().file(), paths.database_file());
    EXPECT_TRUE(fs::exists(paths.database_file()));
}

TEST_F(StoreOpen, RefusesADatabaseFromANewerVersionAndLeavesItUnchanged) {
    {
        Store store = open_store(file);
        ASSERT_TRUE(store
                        .record_refresh("remoteok", jobs("remoteok", 1, 3),
                                        RefreshCompleteness::Complete, kT0)
                        .ok());
    }
    raw_exec(file, "PRAGMA user_version = 99");
    std::string before = read_file(file);
    auto store = Store::open(file);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().message,
              "the database " + file.string() +
                  " has schema version 99, newer than this GigScout understands (" +
                  std::to_string(store::kSchemaVersion) +
                  "): it was written by a newer GigScout. Upgrade GigScout; the file was not "
                  "changed");
    EXPECT_EQ(read_file(file), before);
}

TEST_F(StoreOpen, RefusesAFileThatIsNotSqliteAndLeavesItUnchanged) {
    write_file(file, "my notes, not a database\n");
    auto store = Store::open(file);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().message,
              file.string() +
                  " is not a GigScout database (not an SQLite file); GigScout left it as it is — "
                  "move it away to start a new store, or use another --data-dir");
    EXPECT_EQ(read_file(file), "my notes, not a database\n");
    EXPECT_FALSE(fs::exists(file.string() + "-wal"));
}

TEST_F(StoreOpen, RefusesAnotherProgramsSqliteDatabase) {
    raw_exec(file, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
    std::string before = read_file(file);
    auto store = Store::open(file);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().message,
              file.string() +
                  " is an SQLite database of another program (it has tables but no GigScout "
                  "schema version); GigScout left it as it is — move it away or use another "
                  "--data-dir");
    EXPECT_EQ(read_file(file), before);
}

TEST_F(StoreOpen, RefusesADirectoryAtTheDatabasePath) {
    fs::create_directory(file);
    auto store = Store::open(file);
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().message,
              "the database path " + file.string() + " is a directory, expected a file");
}

TEST_F(StoreOpen, ADamagedDatabaseIsReportedClearlyAndNotOverwritten) {
    {
        Store store = open_store(file);
        ASSERT_TRUE(store
                        .record_refresh("remoteok", jobs("remoteok", 1, 300),
                                        RefreshCompleteness::Complete, kT0)
                        .ok());
    }
    raw_exec(file, "PRAGMA wal_checkpoint(TRUNCATE)");  // everything into the main file
    std::string bytes = read_file(file);
    ASSERT_GT(bytes.size(), 3 * 4096u);
    // Everything after the first page (header and schema) becomes garbage.
    for (std::size_t i = 4096; i < bytes.size(); ++i) {
        bytes[i] = static_cast<char>(0xA5 ^ (i & 0xff));
    }
    write_file(file, bytes);
    auto store = Store::open(file);
    std::string message;
    if (!store.ok()) {
        message = store.error().message;
    } else {
        auto rows = store.value().load_listings();
        ASSERT_FALSE(rows.ok());
        message = rows.error().message;
        auto marked = store.value().set_state("remoteok:1", ListingState::Saved, {}, kT0);
        EXPECT_FALSE(marked.ok());
    }
    EXPECT_NE(message.find("the database " + file.string() + " is damaged ("), std::string::npos)
        << message;
    EXPECT_NE(message.find("GigScout left it as it is — move it away and restore your last "
                           "export with `gigscout-cli import`"),
              std::string::npos)
        << message;
    EXPECT_EQ(read_file(file), bytes);
}

TEST_F(StoreOpen, AFullDiskFailsCleanlyAndALaterRefreshCompletes) {
    {
        Store store = open_store(file);
        ASSERT_TRUE(store
                        .record_refresh("remoteok", jobs("remoteok", 1, 50),
                                        RefreshCompleteness::Complete, kT0)
                        .ok());
        ASSERT_TRUE(store.set_state("remoteok:7", ListingState::Applied, "sent", kT0).ok());
    }
    raw_exec(file, "PRAGMA wal_checkpoint(TRUNCATE)");
    auto pages = static_cast<std::uint32_t>(raw_integer(file, "PRAGMA page_count"));
    StoreOptions capped;
    capped.max_page_count = pages + 4;
    capped.batch_size = 100;
    {
        Store store = open_store(file, capped);
        auto r = store.record_refresh("remoteok", jobs("remoteok", 1, 3000),
                                      RefreshCompleteness::Complete, kT0 + kDay);
        ASSERT_FALSE(r.ok());
        const std::string& m = r.error().message;
        EXPECT_EQ(m.rfind("storing the refresh of `remoteok`: no space left for the database " +
                              file.string() + " (the disk is full",
                          0),
                  0u)
            << m;
        EXPECT_NE(m.find("listings were stored and nothing was closed — refreshing again "
                         "completes it"),
                  std::string::npos)
            << m;
        EXPECT_EQ(store.integrity_check().value(), "ok");
        auto row = find(load(store), "remoteok:7");
        ASSERT_TRUE(row);
        EXPECT_EQ(row->state, ListingState::Applied);
        EXPECT_EQ(row->note, "sent");
    }
    Store store = open_store(file);
    auto r = store.record_refresh("remoteok", jobs("remoteok", 1, 3000),
                                  RefreshCompleteness::Complete, kT0 + 2 * kDay);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(load(store).size(), 3000u);
    EXPECT_EQ(find(load(store), "remoteok:7")->state, ListingState::Applied);
    EXPECT_EQ(store.integrity_check().value(), "ok");
}

TEST_F(StoreOpen, AWriterHeldPastTheWaitLimitGetsAMessageNotDatabaseIsLocked) {
    {
        Store store = open_store(file);
        ASSERT_TRUE(
            store
                .record_refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0)
                .ok());
    }
    sqlite3* holder = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &holder), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    StoreOptions impatient;
    impatient.busy_timeout = std::chrono::milliseconds(100);
    Store store = open_store(file, impatient);
    // Reading is never blocked by the writer (WAL).
    EXPECT_EQ(load(store).size(), 1u);
    auto r = store.set_state("remoteok:1", ListingState::Saved, std::nullopt, kT0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "marking `remoteok:1` saved: the database " + file.string() +
                  " stayed busy: another GigScout process (the app or a refresh) kept writing "
                  "longer than the wait limit; try again in a moment");
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    EXPECT_TRUE(store.set_state("remoteok:1", ListingState::Saved, std::nullopt, kT0).ok());
}

TEST_F(StoreOpen, TwoConnectionsWriteAtOnceWithoutBusyErrorsOrLostState) {
    {
        Store store = open_store(file);
        ASSERT_TRUE(store
                        .record_refresh("remoteok", jobs("remoteok", 1, 200),
                                        RefreshCompleteness::Complete, kT0)
                        .ok());
    }
    std::atomic<bool> done{false};
    std::vector<std::string> errors;
    std::thread refresher([&] {
        Store writer = open_store(file, StoreOptions{std::chrono::milliseconds(30'000), 200, {}});
        for (int round = 1; round <= 6; ++round) {
            auto r = writer.record_refresh("remoteok", jobs("remoteok", 1, 2000),
                                           RefreshCompleteness::Complete, kT0 + round);
            if (!r.ok()) {
                errors.push_back(r.error().message);
            }
        }
        done = true;
    });
    Store user = open_store(file);
    int marks = 0;
    while (!done || marks < 20) {
        std::string id = "remoteok:" + std::to_string(1 + marks % 200);
        auto m = user.set_state(id, ListingState::Saved, "note " + std::to_string(marks), kT0);
        ASSERT_TRUE(m.ok()) << m.error().message;
        auto rows = user.load_listings();
        ASSERT_TRUE(rows.ok()) << rows.error().message;
        ++marks;
        if (marks >= 200) {
            break;
        }
    }
    refresher.join();
    EXPECT_TRUE(errors.empty()) << errors.front();
    ListingFilter saved;
    saved.state = ListingState::Saved;
    EXPECT_EQ(load(user, saved).size(), static_cast<std::size_t>(std::min(marks, 200)));
    EXPECT_EQ(user.integrity_check().value(), "ok");
}

}  // namespace
}  // namespace gigscout::testing
