// A skill profile: what the user knows, what work they want and what they refuse. Read from a
// JSON file (docs/profile-format.md); the scorer ranks listings against it (scorer.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/listing.h"

namespace gigscout {

class Taxonomy;

enum class SkillLevel { Beginner, Intermediate, Advanced };

std::string_view to_string(SkillLevel level);
std::optional<SkillLevel> skill_level_from_string(std::string_view s);

struct ProfileSkill {
    std::string skill;  // canonical taxonomy id
    SkillLevel level = SkillLevel::Intermediate;
    std::optional<double> years;
};

// The most points each component can add (they add up to 100), and the points taken off per
// excluded keyword found (docs/scoring.md).
struct ScoreWeights {
    double skill = 35;
    double level = 20;
    double budget = 15;
    double recency = 12;
    double client = 8;
    double excluded_keyword_penalty = 30;
    double search_terms = 10;  // the profile's search terms found in the listing

    friend bool operator==(const ScoreWeights&, const ScoreWeights&) = default;
};

constexpr int kDefaultMaxAgeDays = 45;

struct Profile {
    std::string name;
    std::vector<std::string> search_terms;  // what sources are asked for
    std::vector<ProfileSkill> skills;       // each skill at most once
    // The level of work wanted; none: derived from the skills (profile_level).
    std::optional<SkillLevel> level;
    // Listings two levels from `level` are kept (with a low level fit) instead of filtered.
    bool stretch_levels = false;
    std::optional<Money> min_hourly;  // minimum hourly rate: known pay below it is filtered
    std::optional<Money> min_fixed;   // minimum fixed-price budget: likewise
    // A flexible minimum ranks a listing below it after every listing that meets it instead
    // of filtering it.
    bool min_hourly_flexible = false;
    bool min_fixed_flexible = false;
    // Listings posted longer ago are filtered.
    int max_age_days = kDefaultMaxAgeDays;
    std::vector<JobType> job_types;  // empty: any
    bool remote_only = false;
    std::vector<std::string> excluded_countries;  // ISO 3166 alpha-2 codes, upper case
    // Where the user lives (alpha-2 code; empty: not said). A remote listing whose location
    // names only other countries or regions ("Remote (US)") is filtered.
    std::string based_in;
    // Each must be found in the listing; "a|b" means either. Case-insensitive whole words.
    std::vector<std::string> must_have_keywords;
    std::vector<std::string> excluded_keywords;
    ScoreWeights weights;

    const ProfileSkill* find_skill(std::string_view id) const;
};

// `profile.level` when given, else the mean level of its skills, rounded (half up); a profile
// without skills is intermediate.
SkillLevel profile_level(const Profile& profile);

// Reads a profile file. Errors name the file and the field:
// "profile.json: field `skills[2].level`: unknown value \"expert\" (expected beginner,
// intermediate or advanced)". Skill names may be any alias the taxonomy knows ("PyTorch",
// "tf.keras"); they are stored as canonical ids. Unknown skills are refused with the closest id.
Result<Profile> load_profile(const std::filesystem::path& file);
Result<Profile> load_profile(const std::filesystem::path& file, const Taxonomy& taxonomy);

// The same from JSON text; `what` starts every error message.
Result<Profile> profile_from_json(std::string_view text, std::string_view what);
Result<Profile> profile_from_json(std::string_view text, std::string_view what,
                                  const Taxonomy& taxonomy);

// Pretty-printed JSON that profile_from_json reads back to an equal profile.
std::string profile_to_json(const Profile& profile);

}  // namespace gigscout
