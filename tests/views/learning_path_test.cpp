// The shipped learning path names only skills of the taxonomy, has every level with projects
// and resources with a checked date; a broken file is refused naming the field; next steps
// propose the next level's missing skills with a place to learn them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
    auto missing = load_learning_path("/nonexistent/learning-path.json", Taxonomy::bundled());
    ASSERT_FALSE(missing.ok());
    EXPECT_THAT(missing.error().message, HasSubstr("/nonexistent/learning-path.json"));
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
    insight.demand.skills.push_back({"pytorch", 41, 0.82, 0, {}, {}, {}});
    insight.demand.skills.push_back({"yolo", 12, 0.24, 0, {}, {}, {}});
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
