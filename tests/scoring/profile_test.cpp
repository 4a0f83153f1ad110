// Reading profile files: the happy path, the shipped starter profiles, and every error message
// exactly as a user sees it.
#include "scoring/profile.h"

#include <gtest/gtest.h>

#include "scoring_fixtures.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::TempDir;
using testing::test_taxonomy;

class ProfileFile : public ::testing::Test {
  protected:
    // Writes `json` to p.json and loads it with the test taxonomy.
    Result<Profile> load(const std::string& json) {
        testing::write_file(file(), json);
        return load_profile(file(), test_taxonomy());
    }
    // The error for `json`, with the file name replaced by "p.json".
    std::string error(const std::string& json) {
        auto p = load(json);
        if (p.ok()) {
            return "(loaded)";
        }
        std::string message = p.error().message;
        std::string prefix = file().string();
        if (message.rfind(prefix, 0) == 0) {
            message = "p.json" + message.substr(prefix.size());
        }
        return message;
    }
    std::filesystem::path file() const { return dir_.path() / "p.json"; }

  private:
    TempDir dir_;
};

TEST_F(ProfileFile, ReadsEveryField) {
    auto p = load(R"({
      "format": 1,
      "name": "  Vision freelancer ",
      "search_terms": ["opencv", " object detection "],
      "skills": [
        {"skill": "opencv", "level": "advanced", "years": 6},
        {"skill": "PyTorch", "level": "intermediate"},
        {"skill": "tf.keras", "level": "beginner", "years": 0.5}
      ],
      "min_hourly": {"amount": 45, "currency": "usd"},
      "min_fixed": {"amount": 800, "currency": "EUR"},
      "job_types": ["freelance", "contract", "freelance"],
      "remote_only": true,
      "excluded_countries": ["germany", "IN", "USA"],
      "must_have_keywords": ["computer vision", "pytorch | opencv"],
      "excluded_keywords": ["unpaid"],
      "weights": {"skill": 45, "level": 15, "excluded_keyword_penalty": 50}
    })");
    ASSERT_TRUE(p.ok()) << p.error().message;
    const Profile& v = p.value();
    EXPECT_EQ(v.name, "Vision freelancer");
    EXPECT_EQ(v.search_terms, (std::vector<std::string>{"opencv", "object detection"}));
    ASSERT_EQ(v.skills.size(), 3u);
    EXPECT_EQ(v.skills[0].skill, "opencv");
    EXPECT_EQ(v.skills[0].level, SkillLevel::Advanced);
    EXPECT_EQ(v.skills[0].years, 6.0);
    EXPECT_EQ(v.skills[1].skill, "pytorch");  // aliases become canonical ids
    EXPECT_EQ(v.skills[1].years, std::nullopt);
    EXPECT_EQ(v.skills[2].skill, "keras");
    EXPECT_EQ(v.skills[2].level, SkillLevel::Beginner);
    ASSERT_TRUE(v.min_hourly.has_value());
    EXPECT_EQ(v.min_hourly->amount, 45);
    EXPECT_EQ(v.min_hourly->currency, "USD");
    EXPECT_EQ(v.min_fixed->currency, "EUR");
    EXPECT_EQ(v.job_types, (std::vector<JobType>{JobType::Freelance, JobType::Contract}));
    EXPECT_TRUE(v.remote_only);
    EXPECT_EQ(v.excluded_countries, (std::vector<std::string>{"DE", "IN", "US"}));
    EXPECT_EQ(v.must_have_keywords,
              (std::vector<std::string>{"computer vision", "pytorch | opencv"}));
    EXPECT_EQ(v.excluded_keywords, (std::vector<std::string>{"unpaid"}));
    EXPECT_EQ(v.weights.skill, 45);
    EXPECT_EQ(v.weights.level, 15);
    EXPECT_EQ(v.weights.budget, 15);  // defaults for the rest
    EXPECT_EQ(v.weights.excluded_keyword_penalty, 50);
    // Search terms take what the other five leave: 100 - (45 + 15 + 15 + 12 + 8).
    EXPECT_EQ(v.weights.search_terms, 5);
    EXPECT_NE(v.find_skill("keras"), nullptr);
    EXPECT_EQ(v.find_skill("python"), nullptr);
}

TEST_F(ProfileFile, AnEmptyObjectIsAnEmptyProfileNamedAfterTheFile) {
    auto p = load("{}");
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p.value().name, "p");
    EXPECT_TRUE(p.value().skills.empty());
    EXPECT_FALSE(p.value().remote_only);
    EXPECT_EQ(p.value().weights, ScoreWeights{});
}

