// The listing table over a real SQLite store: every row loaded once, then sorted, filtered,
// selected and acted on in memory; actions reach the store and undo; reloads keep the
// selection; a look marks only what was shown.
#include "views/listing_table.h"

#include <gtest/gtest.h>

#include <thread>

#include "model/currency.h"
#include "scoring/profile.h"
#include "store_test_support.h"
#include "taxonomy/taxonomy.h"
#include "views/display_text.h"
#include "views/new_match_alert.h"

namespace gigscout::testing {
namespace {

// Knows OpenCV and Python; remote work only, so a listing saying it is on site is refused.
constexpr const char* kTableProfile = R"({
  "format": 1, "name": "table test",
  "skills": [{"skill": "opencv", "level": "advanced"}, {"skill": "python", "level": "advanced"}],
  "remote_only": true
})";

Profile table_profile() {
    auto p = profile_from_json(kTableProfile, "table test profile");
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return p.value();
}

Listing gig(const std::string& id, const std::string& title, const std::string& company,
            std::vector<std::string> skills) {
    Listing l = job(id, title);
    l.company = company;
    l.tags.clear();
    l.skills.clear();
    for (auto& s : skills) {
        l.skills.push_back({std::move(s), SkillOrigin::Tag});
    }
    l.description = "A secret word: zebra.";
    return l;
}

ClientInfo client_in(const std::string& country) {
    ClientInfo c;
    c.country = country;
    return c;
}

// acme:1..4 and beta:1..2 open; acme:2 hidden by the user; acme:3 refused (on site);
// gamma:1 closed. The default view shows acme:1, acme:4, beta:1 and beta:2.
std::vector<Listing> acme_listings() {
    Listing a1 = gig("acme:1", "OpenCV engineer", "Acme Robotics", {"opencv", "python"});
    a1.budget = Budget{BudgetKind::Hourly, 40.0, 60.0, "USD"};
    a1.posted_at = kT0 - 1 * kDay;
    a1.client = client_in("US");
    a1.job_type = JobType::Contract;
    a1.remote = true;

    Listing a2 = gig("acme:2", "React developer", "Webshop GmbH", {"react"});
    a2.budget = Budget{BudgetKind::Fixed, 2000.0, std::nullopt, "EUR"};
    a2.posted_at = kT0 - 10 * kDay;
    a2.client = client_in("de");
    a2.job_type = JobType::Freelance;

    Listing a3 = gig("acme:3", "vision lead", "Acme Robotics", {"opencv"});
    a3.budget = Budget{BudgetKind::Hourly, 80.0, 80.0, "USD"};
    a3.posted_at = kT0 - 2 * kDay;
    a3.client = client_in("DE");
    a3.job_type = JobType::Contract;
    a3.remote = false;
    a3.location = "Berlin";

    Listing a4 = gig("acme:4", "data labeling", "", {});
    return {a1, a2, a3, a4};
}

std::vector<Listing> beta_listings() {
    Listing b1 = gig("beta:1", "Computer vision contractor", "Zeta Labs", {"opencv", "pytorch"});
    b1.budget = Budget{BudgetKind::Salary, 120000.0, 120000.0, "USD"};  // $60/h
    b1.posted_at = kT0 - 3 * kDay;
    b1.client = client_in("in");
    b1.job_type = JobType::FullTime;

    Listing b2 = gig("beta:2", "OCR pipeline", "acme robotics", {"python"});
    b2.budget = Budget{BudgetKind::Fixed, 500.0, 500.0, "USD"};
    b2.posted_at = kT0 - 40 * kDay;
    b2.job_type = JobType::Freelance;
    return {b1, b2};
}

class ListingTableTest : public ::testing::Test {
  protected:
    void SetUp() override {
        record("acme", acme_listings(), kT0 - kDay);
        record("beta", beta_listings(), kT0 - kDay);
        record("gamma", {gig("gamma:1", "Gone job", "Old Co", {"opencv"})}, kT0 - 2 * kDay);
        record("gamma", {}, kT0 - kDay);  // complete and empty: gamma:1 is closed
        ASSERT_TRUE(
            store_.set_state("acme:2", ListingState::Hidden, std::string("too far"), kT0 - kDay)
                .ok());
    }

    void record(const std::string& source, const std::vector<Listing>& listings, std::int64_t at) {
        auto r = store_.record_refresh(source, listings, RefreshCompleteness::Complete, at);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    ListingTable table(const Scorer* scorer) {
        auto t = ListingTable::load(store_, scorer, kT0);
        EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
        return std::move(t).value();
    }
    ListingTable table() { return table(&scorer_); }

    // Listing ids in the order shown.
    static std::vector<std::string> shown(const ListingTable& t) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            out.push_back(t.at(i).id);
        }
        return out;
    }

    static std::vector<std::string> with_filter(ListingTable& t, const TableFilter& f) {
        t.set_filter(f);
        return shown(t);
    }

    static std::vector<std::string> sorted_by(ListingTable& t, SortColumn column,
                                              SortDirection direction) {
        t.set_sort({column, direction});
        return shown(t);
    }

    // The rank order of the rows a table shows by default, as load_listing_view gives it.
    std::vector<std::string> rank_order(bool include_refused = false) {
        ListingViewQuery query;
        query.scorer = &scorer_;
        query.include_filtered = include_refused;
        auto v = load_listing_view(store_, query);
        EXPECT_TRUE(v.ok());
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.value().size(); ++i) {
            out.push_back(v.value().at(i).id);
        }
        return out;
    }

    // `ids` put in rank order (refused rows included).
    std::vector<std::string> in_rank_order(std::vector<std::string> ids) {
        std::vector<std::string> ranked = rank_order(true);
        auto place = [&](const std::string& id) {
            return std::find(ranked.begin(), ranked.end(), id) - ranked.begin();
        };
        std::sort(ids.begin(), ids.end(),
                  [&](const auto& a, const auto& b) { return place(a) < place(b); });
        return ids;
    }

    const ListingRow& row(const ListingTable& t, const std::string& id) {
        auto p = t.position_of(id);
        EXPECT_TRUE(p.has_value()) << id << " is not shown";
        return t.at(p.value_or(0));
    }

    TempDir dir_;
    Store store_ = open_store(dir_.path() / "gigscout.sqlite3");
    Scorer scorer_{table_profile(), Taxonomy::bundled(), CurrencyTable::bundled(), kT0};
};

