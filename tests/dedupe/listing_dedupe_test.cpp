#include "dedupe/listing_dedupe.h"

#include <gtest/gtest.h>

#include "model/listing_json.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

Listing make(std::string id, std::string source, std::string url, std::string title,
             std::string company, std::string description) {
    Listing l;
    l.id = std::move(id);
    l.source = std::move(source);
    l.url = std::move(url);
    l.title = std::move(title);
    l.company = std::move(company);
    l.description = std::move(description);
    return l;
}

// The shape of a real cross-post: Qase's "Developer Advocate" as We Work Remotely's RSS shows it
// (title "Company: Role", HTML description turned to text) and as a JSON board lists it
// (separate company field, the same text re-wrapped, a tracking parameter on the url).
const char* kQaseText =
    "Qase is a modern test management platform used by thousands of QA teams. We are looking "
    "for a Developer Advocate who will create tutorials, sample projects and talks about test "
    "automation, work with our community on GitHub and Discord, and bring feedback from "
    "developers back to the product team. You have written about Playwright, Cypress or pytest, "
    "you enjoy public speaking and you can explain CI pipelines to beginners.";

TEST(CanonicalUrl, DropsSchemeWwwTrackingAndFragments) {
    EXPECT_EQ(canonical_url("https://www.Example.com/jobs/42/?utm_source=rss&id=7#apply"),
              "example.com/jobs/42?id=7");
    EXPECT_EQ(canonical_url("http://example.com/jobs/42"), "example.com/jobs/42");
    EXPECT_EQ(canonical_url("https://boards.greenhouse.io/acme/jobs/1?gh_src=abc"),
              "boards.greenhouse.io/acme/jobs/1");
}

TEST(Normalise, CompanySuffixesAndTitleNoise) {
    EXPECT_EQ(normalised_company("Acme Robotics, Inc."), "acme robotics");
    EXPECT_EQ(normalised_company("Qase GmbH"), "qase");
    EXPECT_EQ(normalised_title("Senior Computer Vision Engineer (Remote) - Upwork"),
              "senior computer vision engineer");
    EXPECT_EQ(normalised_title("Developer Advocate [m/f/d]"), "developer advocate");
}

TEST(Shingles, SimilarityOfRewrappedTextIsHighAndOfOtherTextLow) {
    std::string rewrapped = std::string(kQaseText) + "\n\nApply now!";
    double same =
        shingle_similarity(description_shingles(kQaseText), description_shingles(rewrapped));
    EXPECT_GT(same, 0.9);
    double other = shingle_similarity(
        description_shingles(kQaseText),
        description_shingles("We build drones. You will train YOLO models on aerial imagery "
                             "with PyTorch and deploy them to Jetson devices at the edge."));
    EXPECT_LT(other, 0.05);
    EXPECT_EQ(shingle_similarity({}, description_shingles(kQaseText)), 0);
}

TEST(FindDuplicates, CrossPostWithSameCompanyAndTitleIsOneJob) {
    std::vector<Listing> ls = {
        make("weworkremotely:qase-developer-advocate", "weworkremotely",
             "https://weworkremotely.com/remote-jobs/qase-developer-advocate", "Developer Advocate",
             "Qase", kQaseText),
        make("remotive:1936221", "remotive",
             "https://remotive.com/remote-jobs/marketing/developer-advocate-1936221?ref=rss",
             "Developer Advocate (Remote)", "Qase GmbH", std::string(kQaseText) + " Apply now."),
        make("remotive:1936222", "remotive", "https://remotive.com/remote-jobs/x-1936222",
             "Developer Advocate", "Other Corp", kQaseText),
    };
    auto groups = find_duplicates(ls, {200, 100, 300});
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].keep, 1u);  // seen first (lowest rank): user state stays on it
    EXPECT_EQ(groups[0].duplicates, (std::vector<std::size_t>{0}));
    EXPECT_EQ(groups[0].reasons[0], DuplicateReason::SameCompanyAndTitle);
}

