#include "views/market_insight.h"

#include "views/listing_view.h"

#include <algorithm>
#include <functional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace gigscout {
namespace {

constexpr std::int64_t kInsightDaySeconds = 86400;
// The scorer follows a user's skill this many hops through `implies` (scorer.cpp,
// kMaxImplicationHops); the candidates' related skills below follow as many.
constexpr int kImpliesHops = 3;
// Pass two reads its listings by id up to this many (load_shown's own limit), else passes over
// the table; and scores them this many at a time.
constexpr std::size_t kReadAgainByIdUpTo = 2000;
constexpr std::size_t kScoreBatch = 512;

// The pay a listing offers, as the scorer reads it: its max, else its min.
std::optional<double> offered(const Budget& b) {
    if (b.max) {
        return b.max;
    }
    return b.min;
}

double median_of(std::vector<double>& values) {
    auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    double upper = *mid;
    if (values.size() % 2 == 1) {
        return upper;
    }
    return (upper + *std::max_element(values.begin(), mid)) / 2;
}

struct Tally {
    std::size_t listings = 0;
    std::size_t previous = 0;
    std::vector<double> hourly;
    std::vector<double> fixed;
    std::vector<std::size_t> weekly;  // sized on first count
};

std::vector<SkillDemand> demand_rows(std::unordered_map<std::string, Tally>& tallies,
                                     std::size_t listings, std::size_t previous,
                                     std::size_t weeks) {
    std::vector<SkillDemand> rows;
    rows.reserve(tallies.size());
    for (auto& [id, t] : tallies) {
        if (t.listings == 0 && t.previous == 0) {
            continue;
        }
        SkillDemand d;
        d.skill = id;
        d.listings = t.listings;
        d.share =
            listings == 0 ? 0 : static_cast<double>(t.listings) / static_cast<double>(listings);
        d.previous_listings = t.previous;
        if (previous > 0) {
            d.previous_share = static_cast<double>(t.previous) / static_cast<double>(previous);
        }
        d.hourly.count = t.hourly.size();
        if (!t.hourly.empty()) {
            d.hourly.median = median_of(t.hourly);
        }
        d.fixed.count = t.fixed.size();
        if (!t.fixed.empty()) {
            d.fixed.median = median_of(t.fixed);
        }
        d.weekly = std::move(t.weekly);
        d.weekly.resize(weeks, 0);
        rows.push_back(std::move(d));
    }
    std::sort(rows.begin(), rows.end(), [](const SkillDemand& a, const SkillDemand& b) {
        if (a.listings != b.listings) {
            return a.listings > b.listings;
        }
        return a.skill < b.skill;
    });
    return rows;
}

// The domains a skill reaches: itself when it is one, its `broader` chain, and what it implies
// a few hops deep (with their broader chains).
class DomainIndex {
  public:
    explicit DomainIndex(const Taxonomy& taxonomy) : taxonomy_(taxonomy) {
        for (const Skill& s : taxonomy.skills()) {
            if (!s.broader.empty()) {
                domains_.insert(s.broader);
            }
        }
    }

    const std::vector<std::string>& of(const std::string& id) {
        auto [it, added] = cache_.try_emplace(id);
        if (!added) {
            return it->second;
        }
        std::unordered_set<std::string> seen;
        std::vector<const Skill*> frontier;
        auto reach = [&](const Skill* s, std::vector<const Skill*>& next) {
            for (const Skill* up = s; up != nullptr && seen.insert(up->id).second;
                 up = up->broader.empty() ? nullptr : taxonomy_.find(up->broader)) {
                next.push_back(up);
            }
        };
        if (const Skill* own = taxonomy_.find(id)) {
            reach(own, frontier);
        }
        for (int hop = 0; hop < kImpliesHops && !frontier.empty(); ++hop) {
            std::vector<const Skill*> next;
            for (const Skill* s : frontier) {
                for (const auto& implied : s->implies) {
                    if (const Skill* t = taxonomy_.find(implied)) {
                        reach(t, next);
                    }
                }
            }
            frontier = std::move(next);
        }
        for (const auto& s : seen) {
            if (domains_.count(s) != 0) {
                it->second.push_back(s);
            }
        }
        return it->second;
    }

