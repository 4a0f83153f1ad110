// The learning path (resources/learning-path.json): for each level what to learn, which skills
// stand for it, portfolio projects, and free or affordable places to learn each skill; and the
// next steps it proposes for a profile from what the market asks (docs/insights.md).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "scoring/profile.h"
#include "taxonomy/taxonomy.h"
#include "views/market_insight.h"

namespace gigscout {

struct LearningResource {
    std::string skill;     // taxonomy id
    std::string title;     // "Kaggle Learn: Computer Vision"
    std::string provider;  // "Kaggle Learn"
    std::string url;
    bool free = true;     // "cost": "free" or "affordable" (a paid course, usually on sale)
    std::string checked;  // YYYY-MM-DD: when the link was last seen working
};

struct LearningLevel {
    SkillLevel level = SkillLevel::Beginner;
    std::vector<std::string> focus;     // "Python basics", "OpenCV fundamentals", ...
    std::vector<std::string> skills;    // taxonomy ids that stand for the level
    std::vector<std::string> projects;  // portfolio ideas: "a face recognition system"
};

struct LearningPath {
    std::vector<LearningLevel> levels;  // beginner, intermediate, advanced, in that order
    std::vector<LearningResource> resources;

    const LearningLevel* find(SkillLevel level) const;
    // The skill's resources, free ones first, in file order otherwise.
    std::vector<const LearningResource*> resources_for(std::string_view skill) const;
};

// Errors name the file and the field: "learning-path.json: levels[1]: field `skills[2]`:
// unknown skill id `pytorh`".
Result<LearningPath> load_learning_path(const std::filesystem::path& file,
                                        const Taxonomy& taxonomy);
Result<LearningPath> parse_learning_path(std::string_view text, std::string_view what,
                                         const Taxonomy& taxonomy);
// resources/learning-path.json (Paths' resources_dir).
Result<LearningPath> load_bundled_learning_path(const Taxonomy& taxonomy);

struct NextStep {
    std::string skill;
    const LearningResource* resource = nullptr;  // into the path; none when it names none
    std::string project;                         // the level's project idea; may be empty
    std::size_t asking = 0;                      // listings in the window asking for the skill
    std::size_t lifted = 0;                      // from the gaps, when computed
    std::string text;  // "You are close to Intermediate: learn PyTorch (Kaggle Learn, free), ..."
};

// Up to `count` steps toward the level after the profile's (or deeper into Advanced): the
// level's skills the profile lacks, those lifting the most listings first, then the most asked.
std::vector<NextStep> next_steps(const LearningPath& path, const Profile& profile,
                                 const MarketInsight& insight, const Taxonomy& taxonomy,
                                 std::size_t count = 3);

}  // namespace gigscout
