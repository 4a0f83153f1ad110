#include "model/listing_validator.h"

#include <gtest/gtest.h>

#include <string>

namespace gigscout {
namespace {

constexpr std::int64_t kNow = 1764064800;

Listing valid() {
    Listing l;
    l.id = "remoteok:1";
    l.url = "https://remoteok.com/1";
    l.title = "Computer vision engineer";
    return l;
}

std::string problem(const Listing& l) {
    Status s = validate_listing(l, kNow);
    return s.ok() ? "" : s.error().message;
}

TEST(ListingValidator, AcceptsAMinimalListing) {
    EXPECT_EQ(problem(valid()), "");
}

TEST(ListingValidator, RejectsNonHttpUrls) {
    for (const char* url : {"file:///etc/passwd", "javascript:alert(1)", "ftp://x/y", "https://",
                            "https://user:pw@host/", "https://host/a b", "//host/x"}) {
        Listing l = valid();
        l.url = url;
        EXPECT_NE(problem(l).find("field `url`: must be an http or https URL"), std::string::npos)
            << url;
    }
}

TEST(ListingValidator, RejectsMissingIdAndBlankTitle) {
    Listing l = valid();
    l.id.clear();
    l.title = "   ";
    EXPECT_EQ(problem(l), "field `id`: is required; field `title`: is required");
}

TEST(ListingValidator, RejectsAbsurdDatesAndAmounts) {
    Listing l = valid();
    l.posted_at = 100;
    EXPECT_EQ(problem(l), "field `posted_at`: is before 1995-01-01");
    l.posted_at = kNow + 10 * 86400;
    EXPECT_EQ(problem(l), "field `posted_at`: is more than two days in the future");
    l = valid();
    l.budget = Budget{BudgetKind::Hourly, 50, 20000, "USD"};
    EXPECT_NE(problem(l).find("field `budget.max`: must be between 0 and 10000"),
              std::string::npos);
    l.budget = Budget{BudgetKind::Fixed, 900, 100, "USD"};
    EXPECT_NE(problem(l).find("field `budget`: min (900"), std::string::npos);
    l.budget = Budget{BudgetKind::Fixed, -5, std::nullopt, "USD"};
    EXPECT_NE(problem(l).find("field `budget.min`: must be between 0"), std::string::npos);
    l.budget = Budget{BudgetKind::Fixed, 5, std::nullopt, "XYZ"};
    EXPECT_EQ(problem(l), "field `budget.currency`: unknown ISO 4217 currency code \"XYZ\"");
}

TEST(ListingValidator, RejectsOverLongAndBrokenText) {
    Listing l = valid();
    l.title = std::string(ListingLimits::kTitleBytes + 1, 'x');
    EXPECT_EQ(problem(l), "field `title`: longer than 300 bytes (301)");
    l = valid();
    l.description = "ok\xFF";
    EXPECT_EQ(problem(l), "field `description`: is not valid UTF-8");
    l = valid();
    l.company = std::string("a\0b", 3);
    EXPECT_EQ(problem(l), "field `company`: contains a control character");
    l = valid();
    l.tags = {"python", ""};
    EXPECT_EQ(problem(l), "field `tags[1]`: is required");
}

TEST(ListingValidator, ChecksClientFacts) {
    Listing l = valid();
    l.client = ClientInfo{};
    l.client->rating = 7;
    l.client->reviews = -1;
    EXPECT_EQ(
        problem(l),
        "field `client.rating`: must be between 0 and 5, got 7.000000; field `client.reviews`: "
        "must be between 0 and 10000000, got -1");
}

}  // namespace
}  // namespace gigscout
