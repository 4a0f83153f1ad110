#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/listing_validator.h"
#include "taxonomy/listing_intake.h"

namespace gigscout {
namespace {

constexpr std::int64_t kNow = 1'764'000'000;  // 2025-11-24

Listing cv_listing() {
    Listing l;
    l.id = "remoteok:1";
    l.source = "remoteok";
    l.url = "https://remoteok.com/1";
    l.title = "Computer Vision Engineer";
    l.description = "PyTorch and OpenCV.";
    return l;
}

std::vector<std::string> skill_ids(const Listing& l) {
    std::vector<std::string> out;
    for (const auto& s : l.skills) {
        out.emplace_back(s.skill);
    }
    return out;
}

// A freelance platform files every posting as freelance; the posting's own label says more.
TEST(ListingIntake, AJobTypeThePostingStatesReplacesTheFeeds) {
    Listing l = cv_listing();
    l.job_type = JobType::Freelance;
    l.description = "Location: Hyderabad\nEmployment Type: Full-time\nPyTorch and OpenCV.";
    ASSERT_TRUE(admit_listing(l, kNow));
    EXPECT_EQ(l.job_type, JobType::FullTime);

    Listing plain = cv_listing();
    plain.job_type = JobType::Freelance;
    ASSERT_TRUE(admit_listing(plain, kNow));
    EXPECT_EQ(plain.job_type, JobType::Freelance);
}

// A posting's own pay line is its pay when the feed gives none; a feed's budget stays.
TEST(ListingIntake, APayLineThePostingStatesIsItsBudgetWhenTheFeedHasNone) {
    Listing l = cv_listing();
    l.description = "Monthly Rate: $2500-3350\nPyTorch and OpenCV.";
    ASSERT_TRUE(admit_listing(l, kNow));
    ASSERT_TRUE(l.budget);
    EXPECT_EQ(l.budget->kind, BudgetKind::Salary);
    EXPECT_EQ(l.budget->max, 40200);
    EXPECT_EQ(l.budget->currency, "USD");

    Listing fed = cv_listing();
    fed.description = l.description;
    fed.budget = Budget{BudgetKind::Hourly, 50.0, 60.0, "USD"};
    ASSERT_TRUE(admit_listing(fed, kNow));
    EXPECT_EQ(fed.budget->kind, BudgetKind::Hourly);
    EXPECT_EQ(fed.budget->max, 60);
}

TEST(ListingIntake, AnAdmittedListingCarriesTheSkillsAnnotateSkillsFinds) {
    Listing admitted = cv_listing();
    ASSERT_TRUE(admit_listing(admitted, kNow));
    Listing annotated = cv_listing();
    annotate_skills(annotated, SkillExtractor::bundled());
    EXPECT_FALSE(admitted.skills.empty());
    EXPECT_EQ(skill_ids(admitted), skill_ids(annotated));
}

TEST(ListingIntake, SkillsAListingBroughtAreReplacedUnlessTheCallerKeepsThem) {
    Listing replaced = cv_listing();
    replaced.skills = {{"cobol", SkillOrigin::Tag}};
    ASSERT_TRUE(admit_listing(replaced, kNow));
    const auto ids = skill_ids(replaced);
    EXPECT_FALSE(ids.empty());
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "cobol"), 0);

    Listing kept = cv_listing();
    kept.skills = {{"cobol", SkillOrigin::Tag}};
    ASSERT_TRUE(admit_listing(kept, kNow, GivenSkills::Keep));
    EXPECT_EQ(skill_ids(kept), (std::vector<std::string>{"cobol"}));

    // Keep extracts for a listing that brought none.
    Listing bare = cv_listing();
    ASSERT_TRUE(admit_listing(bare, kNow, GivenSkills::Keep));
    EXPECT_FALSE(bare.skills.empty());
}

TEST(ListingIntake, AListingTheValidatorRefusesIsNamedAndLeftAsItWas) {
    Listing bad = cv_listing();
    bad.url = "javascript:alert(1)";
    Status s = admit_listing(bad, kNow);
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("field `url`: must be an http or https URL"),
              std::string::npos)
        << s.error().message;
    EXPECT_TRUE(bad.skills.empty());
}

TEST(ListingIntake, AListingWhoseTextAsksForOfficeDaysIsNotRemote) {
    Listing hybrid = cv_listing();
    hybrid.remote = true;
    hybrid.location = "Remote";
    hybrid.description =
        "PyTorch and OpenCV.\nHybrid, working onsite at our Toronto headquarters 3 "
        "days per week.";
    ASSERT_TRUE(admit_listing(hybrid, kNow));
    EXPECT_EQ(hybrid.remote, false);
    EXPECT_EQ(hybrid.location,
              "Hybrid, working onsite at our Toronto headquarters 3 days per week (listed as "
              "\"Remote\")");

    // An empty location becomes the requirement; a place is kept.
    Listing unstated = cv_listing();
    unstated.description = "Come to the office in Sydney twice a week.";
    ASSERT_TRUE(admit_listing(unstated, kNow));
    EXPECT_EQ(unstated.remote, false);
    EXPECT_EQ(unstated.location, "Come to the office in Sydney twice a week");
    Listing placed = cv_listing();
    placed.location = "Sydney, Australia";
    placed.description = unstated.description;
    ASSERT_TRUE(admit_listing(placed, kNow));
    EXPECT_EQ(placed.remote, false);
    EXPECT_EQ(placed.location, "Sydney, Australia");

    // What the door writes, the door takes again (an export read back, a refresh).
    Listing odd = cv_listing();
    odd.description = "Hybrid:\r3 days a week in the office, " + std::string(200, 'x');
    ASSERT_TRUE(admit_listing(odd, kNow));
    EXPECT_EQ(odd.remote, false);
    EXPECT_TRUE(validate_listing(odd, kNow)) << odd.location;
}

// "This role is based in Paris" makes a listing on-site when its feed says nothing of remote
// work; a feed that calls it remote is believed (a remote board's posting may name where the
// employer sits).
TEST(ListingIntake, APlaceTheRoleIsBasedInMakesAnUnstatedListingOnSite) {
    Listing unstated = cv_listing();
    unstated.description = "PyTorch and OpenCV. This role is based in Paris.";
    ASSERT_TRUE(admit_listing(unstated, kNow));
    EXPECT_EQ(unstated.remote, false);
    EXPECT_EQ(unstated.location, "This role is based in Paris");

    Listing remote = cv_listing();
    remote.remote = true;
    remote.description = unstated.description;
    ASSERT_TRUE(admit_listing(remote, kNow));
    EXPECT_EQ(remote.remote, true);
    EXPECT_EQ(remote.location, "");
}

TEST(ListingIntake, ARemoteListingWithoutOfficeDaysAndAnOnSiteOneAreLeftAsTheyCame) {
    Listing remote = cv_listing();
    remote.remote = true;
    remote.description = "Fully remote. Our offices in Berlin are open as often as you'd like.";
    ASSERT_TRUE(admit_listing(remote, kNow));
    EXPECT_EQ(remote.remote, true);
    EXPECT_EQ(remote.location, "");

    Listing onsite = cv_listing();
    onsite.remote = false;
    onsite.location = "Berlin";
    onsite.description = "Hybrid, 3 days a week in the office.";
    ASSERT_TRUE(admit_listing(onsite, kNow));
    EXPECT_EQ(onsite.location, "Berlin");
}

}  // namespace
}  // namespace gigscout
