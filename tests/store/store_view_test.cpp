// Reading listings for a view: visit_listings hands over the very rows load_listings gives,
// one reused row at a time, and the JSON columns come back exactly as stored — also when
// another writer spelled them differently.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>

#include "store/store.h"
#include "store_test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;

void expect_same_listing(const Listing& a, const Listing& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.url, b.url);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.description, b.description);
    EXPECT_EQ(a.company, b.company);
    EXPECT_EQ(a.posted_at, b.posted_at);
    ASSERT_EQ(a.budget.has_value(), b.budget.has_value());
    if (a.budget) {
        EXPECT_EQ(a.budget->kind, b.budget->kind);
        EXPECT_EQ(a.budget->min, b.budget->min);
        EXPECT_EQ(a.budget->max, b.budget->max);
        EXPECT_EQ(a.budget->currency, b.budget->currency);
    }
    EXPECT_EQ(a.tags, b.tags);
    EXPECT_EQ(a.experience_level, b.experience_level);
    EXPECT_EQ(a.job_type, b.job_type);
    EXPECT_EQ(a.remote, b.remote);
    EXPECT_EQ(a.location, b.location);
    ASSERT_EQ(a.client.has_value(), b.client.has_value());
    if (a.client) {
        EXPECT_EQ(a.client->country, b.client->country);
        EXPECT_EQ(a.client->rating, b.client->rating);
        EXPECT_EQ(a.client->reviews, b.client->reviews);
        EXPECT_EQ(a.client->payment_verified, b.client->payment_verified);
        ASSERT_EQ(a.client->total_spent.has_value(), b.client->total_spent.has_value());
        if (a.client->total_spent) {
            EXPECT_EQ(a.client->total_spent->amount, b.client->total_spent->amount);
            EXPECT_EQ(a.client->total_spent->currency, b.client->total_spent->currency);
        }
    }
    EXPECT_EQ(a.proposals, b.proposals);
    ASSERT_EQ(a.merged.size(), b.merged.size());
    for (std::size_t i = 0; i < a.merged.size(); ++i) {
        EXPECT_EQ(a.merged[i].id, b.merged[i].id);
        EXPECT_EQ(a.merged[i].source, b.merged[i].source);
        EXPECT_EQ(a.merged[i].url, b.merged[i].url);
    }
    ASSERT_EQ(a.skills.size(), b.skills.size());
    for (std::size_t i = 0; i < a.skills.size(); ++i) {
        EXPECT_EQ(a.skills[i].skill, b.skills[i].skill);
        EXPECT_EQ(a.skills[i].origin, b.skills[i].origin);
    }
}

void expect_same_row(const StoredListing& a, const StoredListing& b) {
    SCOPED_TRACE(a.listing.id);
    expect_same_listing(a.listing, b.listing);
    EXPECT_EQ(a.sources, b.sources);
    EXPECT_EQ(a.first_seen, b.first_seen);
    EXPECT_EQ(a.last_seen, b.last_seen);
    EXPECT_EQ(a.closed_at, b.closed_at);
    EXPECT_EQ(a.content_dropped, b.content_dropped);
    EXPECT_EQ(a.state, b.state);
    EXPECT_EQ(a.is_new, b.is_new);
    EXPECT_EQ(a.state_changed_at, b.state_changed_at);
    EXPECT_EQ(a.applied_at, b.applied_at);
    EXPECT_EQ(a.note, b.note);
}

// Every field set, so a sparse listing read after it into the same row shows what leaks.
Listing rich(const std::string& id) {
    Listing l = job(id, "YOLO for retail shelves");
    l.posted_at = kT0 - kDay;
    l.budget = Budget{BudgetKind::Hourly, 30.0, 55.5, "EUR"};
    l.experience_level = ExperienceLevel::Expert;
    l.job_type = JobType::Contract;
    l.remote = false;
    l.location = "Berlin, Germany";
    l.proposals = 14;
    l.client = ClientInfo{"DE", 4.9, 31, true, Money{1200.5, "USD"}};
    l.tags = {"Python", "computer vision", "edge ai", "ros 2", "a fifth tag"};
    l.skills = {{"python", SkillOrigin::Tag},
                {"computer-vision", SkillOrigin::Title},
                {"object-detection", SkillOrigin::Lead},
                {"yolo", SkillOrigin::Description}};
    return l;
}

