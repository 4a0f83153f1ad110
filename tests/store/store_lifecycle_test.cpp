// A listing's life in the store: entering, refreshed, closed, reopened, merged, pruned — and the
// user's state surviving all of it.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/store.h"
#include "store_test_support.h"

namespace gigscout::testing {
namespace {

using ::testing::ElementsAre;

class StoreLifecycle : public ::testing::Test {
  protected:
    TempDir dir;
    Store store = open_store(dir.path() / "gigscout.sqlite3");

    RefreshSummary refresh(const std::string& source, const std::vector<Listing>& listings,
                           RefreshCompleteness c, std::int64_t now) {
        auto r = store.record_refresh(source, listings, c, now);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r.value() : RefreshSummary{};
    }
    void mark(const std::string& id, ListingState s, std::optional<std::string> note,
              std::int64_t now) {
        auto r = store.set_state(id, s, note, now);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }
};

TEST_F(StoreLifecycle, NewListingsAreAddedWithFirstAndLastSeen) {
    auto s = refresh("remoteok", jobs("remoteok", 1, 3), RefreshCompleteness::Complete, kT0);
    EXPECT_EQ(s.added, 3u);
    EXPECT_EQ(s.updated, 0u);
    auto rows = load(store);
    ASSERT_EQ(rows.size(), 3u);
    for (const auto& r : rows) {
        EXPECT_EQ(r.first_seen, kT0);
        EXPECT_EQ(r.last_seen, kT0);
        EXPECT_FALSE(r.closed_at);
        EXPECT_EQ(r.state, ListingState::New);
        EXPECT_TRUE(r.is_new);
        EXPECT_THAT(r.sources, ElementsAre("remoteok"));
    }
}

TEST_F(StoreLifecycle, EveryFieldAndTheExtractedSkillsComeBackAsStored) {
    Listing l = job("freelancer:42");
    l.posted_at = kT0 - kDay;
    l.budget = Budget{BudgetKind::Hourly, 30.0, 55.5, "EUR"};
    l.experience_level = ExperienceLevel::Expert;
    l.job_type = JobType::Contract;
    l.remote = false;
    l.location = "Berlin, Germany";
    l.proposals = 14;
    l.client = ClientInfo{"DE", 4.9, 31, true, Money{1200.5, "USD"}};
    l.tags = {"Python", "Computer Vision", "tag with \"quotes\""};
    l.skills = {{"python", SkillOrigin::Tag},
                {"computer-vision", SkillOrigin::Title},
                {"yolo", SkillOrigin::Description},
                {"opencv", SkillOrigin::TagOnly},
                {"docker", SkillOrigin::Preferred}};
    refresh("freelancer", {l}, RefreshCompleteness::Partial, kT0);
    auto rows = load(store);
    ASSERT_EQ(rows.size(), 1u);
    const Listing& got = rows[0].listing;
    EXPECT_EQ(got.id, l.id);
    EXPECT_EQ(got.source, "freelancer");
    EXPECT_EQ(got.url, l.url);
    EXPECT_EQ(got.title, l.title);
    EXPECT_EQ(got.description, l.description);
    EXPECT_EQ(got.company, l.company);
    EXPECT_EQ(got.posted_at, l.posted_at);
    ASSERT_TRUE(got.budget);
    EXPECT_EQ(got.budget->kind, BudgetKind::Hourly);
    EXPECT_EQ(got.budget->min, 30.0);
    EXPECT_EQ(got.budget->max, 55.5);
    EXPECT_EQ(got.budget->currency, "EUR");
    EXPECT_EQ(got.experience_level, ExperienceLevel::Expert);
    EXPECT_EQ(got.job_type, JobType::Contract);
    EXPECT_EQ(got.remote, false);
    EXPECT_EQ(got.location, "Berlin, Germany");
    EXPECT_EQ(got.proposals, 14);
    ASSERT_TRUE(got.client);
    EXPECT_EQ(got.client->country, "DE");
    EXPECT_EQ(got.client->rating, 4.9);
    EXPECT_EQ(got.client->reviews, 31);
    EXPECT_EQ(got.client->payment_verified, true);
    ASSERT_TRUE(got.client->total_spent);
    EXPECT_EQ(got.client->total_spent->amount, 1200.5);
    EXPECT_EQ(got.tags, l.tags);
    ASSERT_EQ(got.skills.size(), 5u);
    EXPECT_EQ(got.skills[1].skill, "computer-vision");
    EXPECT_EQ(got.skills[1].origin, SkillOrigin::Title);
    EXPECT_EQ(got.skills[2].origin, SkillOrigin::Description);
    EXPECT_EQ(got.skills[3].origin, SkillOrigin::TagOnly);
    EXPECT_EQ(got.skills[4].origin, SkillOrigin::Preferred);
}

TEST_F(StoreLifecycle, ARefreshUpdatesContentButNeverFirstSeenOrTheUsersState) {
    refresh("remoteok", {job("remoteok:1", "Old title")}, RefreshCompleteness::Complete, kT0);
    mark("remoteok:1", ListingState::Applied, "sent CV", kT0 + 10);
    auto s = refresh("remoteok", {job("remoteok:1", "New title")}, RefreshCompleteness::Complete,
                     kT0 + kDay);
    EXPECT_EQ(s.added, 0u);
    EXPECT_EQ(s.updated, 1u);
    auto rows = load(store);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].listing.title, "New title");
    EXPECT_EQ(rows[0].first_seen, kT0);
    EXPECT_EQ(rows[0].last_seen, kT0 + kDay);
    EXPECT_EQ(rows[0].state, ListingState::Applied);
    EXPECT_EQ(rows[0].applied_at, kT0 + 10);
    EXPECT_EQ(rows[0].note, "sent CV");
}