using Ids = std::vector<std::string>;

// --- loading ---------------------------------------------------------------------------------

TEST_F(ListingTableTest, LoadsEveryStoredRowAndShowsTheDefaultViewInRankOrder) {
    ListingTable t = table();
    EXPECT_EQ(t.loaded(), 7u);
    EXPECT_EQ(t.size(), 4u);
    EXPECT_EQ(shown(t), rank_order());
    EXPECT_EQ(t.sort(), (TableSort{SortColumn::Score, SortDirection::Descending}));
    EXPECT_EQ(t.now(), kT0);
    EXPECT_EQ(t.refused_loaded(), 1u);
    EXPECT_FALSE(t.selected_position().has_value());
    EXPECT_EQ(t.selected_id(), "");
}

TEST_F(ListingTableTest, RowsCarryCountryJobTypeAndSkillNamesFromTheStore) {
    ListingTable t = table();
    const ListingRow& b1 = row(t, "beta:1");
    EXPECT_EQ(b1.client_country, "in");
    EXPECT_EQ(b1.job_type, JobType::FullTime);
    ASSERT_EQ(b1.skills.size(), 2u);
    EXPECT_EQ(t.skill_ids()[b1.skills[0]], "opencv");
    EXPECT_EQ(t.skill_ids()[b1.skills[1]], "pytorch");
    const ListingRow& a4 = row(t, "acme:4");
    EXPECT_EQ(a4.client_country, "");
    EXPECT_FALSE(a4.job_type.has_value());
    EXPECT_TRUE(a4.skills.empty());
    EXPECT_TRUE(a4.is_new);
    EXPECT_EQ(a4.state, ListingState::New);
}

TEST_F(ListingTableTest, WithoutAScorerRowsAreNewestFirstAndUnscored) {
    ListingTable t = table(nullptr);
    EXPECT_EQ(t.loaded(), 7u);
    // acme and beta entered together; newest first, then the smaller id. Nothing is refused
    // without a profile, so acme:3 (on site) is shown.
    EXPECT_EQ(shown(t), (Ids{"acme:1", "acme:3", "acme:4", "beta:1", "beta:2"}));
    EXPECT_FALSE(t.at(0).score.has_value());
    EXPECT_EQ(t.refused_loaded(), 0u);
    TableFilter f;
    f.min_score = 0;
    EXPECT_EQ(with_filter(t, f), Ids{});
}

// --- sorting ---------------------------------------------------------------------------------

TEST_F(ListingTableTest, ScoreAscendingIsRankOrderReversed) {
    ListingTable t = table();
    Ids ranked = rank_order();
    Ids reversed(ranked.rbegin(), ranked.rend());
    EXPECT_EQ(sorted_by(t, SortColumn::Score, SortDirection::Ascending), reversed);
    EXPECT_EQ(sorted_by(t, SortColumn::Score, SortDirection::Descending), ranked);
}

TEST_F(ListingTableTest, TitlesSortWithoutRegardToCase) {
    ListingTable t = table();
    EXPECT_EQ(sorted_by(t, SortColumn::Title, SortDirection::Ascending),
              (Ids{"beta:1", "acme:4", "beta:2", "acme:1"}));
    EXPECT_EQ(sorted_by(t, SortColumn::Title, SortDirection::Descending),
              (Ids{"acme:1", "beta:2", "acme:4", "beta:1"}));
}

TEST_F(ListingTableTest, EqualValuesKeepRankOrderInBothDirections) {
    ListingTable t = table();
    // acme:1 and acme:4 share the source; so do beta:1 and beta:2.
    Ids acme = in_rank_order({"acme:1", "acme:4"});
    Ids beta = in_rank_order({"beta:1", "beta:2"});
    EXPECT_EQ(sorted_by(t, SortColumn::Sources, SortDirection::Ascending),
              (Ids{acme[0], acme[1], beta[0], beta[1]}));
    EXPECT_EQ(sorted_by(t, SortColumn::Sources, SortDirection::Descending),
              (Ids{beta[0], beta[1], acme[0], acme[1]}));
}

