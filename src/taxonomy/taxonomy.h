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

// One spelling of a skill with the rules for finding it in text (docs/taxonomy.md).
struct Alias {
    std::string text;                   // as written in the data file, e.g. "Go", "tf.keras"
    bool case_sensitive = false;        // text must match letter case exactly ("Go" but not "go")
    bool tag_only = false;              // used for platform tags only, never searched for in text
    std::string context;                // name of a ContextRule that must confirm a match, or empty
    std::vector<std::string> not_prev;  // phrases that, right before the match, reject it
    std::vector<std::string> not_next;  // phrases that, right after the match, reject it
    // Names the person who does the skill's work ("data scientist"): every match is a role,
    // never an asked skill, like "DevOps engineer" (docs/taxonomy.md).
    bool role = false;
};

// How an ambiguous alias is confirmed or rejected by the words around it. Checked in this
// order: a reject phrase right before/after or a reject word nearby rejects; then an accept
// phrase right before/after, an accept word nearby, or (with accept_near_skill) another skill
// found nearby accepts; otherwise the match is dropped. "Nearby" is within `window` words in
// the same sentence.
struct ContextRule {
    std::string name;
    int window = 5;
    bool accept_near_skill = false;
    std::vector<std::string> near_categories;  // categories that count as nearby skills; empty: any
    std::vector<std::string> accept_prev, accept_next, accept_near;
    std::vector<std::string> reject_prev, reject_next, reject_near;
};

struct SkillCategory {
    std::string id;    // e.g. "cv-task"
    std::string name;  // e.g. "Computer-vision tasks"
};

struct Skill {
    std::string id;        // canonical id, lower-case, e.g. "opencv", "pytorch", "object-detection"
    std::string name;      // display name, e.g. "OpenCV"
    std::string category;  // e.g. "cv-library", "dl-framework", "cv-task", "language"
    std::vector<std::string> aliases;  // spellings found in text and tags (see docs/taxonomy.md)
    std::vector<std::string> implies;  // partial evidence for these (keras -> tensorflow)
    std::string broader;               // broader skill/task id, or empty (u-net -> segmentation)
    // A field whose name also makes role and team names ("DevOps engineer", "QA team"): such a
    // match right before a role noun names a role, not an asked skill (docs/taxonomy.md).
    bool names_roles = false;
    // A name for a whole area of work ("AI"): asked by nearly every gig of the area, it says as
    // little about what a job is as a programming language, and the scorer weighs it like one.
    bool umbrella = false;
    // A kind of work filed under a tool category (web development, full-stack): the extractor
    // treats it as a field, which a company names as its business as readily as it names AI.
    bool kind_of_work = false;
    // A language or an umbrella field: "Python Developer" and "AI Engineer" say little of what
    // the job is (the scorer weighs such skills less; a title naming only them leaves it to the
    // description's first sentence, SkillOrigin::Lead).
    bool says_little_of_the_job() const { return category == "language" || umbrella; }
    std::vector<Alias> alias_rules;  // aliases with their case and context rules, same order
};

class Taxonomy {
  public:
    // Errors name the file, the skill index/id and the field that is wrong.
    static Result<Taxonomy> load(const std::filesystem::path& file);
    // The same from JSON text; `what` starts every error message (load passes the file name).
    static Result<Taxonomy> parse(std::string_view json_text, std::string_view what);
    // resources/taxonomy.json, loaded once; the error says what is missing, unreadable or
    // broken and how to fix the installation. Front ends check it before any work.
    static Result<const Taxonomy*> load_bundled();
    // The same, for code that runs after that check; without one, a bad shipped file ends the
    // process with a message and exit status 1 (exit_for_bundled_resource).
    static const Taxonomy& bundled();

    const std::vector<Skill>& skills() const { return skills_; }
    const Skill* find(std::string_view id) const;
    // A platform tag as given ("tf.keras", "Computer Vision", "opencv-python") -> its skill, or
    // nullptr; whole-tag match, case-insensitive, punctuation- and spacing-tolerant.
    const Skill* resolve_tag(std::string_view tag) const;

    const std::vector<SkillCategory>& categories() const { return categories_; }
    const std::vector<ContextRule>& contexts() const { return contexts_; }
    const ContextRule* find_context(std::string_view name) const;

    // The key tags and aliases are compared by: ASCII lower case, letters, digits, '+', '#' and
    // non-ASCII bytes kept, a leading '.' kept (".net"), everything else dropped.
    static std::string normalise_tag(std::string_view tag);

    // Aliases may span at most this many tokens (text_tokens.h).
    static constexpr std::size_t kMaxAliasTokens = 6;

  private:
    std::vector<SkillCategory> categories_;
    std::vector<ContextRule> contexts_;
    std::vector<Skill> skills_;
    std::unordered_map<std::string, std::size_t> by_id_;
    std::unordered_map<std::string, std::size_t> by_normalised_alias_;
};

}  // namespace gigscout