TEST_F(ProfileFile, ReadsTheFloorsAndTheLevel) {
    auto p = load(R"({"level": "advanced", "stretch_levels": true,
      "min_hourly": {"amount": 40, "currency": "USD", "flexible": true},
      "min_fixed": {"amount": 800, "currency": "EUR"}, "max_age_days": 10})");
    ASSERT_TRUE(p.ok()) << p.error().message;
    const Profile& v = p.value();
    EXPECT_EQ(v.level, SkillLevel::Advanced);
    EXPECT_TRUE(v.stretch_levels);
    EXPECT_TRUE(v.min_hourly_flexible);
    EXPECT_FALSE(v.min_fixed_flexible);
    EXPECT_EQ(v.max_age_days, 10);
}

TEST_F(ProfileFile, FloorsDefaultToStrictAndFortyFiveDays) {
    auto p = load(R"({"min_hourly": {"amount": 40, "currency": "USD"}})");
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_FALSE(p.value().min_hourly_flexible);
    EXPECT_EQ(p.value().max_age_days, 45);
    EXPECT_EQ(p.value().level, std::nullopt);
    EXPECT_FALSE(p.value().stretch_levels);
}

TEST_F(ProfileFile, BadFloorsAndLevelsNameTheField) {
    EXPECT_EQ(error(R"({"max_age_days": 0})"),
              "p.json: field `max_age_days`: must be between 1 and 3650, got 0");
    EXPECT_EQ(error(R"({"level": "expert"})"),
              "p.json: field `level`: unknown value \"expert\" (expected beginner, intermediate or "
              "advanced)");
    EXPECT_EQ(error(R"({"min_fixed": {"amount": 1, "currency": "USD", "flexible": "yes"}})"),
              "p.json: field `min_fixed.flexible`: expected true or false, got a string");
}

TEST(ProfileLevel, IsTheGivenLevelOrTheRoundedMeanOfTheSkillLevels) {
    Profile p;
    EXPECT_EQ(profile_level(p), SkillLevel::Intermediate);  // no skills
    p.skills = {{"opencv", SkillLevel::Beginner, {}}, {"python", SkillLevel::Advanced, {}}};
    EXPECT_EQ(profile_level(p), SkillLevel::Intermediate);  // mean 1
    p.skills.push_back({"yolo", SkillLevel::Beginner, {}});
    EXPECT_EQ(profile_level(p), SkillLevel::Intermediate);  // mean 0.67
    p.skills.push_back({"keras", SkillLevel::Beginner, {}});
    EXPECT_EQ(profile_level(p), SkillLevel::Intermediate);  // mean 0.5 rounds up
    p.skills.push_back({"ros", SkillLevel::Beginner, {}});
    EXPECT_EQ(profile_level(p), SkillLevel::Beginner);  // mean 0.4
    p.level = SkillLevel::Advanced;
    EXPECT_EQ(profile_level(p), SkillLevel::Advanced);
}

TEST_F(ProfileFile, RoundTripsThroughJson) {
    auto p = load(R"({"name": "x", "skills": [{"skill": "yolo", "level": "advanced", "years": 2}],
      "level": "beginner", "stretch_levels": true, "max_age_days": 90,
      "min_hourly": {"amount": 12.5, "currency": "GBP", "flexible": true},
      "job_types": ["part_time"],
      "excluded_countries": ["FR"], "based_in": "Kenya", "excluded_keywords": ["a|b"],
      "weights": {"skill": 50, "level": 10, "budget": 20, "recency": 12, "client": 8}})");
    ASSERT_TRUE(p.ok()) << p.error().message;
    std::string json = profile_to_json(p.value());
    auto again = profile_from_json(json, "round trip", test_taxonomy());
    ASSERT_TRUE(again.ok()) << again.error().message << "\n" << json;
    EXPECT_EQ(profile_to_json(again.value()), json);
    EXPECT_EQ(again.value().skills[0].years, 2.0);
    EXPECT_EQ(again.value().min_hourly->amount, 12.5);
    EXPECT_EQ(again.value().weights.skill, 50);
    EXPECT_EQ(again.value().level, SkillLevel::Beginner);
    EXPECT_TRUE(again.value().stretch_levels);
    EXPECT_EQ(again.value().max_age_days, 90);
    EXPECT_TRUE(again.value().min_hourly_flexible);
    EXPECT_EQ(again.value().based_in, "KE");
}