TEST_F(ListingTableTest, BudgetsCompareInUsdPerHourBeforeFixedPricesAndUnknownLast) {
    ListingTable t = table();
    TableFilter f;
    f.show_hidden = true;
    f.refused = RefusedRows::Show;
    t.set_filter(f);
    // Per hour: acme:3 $80, beta:1 $120,000/yr = $60, acme:1 up to $60 (ties keep rank
    // order); fixed: acme:2 €2,000 above beta:2 $500; acme:4 states none.
    Ids descending = sorted_by(t, SortColumn::Budget, SortDirection::Descending);
    ASSERT_EQ(descending.size(), 6u);
    EXPECT_EQ(descending[0], "acme:3");
    EXPECT_EQ((Ids{descending[1], descending[2]}), in_rank_order({"acme:1", "beta:1"}));
    EXPECT_EQ((Ids{descending[3], descending[4], descending[5]}),
              (Ids{"acme:2", "beta:2", "acme:4"}));
    Ids ascending = sorted_by(t, SortColumn::Budget, SortDirection::Ascending);
    EXPECT_EQ((Ids{ascending[0], ascending[1]}), in_rank_order({"acme:1", "beta:1"}));
    EXPECT_EQ(ascending[2], "acme:3");
    EXPECT_EQ((Ids{ascending[3], ascending[4], ascending[5]}), (Ids{"beta:2", "acme:2", "acme:4"}));
}

TEST_F(ListingTableTest, PostedSortsByPostingDateAndFirstSeenWithoutOne) {
    ListingTable t = table();
    // acme:4 has no posting date: first seen a day before now, like acme:1's posting.
    Ids newest = sorted_by(t, SortColumn::Posted, SortDirection::Descending);
    EXPECT_EQ((Ids{newest[0], newest[1]}), in_rank_order({"acme:1", "acme:4"}));
    EXPECT_EQ((Ids{newest[2], newest[3]}), (Ids{"beta:1", "beta:2"}));
    EXPECT_EQ(sorted_by(t, SortColumn::Posted, SortDirection::Ascending)[0], "beta:2");
}

TEST_F(ListingTableTest, ClientCountrySortsFoldedWithRowsWithoutOneLast) {
    ListingTable t = table();
    // beta:1 "in", acme:1 "US"; acme:4 and beta:2 state no client country.
    Ids ascending = sorted_by(t, SortColumn::ClientCountry, SortDirection::Ascending);
    EXPECT_EQ((Ids{ascending[0], ascending[1]}), (Ids{"beta:1", "acme:1"}));
    EXPECT_EQ((Ids{ascending[2], ascending[3]}), in_rank_order({"acme:4", "beta:2"}));
    Ids descending = sorted_by(t, SortColumn::ClientCountry, SortDirection::Descending);
    EXPECT_EQ((Ids{descending[0], descending[1]}), (Ids{"acme:1", "beta:1"}));
    EXPECT_EQ((Ids{descending[2], descending[3]}), in_rank_order({"acme:4", "beta:2"}));
}

TEST_F(ListingTableTest, StateSortsInListingStateOrder) {
    ListingTable t = table();
    ASSERT_TRUE(t.act(store_, "beta:2", RowAction::Apply, kT0).ok());
    ASSERT_TRUE(t.act(store_, "acme:4", RowAction::Save, kT0).ok());
    Ids descending = sorted_by(t, SortColumn::State, SortDirection::Descending);
    EXPECT_EQ((Ids{descending[0], descending[1]}), (Ids{"beta:2", "acme:4"}));
    Ids ascending = sorted_by(t, SortColumn::State, SortDirection::Ascending);
    EXPECT_EQ((Ids{ascending[2], ascending[3]}), (Ids{"acme:4", "beta:2"}));
}

// --- filtering -------------------------------------------------------------------------------

TEST_F(ListingTableTest, TextFindsTitleCompanyAndSkillNamesButNotTheDescription) {
    ListingTable t = table();
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    TableFilter f;
    f.text = "  ACME ";  // company, any case, spaces ignored
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:2", "acme:1"}));
    f.text = "pipeline";  // title
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:2"}));
    f.text = "pyTorch";  // a skill's display name
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:1"}));
    f.text = "opencv";  // a skill id (and a title word)
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:1", "acme:1"}));
    f.text = "zebra";  // only in descriptions
    EXPECT_EQ(with_filter(t, f), Ids{});
    f.text = "   ";  // no text: no text filter
    EXPECT_EQ(with_filter(t, f).size(), 4u);
}

TEST_F(ListingTableTest, HiddenRowsAreOutOfSightUntilAskedForAndTheHiddenStateFindsThem) {
    ListingTable t = table();
    EXPECT_FALSE(t.position_of("acme:2").has_value());
    TableFilter f;
    f.state = ListingState::Hidden;
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:2"}));
    EXPECT_EQ(t.at(0).note, "too far");
    f.state.reset();
    f.show_hidden = true;
    EXPECT_EQ(with_filter(t, f).size(), 5u);
}

TEST_F(ListingTableTest, ClosedRowsShowOnlyWhenAsked) {
    ListingTable t = table();
    EXPECT_FALSE(t.position_of("gamma:1").has_value());
    TableFilter f;
    f.show_closed = true;
    EXPECT_EQ(with_filter(t, f).size(), 5u);
    EXPECT_TRUE(row(t, "gamma:1").closed_at.has_value());
}

