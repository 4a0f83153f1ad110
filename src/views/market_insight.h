// What the market asks for, from the listings the user has stored: per skill (and per domain,
// through the taxonomy's relations) the share of listings asking for it, what they pay and how
// that moved against the previous window; and, against a profile, the skills the user lacks
// that would lift the most listings above their score threshold, and the skills they have
// that the market rarely asks for (docs/insights.md). Plain values, no front end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/currency.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {

inline constexpr int kDefaultInsightDays = 30;
inline constexpr int kDefaultGapThreshold = 70;
inline constexpr std::size_t kDefaultGapCandidates = 50;
// A skill of the profile asked for by fewer than this share of the window's listings is "rarely
// asked for".
inline constexpr double kRareShare = 0.05;

struct InsightQuery {
    std::int64_t now = 0;  // epoch seconds; the window ends here
    int days = kDefaultInsightDays;
    std::vector<std::string>
        sources;                   // a listing counts when any of its sources is here; empty: all
    std::string currency = "USD";  // pay is converted to this (CurrencyTable)
    // Gaps: with a scorer, the profile's missing skills re-scored (ScoreDetail::Numbers).
    const Scorer* scorer = nullptr;
    int threshold = kDefaultGapThreshold;
    std::size_t candidates = kDefaultGapCandidates;  // the most asked-for skills the user lacks
};

// A median of fewer listings than this is shown as such ("few", "n=2"), not as a fact.
inline constexpr std::size_t kFewPayListings = 3;

// A median and the number of listings behind it, so a median of two is not read as a fact.
struct PayMedian {
    std::optional<double> median;  // in InsightQuery::currency; none when count is 0
    std::size_t count = 0;
    bool few() const { return count < kFewPayListings; }
};

struct SkillDemand {
    std::string skill;  // taxonomy id
    std::size_t listings = 0;
    double share = 0;  // listings / the window's listings
    std::size_t previous_listings = 0;
    std::optional<double> previous_share;  // none when the previous window has no listings
    PayMedian hourly;                      // the listings' offered hourly rate (max, else min)
    PayMedian fixed;                       // their fixed budget likewise
    std::vector<std::size_t> weekly;       // listings asking for it per week (MarketDemand)
};

struct MarketDemand {
    std::int64_t from = 0;  // the window: (from, to]
    std::int64_t to = 0;
    std::size_t listings = 0;           // in the window, cross-posts once (one stored row)
    std::size_t previous_listings = 0;  // in the window before it, as long
    // The trend: the window's last whole weeks (days / 7 of them; one span of `days` when the
    // window is shorter than a week), oldest first, ending at `to`. The window's listings per
    // week; each SkillDemand::weekly counts the same weeks. Days before the first whole week
    // are in the window's figures but in no week.
    std::int64_t week_seconds = 0;
    std::vector<std::size_t> weekly;
    std::string currency;
    // Most asked first, then by id. A skill counts when a listing asks for it.
    std::vector<SkillDemand> skills;
    // Domains (skills that are some skill's `broader`), counted when a listing asks for the
    // domain or for a skill that reaches it through `broader` or `implies`
    // (YOLO → object detection → computer vision).
    std::vector<SkillDemand> domains;

    const SkillDemand* find_skill(std::string_view id) const;
};

struct SkillGap {
    std::string skill;
    std::size_t lifted = 0;  // listings that would reach the threshold with the skill added
    std::size_t asking = 0;  // listings in the window asking for it
    PayMedian hourly;        // of the listings asking for it
};

struct RareSkill {
    std::string skill;
    std::size_t listings = 0;
    double share = 0;
};

struct GapReport {
    int threshold = kDefaultGapThreshold;
    SkillLevel level = SkillLevel::Intermediate;  // the level each candidate is added at
    std::size_t above = 0;                        // listings at or above the threshold now
    std::vector<SkillGap> gaps;                   // most lifted first, then most asked, then id
    std::vector<RareSkill> rare;                  // least asked first, then id
};

struct MarketInsight {
    MarketDemand demand;
    std::optional<GapReport> gaps;  // with InsightQuery::scorer
};

// The currency pay is shown in for a profile: that of its least hourly rate, else of its least
// fixed budget, else US dollars.
std::string insight_currency(const Profile* profile);

// One pass over the stored listings (open ones, hidden ones included: the market asked for
// them), a second with a scorer. A listing's date is its posting date, else when it was first
// seen.
Result<MarketInsight> load_market_insight(Store& store, const InsightQuery& query,
                                          const Taxonomy& taxonomy,
                                          const CurrencyTable& currencies);

}  // namespace gigscout
