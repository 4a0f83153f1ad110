// The list view over a real SQLite store: its rows come in rank()'s order with rank()'s
// numbers, hard filters and --min-score leave rows out, the unscored view keeps
// load_listings' order, and load_shown reads the listings on screen whole, in the asked order.
#include "views/listing_view.h"

#include <gtest/gtest.h>

#include "model/currency.h"
#include "scoring/profile.h"
#include "store_test_support.h"
#include "taxonomy/taxonomy.h"

namespace gigscout::testing {
namespace {

// Knows OpenCV and Python; wants remote work only, so a listing saying it is on site is
// filtered.
constexpr const char* kProfile = R"({
  "format": 1, "name": "view test",
  "skills": [{"skill": "opencv", "level": "advanced"}, {"skill": "python", "level": "advanced"}],
  "remote_only": true
})";

Profile test_profile() {
    auto p = profile_from_json(kProfile, "view test profile");
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return p.value();
}

// Listings that score apart: each asks for a different mix of known and unknown skills.
std::vector<Listing> varied_jobs(int count) {
    std::vector<Listing> out;
    for (int i = 0; i < count; ++i) {
        Listing l = job("acme:" + std::to_string(i), "Vision job " + std::to_string(i));
        l.skills.clear();
        if (i % 2 == 0) {
            l.skills.push_back({"opencv", SkillOrigin::Tag});
        }
        if (i % 3 == 0) {
            l.skills.push_back({"python", SkillOrigin::Tag});
        }
        if (i % 5 == 0) {
            l.skills.push_back({"kubernetes", SkillOrigin::Tag});
        }
        l.posted_at = kT0 - (i % 7) * kDay;
        if (i % 4 == 1) {
            l.remote = false;  // filtered by remote_only
        }
        out.push_back(std::move(l));
    }
    return out;
}

class ListingViewTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto r = store_.record_refresh("acme", varied_jobs(40), RefreshCompleteness::Complete, kT0);
        ASSERT_TRUE(r.ok()) << r.error().message;
        // A later refresh: these enter the store second, so newest first puts them on top.
        auto later = store_.record_refresh("other", jobs("other", 1, 3),
                                           RefreshCompleteness::Complete, kT0 + kDay);
        ASSERT_TRUE(later.ok()) << later.error().message;
    }

    ListingView view(const ListingViewQuery& query) {
        auto v = load_listing_view(store_, query);
        EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
        return v.ok() ? std::move(v).value() : ListingView{};
    }

    TempDir dir_;
    Store store_ = open_store(dir_.path() / "gigscout.sqlite3");
    Scorer scorer_{test_profile(), Taxonomy::bundled(), CurrencyTable::bundled(), kT0 + kDay};
};

TEST_F(ListingViewTest, RowsComeInRankOrderWithRanksNumbers) {
    ListingViewQuery query;
    query.scorer = &scorer_;
    query.include_filtered = true;
    ListingView v = view(query);

    std::vector<StoredListing> whole = load(store_);
    std::vector<Listing> listings;
    for (const auto& row : whole) {
        listings.push_back(row.listing);
    }
    auto ranked = rank(listings, scorer_, ScoreDetail::Numbers);
    ASSERT_EQ(v.size(), ranked.size());
    ASSERT_EQ(v.size(), 43u);
    ASSERT_EQ(v.rows.size(), v.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        const Listing& expected = listings[ranked[i].index];
        const ListingRow& row = v.at(i);
        EXPECT_EQ(row.id, expected.id) << "at " << i;
        ASSERT_TRUE(row.score.has_value());
        EXPECT_EQ(row.score->exact, ranked[i].score.exact) << row.id;
        EXPECT_EQ(row.score->filtered, ranked[i].score.filtered) << row.id;
        EXPECT_EQ(row.title, expected.title);
        EXPECT_EQ(row.url, expected.url);
        EXPECT_TRUE(row.is_new);
        EXPECT_EQ(row.state, ListingState::New);
    }
    // Scores differ across the rows and the filtered ones close the list.
    EXPECT_GT(v.at(0).score->exact, v.at(20).score->exact);
    EXPECT_FALSE(v.at(0).score->filtered);
    EXPECT_TRUE(v.at(v.size() - 1).score->filtered);
}