TEST_F(ProfileFile, MissingFileIsNamed) {
    auto p = load_profile(file().parent_path() / "nope.json", test_taxonomy());
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().message, (file().parent_path() / "nope.json").string() + ": no such file");
}

TEST_F(ProfileFile, BadJsonGivesLineAndColumn) {
    EXPECT_EQ(error("{\n  \"name\": \"x\"\n  \"skills\": []\n}"),
              "p.json: line 3, column 3: Missing a comma or '}' after an object member.");
    EXPECT_EQ(error("[]"), "p.json: expected a JSON object (a profile), got an array");
}

TEST_F(ProfileFile, WrongTypesNameTheField) {
    EXPECT_EQ(error(R"({"remote_only": "yes"})"),
              "p.json: field `remote_only`: expected true or false, got a string");
    EXPECT_EQ(error(R"({"skills": {"opencv": "advanced"}})"),
              "p.json: field `skills`: expected an array, got an object");
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv", "level": "advanced"}, "python"]})"),
              "p.json: field `skills[1]`: expected an object such as {\"skill\": \"opencv\", "
              "\"level\": \"advanced\"}, got a string");
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv", "level": 3}]})"),
              "p.json: field `skills[0].level`: expected a string, got a number");
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv"}]})"),
              "p.json: field `skills[0].level`: is required");
    EXPECT_EQ(error(R"({"search_terms": ["a", 2]})"),
              "p.json: field `search_terms[1]`: expected a string, got a number");
    EXPECT_EQ(error(R"({"min_hourly": 40})"),
              "p.json: field `min_hourly`: expected an object, got a number");
    EXPECT_EQ(error(R"({"min_hourly": {"amount": "40", "currency": "USD"}})"),
              "p.json: field `min_hourly.amount`: expected a number, got a string");
}

TEST_F(ProfileFile, UnknownLevel) {
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv", "level": "advanced"},
                                   {"skill": "python", "level": "advanced"},
                                   {"skill": "yolo", "level": "expert"}]})"),
              "p.json: field `skills[2].level`: unknown value \"expert\" (expected beginner, "
              "intermediate or advanced)");
}

TEST_F(ProfileFile, UnknownSkillSuggestsTheClosestId) {
    EXPECT_EQ(error(R"({"skills": [{"skill": "pytorh", "level": "advanced"}]})"),
              "p.json: field `skills[0].skill`: unknown skill \"pytorh\" (did you mean "
              "\"pytorch\"?)");
    EXPECT_EQ(error(R"({"skills": [{"skill": "Open-CV", "level": "advanced"}]})"),
              "(loaded)");  // punctuation-tolerant alias match
    EXPECT_EQ(error(R"({"skills": [{"skill": "blockchain", "level": "advanced"}]})"),
              "p.json: field `skills[0].skill`: unknown skill \"blockchain\" (not in the "
              "taxonomy; the ids are listed in resources/taxonomy.json)");
}

TEST_F(ProfileFile, DuplicateSkillsAreRefusedEvenThroughAnAlias) {
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv", "level": "advanced"},
                                   {"skill": "cv2", "level": "beginner"}]})"),
              "p.json: field `skills[1].skill`: \"opencv\" is already listed at skills[0]");
}

TEST_F(ProfileFile, BadMoney) {
    EXPECT_EQ(error(R"({"min_hourly": {"amount": 40, "currency": "EURO"}})"),
              "p.json: field `min_hourly.currency`: unknown currency \"EURO\" (expected an ISO "
              "4217 code such as USD, EUR, GBP or INR)");
    EXPECT_EQ(error(R"({"min_hourly": {"amount": -5, "currency": "USD"}})"),
              "p.json: field `min_hourly.amount`: must not be negative, got -5");
    EXPECT_EQ(error(R"({"min_fixed": {"amount": 100}})"),
              "p.json: field `min_fixed.currency`: is required");
    EXPECT_EQ(error(R"({"min_hourly": {"amount": 20000, "currency": "USD"}})"),
              "p.json: field `min_hourly.amount`: must be at most 10000, got 20000");
    EXPECT_EQ(error(R"({"min_fixed": {"amount": 1, "currency": "USD", "per": "h"}})"),
              "p.json: field `min_fixed.per`: unknown field");
}