  private:
    const Taxonomy& taxonomy_;
    std::unordered_set<std::string> domains_;
    std::unordered_map<std::string, std::vector<std::string>> cache_;
};

// Every skill whose evidence can change when `id` joins a profile: the scorer credits what the
// skill implies (a few hops, with their broader fields), its broader fields, its narrower forms
// and the skills implying it (scorer.cpp). A superset is harmless: it only costs a re-score.
std::unordered_set<std::string> related_skills(const Taxonomy& taxonomy, const std::string& id) {
    std::unordered_set<std::string> related{id};
    std::vector<std::string> frontier{id};
    for (int hop = 0; hop <= kImpliesHops && !frontier.empty(); ++hop) {
        std::vector<std::string> next;
        for (const auto& f : frontier) {
            const Skill* s = taxonomy.find(f);
            if (s == nullptr) {
                continue;
            }
            for (const auto& t : s->implies) {
                if (related.insert(t).second) {
                    next.push_back(t);
                }
            }
            for (const Skill* up = s; up != nullptr && !up->broader.empty();
                 up = taxonomy.find(up->broader)) {
                if (!related.insert(up->broader).second) {
                    break;
                }
                next.push_back(up->broader);
            }
        }
        frontier = std::move(next);
    }
    for (const Skill& t : taxonomy.skills()) {
        if (std::find(t.implies.begin(), t.implies.end(), id) != t.implies.end()) {
            related.insert(t.id);
        }
        for (const Skill* up = &t; up != nullptr && !up->broader.empty();
             up = taxonomy.find(up->broader)) {
            if (up->broader == id) {
                related.insert(t.id);
                break;
            }
        }
    }
    return related;
}

bool from_sources(const StoredListing& stored, const std::vector<std::string>& sources) {
    if (sources.empty()) {
        return true;
    }
    for (const auto& s : stored.sources) {
        if (std::find(sources.begin(), sources.end(), s) != sources.end()) {
            return true;
        }
    }
    return false;
}

// The most a listing can score when skills are added to the profile: a full skill fit, and the
// level, budget, recency and client counting in full (context evidence 1). None of the others
// depends on the profile's skills: the level stays (a skill is added at the profile's level),
// search terms and excluded keywords are the listing's. A listing this cannot take to the
// threshold is not scored again.
double upper_bound(const Score& s) {
    double bound = 0;
    for (const ScoreComponent& c : s.components) {
        if (c.name == "skill") {
            bound += c.weight;
        } else if (c.name == "level" || c.name == "budget" || c.name == "recency" ||
                   c.name == "client") {
            bound += c.weight * c.value;
        } else {
            bound += c.points;  // search terms, the penalty
        }
    }
    return bound;
}

// A listing below the threshold that some skill could lift: what pass two needs of it.
struct Liftable {
    std::string id;
    std::vector<std::string> skills;
};

}  // namespace

const SkillDemand* MarketDemand::find_skill(std::string_view id) const {
    for (const auto& d : skills) {
        if (d.skill == id) {
            return &d;
        }
    }
    return nullptr;
}

std::string insight_currency(const Profile* profile) {
    if (profile && profile->min_hourly) {
        return profile->min_hourly->currency;
    }
    if (profile && profile->min_fixed) {
        return profile->min_fixed->currency;
    }
    return "USD";
}

