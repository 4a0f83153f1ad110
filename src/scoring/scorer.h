// Scores listings against a profile: a deterministic 0–100 total made of named components,
// each with its reason, plus the hard filters a listing failed (docs/scoring.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/currency.h"
#include "model/listing.h"
#include "scoring/profile.h"

namespace gigscout {

class Taxonomy;

struct ScoreComponent {
    std::string name;  // "skill", "level", "budget", "recency", "client", "search" or "penalty"
    // 0..1 (for "penalty": the number of excluded keywords found, plus one when the title
    // asks for work of another kind, scoring/work_kind.h)
    double value = 0;
    double weight = 0;   // the most points it can add (for "penalty": points per keyword)
    double points = 0;   // what it added to the total (negative for "penalty")
    std::string reason;  // "3 of 4 asked skills matched", "$45/h vs desired $40/h", ...
};

// A skill the user has only indirectly: the listing asks `skill`, the profile has `via`
// (which implies it, is a narrower form of it, or a broader one).
struct PartialSkill {
    std::string skill;
    std::string via;  // the profile skill giving the strongest evidence
    // Every profile skill giving evidence for it, strongest first (`via` too), at most four:
    // "computer vision (via OpenCV, PyTorch)".
    std::vector<std::string> all_via = {};
    friend bool operator==(const PartialSkill&, const PartialSkill&) = default;
};

struct Score {
    int total = 0;     // 0..100, rounded from `exact`
    double exact = 0;  // the unrounded total, used for ranking
    bool filtered = false;
    // Known pay below a flexible minimum, or an excluded keyword found (docs/profile-format.md):
    // not filtered, but ranked after every listing that is neither. The budget or penalty
    // reason says which.
    bool demoted = false;
    // With ScoreDetail::Numbers the reasons and the skill lists stay empty.
    std::vector<std::string> filter_reasons;  // "job type full_time is not wanted", ...
    // skill, level, budget, recency, client, search, penalty
    std::vector<ScoreComponent> components;
    std::vector<std::string> matched_skills;  // canonical ids, in the listing's order
    std::vector<PartialSkill> partial_skills;
    std::vector<std::string> missing_skills;
    // Of the matched, partial and missing skills, those the listing names only as nice-to-haves.
    std::vector<std::string> nice_to_have;

    const ScoreComponent* component(std::string_view name) const;
};

// How much of a Score to fill. Numbers: the totals, each component's value and points and the
// filtered flag, which is all that ordering a list needs; a view then explains the rows it
// shows with Full. Both give the same numbers.
enum class ScoreDetail { Full, Numbers };

class Scorer {
  public:
    // `now` (epoch seconds) is the time recency is measured from. The taxonomy and currency
    // table must outlive the scorer; the profile is copied.
    Scorer(const Profile& profile, const Taxonomy& taxonomy, const CurrencyTable& currencies,
           std::int64_t now);
    ~Scorer();
    Scorer(Scorer&&) noexcept;
    Scorer& operator=(Scorer&&) noexcept;

    // Uses listing.skills as annotate_skills left them (never extracts again). Touches no
    // shared state, so several threads may score with one scorer.
    Score score(const Listing& listing, ScoreDetail detail = ScoreDetail::Full) const;

    const Profile& profile() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

struct RankedListing {
    std::size_t index = 0;  // position in the input vector
    Score score;
};

// rank()'s order, for callers that keep scores in rows of their own (views/listing_view.h):
// unfiltered before filtered, then not demoted (Score::demoted) before demoted, then the
// higher exact score, then the smaller id.
struct RankKey {
    bool filtered = false;
    bool demoted = false;
    double exact = 0;
    std::string_view id;
};
inline bool ranks_before(const RankKey& a, const RankKey& b) {
    if (a.filtered != b.filtered) {
        return !a.filtered;
    }
    if (a.demoted != b.demoted) {
        return !a.demoted;
    }
    if (a.exact != b.exact) {
        return a.exact > b.exact;
    }
    return a.id < b.id;
}

// Every listing scored, best first: unfiltered ones by exact score (demoted ones after the
// others), then the filtered ones the same way; equal scores in id order, so
// the output is stable.
std::vector<RankedListing> rank(const std::vector<Listing>& listings, const Scorer& scorer,
                                ScoreDetail detail = ScoreDetail::Full);

}  // namespace gigscout