TEST_F(ProfileFile, WeightsMustAddUpToAHundred) {
    EXPECT_EQ(error(R"({"weights": {"skill": 50, "level": 15, "budget": 15, "recency": 10,
                                    "client": 5, "search_terms": 0}})"),
              "p.json: field `weights`: skill, level, budget, recency, client and search_terms are "
              "the most points each can add and must add up to 100, got 95 (50 + 15 + 15 + 10 + 5 "
              "+ 0)");
    EXPECT_EQ(error(R"({"weights": {"skill": 50, "level": 25}})"),
              "p.json: field `weights`: skill, level, budget, recency, client and search_terms are "
              "the most points each can add and must add up to 100, got 110 (50 + 25 + 15 + 12 + "
              "8 + 0)");
    EXPECT_EQ(error(R"({"weights": {"skill": -10, "level": 50}})"),
              "p.json: field `weights.skill`: must be between 0 and 100, got -10");
    EXPECT_EQ(error(R"({"weights": {"skill": 0, "level": 60}})"),
              "p.json: field `weights`: `skill` must be above 0: without skill evidence nothing "
              "matches");
    EXPECT_EQ(error(R"({"weights": {"skil": 40}})"), "p.json: field `weights.skil`: unknown field");
    EXPECT_EQ(error(R"({"weights": {"excluded_keyword_penalty": 101}})"),
              "p.json: field `weights.excluded_keyword_penalty`: must be between 0 and 100, got "
              "101");
}

TEST_F(ProfileFile, OtherFieldErrors) {
    EXPECT_EQ(error(R"({"skils": []})"), "p.json: field `skils`: unknown field");
    EXPECT_EQ(error(R"({"format": 2})"),
              "p.json: field `format`: unsupported format 2 (this version reads format 1)");
    EXPECT_EQ(error(R"({"job_types": ["freelance", "gig"]})"),
              "p.json: field `job_types[1]`: unknown value \"gig\" (expected freelance, "
              "contract, full_time or part_time)");
    EXPECT_EQ(error(R"({"excluded_countries": ["Narnia"]})"),
              "p.json: field `excluded_countries[0]`: unknown country \"Narnia\" (expected an "
              "ISO 3166 code such as DE or an English name such as Germany)");
    EXPECT_EQ(error(R"({"based_in": "Atlantis"})"),
              "p.json: field `based_in`: unknown country \"Atlantis\" (expected an ISO 3166 "
              "code such as DE or an English name such as Germany)");
    EXPECT_EQ(error(R"({"excluded_keywords": ["ok", "  "]})"),
              "p.json: field `excluded_keywords[1]`: is empty");
    EXPECT_EQ(error(R"({"must_have_keywords": ["a||b"]})"),
              "p.json: field `must_have_keywords[0]`: has an empty alternative in \"a||b\" "
              "(write \"a|b\")");
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv", "level": "advanced", "years": -1}]})"),
              "p.json: field `skills[0].years`: must be between 0 and 60, got -1");
    EXPECT_EQ(error(R"({"skills": [{"skill": "opencv", "level": "advanced", "yrs": 1}]})"),
              "p.json: field `skills[0].yrs`: unknown field");
}

TEST(StarterProfiles, LoadWithTheBundledTaxonomy) {
    struct Case {
        const char* file;
        const char* name;
        SkillLevel opencv;
    };
    for (const Case& c : {Case{"beginner-cv-engineer.json", "Beginner computer-vision engineer",
                               SkillLevel::Beginner},
                          Case{"intermediate-cv-engineer.json",
                               "Intermediate computer-vision engineer", SkillLevel::Advanced},
                          Case{"advanced-cv-engineer.json", "Advanced computer-vision engineer",
                               SkillLevel::Advanced}}) {
        auto p = load_profile(testing::source_dir() / "resources" / "profiles" / c.file);
        ASSERT_TRUE(p.ok()) << p.error().message;
        EXPECT_EQ(p.value().name, c.name);
        const ProfileSkill* opencv = p.value().find_skill("opencv");
        ASSERT_NE(opencv, nullptr) << c.file;
        EXPECT_EQ(opencv->level, c.opencv) << c.file;
        EXPECT_TRUE(p.value().remote_only) << c.file;
        EXPECT_TRUE(p.value().min_hourly.has_value()) << c.file;
        EXPECT_FALSE(p.value().search_terms.empty()) << c.file;
    }
}

TEST(SkillLevelNames, RoundTrip) {
    for (SkillLevel l : {SkillLevel::Beginner, SkillLevel::Intermediate, SkillLevel::Advanced}) {
        EXPECT_EQ(skill_level_from_string(to_string(l)), l);
    }
    EXPECT_EQ(skill_level_from_string("Advanced"), std::nullopt);
}

}  // namespace
}  // namespace gigscout