TEST_F(StoreLifecycle, ARefreshInManyBatchesCountsAndClosesAsOne) {
    TempDir other;
    StoreOptions small;
    small.batch_size = 2;
    Store batched = open_store(other.path() / "gigscout.sqlite3", small);
    auto r = batched.record_refresh("remoteok", jobs("remoteok", 1, 7),
                                    RefreshCompleteness::Complete, kT0);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().added, 7u);
    std::vector<Listing> again = jobs("remoteok", 2, 3);  // 2..4
    again.push_back(job("remoteok:9"));
    r = batched.record_refresh("remoteok", again, RefreshCompleteness::Complete, kT0 + kDay);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().added, 1u);
    EXPECT_EQ(r.value().updated, 3u);
    EXPECT_EQ(r.value().closed, 4u);  // 1, 5, 6, 7
    EXPECT_THAT(ids(load(batched)),
                ElementsAre("remoteok:9", "remoteok:2", "remoteok:3", "remoteok:4"));
    // A partial refresh in batches closes nothing, an empty complete one closes everything.
    r = batched.record_refresh("remoteok", jobs("remoteok", 1, 5), RefreshCompleteness::Partial,
                               kT0 + 2 * kDay);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().reopened, 2u);  // 1 and 5
    EXPECT_EQ(r.value().closed, 0u);
    r = batched.record_refresh("remoteok", {}, RefreshCompleteness::Complete, kT0 + 3 * kDay);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().closed, 6u);
    EXPECT_TRUE(load(batched).empty());
}