TEST_F(ListingViewTest, FilteredAndLowScoringRowsAreLeftOutUnlessAsked) {
    ListingViewQuery query;
    query.scorer = &scorer_;
    ListingView unfiltered = view(query);
    // acme:1, 5, 9, ... (10 of 40) say they are on site.
    EXPECT_EQ(unfiltered.size(), 33u);
    for (const auto& row : unfiltered.rows) {
        EXPECT_FALSE(row.score->filtered) << row.id;
    }

    query.min_score = unfiltered.at(5).score->total;
    ListingView top = view(query);
    ASSERT_GT(top.size(), 0u);
    EXPECT_LT(top.size(), unfiltered.size());
    for (const auto& row : top.rows) {
        EXPECT_GE(row.score->total, *query.min_score) << row.id;
    }
    for (std::size_t i = 0; i < top.size(); ++i) {
        EXPECT_EQ(top.at(i).id, unfiltered.at(i).id);
    }
}

TEST_F(ListingViewTest, WithoutAScorerRowsKeepLoadListingsOrderAndTheLookMark) {
    ListingFilter filter;
    filter.include_hidden = true;
    ASSERT_TRUE(
        store_.set_state("acme:3", ListingState::Hidden, std::string("not for me"), kT0).ok());
    ListingViewQuery query;
    query.filter = filter;
    ListingView v = view(query);
    auto loaded = store_.load_listings(filter);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(v.look_mark, loaded.value().look_mark);
    ASSERT_EQ(v.size(), loaded.value().rows.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        EXPECT_EQ(v.at(i).id, loaded.value().rows[i].listing.id) << "at " << i;
        EXPECT_FALSE(v.at(i).score.has_value());
    }
    EXPECT_EQ(v.at(0).id.rfind("other:", 0), 0u);  // the later refresh first
    auto hidden = std::find_if(v.rows.begin(), v.rows.end(),
                               [](const ListingRow& r) { return r.id == "acme:3"; });
    ASSERT_NE(hidden, v.rows.end());
    EXPECT_EQ(hidden->state, ListingState::Hidden);
    EXPECT_EQ(hidden->note, "not for me");

    // Without include_hidden the hidden one is gone, as in load_listings.
    query.filter.include_hidden = false;
    ListingView visible = view(query);
    EXPECT_EQ(visible.size(), v.size() - 1);
}

TEST_F(ListingViewTest, LoadShownReadsWholeListingsInTheAskedOrderAndExplainsThem) {
    std::vector<std::string> ids = {"acme:12", "other:2", "nobody:1", "acme:0"};
    auto shown = load_shown(store_, ids, &scorer_);
    ASSERT_TRUE(shown.ok()) << shown.error().message;
    ASSERT_EQ(shown.value().size(), 3u);  // nobody:1 is not stored
    EXPECT_EQ(shown.value()[0].row.listing.id, "acme:12");
    EXPECT_EQ(shown.value()[1].row.listing.id, "other:2");
    EXPECT_EQ(shown.value()[2].row.listing.id, "acme:0");
    const ShownListing& first = shown.value()[0];
    EXPECT_FALSE(first.row.listing.description.empty());
    ASSERT_TRUE(first.score.has_value());
    EXPECT_EQ(first.score->matched_skills, (std::vector<std::string>{"opencv", "python"}));
    EXPECT_EQ(first.score->exact, scorer_.score(first.row.listing).exact);

    auto unscored = load_shown(store_, ids, nullptr);
    ASSERT_TRUE(unscored.ok());
    EXPECT_FALSE(unscored.value()[0].score.has_value());
}

// 1,200 ids are read in slices by id; 3,000 in one pass over the table. Either way every
// asked listing comes back, hidden or not, in the asked order.
TEST(ListingView, LoadShownReadsManyRowsBySliceOrInOnePass) {
    TempDir dir;
    Store store = open_store(dir.path() / "gigscout.sqlite3");
    ASSERT_TRUE(
        store.record_refresh("bulk", jobs("bulk", 0, 3200), RefreshCompleteness::Complete, kT0)
            .ok());
    ASSERT_TRUE(store.set_state("bulk:7", ListingState::Hidden, std::nullopt, kT0).ok());
    for (int count : {1200, 3000}) {
        std::vector<std::string> ids;
        for (int i = count - 1; i >= 0; --i) {
            ids.push_back("bulk:" + std::to_string(i));
        }
        auto shown = load_shown(store, ids, nullptr);
        ASSERT_TRUE(shown.ok()) << shown.error().message;
        ASSERT_EQ(shown.value().size(), ids.size()) << count;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            ASSERT_EQ(shown.value()[i].row.listing.id, ids[i]) << "at " << i << " of " << count;
        }
        EXPECT_EQ(shown.value()[ids.size() - 8].row.state, ListingState::Hidden);
    }
}

}  // namespace
}  // namespace gigscout::testing
