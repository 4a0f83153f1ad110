// Editing a skill profile without writing JSON: find skills in the taxonomy by name, id or any
// alias ("cv2" finds OpenCV) and by category, set a level per skill, pay minimums, job types,
// remote only, search terms and keywords. The profile is checked exactly as every reader
// reads it before it is saved, so a profile that fails is never half-saved: the error names
// the field. Plain values; the app's dialog binds it and its tests need no display.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "scoring/profile.h"
#include "store/store.h"

namespace gigscout {

struct SkillMatch {
    std::string id;
    std::string name;      // display name
    std::string category;  // category display name
    std::string via;       // the alias that matched when it is neither the name nor the id
};

// Skills whose name, id or an alias starts with `query` (case-insensitive; then those that
// contain it), in `category` when given (a category id), at most `limit`, best first: exact
// matches, then prefixes, then the rest by name.
std::vector<SkillMatch> search_skills(std::string_view query, std::string_view category = {},
                                      std::size_t limit = 30);

// A skill the extractor found in a CV or portfolio text (workspace/first_run.h suggest_skills),
// waiting for the user's word: nothing is added unconfirmed.
struct OfferedSkill {
    std::string id;
    std::string name;  // display name
    bool confirmed = false;
};

class ProfileEditor {
  public:
    explicit ProfileEditor(Profile profile);

    const Profile& profile() const { return profile_; }

    // Adding a skill already there only sets its level. False for an id the taxonomy lacks.
    bool add_skill(const std::string& id, SkillLevel level);
    void remove_skill(const std::string& id);
    void set_level(const std::string& id, SkillLevel level);

    void set_name(std::string name) { profile_.name = std::move(name); }
    void set_min_hourly(std::optional<Money> m) { profile_.min_hourly = std::move(m); }
    void set_min_fixed(std::optional<Money> m) { profile_.min_fixed = std::move(m); }
    void set_job_types(std::vector<JobType> types) { profile_.job_types = std::move(types); }
    void set_remote_only(bool on) { profile_.remote_only = on; }
    // Where the user lives, a country's name or ISO code as typed ("Germany", "DE"; empty: not
    // said). checked() names an unknown one.
    void set_based_in(std::string_view text);
    // The country the profile is based in, by name, for a text field ("" when not said).
    std::string based_in_name() const;
    // One entry a line or comma-separated, as a person types them; blanks dropped.
    void set_search_terms(std::string_view text);
    void set_excluded_keywords(std::string_view text);
    void set_must_have_keywords(std::string_view text);
    // The most points each score component can add (docs/profile-format.md, `weights`); they
    // must add up to 100, which checked() enforces with the sum in its message.
    void set_weights(const ScoreWeights& weights) { profile_.weights = weights; }

    // Offers a CV's skills for confirmation, each unconfirmed; skills the profile has already
    // and ids the taxonomy lacks are left out. Replaces an earlier offer.
    void offer_skills(std::vector<OfferedSkill> skills);
    const std::vector<OfferedSkill>& offered() const { return offered_; }
    // False for an index outside the offer.
    bool confirm(std::size_t index, bool yes);
    // Adds the confirmed skills at `level` and ends the offer; returns how many were added.
    std::size_t add_confirmed(SkillLevel level);

    // The profile as every reader reads it (profile_from_json of its JSON form); the error
    // names the field: "field `min_hourly.currency`: unknown currency \"XYZ\"".
    Result<Profile> checked() const;
    // Checks, then stores it under `name` (and makes it active when asked). Nothing is saved
    // when the check fails.
    Status save(Store& store, const std::string& name, bool make_active, std::int64_t now) const;

  private:
    Profile profile_;
    std::vector<OfferedSkill> offered_;
};

// "a, b\nc" -> {"a", "b", "c"}: how lists are typed into one text field.
std::vector<std::string> split_list(std::string_view text);
// The inverse, for showing a list in a text field: "a, b, c".
std::string join_list(const std::vector<std::string>& items);

}  // namespace gigscout