TEST_F(StoreLifecycle, AKnownListingBroughtByAnotherSourceTakesItsContentAndSource) {
    refresh("greenhouse:a", {job("greenhouse:9", "Old title", "greenhouse:a")},
            RefreshCompleteness::Complete, kT0);
    auto s = refresh("greenhouse:b", {job("greenhouse:9", "New title", "greenhouse:b")},
                     RefreshCompleteness::Complete, kT0 + kDay);
    EXPECT_EQ(s.added, 0u);
    EXPECT_EQ(s.updated, 1u);
    auto row = find(load(store), "greenhouse:9");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->listing.source, "greenhouse:b");
    EXPECT_EQ(row->listing.title, "New title");
    EXPECT_EQ(row->first_seen, kT0);
    EXPECT_EQ(row->last_seen, kT0 + kDay);
    EXPECT_THAT(row->sources, ElementsAre("greenhouse:a", "greenhouse:b"));
    // Its first source again: the source it was stored under changes back with the content.
    s = refresh("greenhouse:a", {job("greenhouse:9", "Third title", "greenhouse:a")},
                RefreshCompleteness::Complete, kT0 + 2 * kDay);
    EXPECT_EQ(s.updated, 1u);
    row = find(load(store), "greenhouse:9");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->listing.source, "greenhouse:a");
    EXPECT_EQ(row->listing.title, "Third title");
    EXPECT_EQ(row->last_seen, kT0 + 2 * kDay);
}

TEST_F(StoreLifecycle, ACompleteRefreshClosesWhatTheSourceNoLongerLists) {
    refresh("remoteok", jobs("remoteok", 1, 3), RefreshCompleteness::Complete, kT0);
    mark("remoteok:2", ListingState::Saved, std::nullopt, kT0 + 1);
    auto s = refresh("remoteok", {job("remoteok:1"), job("remoteok:3")},
                     RefreshCompleteness::Complete, kT0 + kDay);
    EXPECT_EQ(s.closed, 1u);
    EXPECT_THAT(ids(load(store)), ElementsAre("remoteok:1", "remoteok:3"));
    auto all = load(store, everything());
    auto gone = find(all, "remoteok:2");
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->closed_at, kT0 + kDay);
    EXPECT_EQ(gone->state, ListingState::Saved);  // kept, with the user's state
    // Asking for saved listings shows it although it closed.
    ListingFilter saved;
    saved.state = ListingState::Saved;
    EXPECT_THAT(ids(load(store, saved)), ElementsAre("remoteok:2"));
}

class IncompleteRefresh : public StoreLifecycle,
                          public ::testing::WithParamInterface<RefreshCompleteness> {};

TEST_P(IncompleteRefresh, NeverClosesAnything) {
    refresh("remoteok", jobs("remoteok", 1, 3), RefreshCompleteness::Complete, kT0);
    std::vector<Listing> some = GetParam() == RefreshCompleteness::Partial
                                    ? std::vector<Listing>{job("remoteok:1")}
                                    : std::vector<Listing>{};
    auto s = refresh("remoteok", some, GetParam(), kT0 + kDay);
    EXPECT_EQ(s.closed, 0u);
    EXPECT_EQ(load(store).size(), 3u);
    // And a later complete refresh still closes correctly.
    s = refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0 + 2 * kDay);
    EXPECT_EQ(s.closed, 2u);
}

INSTANTIATE_TEST_SUITE_P(PartialFailedOrNotModified, IncompleteRefresh,
                         ::testing::Values(RefreshCompleteness::Partial,
                                           RefreshCompleteness::Failed,
                                           RefreshCompleteness::NotModified),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST_F(StoreLifecycle, NotModifiedConfirmsTheSourcesOpenListingsAsSeenNow) {
    refresh("remoteok", jobs("remoteok", 1, 2), RefreshCompleteness::Complete, kT0);
    refresh("remoteok", {}, RefreshCompleteness::NotModified, kT0 + kDay);
    for (const auto& r : load(store)) {
        EXPECT_EQ(r.last_seen, kT0 + kDay) << r.listing.id;
    }
}

TEST_F(StoreLifecycle, AClosedListingReopensWhenListedAgain) {
    refresh("remoteok", jobs("remoteok", 1, 2), RefreshCompleteness::Complete, kT0);
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0 + kDay);
    auto s =
        refresh("remoteok", jobs("remoteok", 1, 2), RefreshCompleteness::Complete, kT0 + 2 * kDay);
    EXPECT_EQ(s.reopened, 1u);
    auto row = find(load(store), "remoteok:2");
    ASSERT_TRUE(row);
    EXPECT_FALSE(row->closed_at);
    EXPECT_EQ(row->first_seen, kT0);
}

