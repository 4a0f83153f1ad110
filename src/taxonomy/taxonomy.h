// The skill taxonomy: canonical skills, their categories, aliases and relations, loaded from
// resources/taxonomy.json so a contributor can edit it without touching C++.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace gigscout {

struct Skill {
    std::string id;        // canonical id, lower-case, e.g. "opencv", "pytorch", "object-detection"
    std::string name;      // display name, e.g. "OpenCV"
    std::string category;  // e.g. "cv-library", "dl-framework", "cv-task", "language"
    std::vector<std::string> aliases;  // spellings found in text and tags (see docs/taxonomy.md)
    std::vector<std::string> implies;  // skills this one is partial evidence for (keras -> tensorflow)
    std::string broader;               // broader skill/task id, or empty (u-net -> segmentation)
};

class Taxonomy {
public:
    // Errors name the file, the skill index/id and the field that is wrong.
    static Result<Taxonomy> load(const std::filesystem::path& file);
    // resources/taxonomy.json, loaded once (aborts with a message if the shipped file is bad).
    static const Taxonomy& bundled();

    const std::vector<Skill>& skills() const { return skills_; }
    const Skill* find(std::string_view id) const;
    // A platform tag as given ("tf.keras", "Computer Vision", "opencv-python") -> its skill, or
    // nullptr; whole-tag match, case-insensitive, punctuation- and spacing-tolerant.
    const Skill* resolve_tag(std::string_view tag) const;

private:
    std::vector<Skill> skills_;
    std::unordered_map<std::string, std::size_t> by_id_;
    std::unordered_map<std::string, std::size_t> by_normalised_alias_;
};

}  // namespace gigscout
