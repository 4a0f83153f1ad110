// gigscout-cli insights as a user runs it: the JSON shape pinned (every key, in order), the
// text's sections, and the options refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/json_reader.h"
#include "cli_process.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Imported now, so inside the default window; no posting dates.
const char* kInsightListings = R"json([
  {"id": "remoteok:11", "source": "remoteok", "url": "https://remoteok.com/11",
   "title": "OpenCV engineer", "description": "OpenCV and Python.",
   "tags": ["opencv", "python"], "budget": {"kind": "hourly", "max": 50, "currency": "USD"}},
  {"id": "remoteok:12", "source": "remoteok", "url": "https://remoteok.com/12",
   "title": "YOLO detection", "description": "YOLO, OpenCV and PyTorch.",
   "tags": ["opencv", "yolo", "pytorch"], "budget": {"kind": "fixed", "max": 900, "currency": "EUR"}},
  {"id": "remotive:13", "source": "remotive", "url": "https://remotive.com/13",
   "title": "PyTorch engineer", "description": "PyTorch models.", "tags": ["pytorch"]}
])json";

const char* kInsightProfile = R"json({"format": 1, "name": "cli insights",
  "skills": [{"skill": "opencv", "level": "beginner"}, {"skill": "python", "level": "beginner"}]})json";

std::vector<std::string> keys(const rapidjson::Value& v) {
    std::vector<std::string> out;
    for (const auto& m : v.GetObject()) {
        out.emplace_back(m.name.GetString());
    }
    return out;
}

class CliInsights : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(dir.path() / "l.json", kInsightListings);
        write_file(dir.path() / "p.json", kInsightProfile);
        auto r = cli({"import", (dir.path() / "l.json").string()});
        ASSERT_EQ(r.code, 0) << r.err;
    }
    CliRun cli(const std::vector<std::string>& args) { return run_cli(data, args, dir.path()); }

    TempDir dir;
    fs::path data = dir.path() / "d";
};

TEST_F(CliInsights, JsonCarriesTheWindowDemandGapsAndNextStepsInAPinnedShape) {
    auto r = cli({"insights", "--json", "--profile", (dir.path() / "p.json").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    auto parsed = json::parse(r.out, "insights --json");
    ASSERT_TRUE(parsed.ok()) << r.out;
    const rapidjson::Document& doc = parsed.value();
    EXPECT_THAT(keys(doc),
                ElementsAre("window", "currency", "skills", "domains", "gaps", "next_steps"));
    EXPECT_THAT(keys(doc["window"]),
                ElementsAre("from", "to", "days", "sources", "listings", "previous_listings"));
    EXPECT_EQ(doc["window"]["days"].GetInt(), 30);
    EXPECT_EQ(doc["window"]["listings"].GetUint64(), 3u);
    EXPECT_STREQ(doc["currency"].GetString(), "USD");
    const auto& first = doc["skills"][0];
    EXPECT_THAT(keys(first), ElementsAre("skill", "name", "listings", "share", "previous_listings",
                                         "previous_share", "hourly", "fixed"));
    EXPECT_THAT(keys(first["hourly"]), ElementsAre("median", "count"));
    // OpenCV and PyTorch are asked twice each; opencv sorts first.
    EXPECT_STREQ(first["skill"].GetString(), "opencv");
    EXPECT_STREQ(first["name"].GetString(), "OpenCV");
    EXPECT_EQ(first["listings"].GetUint64(), 2u);
    EXPECT_TRUE(first["previous_share"].IsNull());  // nothing stored before the window
    EXPECT_DOUBLE_EQ(first["hourly"]["median"].GetDouble(), 50);
    EXPECT_EQ(first["fixed"]["count"].GetUint64(), 1u);
    const auto& gaps = doc["gaps"];
    EXPECT_THAT(keys(gaps),
                ElementsAre("profile", "threshold", "level", "above", "missing", "rarely_asked"));
    EXPECT_EQ(gaps["threshold"].GetInt(), 70);
    EXPECT_STREQ(gaps["level"].GetString(), "beginner");
    ASSERT_GE(gaps["missing"].Size(), 1u);
    EXPECT_THAT(keys(gaps["missing"][0]),
                ElementsAre("skill", "name", "lifted", "asking", "hourly"));
    ASSERT_GE(doc["next_steps"].Size(), 1u);
    const auto& step = doc["next_steps"][0];
    EXPECT_THAT(keys(step),
                ElementsAre("skill", "name", "text", "asking", "lifted", "project", "resource"));
    EXPECT_THAT(keys(step["resource"]), ElementsAre("title", "provider", "url", "cost", "checked"));
    // Deep learning (the first skill of the intermediate level) is asked for through PyTorch by
    // two listings, as often as PyTorch itself.
    EXPECT_STREQ(step["skill"].GetString(), "deep-learning");
    EXPECT_EQ(step["asking"].GetUint64(), 2u);
    EXPECT_STREQ(step["text"].GetString(),
                 "You are close to Intermediate: learn Deep learning (fast.ai, free), build an "
                 "image classification API (a fine-tuned model behind FastAPI) — 2 listings ask "
                 "for it");
    EXPECT_STREQ(doc["next_steps"][1]["skill"].GetString(), "pytorch");
}

TEST_F(CliInsights, TextShowsEachSectionAndASourceNarrowsIt) {
    auto r = cli({"insights", "--profile", (dir.path() / "p.json").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("Demand: 3 listings from "));
    EXPECT_THAT(r.out, HasSubstr("Domains ("));
    EXPECT_THAT(r.out,
                HasSubstr("Gaps against " + (dir.path() / "p.json").string() + " (threshold 70"));
    EXPECT_THAT(r.out,
                HasSubstr("Next steps:\n  You are close to Intermediate: learn Deep learning"));

    auto one = cli({"insights", "--json", "--source", "remotive"});
    ASSERT_EQ(one.code, 0) << one.err;
    auto parsed = json::parse(one.out, "insights --json");
    ASSERT_TRUE(parsed.ok()) << one.out;
    EXPECT_EQ(parsed.value()["window"]["listings"].GetUint64(), 1u);
    EXPECT_TRUE(parsed.value()["gaps"].IsNull());  // no active profile
    EXPECT_EQ(parsed.value()["next_steps"].Size(), 0u);
}

TEST_F(CliInsights, ListCsvGivesTheRankedRowsWithEachComponentsPoints) {
    auto r = cli({"list", "--csv", "--keep-new", "--profile", (dir.path() / "p.json").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < r.out.size();) {
        std::size_t end = r.out.find('\n', at);
        lines.push_back(r.out.substr(at, end - at));
        at = end + 1;
    }
    ASSERT_EQ(lines.size(), 4u) << r.out;
    EXPECT_EQ(lines[0],
              "rank,id,score,filtered,skill,level,budget,recency,client,search,penalty,title,"
              "company,url,sources,budget,state,filter_reasons");
    // OpenCV and Python, both the user's: the best match. No posting date (recency 0.5), so
    // the points do not move with the clock.
    EXPECT_EQ(lines[1],
              "1,remoteok:11,39,no,10.80,8.00,12.00,4.80,3.20,0.00,0.00,OpenCV engineer,,"
              "https://remoteok.com/11,remoteok,up to $50/h,new,");
    EXPECT_EQ(cli({"list", "--csv"}).code, 2);  // no profile
}

TEST_F(CliInsights, BadOptionsAreUsageErrors) {
    EXPECT_EQ(cli({"insights", "--days", "0"}).code, 2);
    auto r = cli({"insights", "--profile", "nobody"});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli insights: "));
}

}  // namespace
}  // namespace gigscout::testing