TEST_F(StoreLifecycle, AListingStaysOpenWhileAnySourceStillListsIt) {
    // Two configured sources of the same plugin both list greenhouse:9.
    refresh("greenhouse:a", {job("greenhouse:9", "Job", "greenhouse:a")},
            RefreshCompleteness::Complete, kT0);
    refresh("greenhouse:b", {job("greenhouse:9", "Job", "greenhouse:b")},
            RefreshCompleteness::Complete, kT0);
    auto s = refresh("greenhouse:a", {}, RefreshCompleteness::Complete, kT0 + kDay);
    EXPECT_EQ(s.closed, 0u);
    auto row = find(load(store), "greenhouse:9");
    ASSERT_TRUE(row);
    EXPECT_THAT(row->sources, ElementsAre("greenhouse:a", "greenhouse:b"));
    s = refresh("greenhouse:b", {}, RefreshCompleteness::Complete, kT0 + 2 * kDay);
    EXPECT_EQ(s.closed, 1u);
    EXPECT_TRUE(load(store).empty());
}

TEST_F(StoreLifecycle, MarkingAnUnknownIdIsAnErrorNamingTheId) {
    auto r = store.set_state("remoteok:404", ListingState::Saved, std::nullopt, kT0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "marking `remoteok:404` saved: no stored listing has the id `remoteok:404`");
}

TEST_F(StoreLifecycle, AppliedKeepsItsFirstDateAndANoteIsKeptUnlessReplaced) {
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0);
    mark("remoteok:1", ListingState::Applied, "sent CV v3", kT0 + 100);
    mark("remoteok:1", ListingState::Applied, std::nullopt, kT0 + 200);
    auto row = load(store)[0];
    EXPECT_EQ(row.applied_at, kT0 + 100);
    EXPECT_EQ(row.state_changed_at, kT0 + 200);
    EXPECT_EQ(row.note, "sent CV v3");
    mark("remoteok:1", ListingState::Saved, "", kT0 + 300);
    row = load(store)[0];
    EXPECT_EQ(row.state, ListingState::Saved);
    EXPECT_EQ(row.note, "");
    // New forgets the action; nobody has looked yet, so the listing is new again.
    mark("remoteok:1", ListingState::New, std::nullopt, kT0 + 400);
    row = load(store)[0];
    EXPECT_EQ(row.state, ListingState::New);
    EXPECT_FALSE(row.state_changed_at);
}

TEST_F(StoreLifecycle, NewMeansEnteredAfterTheLastLook) {
    refresh("remoteok", jobs("remoteok", 1, 2), RefreshCompleteness::Complete, kT0);
    auto first = store.load_listings();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value().rows.size(), 2u);
    // A refresh writes between the look's load and its mark: its listing was never shown.
    refresh("remotive", {job("remotive:5")}, RefreshCompleteness::Complete, kT0 - kDay);
    ASSERT_TRUE(store.mark_looked(first.value().look_mark, kT0 + 5).ok());
    auto rows = load(store);
    EXPECT_EQ(find(rows, "remoteok:1")->state, ListingState::Seen);
    EXPECT_FALSE(find(rows, "remoteok:1")->is_new);
    EXPECT_EQ(find(rows, "remotive:5")->state, ListingState::New);
    EXPECT_TRUE(find(rows, "remotive:5")->is_new);
    EXPECT_EQ(store.last_look_at().value(), kT0 + 5);
    // A mark never moves back.
    ASSERT_TRUE(store.mark_looked(0, kT0 + 6).ok());
    EXPECT_FALSE(find(load(store), "remoteok:1")->is_new);
}