TEST_F(ListingTableTest, SourceMinScoreAndJobTypeFiltersLeaveTheMatchingRows) {
    ListingTable t = table();
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    TableFilter f;
    f.source = "beta";
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:1", "beta:2"}));
    f = {};
    f.job_type = JobType::Freelance;
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:2"}));
    f = {};
    t.set_filter(f);
    f.min_score = row(t, "acme:1").score->total;
    for (const auto& id : with_filter(t, f)) {
        EXPECT_GE(row(t, id).score->total, *f.min_score) << id;
    }
    EXPECT_TRUE(t.position_of("acme:1").has_value());
    f.min_score = 101;
    EXPECT_EQ(with_filter(t, f), Ids{});
}

TEST_F(ListingTableTest, ASkillFilterLeavesTheRowsAskingForThatSkill) {
    ListingTable t = table();
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    TableFilter f;
    f.skill = "opencv";  // not the title word: acme:3 (refused) and gamma:1 (closed) stay out
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:1", "acme:1"}));
    f.skill = "python";
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:2", "acme:1"}));
    f.show_hidden = true;
    f.skill = "react";  // only the hidden acme:2 asks for it
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:2"}));
    f.skill = "yolo";  // no stored row asks for it
    EXPECT_EQ(with_filter(t, f), Ids{});
    f.skill.reset();
    EXPECT_EQ(with_filter(t, f).size(), 5u);
}

TEST_F(ListingTableTest, PayRangeComparesInItsCurrencyOnItsBasis) {
    ListingTable t = table();
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    TableFilter f;
    f.pay = PayRange{PayBasis::PerHour, 55.0, std::nullopt, "USD", false};
    // acme:1 pays up to $60/h, beta:1 $60/h as a salary; acme:3 is refused.
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:1", "acme:1"}));
    f.pay = PayRange{PayBasis::PerHour, std::nullopt, 30.0, "USD", false};
    EXPECT_EQ(with_filter(t, f), Ids{});
    f.pay = PayRange{PayBasis::Fixed, 400.0, 600.0, "USD", false};
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:2"}));
    f.pay->include_unknown = true;  // acme:4 states no pay
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:4", "beta:2"}));
    // 1,000 EUR is more than $500 at any plausible rate.
    f.pay = PayRange{PayBasis::Fixed, 1000.0, std::nullopt, "EUR", false};
    EXPECT_EQ(with_filter(t, f), Ids{});
    f.show_hidden = true;  // acme:2: €2,000 fixed
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:2"}));
}

TEST_F(ListingTableTest, PostedWithinCountsDaysBeforeNow) {
    ListingTable t = table();
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    TableFilter f;
    f.posted_within_days = 2;  // acme:1 (1 d), acme:4 (first seen 1 d ago)
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:4", "acme:1"}));
    f.posted_within_days = 3;
    EXPECT_EQ(with_filter(t, f), (Ids{"beta:1", "acme:4", "acme:1"}));
    f.posted_within_days = 40;
    EXPECT_EQ(with_filter(t, f).size(), 4u);
}

TEST_F(ListingTableTest, RefusedRowsShowWithTheScorersReasons) {
    ListingTable t = table();
    TableFilter f;
    f.refused = RefusedRows::Only;
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:3"}));
    const ListingRow& refused = t.at(0);
    ASSERT_TRUE(refused.score.has_value());
    EXPECT_TRUE(refused.score->filtered);
    Listing a3 = acme_listings()[2];
    EXPECT_EQ(refused.score->reasons, filter_reasons_text(scorer_.score(a3)));
    EXPECT_TRUE(contains(refused.score->reasons, "not remote")) << refused.score->reasons;

    f.refused = RefusedRows::Show;
    Ids all = with_filter(t, f);
    EXPECT_EQ(all, rank_order(true));
    EXPECT_EQ(all.back(), "acme:3");  // refused rows close the list
    EXPECT_EQ(row(t, "acme:1").score->reasons, "");
}

TEST_F(ListingTableTest, FiltersCombine) {
    ListingTable t = table();
    TableFilter f;
    f.source = "acme";
    f.text = "engineer";
    f.job_type = JobType::Contract;
    f.refused = RefusedRows::Show;
    EXPECT_EQ(with_filter(t, f), (Ids{"acme:1"}));
    EXPECT_EQ(t.filter(), f);
}

// --- selection -------------------------------------------------------------------------------

TEST_F(ListingTableTest, SelectionFollowsTheListingAcrossSortAndFilter) {
    ListingTable t = table();
    t.select("beta:2");
    EXPECT_EQ(t.selected_position(), t.position_of("beta:2"));
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(2));
    t.set_sort({SortColumn::Title, SortDirection::Descending});
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(1));
    TableFilter f;
    f.source = "acme";
    t.set_filter(f);
    EXPECT_EQ(t.selected_position(), std::nullopt);  // out of sight, still selected
    EXPECT_EQ(t.selected_id(), "beta:2");
    t.set_filter({});
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(1));
}

TEST_F(ListingTableTest, SelectAtNamesTheRowAndPastTheEndSelectsNothing) {
    ListingTable t = table();
    t.select_at(1);
    EXPECT_EQ(t.selected_id(), t.at(1).id);
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(1));
    t.select_at(4);
    EXPECT_EQ(t.selected_id(), "");
    EXPECT_EQ(t.selected_position(), std::nullopt);
    t.select("nobody:1");
    EXPECT_EQ(t.selected_position(), std::nullopt);
    t.clear_selection();
    EXPECT_EQ(t.selected_id(), "");
}

