#include "workspace/first_run.h"

#include <algorithm>

#include "base/file_io.h"
#include "refresh/source_config.h"
#include "taxonomy/skill_extractor.h"
#include "workspace/source_selection.h"

namespace gigscout {

const std::vector<std::string>& starter_levels() {
    static const std::vector<std::string> levels = {"beginner", "intermediate", "advanced"};
    return levels;
}

std::filesystem::path starter_profile_file(std::string_view level) {
    return resources_dir() / "profiles" / (std::string(level) + "-cv-engineer.json");
}

Result<Profile> starter_profile(std::string_view level) {
    const auto& levels = starter_levels();
    if (std::find(levels.begin(), levels.end(), level) == levels.end()) {
        return Error{"no starter profile `" + std::string(level) +
                     "` (beginner, intermediate or advanced)"};
    }
    return load_profile(starter_profile_file(level));
}

std::vector<SkillSuggestion> suggest_skills(std::string_view text, const Profile& profile) {
    std::vector<SkillSuggestion> out;
    const SkillExtractor& extractor = SkillExtractor::bundled();
    for (const auto& id : extractor.extract_ids(text)) {
        const Skill* skill = extractor.taxonomy().find(id);
        out.push_back({id, skill != nullptr ? skill->name : id, profile.find_skill(id) != nullptr});
    }
    return out;
}

void add_skills(Profile& profile, const std::vector<std::string>& ids, SkillLevel level) {
    for (const auto& id : ids) {
        if (profile.find_skill(id) == nullptr) {
            profile.skills.push_back({id, level, std::nullopt});
        }
    }
}

Status save_active_profile(Store& store, const std::string& name, const Profile& profile,
                           std::int64_t now) {
    // Checked as every reader will read it, so a stored profile always loads.
    const std::string json = profile_to_json(profile);
    if (auto checked = profile_from_json(json, "profile `" + name + "`"); !checked) {
        return checked.error();
    }
    if (auto s = store.save_profile(name, json, now); !s) {
        return s;
    }
    return store.set_active_profile(name);
}

Status write_first_sources(const Paths& paths, const PluginCatalog& catalog,
                           const std::vector<std::string>& enabled) {
    auto existing = load_sources(paths.sources_file());
    if (!existing) {
        return existing.error();
    }
    if (existing.value().exists) {
        return Error{paths.sources_file().string() + " exists already; edit it instead"};
    }
    auto defaults = configured_sources(paths, catalog);
    if (!defaults) {
        return defaults.error();
    }
    SourcesFile file;
    file.sources = defaults.value();
    for (auto& s : file.sources) {
        s.enabled = std::find(enabled.begin(), enabled.end(), s.id) != enabled.end();
    }
    if (auto s = paths.ensure_exist(); !s) {
        return s;
    }
    return write_file_atomically(paths.sources_file(), sources_to_json(file));
}

}  // namespace gigscout
