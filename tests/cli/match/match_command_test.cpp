// `gigscout-cli match` and `--help`, run as a user runs them: the real binary on the fixture
// files in tests/cli/match/data and on the shipped demo listings.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "run_cli.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::run_gigscout_cli;

const std::string kNow = "2026-11-25T12:00:00Z";

std::string data(const std::string& name) {
    return (testing::tests_dir() / "cli" / "match" / "data" / name).string();
}

testing::CliResult match(std::vector<std::string> extra,
                         const std::string& profile = data("profile.json"),
                         const std::string& listings = data("listings.json")) {
    std::vector<std::string> args{"match",  "--profile", profile, "--listings",
                                  listings, "--now",     kNow};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_gigscout_cli(args);
}

rapidjson::Document parse_json(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    EXPECT_FALSE(d.HasParseError()) << text;
    return d;
}

std::vector<std::string> ids_of(const rapidjson::Document& d) {
    std::vector<std::string> ids;
    for (const auto& e : d.GetArray()) {
        ids.emplace_back(e["id"].GetString());
    }
    return ids;
}

// A feed that calls a job remote while its text asks for office days: the text wins, and the
// filtered listing quotes it.
TEST(MatchCommand, AListingWhoseTextAsksForOfficeDaysIsNotRemote) {
    auto r = match({"--json"}, data("profile.json"), data("office-days.json"));
    ASSERT_EQ(r.code, 0) << r.err;
    auto d = parse_json(r.out);
    ASSERT_TRUE(d.IsArray());
    ASSERT_EQ(d.Size(), 2u) << r.out;
    EXPECT_STREQ(d[0]["id"].GetString(), "t:remote");
    EXPECT_FALSE(d[0]["filtered"].GetBool());
    EXPECT_STREQ(d[1]["id"].GetString(), "t:hybrid");
    EXPECT_TRUE(d[1]["filtered"].GetBool());
    ASSERT_EQ(d[1]["filter_reasons"].Size(), 1u) << r.out;
    EXPECT_STREQ(d[1]["filter_reasons"][0].GetString(),
                 "not remote (Hybrid, working onsite at our Toronto headquarters 3 days per week "
                 "(listed as \"Remote\"))");
}

// A profile that says where its user lives: a remote listing open only to people elsewhere is
// filtered with its location; one open to the user's region, or saying nothing, is kept.
TEST(MatchCommand, ARemoteListingOpenOnlyToPeopleElsewhereIsFiltered) {
    auto r = match({"--json"}, data("profile-in-germany.json"), data("where-you-live.json"));
    ASSERT_EQ(r.code, 0) << r.err;
    auto d = parse_json(r.out);
    ASSERT_TRUE(d.IsArray());
    ASSERT_EQ(d.Size(), 3u) << r.out;
    for (const auto& e : d.GetArray()) {
        const std::string id = e["id"].GetString();
        if (id == "t:where0") {
            EXPECT_TRUE(e["filtered"].GetBool());
            ASSERT_EQ(e["filter_reasons"].Size(), 1u) << r.out;
            EXPECT_STREQ(e["filter_reasons"][0].GetString(),
                         "location \"Remote (US)\" is not open to people in Germany, where you "
                         "are based");
        } else {
            EXPECT_FALSE(e["filtered"].GetBool()) << id;
        }
    }
}