TEST_F(ListingTableTest, AReloadAfterARefreshKeepsSortFilterAndSelectionAndAddsNewRows) {
    ListingTable t = table();
    TableFilter everything_shown;
    everything_shown.refused = RefusedRows::Show;
    everything_shown.show_closed = true;
    t.set_filter(everything_shown);
    ASSERT_TRUE(t.mark_looked(store_, kT0).ok());
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    TableFilter f;
    f.text = "o";
    t.set_filter(f);
    t.select("beta:2");

    Listing fresh = gig("beta:3", "A new OpenCV gig", "Fresh Co", {"opencv"});
    fresh.posted_at = kT0;
    std::vector<Listing> beta = beta_listings();
    beta.push_back(fresh);
    record("beta", beta, kT0 + 60);

    ASSERT_TRUE(t.reload(store_, &scorer_, kT0 + 120).ok());
    EXPECT_EQ(t.loaded(), 8u);
    EXPECT_EQ(t.now(), kT0 + 120);
    EXPECT_EQ(t.sort(), (TableSort{SortColumn::Title, SortDirection::Ascending}));
    EXPECT_EQ(t.filter(), f);
    EXPECT_EQ(shown(t), (Ids{"beta:3", "beta:1", "beta:2", "acme:1"}));
    EXPECT_EQ(t.selected_id(), "beta:2");
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(2));
    EXPECT_TRUE(row(t, "beta:3").is_new);
    EXPECT_FALSE(row(t, "beta:1").is_new);
    EXPECT_EQ(t.new_shown(), 1u);
}

TEST_F(ListingTableTest, RowsReadOnAWorkerWithItsOwnStoreAreAdoptedLikeAReload) {
    ListingTable t = table();
    t.set_sort({SortColumn::Title, SortDirection::Descending});
    t.select("beta:2");
    record("beta", {gig("beta:9", "Zoo camera tracking", "Zed", {"opencv"})}, kT0 + 60);

    std::optional<Result<TableRows>> rows;
    std::thread worker([&] {
        Store own = open_store(store_.file());
        rows.emplace(ListingTable::read_rows(own, &scorer_));
    });
    worker.join();
    ASSERT_TRUE(rows.has_value());
    ASSERT_TRUE(rows->ok()) << rows->error().message;
    EXPECT_EQ(t.loaded(), 7u);  // untouched until adopted

    TableRows replaced = t.adopt(std::move(*rows).value(), kT0 + 120);
    EXPECT_EQ(replaced.size(), 7u);  // for the caller to free where it likes
    EXPECT_EQ(t.loaded(), 8u);
    EXPECT_EQ(t.now(), kT0 + 120);
    // beta's complete refresh without beta:1 and beta:2 closed them: out of sight.
    EXPECT_EQ(shown(t), (Ids{"beta:9", "acme:1", "acme:4"}));
    EXPECT_EQ(t.selected_id(), "beta:2");
    EXPECT_EQ(t.selected_position(), std::nullopt);
}

TEST_F(ListingTableTest, AnEmptyTableAdoptsItsFirstRowsKeepingAnEarlierSelection) {
    ListingTable t;  // a window's table before its first read
    EXPECT_EQ(t.size(), 0u);
    EXPECT_EQ(t.loaded(), 0u);
    t.select_at(0);
    EXPECT_EQ(t.selected_position(), std::nullopt);
    t.select("acme:1");
    auto rows = ListingTable::read_rows(store_, &scorer_);
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    EXPECT_EQ(rows.value().size(), 7u);
    t.adopt(std::move(rows).value(), kT0);
    EXPECT_EQ(t.loaded(), 7u);
    EXPECT_EQ(shown(t), rank_order());
    EXPECT_EQ(t.selected_position(), t.position_of("acme:1"));
    t.set_sort({SortColumn::Title, SortDirection::Ascending});
    EXPECT_EQ(shown(t), (Ids{"beta:1", "acme:4", "beta:2", "acme:1"}));
}

TEST_F(ListingTableTest, AReloadThatFailsLeavesTheTableAsItWas) {
    ListingTable t = table();
    t.select("acme:1");
    raw_exec(store_.file(), "DROP TABLE user_state");
    auto reloaded = t.reload(store_, &scorer_, kT0 + 60);
    ASSERT_FALSE(reloaded.ok());
    EXPECT_TRUE(contains(reloaded.error().message, "loading the stored listings"))
        << reloaded.error().message;
    EXPECT_EQ(t.loaded(), 7u);
    EXPECT_EQ(t.now(), kT0);
    EXPECT_EQ(t.selected_id(), "acme:1");
}

TEST_F(ListingTableTest, ASelectedRowThatIsNoLongerStoredIsNoLongerShownSelected) {
    ListingTable t = table();
    t.select("beta:1");
    raw_exec(store_.file(), "DELETE FROM listings WHERE id = 'beta:1'");
    ASSERT_TRUE(t.reload(store_, &scorer_, kT0).ok());
    EXPECT_EQ(t.selected_id(), "beta:1");
    EXPECT_EQ(t.selected_position(), std::nullopt);
    EXPECT_EQ(t.size(), 3u);
}

// --- actions and undo ------------------------------------------------------------------------