Listing sparse(const std::string& id) {
    Listing l;
    l.id = id;
    l.source = id.substr(0, id.find(':'));
    l.url = "https://jobs.example.com/" + id;
    l.title = "Short";
    return l;
}

class StoreView : public ::testing::Test {
  protected:
    TempDir dir;
    fs::path file = dir.path() / "gigscout.sqlite3";
    Store store = open_store(file);

    void refresh(const std::string& source, const std::vector<Listing>& listings,
                 RefreshCompleteness c, std::int64_t now) {
        auto r = store.record_refresh(source, listings, c, now);
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    std::vector<StoredListing> visit(const ListingFilter& filter = {}) {
        std::vector<StoredListing> out;
        auto mark = store.visit_listings(filter, [&](const StoredListing& row) {
            out.push_back(row);  // a copy: the row is read into again for the next one
        });
        EXPECT_TRUE(mark.ok()) << (mark.ok() ? "" : mark.error().message);
        return out;
    }

    // Rows of both by id; visit_listings gives them in storage order, load_listings newest
    // first.
    void expect_visit_matches_load(const ListingFilter& filter) {
        std::map<std::string, StoredListing> visited;
        for (auto& row : visit(filter)) {
            visited.emplace(row.listing.id, std::move(row));
        }
        auto loaded = load(store, filter);
        ASSERT_EQ(visited.size(), loaded.size());
        for (const auto& row : loaded) {
            auto it = visited.find(row.listing.id);
            ASSERT_NE(it, visited.end()) << row.listing.id;
            expect_same_row(it->second, row);
        }
    }
};

TEST_F(StoreView, VisitingHandsOverTheRowsLoadingGivesFieldForField) {
    // Stored in this order, so each sparse row is read into the row that held a rich one.
    refresh("freelancer", {rich("freelancer:1"), sparse("freelancer:2"), rich("freelancer:3")},
            RefreshCompleteness::Complete, kT0);
    refresh("remoteok", {sparse("remoteok:1"), rich("remoteok:2"), sparse("remoteok:3")},
            RefreshCompleteness::Complete, kT0 + 1);
    Listing with_copy = rich("remotive:7");
    with_copy.merged = {{"remoteok:3", "remoteok", "https://jobs.example.com/remoteok:3"}};
    refresh("remotive", {with_copy}, RefreshCompleteness::Complete, kT0 + 2);
    ASSERT_TRUE(store.set_state("freelancer:1", ListingState::Applied, "sent CV", kT0 + 3).ok());
    ASSERT_TRUE(store.set_state("remoteok:1", ListingState::Hidden, std::nullopt, kT0 + 4).ok());
    ASSERT_TRUE(store.set_state("freelancer:3", ListingState::Saved, "ask", kT0 + 5).ok());
    auto look = store.load_listings();
    ASSERT_TRUE(look.ok());
    ASSERT_TRUE(store.mark_looked(look.value().look_mark, kT0 + 6).ok());
    refresh("freelancer", {sparse("freelancer:2"), rich("freelancer:4")},
            RefreshCompleteness::Complete, kT0 + kDay);  // closes 1 and 3, adds 4 (new)

    expect_visit_matches_load({});
    expect_visit_matches_load(everything());
    ListingFilter saved;
    saved.state = ListingState::Saved;
    expect_visit_matches_load(saved);
    ListingFilter from;
    from.source = "remoteok";
    expect_visit_matches_load(from);
    ListingFilter by_id;
    by_id.ids = {"remoteok:3", "freelancer:2"};  // a merged copy's id finds its listing
    expect_visit_matches_load(by_id);

    auto rows = visit(everything());
    ASSERT_EQ(rows.size(), 7u);  // remoteok:3 is shown as part of remotive:7
    auto kept = std::find_if(rows.begin(), rows.end(),
                             [](const auto& r) { return r.listing.id == "remotive:7"; });
    ASSERT_NE(kept, rows.end());
    EXPECT_THAT(kept->sources, ElementsAre("remoteok", "remotive"));
    // Storage order, not newest first: the first stored comes first.
    EXPECT_EQ(rows.front().listing.id, "freelancer:1");
}

TEST_F(StoreView, VisitingGivesTheLookMarkOfTheRowsItHandedOver) {
    refresh("remoteok", {sparse("remoteok:1"), sparse("remoteok:2")}, RefreshCompleteness::Complete,
            kT0);
    std::size_t seen = 0;
    auto mark = store.visit_listings({}, [&](const StoredListing& row) {
        EXPECT_TRUE(row.is_new);
        ++seen;
    });
    ASSERT_TRUE(mark.ok());
    EXPECT_EQ(seen, 2u);
    EXPECT_EQ(mark.value(), store.load_listings().value().look_mark);
    ASSERT_TRUE(store.mark_looked(mark.value(), kT0 + 1).ok());
    refresh("remoteok", {sparse("remoteok:3")}, RefreshCompleteness::Partial, kT0 + 2);
    std::map<std::string, bool> fresh;
    ASSERT_TRUE(store
                    .visit_listings(
                        {}, [&](const StoredListing& row) { fresh[row.listing.id] = row.is_new; })
                    .ok());
    EXPECT_EQ(fresh, (std::map<std::string, bool>{
                         {"remoteok:1", false}, {"remoteok:2", false}, {"remoteok:3", true}}));
}

TEST_F(StoreView, ListsKeepEveryCharacterTheyWereGiven) {
    Listing l = rich("freelancer:9");
    l.tags = {"tag with \"quotes\"",     "back\\slash", "line\nbreak\ttab",
              std::string("nul\x01", 4), "café 日本",   ""};
    l.skills = {{"c\"sharp", SkillOrigin::Tag}, {"naïve-skill", SkillOrigin::Description}};
    l.merged = {{"other:1", "other", "https://example.com/?q=\"a\"&b=\\"}};
    refresh("freelancer", {l}, RefreshCompleteness::Complete, kT0);
    auto rows = load(store);
    ASSERT_EQ(rows.size(), 1u);
    expect_same_listing(rows[0].listing, l);
    auto visited = visit();
    ASSERT_EQ(visited.size(), 1u);
    expect_same_listing(visited[0].listing, l);
}

TEST_F(StoreView, ListsSpelledDifferentlyByAnotherWriterStillLoad) {
    refresh("freelancer", {rich("freelancer:1"), rich("freelancer:2"), rich("freelancer:3")},
            RefreshCompleteness::Complete, kT0);
    // Spaces and escapes GigScout itself never writes; an unknown origin; a broken list.
    raw_exec(file,
             "UPDATE listings SET tags = '[ \"a\\u0041\" , \"b\" ]', "
             "skills = '[ [\"python\" , \"tag\"], [\"cpp\", \"somewhere\"], "
             "[\"opencv\", \"title\"] ]', "
             "merged = '[[\"x:1\", \"x\", \"https://e.com/\\/1\"]]' WHERE id = 'freelancer:1';"
             "UPDATE listings SET tags = '[\"ok\", 7]', skills = 'not json' "
             "WHERE id = 'freelancer:2';"
             "UPDATE listings SET tags = '{\"a\": 1}', skills = '[[\"python\"]]' "
             "WHERE id = 'freelancer:3'");
    for (const auto& rows : {load(store), visit()}) {
        ASSERT_EQ(rows.size(), 3u);
        auto one = find(rows, "freelancer:1");
        ASSERT_TRUE(one);
        EXPECT_THAT(one->listing.tags, ElementsAre("aA", "b"));
        ASSERT_EQ(one->listing.skills.size(), 2u);
        EXPECT_EQ(one->listing.skills[0].skill, "python");
        EXPECT_EQ(one->listing.skills[0].origin, SkillOrigin::Tag);
        EXPECT_EQ(one->listing.skills[1].skill, "opencv");
        EXPECT_EQ(one->listing.skills[1].origin, SkillOrigin::Title);
        ASSERT_EQ(one->listing.merged.size(), 1u);
        EXPECT_EQ(one->listing.merged[0].url, "https://e.com//1");
        auto two = find(rows, "freelancer:2");
        ASSERT_TRUE(two);
        EXPECT_THAT(two->listing.tags, ElementsAre("ok", ""));  // not a string: empty
        EXPECT_TRUE(two->listing.skills.empty());
        auto three = find(rows, "freelancer:3");
        ASSERT_TRUE(three);
        EXPECT_TRUE(three->listing.tags.empty());
        EXPECT_TRUE(three->listing.skills.empty());
    }
}

}  // namespace
}  // namespace gigscout::testing