TEST_F(StoreLifecycle, MergingMovesTheStrongerStateAndRecordsTheDuplicatesSource) {
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0);
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0 + 60);
    mark("remoteok:1", ListingState::Hidden, std::nullopt, kT0 + 100);
    mark("remotive:7", ListingState::Applied, "applied on remotive", kT0 + 200);
    ASSERT_TRUE(store.merge_listings("remoteok:1", "remotive:7").ok());
    auto rows = load(store, everything());
    ASSERT_EQ(rows.size(), 1u);
    const auto& row = rows[0];
    EXPECT_EQ(row.listing.id, "remoteok:1");
    EXPECT_EQ(row.state, ListingState::Applied);
    EXPECT_EQ(row.applied_at, kT0 + 200);
    EXPECT_EQ(row.note, "applied on remotive");
    EXPECT_THAT(row.sources, ElementsAre("remoteok", "remotive"));
    ASSERT_EQ(row.listing.merged.size(), 1u);
    EXPECT_EQ(row.listing.merged[0].id, "remotive:7");
    EXPECT_EQ(row.listing.merged[0].source, "remotive");
    EXPECT_EQ(row.first_seen, kT0);
    EXPECT_EQ(row.last_seen, kT0 + 60);
    // The duplicate's id now acts on the kept listing.
    mark("remotive:7", ListingState::Saved, std::nullopt, kT0 + 300);
    EXPECT_EQ(load(store, everything())[0].state, ListingState::Saved);
    ListingFilter by_old_id;
    by_old_id.ids = {"remotive:7"};
    EXPECT_THAT(ids(load(store, by_old_id)), ElementsAre("remoteok:1"));
}

TEST_F(StoreLifecycle, AWeakerDuplicateDoesNotOverrideTheKeptState) {
    refresh("remoteok", {job("remoteok:1"), job("remoteok:2")}, RefreshCompleteness::Complete, kT0);
    mark("remoteok:1", ListingState::Saved, std::nullopt, kT0 + 100);
    mark("remoteok:2", ListingState::Hidden, "boring", kT0 + 200);
    ASSERT_TRUE(store.merge_listings("remoteok:1", "remoteok:2").ok());
    auto row = load(store)[0];
    EXPECT_EQ(row.state, ListingState::Saved);
    EXPECT_EQ(row.state_changed_at, kT0 + 100);
    EXPECT_EQ(row.note, "boring");  // the kept listing had none
}

TEST_F(StoreLifecycle, AListingArrivingWithMergedCopiesMergesThoseStored) {
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0);
    mark("remotive:7", ListingState::Saved, std::nullopt, kT0 + 1);
    Listing kept = job("remoteok:1");
    kept.merged = {{"remotive:7", "remotive", "https://jobs.example.com/7"}};
    refresh("remoteok", {kept}, RefreshCompleteness::Complete, kT0 + 2);
    auto rows = load(store);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].listing.id, "remoteok:1");
    EXPECT_EQ(rows[0].state, ListingState::Saved);
    EXPECT_THAT(rows[0].sources, ElementsAre("remoteok", "remotive"));
}

TEST_F(StoreLifecycle, AMergedJobStaysOpenWhileAnyCopyIsListed) {
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0);
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0);
    ASSERT_TRUE(store.merge_listings("remoteok:1", "remotive:7").ok());
    refresh("remoteok", {}, RefreshCompleteness::Complete, kT0 + kDay);
    EXPECT_EQ(load(store).size(), 1u);
    refresh("remotive", {}, RefreshCompleteness::Complete, kT0 + 2 * kDay);
    EXPECT_TRUE(load(store).empty());
    auto row = load(store, everything())[0];
    EXPECT_EQ(row.closed_at, kT0 + 2 * kDay);
    // The copy listed again reopens the job.
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0 + 3 * kDay);
    EXPECT_EQ(load(store).size(), 1u);
}

TEST_F(StoreLifecycle, FirstSeenTimesAreGivenForDedupesRank) {
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0);
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0 + 5);
    auto times = store.first_seen({"remoteok:1", "remotive:7", "nope:1"});
    ASSERT_TRUE(times.ok());
    EXPECT_EQ(times.value().size(), 2u);
    EXPECT_EQ(times.value().at("remotive:7"), kT0 + 5);
}