TEST_F(ListingTableTest, SavingWritesTheStoreAndUpdatesTheRowWithoutAReload) {
    ListingTable t = table();
    ASSERT_TRUE(t.act(store_, "acme:1", RowAction::Save, kT0 + 5).ok());
    EXPECT_EQ(row(t, "acme:1").state, ListingState::Saved);
    EXPECT_EQ(row(t, "acme:1").state_changed_at, std::optional<std::int64_t>(kT0 + 5));
    EXPECT_TRUE(t.can_undo());
    auto stored = find(load(store_), "acme:1");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->state, ListingState::Saved);
}

TEST_F(ListingTableTest, ApplyingTakesANoteAndSetsTheAppliedDate) {
    ListingTable t = table();
    ASSERT_TRUE(t.act(store_, "beta:1", RowAction::Apply, kT0 + 7, "sent portfolio").ok());
    const ListingRow& r = row(t, "beta:1");
    EXPECT_EQ(r.state, ListingState::Applied);
    EXPECT_EQ(r.note, "sent portfolio");
    EXPECT_EQ(r.applied_at, std::optional<std::int64_t>(kT0 + 7));
    auto stored = find(load(store_), "beta:1");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->note, "sent portfolio");
    EXPECT_EQ(stored->applied_at, std::optional<std::int64_t>(kT0 + 7));
}

TEST_F(ListingTableTest, HidingTheSelectedRowSelectsTheOneThatTookItsPlace) {
    ListingTable t = table();
    Ids before = shown(t);
    t.select(before[1]);
    ASSERT_TRUE(t.act(store_, before[1], RowAction::Hide, kT0).ok());
    EXPECT_EQ(shown(t), (Ids{before[0], before[2], before[3]}));
    EXPECT_EQ(t.selected_id(), before[2]);
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(1));
    // The last row hidden: the one before it is selected.
    t.select(before[3]);
    ASSERT_TRUE(t.act(store_, before[3], RowAction::Hide, kT0).ok());
    EXPECT_EQ(t.selected_id(), before[2]);
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(1));
}

TEST_F(ListingTableTest, HidingARowThatIsNotSelectedKeepsTheSelection) {
    ListingTable t = table();
    Ids before = shown(t);
    t.select(before[3]);
    ASSERT_TRUE(t.act(store_, before[0], RowAction::Hide, kT0).ok());
    EXPECT_EQ(t.selected_id(), before[3]);
    EXPECT_EQ(t.selected_position(), std::optional<std::size_t>(2));
}

TEST_F(ListingTableTest, UndoBringsAHiddenRowBackWithItsStateAndSelectsIt) {
    ListingTable t = table();
    Ids before = shown(t);
    ASSERT_TRUE(t.act(store_, "beta:1", RowAction::Apply, kT0, "first note").ok());
    ASSERT_TRUE(t.act(store_, "beta:1", RowAction::Hide, kT0 + 1).ok());
    EXPECT_FALSE(t.position_of("beta:1").has_value());

    ASSERT_TRUE(t.undo(store_, kT0 + 2).ok());
    EXPECT_EQ(shown(t), before);
    EXPECT_EQ(t.selected_id(), "beta:1");
    EXPECT_EQ(t.selected_position(), t.position_of("beta:1"));
    EXPECT_EQ(row(t, "beta:1").state, ListingState::Applied);
    EXPECT_EQ(row(t, "beta:1").note, "first note");
    auto stored = find(load(store_), "beta:1");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->state, ListingState::Applied);
    EXPECT_EQ(stored->note, "first note");

    ASSERT_TRUE(t.undo(store_, kT0 + 3).ok());  // before the apply: new, no note
    EXPECT_EQ(row(t, "beta:1").state, ListingState::New);
    EXPECT_EQ(row(t, "beta:1").note, "");
    EXPECT_FALSE(row(t, "beta:1").applied_at.has_value());
    stored = find(load(store_), "beta:1");
    EXPECT_EQ(stored->state, ListingState::New);
    EXPECT_FALSE(stored->applied_at.has_value());
    EXPECT_FALSE(stored->state_changed_at.has_value());
    EXPECT_FALSE(t.can_undo());
}

TEST_F(ListingTableTest, UndoRestoresAHiddenRowsNoteAfterItWasBroughtBackToNew) {
    ListingTable t = table();
    TableFilter f;
    f.state = ListingState::Hidden;
    t.set_filter(f);
    ASSERT_TRUE(t.act(store_, "acme:2", RowAction::BackToNew, kT0).ok());
    EXPECT_EQ(t.size(), 0u);
    t.set_filter({});
    EXPECT_EQ(row(t, "acme:2").state, ListingState::New);
    EXPECT_EQ(row(t, "acme:2").note, "");

    ASSERT_TRUE(t.undo(store_, kT0 + 1).ok());
    EXPECT_FALSE(t.position_of("acme:2").has_value());
    auto stored = find(load(store_, everything()), "acme:2");
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->state, ListingState::Hidden);
    EXPECT_EQ(stored->note, "too far");
}

