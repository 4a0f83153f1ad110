// What a new user chooses before the first refresh, as plain values both front ends use: a
// starter profile (beginner / intermediate / advanced image-recognition engineer), skills
// read from a CV or portfolio text for the user to confirm one by one, and which of the
// default sources to run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "plugin_host/plugin_catalog.h"
#include "scoring/profile.h"
#include "store/store.h"

namespace gigscout {

// "beginner", "intermediate", "advanced".
const std::vector<std::string>& starter_levels();
std::filesystem::path starter_profile_file(std::string_view level);
Result<Profile> starter_profile(std::string_view level);

// A skill found in a text, offered for the user to confirm.
struct SkillSuggestion {
    std::string id;
    std::string name;         // the taxonomy's display name
    bool in_profile = false;  // the profile already has it
};
// Every skill the extractor finds in `text`, in order of first mention.
std::vector<SkillSuggestion> suggest_skills(std::string_view text, const Profile& profile);

// Adds each confirmed skill the profile lacks, at `level`.
void add_skills(Profile& profile, const std::vector<std::string>& ids, SkillLevel level);

// Stores the profile under `name` and makes it the active one.
Status save_active_profile(Store& store, const std::string& name, const Profile& profile,
                           std::int64_t now);

// Writes sources.json with one source per default plugin (source_selection.h), enabled when
// its id is in `enabled`. Refuses to replace a sources.json the user already has.
Status write_first_sources(const Paths& paths, const PluginCatalog& catalog,
                           const std::vector<std::string>& enabled);

}  // namespace gigscout
