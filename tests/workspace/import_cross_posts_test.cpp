// Cross-posts among the batches of one imported file (workspace/import_cross_posts.h): a real
// store, batches stored as `gigscout-cli import` stores them (find, store, remember, merge).
#include "workspace/import_cross_posts.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace gigscout::testing {
namespace {

constexpr std::int64_t kImportNow = 1'795'000'000;

Listing job(const std::string& id, const std::string& title, const std::string& company,
            const std::string& description) {
    Listing l;
    l.id = id;
    l.source = id.substr(0, id.find(':'));
    l.url = "https://" + l.source + ".example.com/" + id.substr(id.find(':') + 1);
    l.title = title;
    l.company = company;
    l.description = description;
    return l;
}

class ImportCrossPostsTest : public ::testing::Test {
  protected:
    TempDir dir;
    Store store = Store::open(dir.path() / "gigscout.sqlite3").value();
    ImportCrossPosts cross_posts;
    std::size_t merged = 0;

    // One batch, as command_import's store_part stores it.
    void import_batch(const std::vector<Listing>& batch) {
        std::vector<const Listing*> listings;
        StateExport state;
        for (const Listing& l : batch) {
            listings.push_back(&l);
            ExportedListing e;
            e.id = l.id;
            e.source = l.source;
            e.url = l.url;
            e.first_seen = e.last_seen = kImportNow;
            e.is_new = true;
            e.listing = l;
            state.listings.push_back(std::move(e));
        }
        auto merges = cross_posts.find(listings, store);
        ASSERT_TRUE(merges) << merges.error().message;
        ASSERT_TRUE(store.import_state(state, kImportNow));
        cross_posts.remember(listings);
        for (const auto& [keep, duplicate] : merges.value()) {
            ASSERT_TRUE(store.merge_listings(keep, duplicate));
            ++merged;
        }
    }

    // id -> its sources, for every listing left after merges.
    std::map<std::string, std::vector<std::string>> stored() {
        std::map<std::string, std::vector<std::string>> out;
        auto loaded = store.load_listings();
        EXPECT_TRUE(loaded);
        for (const auto& row : loaded.value().rows) {
            out[row.listing.id] = row.sources;
        }
        return out;
    }
};

// Filler: distinct jobs, no key shared with anything.
std::vector<Listing> others(int batch, int count) {
    std::vector<Listing> out;
    for (int i = 0; i < count; ++i) {
        const std::string n = std::to_string(batch) + "-" + std::to_string(i);
        out.push_back(job("f:" + n, "Job " + n, "Company " + n, ""));
    }
    return out;
}

TEST_F(ImportCrossPostsTest, SixCopiesOfOneJobInSixBatchesAllJoinTheFirst) {
    // One job on six boards, one copy a batch; before it in each batch, listings of other jobs
    // with the same title at five other companies (a common title).
    const char* boards[] = {"a", "b", "c", "d", "e", "g"};
    for (int b = 0; b < 6; ++b) {
        auto batch = others(b, 3);
        for (int k = 0; k < 5; ++k) {
            batch.push_back(job("x" + std::to_string(b) + ":" + std::to_string(k),
                                "Computer Vision Engineer", "Other " + std::to_string(k), ""));
        }
        batch.push_back(job(std::string(boards[b]) + ":1", "Computer Vision Engineer (Remote)",
                            "Acme Vision Inc.", ""));
        import_batch(batch);
    }
    EXPECT_EQ(merged, 5u + 5u * 5u);  // the job's five copies; each other company's five
    auto left = stored();
    EXPECT_EQ(left["a:1"], (std::vector<std::string>{"a", "b", "c", "d", "e", "g"}));
    for (const char* board : {"b", "c", "d", "e", "g"}) {
        EXPECT_EQ(left.count(std::string(board) + ":1"), 0u) << board;
    }
}

TEST_F(ImportCrossPostsTest, ACopyWithoutCompanyFindsItsJobBehindManyOthersOfTheSameTitle) {
    // Rule 3 (docs/dedupe.md): same title, company unknown on one side, similar description
    // (too short for a sketch, so the title is the only way in). Five other companies'
    // "Software Engineer" jobs come first; the earlier cap of four listings a key kept only
    // those, and the copy in the third batch was never compared with its job.
    const std::string text =
        "Build the payment service in Go with PostgreSQL and Kafka for our Berlin team.";
    std::vector<Listing> first;
    for (int k = 0; k < 5; ++k) {
        first.push_back(job("o:" + std::to_string(k), "Software Engineer",
                            "Company " + std::to_string(k),
                            "Write Rust firmware for sensor board " + std::to_string(k) +
                                " in our lab near Oslo."));
    }
    import_batch(first);
    import_batch({job("hn:1", "Software Engineer", "Paylane", text)});
    import_batch({job("wwr:7", "Software Engineer", "", text)});
    auto left = stored();
    EXPECT_EQ(merged, 1u);
    EXPECT_EQ(left["hn:1"], (std::vector<std::string>{"hn", "wwr"}));
    EXPECT_EQ(left.count("wwr:7"), 0u);
    EXPECT_EQ(left.size(), 6u);
}

TEST_F(ImportCrossPostsTest, BoilerplateSharedByHundredsOfListingsIsNotEvidenceOfOneJob) {
    // 300 different jobs (companies all known and different) with the same long text: rule 4
    // never joins them, and the key they share stops being looked up.
    std::string text;
    for (int i = 0; i < 8; ++i) {
        text += "We are an equal opportunity employer and value diversity at our company " +
                std::to_string(i) + ". ";
    }
    for (int b = 0; b < 3; ++b) {
        std::vector<Listing> batch;
        for (int i = 0; i < 100; ++i) {
            const std::string n = std::to_string(b * 100 + i);
            batch.push_back(job("p:" + n, "Role " + n, "Company " + n, text));
        }
        import_batch(batch);
    }
    EXPECT_EQ(merged, 0u);
    EXPECT_EQ(stored().size(), 300u);
}

}  // namespace
}  // namespace gigscout::testing