TEST_F(ListingTableTest, NothingToUndoAndUnknownIdsAreErrorsThatChangeNothing) {
    ListingTable t = table();
    auto undone = t.undo(store_, kT0);
    ASSERT_FALSE(undone.ok());
    EXPECT_EQ(undone.error().message, "nothing to undo");
    auto acted = t.act(store_, "nobody:1", RowAction::Save, kT0);
    ASSERT_FALSE(acted.ok());
    EXPECT_EQ(acted.error().message, "no listing `nobody:1` in the list");
    EXPECT_FALSE(t.can_undo());
}

TEST_F(ListingTableTest, AStoreThatRefusesTheActionLeavesRowAndHistoryAsTheyWere) {
    ListingTable t = table();
    raw_exec(store_.file(), "DELETE FROM listings WHERE id = 'acme:1'");
    auto acted = t.act(store_, "acme:1", RowAction::Save, kT0);
    ASSERT_FALSE(acted.ok());
    EXPECT_TRUE(contains(acted.error().message, "acme:1")) << acted.error().message;
    EXPECT_EQ(row(t, "acme:1").state, ListingState::New);
    EXPECT_FALSE(t.can_undo());
}

TEST_F(ListingTableTest, RowsInMemoryMatchAFreshLoadAfterActionsAndUndos) {
    ListingTable t = table();
    ASSERT_TRUE(t.act(store_, "acme:1", RowAction::Apply, kT0 + 1, "call on Monday").ok());
    ASSERT_TRUE(t.act(store_, "acme:1", RowAction::Save, kT0 + 2).ok());
    ASSERT_TRUE(t.act(store_, "beta:2", RowAction::Hide, kT0 + 3).ok());
    ASSERT_TRUE(t.act(store_, "acme:2", RowAction::Save, kT0 + 4).ok());
    ASSERT_TRUE(t.undo(store_, kT0 + 5).ok());
    ASSERT_TRUE(t.act(store_, "acme:4", RowAction::BackToNew, kT0 + 6).ok());
    TableFilter f;
    f.show_hidden = f.show_closed = true;
    f.refused = RefusedRows::Show;
    t.set_filter(f);
    ListingTable fresh = table();
    fresh.set_filter(f);
    ASSERT_EQ(shown(t), shown(fresh));
    for (std::size_t i = 0; i < t.size(); ++i) {
        const ListingRow& a = t.at(i);
        const ListingRow& b = fresh.at(i);
        EXPECT_EQ(a.state, b.state) << a.id;
        EXPECT_EQ(a.note, b.note) << a.id;
        EXPECT_EQ(a.applied_at, b.applied_at) << a.id;
        EXPECT_EQ(a.state_changed_at, b.state_changed_at) << a.id;
        EXPECT_EQ(a.is_new, b.is_new) << a.id;
    }
    EXPECT_EQ(row(t, "acme:1").state, ListingState::Saved);
    EXPECT_EQ(row(t, "acme:1").note, "call on Monday");
    EXPECT_EQ(row(t, "acme:2").state, ListingState::Hidden);  // the save was undone
}

// --- new since the last look -----------------------------------------------------------------

TEST_F(ListingTableTest, ALookWithEveryNewRowShownMarksThemAllSeen) {
    ListingTable t = table();
    EXPECT_EQ(t.new_shown(), 4u);
    TableFilter f;
    f.refused = RefusedRows::Show;
    f.show_closed = true;
    t.set_filter(f);
    ASSERT_TRUE(t.mark_looked(store_, kT0).ok());
    EXPECT_EQ(t.new_shown(), 0u);
    EXPECT_EQ(row(t, "acme:1").state, ListingState::Seen);
    EXPECT_EQ(table().new_shown(), 0u);
    auto look = store_.last_look_at();
    ASSERT_TRUE(look.ok());
    EXPECT_EQ(look.value(), std::optional<std::int64_t>(kT0));
}

TEST_F(ListingTableTest, ALookMarksOnlyRowsThatWereShown) {
    ListingTable t = table();
    // Entry order: acme:1..4, beta:1, beta:2, gamma:1. Shown: beta only, so acme:1 (never
    // shown) holds the mark before every row.
    TableFilter f;
    f.source = "beta";
    t.set_filter(f);
    ASSERT_TRUE(t.mark_looked(store_, kT0).ok());
    EXPECT_EQ(t.new_shown(), 2u);
    ListingTable after = table();
    EXPECT_EQ(after.new_shown(), 4u);

    // acme's rows shown but acme:3, which is refused: the mark stops below it, so acme:1 (and
    // the hidden acme:2) are seen, acme:4 and the rows after it stay new.
    f.source = "acme";
    t.set_filter(f);
    ASSERT_TRUE(t.mark_looked(store_, kT0).ok());
    EXPECT_FALSE(row(t, "acme:1").is_new);
    EXPECT_TRUE(row(t, "acme:4").is_new);
    ListingTable reread = table();
    EXPECT_FALSE(row(reread, "acme:1").is_new);
    EXPECT_EQ(row(reread, "acme:1").state, ListingState::Seen);
    EXPECT_TRUE(row(reread, "acme:4").is_new);
    EXPECT_TRUE(row(reread, "beta:1").is_new);
}

TEST_F(ListingTableTest, ALookOverTheFirstRowsMarksOnlyThose) {
    ListingTable t = table(nullptr);  // newest first: acme:1, acme:3, acme:4, beta:1, ...
    TableFilter f;
    f.show_closed = true;
    t.set_filter(f);
    ASSERT_TRUE(t.mark_looked(store_, kT0, 1).ok());
    ListingTable reread = table(nullptr);
    EXPECT_FALSE(row(reread, "acme:1").is_new);
    EXPECT_TRUE(row(reread, "acme:3").is_new);
    EXPECT_TRUE(row(reread, "acme:4").is_new);
}