TEST_F(StoreLifecycle, RetentionPrunesOldListingsTheUserDidNotKeep) {
    refresh("remoteok", jobs("remoteok", 1, 4), RefreshCompleteness::Complete, kT0);
    mark("remoteok:1", ListingState::Saved, std::nullopt, kT0);
    mark("remoteok:2", ListingState::Applied, std::nullopt, kT0);
    mark("remoteok:3", ListingState::Hidden, std::nullopt, kT0);
    refresh("remotive", {job("remotive:1")}, RefreshCompleteness::Complete, kT0 + 100 * kDay);
    auto pruned = store.apply_retention(90 * kDay, kT0 + 100 * kDay);
    ASSERT_TRUE(pruned.ok()) << pruned.error().message;
    EXPECT_EQ(pruned.value(), 2u);  // remoteok:3 (hidden) and remoteok:4
    EXPECT_THAT(ids(load(store, everything())),
                ElementsAre("remotive:1", "remoteok:1", "remoteok:2"));
}

TEST_F(StoreLifecycle, RetentionNeverPrunesAJobWhoseMergedCopyIsStillSeen) {
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0);
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0);
    ASSERT_TRUE(store.merge_listings("remoteok:1", "remotive:7").ok());
    refresh("remotive", {job("remotive:7")}, RefreshCompleteness::Complete, kT0 + 100 * kDay);
    EXPECT_EQ(store.apply_retention(90 * kDay, kT0 + 100 * kDay).value(), 0u);
    EXPECT_EQ(store.apply_retention(90 * kDay, kT0 + 200 * kDay).value(), 1u);
    EXPECT_TRUE(load(store, everything()).empty());
    EXPECT_TRUE(store.first_seen({"remotive:7"}).value().empty());
}

TEST_F(StoreLifecycle, ACacheLimitDropsContentButKeepsTheLinkAndTheUsersState) {
    refresh("upwork", jobs("upwork", 1, 2), RefreshCompleteness::Complete, kT0);
    refresh("remoteok", {job("remoteok:1")}, RefreshCompleteness::Complete, kT0);
    mark("upwork:1", ListingState::Saved, "call them", kT0 + 1);
    auto dropped = store.apply_max_cache_age("upwork", kDay, kT0 + 2 * kDay);
    ASSERT_TRUE(dropped.ok()) << dropped.error().message;
    EXPECT_EQ(dropped.value(), 2u);
    // The default view keeps the saved one (with its link) and leaves out the empty one.
    auto rows = load(store);
    EXPECT_THAT(ids(rows), ElementsAre("remoteok:1", "upwork:1"));
    auto saved = find(rows, "upwork:1");
    EXPECT_TRUE(saved->content_dropped);
    EXPECT_EQ(saved->listing.url, "https://jobs.example.com/1");
    EXPECT_EQ(saved->listing.title, "");
    EXPECT_EQ(saved->listing.description, "");
    EXPECT_TRUE(saved->listing.skills.empty());
    EXPECT_EQ(saved->state, ListingState::Saved);
    EXPECT_EQ(saved->note, "call them");
    EXPECT_EQ(saved->first_seen, kT0);
    // A listing of another plugin is untouched; a new refresh brings the content back.
    EXPECT_FALSE(find(rows, "remoteok:1")->content_dropped);
    refresh("upwork", jobs("upwork", 1, 2), RefreshCompleteness::Complete, kT0 + 3 * kDay);
    rows = load(store);
    EXPECT_FALSE(find(rows, "upwork:1")->content_dropped);
    EXPECT_EQ(find(rows, "upwork:2")->listing.title, "Computer vision engineer");
    EXPECT_EQ(find(rows, "upwork:2")->first_seen, kT0);
}

