// Crash safety: gigscout-cli is killed with SIGKILL at seeded random points while it imports a
// large file, 20 times. Afterwards the database passes PRAGMA integrity_check, every state the
// user set before a kill is intact, and the next import and refresh complete.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <thread>

#include "base/iso_time.h"
#include "cli_process.h"
#include "store/store.h"
#include "store_cli_fixtures.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kListings = 5000;
constexpr int kKills = 20;
constexpr unsigned kSeed = 20261125;
const std::string kStarted = "gigscout-cli import: importing";

struct Expected {
    ListingState state;
    std::string note;
};

TEST(CliStoreCrash, KillsDuringAnImportLoseNothingAndTheNextRunCompletes) {
    TempDir dir;
    fs::path data = dir.path() / "d";
    fs::path big = dir.path() / "big.json";
    write_file(big, generated_listings("crash", kListings));
    write_file(dir.path() / "small.json", generated_listings("crash", 40));

    // How long the writing takes: one uninterrupted import elsewhere, from the "importing"
    // line to its exit. Kill points are drawn inside that window.
    Clock::duration window;
    {
        CliProcess calibrate(dir.path() / "calibration", {"import", big.string()});
        ASSERT_TRUE(calibrate.wait_for(kStarted, std::chrono::seconds(120))) << calibrate.err();
        auto start = Clock::now();
        ASSERT_EQ(calibrate.wait(), 0) << calibrate.err();
        window = Clock::now() - start;
    }

    auto r = run_cli(data, {"import", (dir.path() / "small.json").string()}, dir.path());
    ASSERT_EQ(r.code, 0) << r.err;
    std::map<std::string, Expected> expected;
    std::mt19937 random(kSeed);
    std::uniform_int_distribution<long> delay(
        0, std::chrono::duration_cast<std::chrono::microseconds>(window).count());
    const ListingState states[] = {ListingState::Saved, ListingState::Hidden,
                                   ListingState::Applied};
    int killed_mid_run = 0;
    for (int round = 0; round < kKills; ++round) {
        // An action the user set and saw acknowledged before the kill.
        std::string id = "crash:" + std::to_string(round * 2);
        ListingState state = states[round % 3];
        std::string note = "round " + std::to_string(round);
        auto m =
            run_cli(data, {"mark", id, std::string(to_string(state)), "--note", note}, dir.path());
        ASSERT_EQ(m.code, 0) << m.err;
        expected[id] = {state, note};

        CliProcess writer(data, {"import", big.string()});
        ASSERT_TRUE(writer.wait_for(kStarted, std::chrono::seconds(120))) << writer.err();
        std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
        killed_mid_run += writer.kill_now() ? 1 : 0;
        writer.wait();

        Store store = [&] {
            auto s = Store::open(data / "data" / "gigscout.sqlite3");
            EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
            return std::move(s).value();
        }();
        ASSERT_EQ(store.integrity_check().value(), "ok") << "after kill " << round;
        ListingFilter all;
        all.include_closed = true;
        all.include_hidden = true;
        auto rows = store.load_listings(all);
        ASSERT_TRUE(rows.ok()) << rows.error().message;
        std::size_t found = 0;
        for (const auto& row : rows.value().rows) {
            auto it = expected.find(row.listing.id);
            if (it != expected.end()) {
                ++found;
                EXPECT_EQ(row.state, it->second.state) << row.listing.id << " after kill " << round;
                EXPECT_EQ(row.note, it->second.note) << row.listing.id << " after kill " << round;
            }
        }
        EXPECT_EQ(found, expected.size()) << "after kill " << round;
        EXPECT_GE(rows.value().rows.size(), 40u);
    }
    // Most kill points fall inside the write; a run that finished first proves nothing.
    EXPECT_GE(killed_mid_run, kKills / 2);

    r = run_cli(data, {"import", big.string()}, dir.path());
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find(std::to_string(kListings) + " listings ("), std::string::npos) << r.out;

    Store store = Store::open(data / "data" / "gigscout.sqlite3").value();
    std::vector<Listing> refreshed;
    auto all_rows = store.load_listings().value().rows;
    for (const auto& row : all_rows) {
        refreshed.push_back(row.listing);
    }
    auto done = store.record_refresh("crash", refreshed, RefreshCompleteness::Complete,
                                     now_epoch_seconds());
    ASSERT_TRUE(done.ok()) << done.error().message;
    ListingFilter all;
    all.include_closed = true;
    all.include_hidden = true;
    auto rows = store.load_listings(all).value().rows;
    EXPECT_EQ(rows.size(), static_cast<std::size_t>(kListings));
    EXPECT_EQ(store.integrity_check().value(), "ok");
    for (const auto& row : rows) {
        if (auto it = expected.find(row.listing.id); it != expected.end()) {
            EXPECT_EQ(row.state, it->second.state) << row.listing.id;
        }
    }
}

}  // namespace
}  // namespace gigscout::testing
