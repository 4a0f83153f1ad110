#include "model/listing_json.h"

#include <gtest/gtest.h>

#include "base/json_reader.h"

namespace gigscout {
namespace {

constexpr std::int64_t kParseNow = 1764064800;  // 2025-11-25T10:00:00Z

Result<Listing> from(std::string_view text) {
    auto doc = json::parse(text, "test");
    EXPECT_TRUE(doc.ok());
    return listing_from_json(doc.value());
}

TEST(ListingJson, ReadsEveryField) {
    auto l = from(R"js({
      "id": "freelancer:123", "source": "freelancer", "url": "https://www.freelancer.com/projects/x",
      "title": "YOLO detector", "description": "Train YOLOv8", "company": "Acme",
      "posted_at": "2025-11-24T08:30:00Z",
      "budget": {"kind": "hourly", "min": 25, "max": 40.5, "currency": "EUR"},
      "tags": ["Python", "OpenCV"], "experience_level": "expert", "job_type": "freelance",
      "remote": true, "location": "Worldwide",
      "client": {"country": "DE", "rating": 4.8, "reviews": 12, "payment_verified": true,
                 "total_spent": {"amount": 5000, "currency": "USD"}},
      "proposals": 7})js");
    ASSERT_TRUE(l.ok()) << l.error().message;
    const Listing& v = l.value();
    EXPECT_EQ(v.id, "freelancer:123");
    EXPECT_EQ(v.posted_at, 1763973000);
    ASSERT_TRUE(v.budget);
    EXPECT_EQ(v.budget->kind, BudgetKind::Hourly);
    EXPECT_EQ(v.budget->max, 40.5);
    EXPECT_EQ(v.budget->currency, "EUR");
    EXPECT_EQ(v.tags.size(), 2u);
    EXPECT_EQ(v.experience_level, ExperienceLevel::Expert);
    EXPECT_EQ(v.job_type, JobType::Freelance);
    EXPECT_EQ(v.remote, true);
    ASSERT_TRUE(v.client);
    EXPECT_EQ(v.client->reviews, 12);
    EXPECT_EQ(v.client->total_spent->amount, 5000);
    EXPECT_EQ(v.proposals, 7);
}

TEST(ListingJson, RoundTripsThroughItsOwnOutput) {
    auto l = from(R"js({"id": "a:1", "url": "https://x.test/1", "title": "T",
      "posted_at": 1763973000, "budget": {"kind": "fixed", "max": 500, "currency": "USD"},
      "job_type": "part_time"})js");
    ASSERT_TRUE(l.ok());
    std::string out = listing_to_json(l.value());
    auto again = from(out);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(listing_to_json(again.value()), out);
    EXPECT_NE(out.find("\"posted_at\":\"2025-11-24T08:30:00Z\""), std::string::npos);
}

TEST(ListingJson, ErrorsNameTheField) {
    EXPECT_EQ(
        from(
            R"js({"id": "a:1", "url": "https://x", "title": "T", "budget": {"kind": "fixed", "min": "ten"}})js")
            .error()
            .message,
        "field `budget.min`: expected a number, got a string");
    EXPECT_EQ(from(R"js({"url": "https://x", "title": "T"})js").error().message,
              "field `id`: is required");
    EXPECT_EQ(from(R"js({"id": "a", "url": "https://x", "title": "T", "job_type": "gig"})js")
                  .error()
                  .message,
              "field `job_type`: unknown value \"gig\" (expected freelance, contract, full_time or "
              "part_time)");
    EXPECT_EQ(from(R"js({"id": "a", "url": "https://x", "title": "T", "tags": ["ok", 3]})js")
                  .error()
                  .message,
              "field `tags`: element 1: expected a string, got a number");
    EXPECT_EQ(
        from(
            R"js({"id": "a", "url": "https://x", "title": "T", "client": {"total_spent": {"amount": 1}}})js")
            .error()
            .message,
        "field `client.total_spent.currency`: is required");
    EXPECT_EQ(from(R"js({"id": "a", "url": "https://x", "title": "T", "titel": "typo"})js")
                  .error()
                  .message,
              "field `titel`: unknown field");
    EXPECT_EQ(from(R"js({"id": "a", "url": "https://x", "title": "T", "posted_at": "last week"})js")
                  .error()
                  .message,
              "field `posted_at`: expected an ISO 8601 time such as 2026-11-25T10:00:00Z, got "
              "\"last week\"");
}

TEST(ListingJson, ParseListingsKeepsTheGoodAndNamesTheBad) {
    auto r = parse_listings(R"js([
      {"id": "a:1", "url": "https://x.test/1", "title": "Good"},
      {"id": "a:2", "url": "javascript:alert(1)", "title": "Bad url"},
      {"id": "a:3", "url": "https://x.test/3"},
      {"id": "a:4", "url": "https://x.test/4", "title": "Also good"}])js",
                            "listings.json", kParseNow);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r.value().listings.size(), 2u);
    EXPECT_EQ(r.value().indexes, (std::vector<std::size_t>{0, 3}));
    ASSERT_EQ(r.value().problems.size(), 2u);
    EXPECT_EQ(r.value().problems[0],
              "listing 1: field `url`: must be an http or https URL, got \"javascript:alert(1)\"");
    EXPECT_EQ(r.value().problems[1], "listing 2: field `title`: is required");
}

TEST(ListingJson, ParseListingsRefusesNonArrays) {
    auto r = parse_listings(R"js({"id": 1})js", "listings.json", kParseNow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "listings.json: expected a JSON array of listings, got an object");
    EXPECT_FALSE(parse_listings("[", "listings.json", kParseNow).ok());
}

}  // namespace
}  // namespace gigscout
