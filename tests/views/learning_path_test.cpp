// The shipped learning path names only skills of the taxonomy, has every level with projects
// and resources with a checked date; a broken file is refused naming the field; next steps
// propose the next level's missing skills with a place to learn them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/iso_time.h"
#include "base/paths.h"
#include "taxonomy/taxonomy.h"
#include "views/learning_path.h"

namespace gigscout::testing {
namespace {

using ::testing::HasSubstr;

LearningPath shipped() {
    auto p = load_bundled_learning_path(Taxonomy::bundled());
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return p.ok() ? p.value() : LearningPath{};
}

TEST(LearningPath, TheShippedFileNamesOnlyTaxonomySkillsAndCoversEveryLevel) {
    LearningPath path = shipped();
    ASSERT_EQ(path.levels.size(), 3u);
    for (SkillLevel l : {SkillLevel::Beginner, SkillLevel::Intermediate, SkillLevel::Advanced}) {
        const LearningLevel* level = path.find(l);
        ASSERT_NE(level, nullptr) << to_string(l);
        EXPECT_FALSE(level->skills.empty());
        EXPECT_GE(level->projects.size(), 3u);
        EXPECT_EQ(level->focus.size(), 3u);
        for (const auto& s : level->skills) {
            EXPECT_NE(Taxonomy::bundled().find(s), nullptr) << s;
            // Every skill of a level has a free place to learn it.
            auto found = path.resources_for(s);
            ASSERT_FALSE(found.empty()) << s;
            EXPECT_TRUE(found.front()->free) << s;
        }
    }
    for (const auto& r : path.resources) {
        EXPECT_NE(Taxonomy::bundled().find(r.skill), nullptr) << r.skill;
        EXPECT_EQ(r.checked.size(), 10u) << r.title;
    }
    EXPECT_EQ(path.find(SkillLevel::Beginner)->focus[1], "OpenCV fundamentals");
}

TEST(LearningPath, ABrokenFileIsRefusedNamingTheField) {
    auto bad_skill = parse_learning_path(
        R"({"format": 1, "levels": [{"level": "beginner", "focus": ["x"],
            "skills": ["python", "pytorh"], "projects": ["y"]}], "resources": []})",
        "learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(bad_skill.ok());
    EXPECT_EQ(bad_skill.error().message,
              "learning-path.json: field `levels[0].skills[1]`: unknown skill id `pytorh` "
              "(resources/taxonomy.json)");
    auto bad_date = parse_learning_path(
        R"({"format": 1, "levels": [], "resources": [{"skill": "python", "title": "t",
            "provider": "p", "url": "https://example.com", "cost": "free", "checked": "soon"}]})",
        "learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(bad_date.ok());
    EXPECT_EQ(bad_date.error().message,
              "learning-path.json: field `resources[0].checked`: expected a date YYYY-MM-DD, got "
              "`soon`");
    auto no_day = parse_learning_path(
        R"({"format": 1, "levels": [], "resources": [{"skill": "python", "title": "t",
            "provider": "p", "url": "https://example.com", "cost": "free",
            "checked": "2026-13-40"}]})",
        "learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(no_day.ok());
    EXPECT_THAT(no_day.error().message, HasSubstr("`resources[0].checked`"));
    auto http = parse_learning_path(
        R"({"format": 1, "levels": [], "resources": [{"skill": "python", "title": "t",
            "provider": "p", "url": "http://example.com", "cost": "free",
            "checked": "2026-12-01"}]})",
        "learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(http.ok());
    EXPECT_EQ(http.error().message,
              "learning-path.json: field `resources[0].url`: expected an https:// link, got "
              "`http://example.com`");
    auto twice = parse_learning_path(
        R"({"format": 1, "levels": [], "resources": [
            {"skill": "python", "title": "t", "provider": "p", "url": "https://example.com/a",
             "cost": "free", "checked": "2026-12-01"},
            {"skill": "opencv", "title": "t", "provider": "p", "url": "https://example.com/a",
             "cost": "free", "checked": "2026-12-01"},
            {"skill": "python", "title": "u", "provider": "p", "url": "https://example.com/a",
             "cost": "free", "checked": "2026-12-02"}]})",
        "learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().message,
              "learning-path.json: field `resources[2].url`: `https://example.com/a` is given for "
              "skill `python` twice (first at `resources[0]`)");
    auto missing = load_learning_path("/nonexistent/learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(missing.ok());
    EXPECT_THAT(missing.error().message, HasSubstr("/nonexistent/learning-path.json"));
}

// A link not looked at for a year may be gone or moved: this fails until someone opens each
// stale entry in a browser and moves its `checked` date (docs/insights.md).
TEST(LearningPath, EveryShippedLinkWasCheckedWithinTheLastYear) {
    constexpr std::int64_t kStaleAfterDays = 365;
    const std::int64_t now = now_epoch_seconds();
    for (const auto& r : shipped().resources) {
        auto checked = parse_iso8601(r.checked + "T00:00:00Z");
        ASSERT_TRUE(checked) << r.title;
        EXPECT_LE(*checked, now) << r.title << ": checked in the future, " << r.checked;
        EXPECT_LE((now - *checked) / 86400, kStaleAfterDays)
            << r.title << " (" << r.url << ") was last checked on " << r.checked
            << ": open it, fix or drop it, and move its date";
    }
}

TEST(LearningPath, NextStepsProposeTheNextLevelsMissingSkillsMostAskedFirst) {
    LearningPath path = shipped();
    auto p = profile_from_json(R"({"format": 1, "name": "beginner",
        "skills": [{"skill": "python", "level": "beginner"},
                   {"skill": "opencv", "level": "beginner"}]})",
                               "test");
    ASSERT_TRUE(p.ok()) << p.error().message;
    MarketInsight insight;
    insight.demand.listings = 50;
    insight.demand.skills.push_back({"pytorch", 41, 0.82, 0, {}, {}, {}, {}});
    insight.demand.skills.push_back({"yolo", 12, 0.24, 0, {}, {}, {}, {}});
    auto steps = next_steps(path, p.value(), insight, Taxonomy::bundled(), 2);
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0].skill, "pytorch");
    EXPECT_EQ(steps[0].asking, 41u);
    ASSERT_NE(steps[0].resource, nullptr);
    EXPECT_TRUE(steps[0].resource->free);
    EXPECT_EQ(steps[0].text, "You are close to Intermediate: learn PyTorch (" +
                                 steps[0].resource->provider + ", free), build " +
                                 steps[0].project + " — 41 listings ask for it");
    EXPECT_EQ(steps[1].skill, "yolo");
}

}  // namespace
}  // namespace gigscout::testing