TEST_F(StoreLifecycle, TheDefaultViewLeavesOutHiddenListingsAndFiltersBySource) {
    refresh("remoteok", jobs("remoteok", 1, 2), RefreshCompleteness::Complete, kT0);
    refresh("remotive", {job("remotive:1")}, RefreshCompleteness::Complete, kT0 + 1);
    mark("remoteok:1", ListingState::Hidden, std::nullopt, kT0 + 2);
    EXPECT_THAT(ids(load(store)), ElementsAre("remotive:1", "remoteok:2"));
    ListingFilter hidden;
    hidden.state = ListingState::Hidden;
    EXPECT_THAT(ids(load(store, hidden)), ElementsAre("remoteok:1"));
    ListingFilter by_id;
    by_id.ids = {"remoteok:1"};
    EXPECT_THAT(ids(load(store, by_id)), ElementsAre("remoteok:1"));  // hidden, asked for
    ListingFilter from;
    from.source = "remotive";
    EXPECT_THAT(ids(load(store, from)), ElementsAre("remotive:1"));
}

TEST_F(StoreLifecycle, ProfilesAreKeptWithOneActive) {
    EXPECT_FALSE(store.active_profile().value());
    ASSERT_TRUE(store.save_profile("cv", R"({"skills": []})", kT0).ok());
    ASSERT_TRUE(store.save_profile("robotics", R"({"skills": [1]})", kT0 + 1).ok());
    ASSERT_TRUE(store.set_active_profile("robotics").ok());
    auto active = store.active_profile().value();
    ASSERT_TRUE(active);
    EXPECT_EQ(active->name, "robotics");
    EXPECT_EQ(active->json, R"({"skills": [1]})");
    auto all = store.profiles().value();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].name, "cv");
    EXPECT_FALSE(all[0].active);
    EXPECT_TRUE(all[1].active);
    EXPECT_EQ(store.set_active_profile("nope").error().message,
              "activating the profile `nope`: no profile is named `nope`");
    auto bad = store.save_profile("x", "[1, 2]", kT0);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message,
              "saving the profile `x`: a profile is a JSON object, got an array");
    ASSERT_TRUE(store.delete_profile("robotics").ok());
    EXPECT_FALSE(store.active_profile().value());
}

TEST_F(StoreLifecycle, SettingsAreKeptPerSourceAndPluginButSecretsAreRefused) {
    ASSERT_TRUE(
        store.set_setting(SettingScope::Source, "greenhouse:gitlab", "board", "gitlab").ok());
    ASSERT_TRUE(store.set_setting(SettingScope::Plugin, "upwork", "max_pages", "3").ok());
    ASSERT_TRUE(store.set_setting(SettingScope::App, "", "retention_days", "120").ok());
    EXPECT_EQ(store.source_settings("greenhouse:gitlab").value().at("board"), "gitlab");
    EXPECT_EQ(store.plugin_settings("upwork").value().at("max_pages"), "3");
    EXPECT_TRUE(store.source_settings("upwork").value().empty());
    auto secret = store.set_setting(SettingScope::Source, "upwork", "API_Token", "abc");
    ASSERT_FALSE(secret.ok());
    EXPECT_EQ(secret.error().message,
              "saving the setting `API_Token`: `API_Token` names a secret: secrets are never "
              "stored in the database; keep it in the keyring (SecretStore) or the environment");
    EXPECT_FALSE(store.set_setting(SettingScope::Plugin, "x", "api-key", "abc").ok());
    ASSERT_TRUE(store.erase_setting(SettingScope::Plugin, "upwork", "max_pages").ok());
    EXPECT_TRUE(store.plugin_settings("upwork").value().empty());
}

TEST(SecretKeys, AreRecognisedWhateverTheirSpelling) {
    for (const char* k : {"token", "api_key", "apiKey", "API-KEY", "client_secret", "password",
                          "session_cookie", "private-key", "AccessKeyId"}) {
        EXPECT_TRUE(looks_like_secret_key(k)) << k;
    }
    for (const char* k : {"board", "max_pages", "query", "keywords", "author"}) {
        EXPECT_FALSE(looks_like_secret_key(k)) << k;
    }
}

}  // namespace
}  // namespace gigscout::testing