TEST_F(ListingTableTest, RowsTheUserActedOnDoNotHoldTheLookBack) {
    ListingTable t = table();
    TableFilter f;
    f.show_closed = true;
    t.set_filter(f);
    ASSERT_TRUE(t.act(store_, "acme:3", RowAction::Save, kT0).ok());  // refused, not shown
    ASSERT_TRUE(t.mark_looked(store_, kT0).ok());
    ListingTable reread = table();
    reread.set_filter(f);
    EXPECT_EQ(reread.new_shown(), 0u);
}

TEST_F(ListingTableTest, ListingsThatEnterAfterTheReadStayNew) {
    ListingTable t = table();
    TableFilter f;
    f.refused = RefusedRows::Show;
    f.show_closed = true;
    t.set_filter(f);
    record("delta", {gig("delta:1", "Later gig", "Later Co", {"opencv"})}, kT0 + 60);
    ASSERT_TRUE(t.mark_looked(store_, kT0 + 120).ok());
    ListingTable reread = table();
    EXPECT_EQ(reread.new_shown(), 1u);
    EXPECT_TRUE(row(reread, "delta:1").is_new);
}

}  // namespace
}  // namespace gigscout::testing

// --- the alert a refresh raises --------------------------------------------------------------

namespace gigscout::testing {
namespace {

class NewMatchAlertTest : public ListingTableTest {
  protected:
    // A refresh at kT0 brings two strong gigs, a weak one and one the profile refuses.
    void SetUp() override {
        ListingTableTest::SetUp();
        Listing strong1 = gig("delta:1", "OpenCV and Python vision", "Delta", {"opencv", "python"});
        strong1.remote = true;
        strong1.posted_at = kT0 - 3600;
        Listing strong2 = gig("delta:2", "OpenCV inspection", "Delta", {"opencv", "python"});
        strong2.remote = true;
        strong2.posted_at = kT0 - 7200;
        Listing weak = gig("delta:3", "Logo design", "", {});
        Listing refused = gig("delta:4", "OpenCV on site", "Delta", {"opencv", "python"});
        refused.remote = false;
        record("delta", {strong1, strong2, weak, refused}, kT0);
    }
    int score_of(const ListingTable& t, const std::string& id) {
        for (std::size_t i = 0; i < t.loaded(); ++i) {
            if (t.loaded_row(i).id == id && t.loaded_row(i).score) {
                return t.loaded_row(i).score->total;
            }
        }
        ADD_FAILURE() << "no scored row " << id;
        return -1;
    }
};

TEST_F(NewMatchAlertTest, OneMessageNamesTheRefreshsNewMatchesBestFirst) {
    ListingTable t = table();
    const int threshold = std::min(score_of(t, "delta:1"), score_of(t, "delta:2"));
    ASSERT_LT(score_of(t, "delta:3"), threshold) << "the weak gig must score below the others";
    auto alert = new_match_alert(t, kT0, {threshold, std::nullopt}, 12);
    ASSERT_TRUE(alert.has_value());
    EXPECT_EQ(alert->ids.size(), 2u);
    EXPECT_EQ(alert->title, "2 new matches scoring " + std::to_string(threshold) + " or more");
    EXPECT_NE(alert->body.find("OpenCV and Python vision · Delta"), std::string::npos)
        << alert->body;
    EXPECT_FALSE(alert->quiet);
}

TEST_F(NewMatchAlertTest, ListingsFromEarlierRefreshesAndRefusedOnesAreNeverAlerted) {
    ListingTable t = table();
    auto alert = new_match_alert(t, kT0, {0, std::nullopt}, 12);
    ASSERT_TRUE(alert.has_value());
    for (const auto& id : alert->ids) {
        EXPECT_EQ(id.rfind("delta:", 0), 0u) << id << " entered before the refresh";
        EXPECT_NE(id, "delta:4") << "the profile refuses on-site work";
    }
    EXPECT_FALSE(new_match_alert(t, kT0 + 1, {0, std::nullopt}, 12).has_value())
        << "a later refresh that brought nothing raises nothing";
}

TEST_F(NewMatchAlertTest, QuietHoursHoldTheNotificationBackButNotTheMatches) {
    ListingTable t = table();
    auto alert = new_match_alert(t, kT0, {0, std::pair{22, 7}}, 23);
    ASSERT_TRUE(alert.has_value());
    EXPECT_TRUE(alert->quiet);
    AlertSettings night{70, std::pair{22, 7}};
    EXPECT_TRUE(in_quiet_hours(night, 22));
    EXPECT_TRUE(in_quiet_hours(night, 3));
    EXPECT_FALSE(in_quiet_hours(night, 7));
    EXPECT_FALSE(in_quiet_hours(night, 12));
    AlertSettings lunch{70, std::pair{12, 13}};
    EXPECT_TRUE(in_quiet_hours(lunch, 12));
    EXPECT_FALSE(in_quiet_hours(lunch, 13));
    EXPECT_FALSE(in_quiet_hours(AlertSettings{}, 3));
}

}  // namespace
}  // namespace gigscout::testing
