#include "views/learning_path.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/paths.h"

namespace gigscout {
namespace {

std::string indexed(const char* key, std::size_t i) {
    return std::string(key) + "[" + std::to_string(i) + "]";
}

bool is_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return false;
        }
    }
    return parse_iso8601(s + "T00:00:00Z").has_value();  // a real day: no 2026-13-40
}

// An array of non-empty strings at `key`; each a taxonomy id when `taxonomy` is given.
std::vector<std::string> string_list(json::FieldReader& r, const char* key,
                                     const Taxonomy* taxonomy) {
    std::vector<std::string> out;
    const rapidjson::Value* a = r.array(key, json::FieldReader::Required);
    if (a == nullptr) {
        return out;
    }
    for (rapidjson::SizeType i = 0; i < a->Size(); ++i) {
        const rapidjson::Value& v = (*a)[i];
        std::string at = indexed(key, i);
        if (!v.IsString() || v.GetStringLength() == 0) {
            r.fail(at.c_str(), "expected a non-empty string, got " +
                                   std::string(v.IsString() ? "an empty one" : json::type_name(v)));
            return out;
        }
        std::string s(v.GetString(), v.GetStringLength());
        if (taxonomy != nullptr && taxonomy->find(s) == nullptr) {
            r.fail(at.c_str(), "unknown skill id `" + s + "` (resources/taxonomy.json)");
            return out;
        }
        out.push_back(std::move(s));
    }
    return out;
}

Error named(std::string_view what, const Error& e) {
    return Error{std::string(what) + ": " + e.message, true};
}

}  // namespace

const LearningLevel* LearningPath::find(SkillLevel level) const {
    for (const auto& l : levels) {
        if (l.level == level) {
            return &l;
        }
    }
    return nullptr;
}

std::vector<const LearningResource*> LearningPath::resources_for(std::string_view skill) const {
    std::vector<const LearningResource*> out;
    for (const auto& r : resources) {
        if (r.skill == skill) {
            out.push_back(&r);
        }
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const LearningResource* a, const LearningResource* b) { return a->free && !b->free; });
    return out;
}

Result<LearningPath> parse_learning_path(std::string_view text, std::string_view what,
                                         const Taxonomy& taxonomy) {
    auto doc = json::parse(text, what);
    if (!doc) {
        return doc.error();
    }
    const rapidjson::Document& d = doc.value();
    if (!d.IsObject()) {
        return Error{
            std::string(what) + ": expected an object, got " + std::string(json::type_name(d)),
            true};
    }
    json::FieldReader top(d, "");
    top.reject_unknown({"format", "levels", "resources"});
    auto format = top.integer("format", json::FieldReader::Required);
    if (top.ok() && format != 1) {
        top.fail("format", "expected 1, got " + std::to_string(*format));
    }
    const rapidjson::Value* levels = top.array("levels", json::FieldReader::Required);
    const rapidjson::Value* resources = top.array("resources", json::FieldReader::Required);
    if (!top.ok()) {
        return named(what, *top.error());
    }
    LearningPath path;
    for (rapidjson::SizeType i = 0; i < levels->Size(); ++i) {
        const rapidjson::Value& v = (*levels)[i];
        std::string at = indexed("levels", i);
        if (!v.IsObject()) {
            return Error{std::string(what) + ": field `" + at + "`: expected an object, got " +
                             std::string(json::type_name(v)),
                         true};
        }
        json::FieldReader r(v, at);
        r.reject_unknown({"level", "focus", "skills", "projects"});
        LearningLevel level;
        if (auto name = r.string("level", json::FieldReader::Required)) {
            auto parsed = skill_level_from_string(*name);
            if (!parsed) {
                r.fail("level", "expected beginner, intermediate or advanced, got `" + *name + "`");
            } else if (path.find(*parsed) != nullptr) {
                r.fail("level", "level `" + *name + "` is given twice");
            } else {
                level.level = *parsed;
            }
        }
        level.focus = string_list(r, "focus", nullptr);
        level.skills = string_list(r, "skills", &taxonomy);
        level.projects = string_list(r, "projects", nullptr);
        if (!r.ok()) {
            return named(what, *r.error());
        }
        path.levels.push_back(std::move(level));
    }
    std::sort(path.levels.begin(), path.levels.end(),
              [](const LearningLevel& a, const LearningLevel& b) { return a.level < b.level; });
    std::map<std::pair<std::string, std::string>, std::string> seen;  // (skill, url) -> where
    for (rapidjson::SizeType i = 0; i < resources->Size(); ++i) {
        const rapidjson::Value& v = (*resources)[i];
        std::string at = indexed("resources", i);
        if (!v.IsObject()) {
            return Error{std::string(what) + ": field `" + at + "`: expected an object, got " +
                             std::string(json::type_name(v)),
                         true};
        }
        json::FieldReader r(v, at);
        r.reject_unknown({"skill", "title", "provider", "url", "cost", "checked"});
        LearningResource res;
        res.skill = r.string("skill", json::FieldReader::Required).value_or("");
        res.title = r.string("title", json::FieldReader::Required).value_or("");
        res.provider = r.string("provider", json::FieldReader::Required).value_or("");
        res.url = r.string("url", json::FieldReader::Required).value_or("");
        std::string cost = r.string("cost", json::FieldReader::Required).value_or("");
        res.checked = r.string("checked", json::FieldReader::Required).value_or("");
        if (r.ok() && taxonomy.find(res.skill) == nullptr) {
            r.fail("skill", "unknown skill id `" + res.skill + "` (resources/taxonomy.json)");
        }
        if (r.ok() && res.url.rfind("https://", 0) != 0) {
            r.fail("url", "expected an https:// link, got `" + res.url + "`");
        }
        if (r.ok() && cost != "free" && cost != "affordable") {
            r.fail("cost", "expected free or affordable, got `" + cost + "`");
        }
        if (r.ok() && !is_date(res.checked)) {
            r.fail("checked", "expected a date YYYY-MM-DD, got `" + res.checked + "`");
        }
        if (r.ok()) {
            auto [first, added] = seen.try_emplace({res.skill, res.url}, at);
            if (!added) {
                r.fail("url", "`" + res.url + "` is given for skill `" + res.skill +
                                  "` twice (first at `" + first->second + "`)");
            }
        }
        if (!r.ok()) {
            return named(what, *r.error());
        }
        res.free = cost == "free";
        path.resources.push_back(std::move(res));
    }
    return path;
}

