#include "views/profile_editor.h"

#include <algorithm>

#include "base/ascii.h"
#include "scoring/country.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

// 0: exact, 1: prefix, 2: contains, 3: no match.
int match_rank(const std::string& folded, const std::string& needle) {
    if (folded == needle) {
        return 0;
    }
    if (folded.rfind(needle, 0) == 0) {
        return 1;
    }
    return folded.find(needle) != std::string::npos ? 2 : 3;
}

std::string category_name(const Taxonomy& taxonomy, const std::string& id) {
    for (const auto& c : taxonomy.categories()) {
        if (c.id == id) {
            return c.name;
        }
    }
    return id;
}

}  // namespace

std::vector<SkillMatch> search_skills(std::string_view query, std::string_view category,
                                      std::size_t limit) {
    const Taxonomy& taxonomy = Taxonomy::bundled();
    const std::string needle = ascii::to_lower(ascii::trim(query));
    struct Found {
        int rank;
        const Skill* skill;
        std::string via;
    };
    std::vector<Found> found;
    for (const auto& s : taxonomy.skills()) {
        if (!category.empty() && s.category != category) {
            continue;
        }
        if (needle.empty()) {
            found.push_back({0, &s, ""});
            continue;
        }
        int best = std::min(match_rank(ascii::to_lower(s.name), needle),
                            match_rank(ascii::to_lower(s.id), needle));
        std::string via;
        for (const auto& a : s.aliases) {
            int r = match_rank(ascii::to_lower(a), needle);
            if (r < best) {
                best = r;
                via = a;
            }
        }
        if (best < 3) {
            // At the same closeness the skill's own name or id beats an alias.
            found.push_back({best * 2 + (via.empty() ? 0 : 1), &s, via});
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        if (a.rank != b.rank) {
            return a.rank < b.rank;
        }
        return ascii::to_lower(a.skill->name) < ascii::to_lower(b.skill->name);
    });
    std::vector<SkillMatch> out;
    for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
        const Skill& s = *found[i].skill;
        out.push_back({s.id, s.name, category_name(taxonomy, s.category), found[i].via});
    }
    return out;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::string item;
    auto flush = [&] {
        std::string t(ascii::trim(item));
        if (!t.empty()) {
            out.push_back(std::move(t));
        }
        item.clear();
    };
    for (char c : text) {
        if (c == ',' || c == '\n') {
            flush();
        } else {
            item += c;
        }
    }
    flush();
    return out;
}

std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : ", ") + i;
    }
    return out;
}

ProfileEditor::ProfileEditor(Profile profile) : profile_(std::move(profile)) {}

bool ProfileEditor::add_skill(const std::string& id, SkillLevel level) {
    if (Taxonomy::bundled().find(id) == nullptr) {
        return false;
    }
    for (auto& s : profile_.skills) {
        if (s.skill == id) {
            s.level = level;
            return true;
        }
    }
    profile_.skills.push_back({id, level, std::nullopt});
    return true;
}

void ProfileEditor::remove_skill(const std::string& id) {
    std::erase_if(profile_.skills, [&](const ProfileSkill& s) { return s.skill == id; });
}

void ProfileEditor::set_level(const std::string& id, SkillLevel level) {
    for (auto& s : profile_.skills) {
        if (s.skill == id) {
            s.level = level;
        }
    }
}

void ProfileEditor::set_based_in(std::string_view text) {
    profile_.based_in = std::string(ascii::trim(text));
}

std::string ProfileEditor::based_in_name() const {
    auto code = country_code(profile_.based_in);
    return code ? std::string(country_name(*code)) : profile_.based_in;
}

void ProfileEditor::set_search_terms(std::string_view text) {
    profile_.search_terms = split_list(text);
}

void ProfileEditor::set_excluded_keywords(std::string_view text) {
    profile_.excluded_keywords = split_list(text);
}

void ProfileEditor::set_must_have_keywords(std::string_view text) {
    profile_.must_have_keywords = split_list(text);
}

void ProfileEditor::offer_skills(std::vector<OfferedSkill> skills) {
    offered_.clear();
    for (auto& s : skills) {
        const bool known = Taxonomy::bundled().find(s.id) != nullptr;
        const bool offered_twice = std::any_of(offered_.begin(), offered_.end(),
                                               [&](const OfferedSkill& o) { return o.id == s.id; });
        if (known && !offered_twice && profile_.find_skill(s.id) == nullptr) {
            s.confirmed = false;
            offered_.push_back(std::move(s));
        }
    }
}

bool ProfileEditor::confirm(std::size_t index, bool yes) {
    if (index >= offered_.size()) {
        return false;
    }
    offered_[index].confirmed = yes;
    return true;
}

std::size_t ProfileEditor::add_confirmed(SkillLevel level) {
    std::size_t added = 0;
    for (const auto& o : offered_) {
        if (o.confirmed && profile_.find_skill(o.id) == nullptr) {
            profile_.skills.push_back({o.id, level, std::nullopt});
            ++added;
        }
    }
    offered_.clear();
    return added;
}

Result<Profile> ProfileEditor::checked() const {
    return profile_from_json(profile_to_json(profile_), "the profile");
}

Status ProfileEditor::save(Store& store, const std::string& name, bool make_active,
                           std::int64_t now) const {
    auto ok = checked();
    if (!ok) {
        return ok.error();
    }
    if (auto s = store.save_profile(name, profile_to_json(profile_), now); !s) {
        return s;
    }
    if (make_active) {
        return store.set_active_profile(name);
    }
    return Ok{};
}

}  // namespace gigscout
