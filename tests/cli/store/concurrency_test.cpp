// The app and a background refresh writing at once: mark and list run while another process
// imports thousands of listings. No "database is locked" (or any busy error) reaches the user
// and no state is lost.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "cli_process.h"
#include "store/store.h"
#include "store_cli_fixtures.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kMarks = 12;

bool mentions_busy(const std::string& err) {
    return err.find("locked") != std::string::npos || err.find("busy") != std::string::npos;
}

TEST(CliStoreConcurrency, MarkAndListWhileARefreshWritesNeverFailOrLoseState) {
    TempDir dir;
    fs::path data = dir.path() / "d";
    fs::path big = dir.path() / "big.json";
    write_file(big, generated_listings("conc", 2000));
    auto first = run_cli(data, {"import", big.string()}, dir.path());
    ASSERT_EQ(first.code, 0) << first.err;

    std::atomic<bool> user_done{false};
    std::atomic<int> imports{0};
    std::vector<std::string> writer_errors;
    std::thread writer([&] {
        // The background refresh: rewrites every listing, in batches, again and again.
        while (!user_done || imports == 0) {
            auto r = run_cli(data, {"import", big.string()}, dir.path());
            if (r.code != 0 || mentions_busy(r.err)) {
                writer_errors.push_back(r.err);
            }
            ++imports;
        }
    });
    for (int i = 0; i < kMarks; ++i) {
        std::string id = "conc:" + std::to_string(i * 7);
        auto m =
            run_cli(data, {"mark", id, "saved", "--note", "n" + std::to_string(i)}, dir.path());
        EXPECT_EQ(m.code, 0) << m.err;
        EXPECT_FALSE(mentions_busy(m.err)) << m.err;
        auto l = run_cli(data, {"list", "--top", "5"}, dir.path());
        EXPECT_EQ(l.code, 0) << l.err;
        EXPECT_FALSE(mentions_busy(l.err)) << l.err;
    }
    user_done = true;
    writer.join();
    EXPECT_TRUE(writer_errors.empty()) << writer_errors.front();
    EXPECT_GE(imports.load(), 1);

    Store store = Store::open(data / "data" / "gigscout.sqlite3").value();
    ListingFilter saved;
    saved.state = ListingState::Saved;
    auto rows = store.load_listings(saved).value().rows;
    EXPECT_EQ(rows.size(), static_cast<std::size_t>(kMarks));
    for (const auto& row : rows) {
        int n = std::stoi(row.listing.id.substr(5)) / 7;
        EXPECT_EQ(row.note, "n" + std::to_string(n)) << row.listing.id;
    }
    EXPECT_EQ(store.integrity_check().value(), "ok");
}

}  // namespace
}  // namespace gigscout::testing