// Real listings, as the bundled plugins read the shared captures of July 2026
// (hackernews/hn-whoishiring-2026-07-algolia-hits-trimmed.json, weworkremotely/
// wwr-2026-07-remote-jobs.rss): Qase posted its two openings in one "Who is hiring" comment and
// as two We Work Remotely jobs. Kept apart on purpose (docs/dedupe.md): the comment is neither
// job alone, and merging it into one would hide the other.
TEST(FindDuplicates, OneHackerNewsCommentNamingTwoJobsStaysApartFromEach) {
    auto text = testing::read_file(testing::tests_dir() / "dedupe" / "data" /
                                   "qase-hackernews-weworkremotely.json");
    auto parsed = parse_listings(text, "qase-hackernews-weworkremotely.json", 1'900'000'000);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    std::vector<Listing> real = parsed.value().listings;
    ASSERT_EQ(real.size(), 3u);
    EXPECT_EQ(real[0].id, "hackernews:48860201");
    EXPECT_EQ(real[0].company, "Qase");
    EXPECT_EQ(real[1].title, "Developer Advocate");
    EXPECT_TRUE(find_duplicates(real).empty());
    // The same We Work Remotely job cross-posted on another board joins it, and only it.
    Listing copy = real[1];
    copy.id = "remotive:1936221";
    copy.source = "remotive";
    copy.url = "https://remotive.com/remote-jobs/marketing/developer-advocate-1936221";
    copy.title = "Developer Advocate (Remote)";
    copy.company = "Qase GmbH";
    real.push_back(copy);
    auto groups = find_duplicates(real);
    ASSERT_EQ(groups.size(), 1u);
    ASSERT_EQ(groups[0].duplicates.size(), 1u);
    // Posted at the same time: the smaller id keeps the group.
    EXPECT_EQ(real[groups[0].keep].id, "remotive:1936221");
    EXPECT_EQ(real[groups[0].duplicates[0]].id, real[1].id);
    EXPECT_EQ(groups[0].reasons[0], DuplicateReason::SameCompanyAndTitle);
}

TEST(FindDuplicates, SameUrlAlwaysMatches) {
    std::vector<Listing> ls = {
        make("a:1", "a", "https://jobs.example.com/42?utm_source=a", "CV engineer", "X", ""),
        make("b:9", "b", "https://www.jobs.example.com/42/", "Computer vision engineer", "Y", ""),
    };
    auto groups = find_duplicates(ls);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].reasons[0], DuplicateReason::SameUrl);
}

TEST(FindDuplicates, RepostUnderNewTitleWithSameTextMatches) {
    std::vector<Listing> ls = {
        make("a:1", "a", "https://a.test/1", "Developer Advocate", "Qase", kQaseText),
        make("a:2", "a", "https://a.test/2", "Developer Relations Engineer", "", kQaseText),
    };
    auto groups = find_duplicates(ls);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].reasons[0], DuplicateReason::SimilarText);
}

TEST(FindDuplicates, GenericTitlesAtDifferentCompaniesStayApart) {
    std::vector<Listing> ls = {
        make("a:1", "a", "https://a.test/1", "Senior Software Engineer", "Acme", "Build APIs."),
        make("b:1", "b", "https://b.test/1", "Senior Software Engineer", "Globex", "Build APIs."),
        make("c:1", "c", "https://c.test/1", "Senior Software Engineer", "", "Short text."),
    };
    EXPECT_TRUE(find_duplicates(ls).empty());
}

TEST(MergeDuplicates, KeptListingRecordsEverySourceAndFillsGaps) {
    std::vector<Listing> ls = {
        make("weworkremotely:q", "weworkremotely", "https://weworkremotely.com/q",
             "Developer Advocate", "Qase", kQaseText),
        make("remotive:1", "remotive", "https://remotive.com/1", "Developer Advocate", "Qase",
             kQaseText),
    };
    ls[1].budget = Budget{BudgetKind::Salary, 90000, 120000, "USD"};
    ls[1].tags = {"devrel"};
    auto groups = find_duplicates(ls, {5, 9});
    auto merged = merge_duplicates(ls, groups);
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].id, "weworkremotely:q");
    ASSERT_EQ(merged[0].merged.size(), 1u);
    EXPECT_EQ(merged[0].merged[0].id, "remotive:1");
    EXPECT_EQ(merged[0].merged[0].source, "remotive");
    ASSERT_TRUE(merged[0].budget);
    EXPECT_EQ(merged[0].budget->max, 120000);
    EXPECT_EQ(merged[0].tags, (std::vector<std::string>{"devrel"}));
}

TEST(FindDuplicates, ManyListingsStayNearLinear) {
    std::vector<Listing> ls;
    for (int i = 0; i < 5000; ++i) {
        ls.push_back(make("s:" + std::to_string(i), "s", "https://s.test/" + std::to_string(i),
                          "Job " + std::to_string(i), "Company " + std::to_string(i % 50),
                          "Unique words " + std::to_string(i) + " for listing number " +
                              std::to_string(i * 7919) + " in a benchmark of dedupe"));
    }
    ls.push_back(ls[42]);
    ls.back().id = "t:42";
    ls.back().url = "https://t.test/42";
    auto groups = find_duplicates(ls);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(ls[groups[0].keep].id < ls[groups[0].duplicates[0]].id ? "s:42" : "t:42", "s:42");
}

}  // namespace
}  // namespace gigscout