TEST(MatchCommand, PrintsARankedTableWithExplanationsAndFilteredOnesLast) {
    auto r = match({});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string& out = r.out;
    auto best = out.find("OpenCV object detection pipeline");
    auto weak = out.find("Python script for CSV cleanup");
    auto react = out.find("React dashboard");
    auto filtered = out.find("Filtered out (2)");
    auto onsite = out.find("On-site OpenCV engineer");
    ASSERT_NE(best, std::string::npos) << out;
    ASSERT_NE(filtered, std::string::npos) << out;
    EXPECT_LT(best, react);
    EXPECT_LT(react, filtered);
    EXPECT_LT(filtered, onsite);
    // $100 fixed is below the profile's $500 minimum: filtered, after the on-site listing,
    // which scores higher.
    EXPECT_LT(onsite, weak);
    EXPECT_NE(out.find("pays up to 100 USD fixed, your minimum is 500 USD fixed"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("matched: OpenCV, Object detection, Python · partial: TensorFlow (via "
                       "Keras) · missing: ROS"),
              std::string::npos)
        << out;
    // The worked example of docs/scoring.md.
    EXPECT_NE(out.find("  1     69  OpenCV object detection pipeline"), std::string::npos) << out;
    EXPECT_NE(out.find("skill 26 + level 12 + budget 12.8 + recency 11.4 + client 7.2 + search 0 "
                       "− penalty 0"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("€40–60/h"), std::string::npos) << out;
    EXPECT_NE(out.find("$100 fixed"), std::string::npos) << out;
    EXPECT_NE(out.find("not remote (Munich, Germany)"), std::string::npos) << out;
    EXPECT_NE(out.find("skill "), std::string::npos);
    EXPECT_NE(out.find(" − penalty 0"), std::string::npos) << out;
    EXPECT_NE(out.find("Ranked 4 listings for \"Test vision freelancer\" (1 invalid skipped) as "
                       "of 2026-11-25T12:00 UTC"),
              std::string::npos)
        << out;
}

TEST(MatchCommand, SkipsAnInvalidListingNamingItsIndexAndField) {
    auto r = match({"--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "gigscout-cli match: " + data("listings.json") +
                         ": listing 2: field `title`: is required (skipped)\n");
    auto d = parse_json(r.out);
    EXPECT_EQ(ids_of(d), (std::vector<std::string>{"t:best", "t:react", "t:onsite", "t:weak"}));
}

TEST(MatchCommand, JsonHoldsScoresComponentsAndSkills) {
    auto r = match({"--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto d = parse_json(r.out);
    ASSERT_TRUE(d.IsArray());
    ASSERT_EQ(d.Size(), 4u);
    const auto& best = d[0];
    EXPECT_STREQ(best["id"].GetString(), "t:best");
    EXPECT_STREQ(best["title"].GetString(), "OpenCV object detection pipeline");
    EXPECT_STREQ(best["source"].GetString(), "testsource");
    EXPECT_STREQ(best["url"].GetString(), "https://example.com/best");
    EXPECT_TRUE(best["score"].IsInt());
    EXPECT_GT(best["score"].GetInt(), d[1]["score"].GetInt());
    EXPECT_FALSE(best["filtered"].GetBool());
    EXPECT_EQ(best["filter_reasons"].Size(), 0u);
    ASSERT_EQ(best["components"].Size(), 7u);
    double points = 0;
    const char* names[] = {"skill", "level", "budget", "recency", "client", "search", "penalty"};
    for (rapidjson::SizeType i = 0; i < 7; ++i) {
        const auto& c = best["components"][i];
        EXPECT_STREQ(c["name"].GetString(), names[i]);
        EXPECT_TRUE(c["value"].IsNumber());
        EXPECT_TRUE(c["weight"].IsNumber());
        EXPECT_TRUE(c["reason"].IsString());
        EXPECT_GT(std::string(c["reason"].GetString()).size(), 0u);
        points += c["points"].GetDouble();
    }
    EXPECT_NEAR(points, best["score"].GetInt(), 0.6);
    std::vector<std::string> matched;
    for (const auto& m : best["matched_skills"].GetArray()) {
        matched.emplace_back(m.GetString());
    }
    EXPECT_EQ(matched, (std::vector<std::string>{"opencv", "object-detection", "python"}));
    ASSERT_EQ(best["partial_skills"].Size(), 1u);
    EXPECT_STREQ(best["partial_skills"][0]["skill"].GetString(), "tensorflow");
    EXPECT_STREQ(best["partial_skills"][0]["via"].GetString(), "keras");
    ASSERT_EQ(best["missing_skills"].Size(), 1u);
    EXPECT_STREQ(best["missing_skills"][0].GetString(), "ros");

    const auto& react = d[1];
    EXPECT_EQ(react["score"].GetInt(), 0);
    const auto& onsite = d[2];
    EXPECT_TRUE(onsite["filtered"].GetBool());
    ASSERT_EQ(onsite["filter_reasons"].Size(), 1u);
    EXPECT_STREQ(onsite["filter_reasons"][0].GetString(), "not remote (Munich, Germany)");
}

TEST(MatchCommand, TopLimitsTheRankedAndTheFilteredListings) {
    auto r = match({"--json", "--top", "1"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(ids_of(parse_json(r.out)), (std::vector<std::string>{"t:best", "t:onsite"}));
    auto table = match({"--top", "1"});
    EXPECT_NE(table.out.find("… and 1 more (--top N shows more)"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("Filtered out (2)"), std::string::npos) << table.out;
}

TEST(MatchCommand, BreaksTiesByIdSoOutputIsStable) {
    auto r = match({"--json"}, data("profile.json"), data("ties.json"));
    ASSERT_EQ(r.code, 0) << r.err;
    auto d = parse_json(r.out);
    EXPECT_EQ(ids_of(d), (std::vector<std::string>{"t:a", "t:b", "t:c"}));
    EXPECT_EQ(d[0]["score"].GetInt(), d[2]["score"].GetInt());
    EXPECT_EQ(match({"--json"}, data("profile.json"), data("ties.json")).out, r.out);
}

TEST(MatchCommand, EmptyProfileScoresEveryListingZero) {
    auto r = match({"--json"}, data("empty-profile.json"));
    ASSERT_EQ(r.code, 0) << r.err;
    auto d = parse_json(r.out);
    ASSERT_EQ(d.Size(), 4u);
    for (const auto& e : d.GetArray()) {
        EXPECT_EQ(e["score"].GetInt(), 0) << e["id"].GetString();
        EXPECT_EQ(e["components"][0]["value"].GetDouble(), 0);
    }
    auto table = match({}, data("empty-profile.json"));
    EXPECT_NE(table.out.find("The profile lists no skills"), std::string::npos) << table.out;
}

TEST(MatchCommand, BadProfileExitsTwoNamingTheFileAndField) {
    auto r = match({}, data("bad-profile.json"));
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "gigscout-cli match: " + data("bad-profile.json") +
                         ": field `skills[0].level`: unknown value \"expert\" (expected "
                         "beginner, intermediate or advanced)\n");
}

TEST(MatchCommand, MissingOrMalformedListingsFileExitsTwo) {
    auto missing = match({}, data("profile.json"), data("no-such-listings.json"));
    EXPECT_EQ(missing.code, 2);
    EXPECT_EQ(missing.err,
              "gigscout-cli match: " + data("no-such-listings.json") + ": no such file\n");
    auto not_array = match({}, data("profile.json"), data("profile.json"));
    EXPECT_EQ(not_array.code, 2);
    EXPECT_EQ(not_array.err, "gigscout-cli match: " + data("profile.json") +
                                 ": expected a JSON array of listings, got an object\n");
    auto missing_profile = match({}, data("no-such-profile.json"));
    EXPECT_EQ(missing_profile.code, 2);
    EXPECT_EQ(missing_profile.err,
              "gigscout-cli match: " + data("no-such-profile.json") + ": no such file\n");
}

TEST(MatchCommand, BadUsageExitsTwo) {
    EXPECT_EQ(run_gigscout_cli({"match", "--listings", data("listings.json")}).code, 2);
    auto bad_now = run_gigscout_cli({"match", "--profile", data("profile.json"), "--listings",
                                     data("listings.json"), "--now", "yesterday"});
    EXPECT_EQ(bad_now.code, 2);
    EXPECT_NE(bad_now.err.find("--now: expected an ISO 8601 time"), std::string::npos)
        << bad_now.err;
    EXPECT_EQ(match({"--top", "0"}).code, 2);
}

TEST(MatchCommand, RanksTheShippedDemoListings) {
    auto root = testing::source_dir();
    auto r = run_gigscout_cli({"match", "--profile",
                               (root / "resources/profiles/intermediate-cv-engineer.json").string(),
                               "--listings", (root / "resources/demo/demo-listings.json").string(),
                               "--top", "15", "--now", kNow});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");  // every demo listing is valid
    EXPECT_NE(r.out.find(" 15  "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[DEMO] YOLOv8 object detection"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Filtered out"), std::string::npos) << r.out;
    // The excluded keyword costs its penalty.
    EXPECT_NE(r.out.find("− penalty 30"), std::string::npos) << r.out;
    // The table fits a 120-column terminal.
    std::size_t start = 0;
    while (start < r.out.size()) {
        std::size_t end = r.out.find('\n', start);
        std::string line = r.out.substr(start, end - start);
        std::size_t columns = 0;
        for (unsigned char c : line) {
            columns += (c & 0xC0) != 0x80 ? 1 : 0;
        }
        EXPECT_LE(columns, 120u) << line;
        start = end == std::string::npos ? r.out.size() : end + 1;
    }
}

TEST(Help, EveryCommandHasHelp) {
    auto top = run_gigscout_cli({"--help"});
    EXPECT_EQ(top.code, 0);
    EXPECT_NE(top.out.find("match"), std::string::npos) << top.out;
    EXPECT_NE(top.out.find("skills"), std::string::npos) << top.out;
    auto m = run_gigscout_cli({"match", "--help"});
    EXPECT_EQ(m.code, 0) << m.err;
    for (const char* option : {"--profile", "--listings", "--top", "--json", "--now"}) {
        EXPECT_NE(m.out.find(option), std::string::npos) << option << "\n" << m.out;
    }
    auto s = run_gigscout_cli({"skills", "--help"});
    EXPECT_EQ(s.code, 0) << s.err;
    EXPECT_NE(s.out.find("--json"), std::string::npos) << s.out;
    EXPECT_NE(s.out.find("FILE"), std::string::npos) << s.out;
}

}  // namespace
}  // namespace gigscout