Result<MarketInsight> load_market_insight(Store& store, const InsightQuery& query,
                                          const Taxonomy& taxonomy,
                                          const CurrencyTable& currencies) {
    MarketInsight out;
    MarketDemand& demand = out.demand;
    const std::int64_t span =
        static_cast<std::int64_t>(std::max(query.days, 1)) * kInsightDaySeconds;
    demand.to = query.now;
    demand.from = query.now - span;
    demand.currency = query.currency;
    const int days = std::max(query.days, 1);
    const std::size_t weeks = days >= 7 ? static_cast<std::size_t>(days / 7) : 1;
    demand.week_seconds = days >= 7 ? 7 * kInsightDaySeconds : span;
    demand.weekly.assign(weeks, 0);
    // The week of a date in the window (oldest first), or -1 before the first whole week.
    auto week_of = [&](std::int64_t at) -> std::ptrdiff_t {
        auto back = static_cast<std::size_t>((query.now - at) / demand.week_seconds);
        return back < weeks ? static_cast<std::ptrdiff_t>(weeks - 1 - back) : -1;
    };
    enum class Window { None, Current, Previous };
    auto window_of = [&](const StoredListing& stored) {
        if (!from_sources(stored, query.sources)) {
            return Window::None;
        }
        std::int64_t at = std::min(stored.listing.posted_at.value_or(stored.first_seen), query.now);
        if (at > demand.from) {
            return Window::Current;
        }
        return at > demand.from - span ? Window::Previous : Window::None;
    };

    ListingFilter open;
    open.include_hidden = true;
    std::unordered_map<std::string, Tally> skills;
    std::unordered_map<std::string, Tally> domains;
    DomainIndex domain_index(taxonomy);
    std::vector<std::string> reached;
    std::size_t above = 0;
    std::vector<Liftable> liftable;
    auto tally = [&](const StoredListing& stored) {
        Window w = window_of(stored);
        if (w == Window::None) {
            return;
        }
        const Listing& l = stored.listing;
        const std::ptrdiff_t week =
            w == Window::Current
                ? week_of(std::min(l.posted_at.value_or(stored.first_seen), query.now))
                : -1;
        std::optional<double> hourly, fixed;
        if (w == Window::Current && l.budget) {
            if (auto amount = offered(*l.budget)) {
                auto converted = currencies.convert(*amount, l.budget->currency, query.currency);
                if (converted && l.budget->kind == BudgetKind::Hourly) {
                    hourly = converted;
                } else if (converted && l.budget->kind == BudgetKind::Fixed) {
                    fixed = converted;
                }
            }
        }
        auto count = [&](Tally& t) {
            if (w == Window::Previous) {
                ++t.previous;
                return;
            }
            ++t.listings;
            if (week >= 0) {
                t.weekly.resize(weeks, 0);
                ++t.weekly[static_cast<std::size_t>(week)];
            }
            if (hourly) {
                t.hourly.push_back(*hourly);
            }
            if (fixed) {
                t.fixed.push_back(*fixed);
            }
        };
        reached.clear();
        for (const auto& s : l.skills) {
            if (s.origin == SkillOrigin::Role) {
                continue;  // named as a role or team, not asked
            }
            count(skills[s.skill]);
            for (const auto& d : domain_index.of(s.skill)) {
                reached.push_back(d);
            }
        }
        std::sort(reached.begin(), reached.end());
        reached.erase(std::unique(reached.begin(), reached.end()), reached.end());
        for (const auto& d : reached) {
            count(domains[d]);
        }
        if (w == Window::Current) {
            ++demand.listings;
            if (week >= 0) {
                ++demand.weekly[static_cast<std::size_t>(week)];
            }
            if (query.scorer) {
                Score s = query.scorer->score(l, ScoreDetail::Numbers);
                if (!s.filtered && s.total >= query.threshold) {
                    ++above;
                } else if (!s.filtered && upper_bound(s) + 0.5 >= query.threshold) {
                    // (+0.5: the total is rounded)
                    Liftable& up = liftable.emplace_back();
                    up.id = l.id;
                    for (const auto& ls : l.skills) {
                        if (ls.origin != SkillOrigin::Role) {
                            up.skills.push_back(ls.skill);
                        }
                    }
                }
            }
        } else {
            ++demand.previous_listings;
        }
    };
    if (auto visited = store.visit_listings(open, tally); !visited) {
        return visited.error();
    }
    demand.skills = demand_rows(skills, demand.listings, demand.previous_listings, weeks);
    demand.domains = demand_rows(domains, demand.listings, demand.previous_listings, weeks);
    if (query.scorer == nullptr) {
        return out;
    }

    const Profile& profile = query.scorer->profile();
    GapReport& gaps = out.gaps.emplace();
    gaps.threshold = query.threshold;
    gaps.level = profile_level(profile);
    gaps.above = above;
    for (const ProfileSkill& ps : profile.skills) {
        // A skill that is a domain counts with the listings asking for one of its tools.
        const SkillDemand* d = demand.find_skill(ps.skill);
        for (const SkillDemand& domain : demand.domains) {
            if (domain.skill == ps.skill && (d == nullptr || domain.listings > d->listings)) {
                d = &domain;
            }
        }
        std::size_t n = d ? d->listings : 0;
        double share = d ? d->share : 0;
        if (demand.listings > 0 && share < kRareShare) {
            gaps.rare.push_back({ps.skill, n, share});
        }
    }
    std::sort(gaps.rare.begin(), gaps.rare.end(), [](const RareSkill& a, const RareSkill& b) {
        return a.listings != b.listings ? a.listings < b.listings : a.skill < b.skill;
    });

    // The candidates: the most asked-for skills the profile lacks, each added at the profile's
    // level (adding the rounded mean level keeps the mean rounding the same, so no listing's
    // level fit moves).
    std::vector<Scorer> scorers;
    Listing probe;
    probe.id = "insight:probe";
    std::unordered_map<std::string, std::vector<std::uint32_t>> candidates_of;
    for (const SkillDemand& d : demand.skills) {
        if (gaps.gaps.size() == query.candidates) {
            break;
        }
        if (d.listings == 0 || profile.find_skill(d.skill) != nullptr) {
            continue;
        }
        Profile with = profile;
        with.skills.push_back({d.skill, gaps.level, std::nullopt});
        scorers.emplace_back(with, taxonomy, currencies, query.now);
        auto index = static_cast<std::uint32_t>(gaps.gaps.size());
        // Of the related skills, those the candidate gives better evidence for than the profile
        // already has: a listing asking for that one skill alone scores more with it. (A
        // profile with OpenCV already backs computer vision; adding YOLO need not re-score every
        // listing asking for computer vision.)
        for (const auto& r : related_skills(taxonomy, d.skill)) {
            probe.skills = {{r, SkillOrigin::Tag}};
            if (scorers.back().score(probe, ScoreDetail::Numbers).exact >
                query.scorer->score(probe, ScoreDetail::Numbers).exact) {
                candidates_of[r].push_back(index);
            }
        }
        gaps.gaps.push_back({d.skill, 0, d.listings, d.hourly});
    }
    if (scorers.empty()) {
        return out;
    }
    // Only the listings below the threshold, not refused and within reach of it can be lifted
    // (pass one kept them), and only by a candidate related to one of their skills: most pairs
    // are never scored, and only those listings are read again.
    std::vector<std::uint32_t> stamp(scorers.size(), 0);
    std::vector<std::vector<std::uint32_t>> todo_of(liftable.size());
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < liftable.size(); ++i) {
        auto visit = static_cast<std::uint32_t>(i + 1);
        for (const auto& skill : liftable[i].skills) {
            auto it = candidates_of.find(skill);
            if (it == candidates_of.end()) {
                continue;
            }
            for (std::uint32_t c : it->second) {
                if (stamp[c] != visit) {
                    stamp[c] = visit;
                    todo_of[ids.size()].push_back(c);
                }
            }
        }
        if (!todo_of[ids.size()].empty()) {
            ids.push_back(std::move(liftable[i].id));
        }
    }
    todo_of.resize(ids.size());
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        position.emplace(ids[i], i);
    }
    // The kept listings are read again (by id when few, else in one pass over the table) and
    // scored in batches by two threads (a scorer touches no shared state), each counting its own
    // lifts: the pairs are most of the time.
    struct Pending {
        Listing listing;
        std::size_t at = 0;  // into ids and todo_of
    };
    std::vector<Pending> batch;
    batch.reserve(kScoreBatch);
    std::vector<std::size_t> lifted_here(scorers.size(), 0);
    std::vector<std::size_t> lifted_there(scorers.size(), 0);
    auto score_part = [&](std::size_t first, std::vector<std::size_t>& lifted) {
        for (std::size_t i = first; i < batch.size(); i += 2) {
            for (std::uint32_t c : todo_of[batch[i].at]) {
                Score with = scorers[c].score(batch[i].listing, ScoreDetail::Numbers);
                if (!with.filtered && with.total >= query.threshold) {
                    ++lifted[c];
                }
            }
        }
    };
    auto flush = [&] {
        std::thread helper(score_part, 1, std::ref(lifted_there));
        score_part(0, lifted_here);
        helper.join();
        batch.clear();
    };
    auto take = [&](const Listing& l) {
        auto it = position.find(l.id);
        if (it == position.end()) {
            return;
        }
        batch.push_back({l, it->second});
        if (batch.size() == kScoreBatch) {
            flush();
        }
    };
    if (ids.size() <= kReadAgainByIdUpTo) {
        auto listings = load_shown(store, ids, nullptr);
        if (!listings) {
            return listings.error();
        }
        for (const ShownListing& shown : listings.value()) {
            take(shown.row.listing);
        }
    } else if (auto visited =
                   store.visit_listings(open, [&](const StoredListing& s) { take(s.listing); });
               !visited) {
        return visited.error();
    }
    flush();
    for (std::size_t c = 0; c < gaps.gaps.size(); ++c) {
        gaps.gaps[c].lifted = lifted_here[c] + lifted_there[c];
    }
    std::stable_sort(gaps.gaps.begin(), gaps.gaps.end(), [](const SkillGap& a, const SkillGap& b) {
        if (a.lifted != b.lifted) {
            return a.lifted > b.lifted;
        }
        if (a.asking != b.asking) {
            return a.asking > b.asking;
        }
        return a.skill < b.skill;
    });
    return out;
}

}  // namespace gigscout