Result<LearningPath> load_learning_path(const std::filesystem::path& file,
                                        const Taxonomy& taxonomy) {
    auto text = read_text_file(file);
    if (!text) {
        return text.error();
    }
    return parse_learning_path(text.value(), file.string(), taxonomy);
}

Result<LearningPath> load_bundled_learning_path(const Taxonomy& taxonomy) {
    return load_learning_path(resources_dir() / "learning-path.json", taxonomy);
}

std::vector<NextStep> next_steps(const LearningPath& path, const Profile& profile,
                                 const MarketInsight& insight, const Taxonomy& taxonomy,
                                 std::size_t count) {
    SkillLevel own = profile_level(profile);
    SkillLevel target =
        own == SkillLevel::Advanced ? own : static_cast<SkillLevel>(static_cast<int>(own) + 1);
    std::vector<NextStep> steps;
    // The target level's skills first, then the levels up to it that the user skipped.
    for (int l = static_cast<int>(target); l >= 0; --l) {
        const LearningLevel* level = path.find(static_cast<SkillLevel>(l));
        if (level == nullptr) {
            continue;
        }
        for (std::size_t i = 0; i < level->skills.size(); ++i) {
            const std::string& id = level->skills[i];
            if (profile.find_skill(id) != nullptr ||
                std::any_of(steps.begin(), steps.end(),
                            [&](const NextStep& s) { return s.skill == id; })) {
                continue;
            }
            NextStep step;
            step.skill = id;
            if (const SkillDemand* d = insight.demand.find_skill(id)) {
                step.asking = d->listings;
            }
            // A domain is asked for through its tools too (MarketDemand::domains).
            for (const SkillDemand& d : insight.demand.domains) {
                if (d.skill == id) {
                    step.asking = std::max(step.asking, d.listings);
                }
            }
            if (insight.gaps) {
                for (const auto& g : insight.gaps->gaps) {
                    if (g.skill == id) {
                        step.lifted = g.lifted;
                    }
                }
            }
            auto found = path.resources_for(id);
            step.resource = found.empty() ? nullptr : found.front();
            if (!level->projects.empty()) {
                step.project = level->projects[i % level->projects.size()];
            }
            steps.push_back(std::move(step));
        }
        if (!steps.empty()) {
            break;
        }
    }
    std::stable_sort(steps.begin(), steps.end(), [](const NextStep& a, const NextStep& b) {
        if (a.lifted != b.lifted) {
            return a.lifted > b.lifted;
        }
        return a.asking > b.asking;
    });
    // A skill no listing asks for is proposed only when none is asked for.
    if (!steps.empty() && steps.front().asking > 0) {
        steps.erase(std::remove_if(steps.begin(), steps.end(),
                                   [](const NextStep& s) { return s.asking == 0; }),
                    steps.end());
    }
    if (steps.size() > count) {
        steps.resize(count);
    }
    std::string level_name(to_string(target));
    level_name[0] = static_cast<char>(level_name[0] - 'a' + 'A');
    for (NextStep& step : steps) {
        const Skill* skill = taxonomy.find(step.skill);
        std::string text = (own == target ? "You are at Advanced: learn "
                                          : "You are close to " + level_name + ": learn ") +
                           (skill ? skill->name : step.skill);
        if (step.resource) {
            text += " (" + step.resource->provider + ", " +
                    (step.resource->free ? "free" : "affordable") + ")";
        }
        if (!step.project.empty()) {
            text += ", build " + step.project;
        }
        text += " — " + std::to_string(step.asking) +
                (step.asking == 1 ? " listing asks for it" : " listings ask for it");
        if (step.lifted > 0) {
            text += ", " + std::to_string(step.lifted) + " would score above your threshold";
        }
        step.text = std::move(text);
    }
    return steps;
}

}  // namespace gigscout
