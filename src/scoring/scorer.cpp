#include "scoring/scorer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/ascii.h"
#include "scoring/country.h"
#include "scoring/keyword_matcher.h"
#include "scoring/work_kind.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

// Every constant below is described, with its reason, in docs/scoring.md; change both together.

// How much a skill counts by where the listing names it: tags and the title say what the job
// is; the description also lists nice-to-haves and the company's stack. A tag the listing's own
// words never name may be the feed's search word put on every result.
constexpr double kTagOnlyWeight = 0.25;
// A skill named only as a role or a team ("DevOps Engineer") is not asked of the hire: it adds
// a little when you have it and is never missing.
constexpr double kRoleWeight = 0.25;
// A skill the description names only as a nice-to-have ("Docker is a plus"): a recruiter
// judges a listing by what it requires, so lacking it costs little and having it adds little.
constexpr double kPreferredWeight = 0.25;
double origin_weight(SkillOrigin origin) {
    switch (origin) {
        case SkillOrigin::Tag:
        case SkillOrigin::Title:
            return 1.0;
        case SkillOrigin::Lead:
        case SkillOrigin::Description:
            return 0.5;
        case SkillOrigin::TagOnly:
            return kTagOnlyWeight;
        case SkillOrigin::Role:
            return kRoleWeight;
        case SkillOrigin::Preferred:
            return kPreferredWeight;
    }
    return 0.5;
}

// A language says less about what a job is than a library or a task, and so does a name for a
// whole area of work (Skill::umbrella: "AI"). Practices, business and design skills once
// weighed 0.4 too; counting them in full ranked better on every judged set (docs/eval.md,
// "Category weights").
double skill_weight(const Skill& s) {
    return s.says_little_of_the_job() ? 0.6 : 1.0;
}

constexpr double kLevelCredit[] = {0.6, 0.85, 1.0};  // beginner, intermediate, advanced
constexpr double kYearsBonusPerYear = 0.03;
constexpr double kYearsBonusMax = 0.15;

// Partial evidence: what having skill P says about a listing asking for skill T.
constexpr double kImpliedFactor = 0.5;         // P implies T (Keras → TensorFlow)
constexpr double kNarrowerFactor = 0.7;        // P is a narrower form of T (YOLO → detection)
constexpr double kSpecialisationFactor = 0.5;  // T is a narrower form of P (detection → YOLO)
// T implies P (Python → Django): knowing what a framework is built on says little about it.
constexpr double kReverseImpliedFactor = 0.3;
// Each further hop weakens the evidence: image-segmentation says more about U-Net than
// computer-vision does.
constexpr double kHopDecay = 0.7;
constexpr int kMaxImplicationHops = 3;
constexpr int kMaxBroaderHops = 8;

// Evidence mass (sum of importance × strength) at which a listing counts as fully evidenced: a
// listing that names one skill the user has is weaker evidence than one naming four. Strength
// is 1 for a skill the profile lists and the partial factor otherwise; the user's level is left
// out here because it already weighs the coverage.
constexpr double kFullEvidence = 4.0;
// Evidence mass at which the context components (level, budget, recency, client) count in
// full: lower than kFullEvidence, so a listing that names two of the user's tools gets all
// of them even when it also asks for things the user lacks or the extractor does not know.
constexpr double kContextEvidence = 2.0;
// Coverage below which the context components shrink in proportion: a listing that names a few
// of the user's skills among dozens it asks for (a "full stack" list of fifty technologies) is
// not made a good match by its pay, level and freshness.
constexpr double kContextCoverage = 0.3;
// The title names the job itself: a listing whose title asks for what the user has little of
// ("AI Engineer to Develop a Chatbot" for a computer-vision profile) is about other work, however
// many of the user's tools its description lists. Its level, budget, recency and client points
// shrink, to half when the user has none of the title's skills; a share of 0.3 counts in full.
constexpr double kTitleFitFull = 0.3;
constexpr double kTitleMissContext = 0.5;

constexpr double kUnknownValue = 0.5;  // level, budget, recency or client not stated
constexpr double kRecencyHalfLifeDays = 7;
constexpr double kSalaryHoursPerYear = 2000;
constexpr double kSecondsPerDay = 86400;
constexpr double kBudgetAtMinimum = 0.6;  // pay exactly at the minimum (budget_value)

// Level fit by how far the listing's level is from the profile's (listing − profile, in
// levels). Under-qualified costs more than over-qualified; two levels away is filtered unless
// the profile asks for stretch listings, which then get these low values.
constexpr double kLevelFit[] = {
    0.2,  // two levels below the profile (stretch only)
    0.6,  // one level below: likely under the user's rate and interest
    1.0,  // the same level
    0.3,  // one level above: a real stretch
    0.0,  // two levels above (stretch only)
};

// A search term counts fully in the title or a tag, half in the description only, a quarter in
// a tag the listing's own words never name.
constexpr double kSearchTermInDescription = 0.5;
constexpr double kSearchTermInTagOnly = kTagOnlyWeight;

// Partial skills name at most this many of the profile skills behind them.
constexpr std::size_t kMaxVia = 4;

struct SkillInfo {
    double weight = 1.0;  // category weight
    double credit = 0;    // strength × the user's level credit; 0 = no evidence
    double strength = 0;  // 1 for a profile skill, the partial factor otherwise
    bool direct = false;
    std::string via;                   // profile skill giving the strongest partial evidence
    std::vector<std::string> all_via;  // every profile skill giving some, strongest first
};

// The listing's level, as stated or read from its title.
struct ListingLevel {
    std::optional<ExperienceLevel> level;
    bool from_title = false;
};

double skill_credit(const ProfileSkill& s) {
    double credit = kLevelCredit[static_cast<int>(s.level)];
    if (s.years) {
        credit += std::min(kYearsBonusMax, kYearsBonusPerYear * *s.years);
    }
    return std::min(1.0, credit);
}

// Reasons are built for every listing, so numbers go through to_chars, not printf.
std::string& operator<<(std::string& out, std::string_view text) {
    return out.append(text);
}

struct Fixed {
    double value;
    int decimals;
};

std::string& operator<<(std::string& out, Fixed f) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, f.value, std::chars_format::fixed, f.decimals);
    return out.append(buf, r.ptr);
}

std::string& operator<<(std::string& out, std::size_t n) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    return out.append(buf, r.ptr);
}

// The title's word starting at or after `i`, which moves past it; empty at the end.
std::string_view next_title_word(std::string_view title, std::size_t& i) {
    while (i < title.size() && !std::isalnum(static_cast<unsigned char>(title[i]))) {
        ++i;
    }
    const std::size_t start = i;
    while (i < title.size() && std::isalnum(static_cast<unsigned char>(title[i]))) {
        ++i;
    }
    return title.substr(start, i - start);
}

// A title's words for an internship, a German board's too (Arbeitnow): an entry level, and
// employment where no job type is stated.
constexpr std::string_view kInternshipWords[] = {
    "intern", "interns", "internship", "internships", "praktikum", "praktikant", "praktikantin"};

bool is_internship_word(std::string_view word) {
    for (const std::string_view w : kInternshipWords) {
        if (ascii::iequals(word, w)) {
            return true;
        }
    }
    return false;
}

// Whether the title calls the job an internship ("Software Engineer Intern", "ML Internship").
bool titled_internship(std::string_view title) {
    std::size_t i = 0;
    for (std::string_view word = next_title_word(title, i); !word.empty();
         word = next_title_word(title, i)) {
        if (is_internship_word(word)) {
            return true;
        }
    }
    return false;
}

// "Student Success Manager", "Student Services Advisor": a job serving students, which states
// no level, where "Machine Learning Student" or "Working Student" is one held by a student.
bool serves_students(std::string_view word, std::string_view after) {
    if (!ascii::iequals(word, "student") && !ascii::iequals(word, "students")) {
        return false;
    }
    for (const std::string_view w : {"success", "services", "service", "affairs", "advisor",
                                     "adviser", "support", "recruitment", "engagement", "life",
                                     "counselor", "counsellor", "coordinator", "enrollment"}) {
        if (ascii::iequals(after, w)) {
            return true;
        }
    }
    return false;
}

// Listings often state the level only in the title ("Senior ...", "Junior ...").
std::optional<ExperienceLevel> level_from_title(std::string_view title) {
    static constexpr std::string_view kExpert[] = {"senior", "sr",   "lead",      "principal",
                                                   "staff",  "head", "architect", "expert"};
    static constexpr std::string_view kEntry[] = {"junior", "jr", "entry", "graduate", "graduates",
                                                  "grad", "grads", "trainee", "apprentice",
                                                  "beginner", "student", "students",
                                                  // A German board's working student (Arbeitnow).
                                                  "werkstudent", "werkstudentin"};
    static constexpr std::string_view kMiddle[] = {"mid", "intermediate"};
    std::size_t i = 0;
    std::string_view before;
    for (std::string_view word = next_title_word(title, i); !word.empty();
         before = word, word = next_title_word(title, i)) {
        std::size_t peek = i;
        const std::string_view after = next_title_word(title, peek);
        // A level word inside a name states no level: "Member of Technical Staff" (a title at
        // AI labs, held at every level), "Lead Generation" and "Data Entry" (kinds of work).
        if ((ascii::iequals(word, "staff") && ascii::iequals(before, "technical")) ||
            (ascii::iequals(word, "lead") &&
             (ascii::iequals(after, "generation") || ascii::iequals(after, "gen"))) ||
            (ascii::iequals(word, "entry") && ascii::iequals(before, "data")) ||
            serves_students(word, after)) {
            continue;
        }
        for (auto w : kExpert) {
            if (ascii::iequals(word, w)) {
                return ExperienceLevel::Expert;
            }
        }
        if (is_internship_word(word)) {
            return ExperienceLevel::Entry;
        }
        for (auto w : kEntry) {
            if (ascii::iequals(word, w)) {
                return ExperienceLevel::Entry;
            }
        }
        for (auto w : kMiddle) {
            if (ascii::iequals(word, w)) {
                return ExperienceLevel::Intermediate;
            }
        }
    }
    return std::nullopt;
}

// The title's own level word outranks a platform's level field where the two differ: the field
// is often a board's default or a budget tier ("Associate" on a "Senior Machine Learning
// Engineer", "Intermediate" on a "Junior AI Developer"), the title the employer's word for the
// job. Graders of ranking sets H, L, M and P read the title in all seven such listings.
ListingLevel listing_level(const Listing& l) {
    const auto titled = level_from_title(l.title);
    if (l.experience_level && (!titled || *titled == *l.experience_level)) {
        return {l.experience_level, false};
    }
    return {titled, titled.has_value()};
}

std::string_view distance_words(int distance) {
    switch (distance) {
        case -2:
            return "two levels below yours";
        case -1:
            return "one level below yours";
        case 1:
            return "one level above yours";
        case 2:
            return "two levels above yours";
        default:
            return "your level";
    }
}

// An amount as a person writes it: whole when it is (nearly) whole, else with cents, so "34.60"
// is not printed as the "35" it falls short of.
struct Amount {
    double value;
};

std::string& operator<<(std::string& out, Amount a) {
    double whole = std::round(a.value);
    bool cents = std::fabs(a.value - whole) >= 0.005 && std::fabs(a.value) < 1000;
    return out << Fixed{cents ? a.value : whole, cents ? 2 : 0};
}

// Pay at the minimum is kBudgetAtMinimum, rising linearly to 1 at twice the minimum: with the
// minimum a filter, what is left to weigh is how far above it a listing pays. Below a flexible
// minimum it falls linearly to 0 at half of it.
double budget_value(double offered, double wanted) {
    if (wanted <= 0) {
        return 1.0;
    }
    double ratio = offered / wanted;
    if (ratio >= 1) {
        return std::min(1.0, kBudgetAtMinimum + (1 - kBudgetAtMinimum) * (ratio - 1));
    }
    return kBudgetAtMinimum * std::clamp(2 * ratio - 1, 0.0, 1.0);
}

}  // namespace

const ScoreComponent* Score::component(std::string_view name) const {
    for (const auto& c : components) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

struct Scorer::Impl {
    Profile profile;
    const Taxonomy& taxonomy;
    const CurrencyTable& currencies;
    std::int64_t now;
    // Every taxonomy skill (and nothing else), with the profile's evidence for it: built once,
    // so scoring a listing is one hash lookup per listing skill.
    std::unordered_map<std::string, SkillInfo> skills;
    std::vector<KeywordMatcher> must_have;
    std::vector<KeywordMatcher> excluded;
    // The kinds of work (work_kinds(), by index) one of the profile's skills makes the user's.
    std::vector<bool> own_kinds;
    std::vector<KeywordMatcher> search_terms;
    std::string wanted_job_types;  // "freelance, contract", for filter reasons
    int own_level = 1;             // the profile's level, 0..2 (profile_level)

    Impl(const Profile& p, const Taxonomy& t, const CurrencyTable& c, std::int64_t n)
        : profile(p), taxonomy(t), currencies(c), now(n) {
        for (const Skill& s : taxonomy.skills()) {
            skills[s.id].weight = skill_weight(s);
        }
        // Every profile skill offering partial evidence for a taxonomy skill, with its credit:
        // the strongest gives the credit, all are named.
        std::unordered_map<std::string, std::vector<std::pair<double, std::string>>> offers;
        auto offer = [&](const std::string& id, double credit, double factor,
                         const std::string& via) {
            auto it = skills.find(id);
            if (it == skills.end() || it->second.direct) {
                return;
            }
            offers[id].emplace_back(credit * factor, via);
            if (credit * factor <= it->second.credit) {
                return;
            }
            it->second.credit = credit * factor;
            it->second.strength = factor;
            it->second.via = via;
        };
        for (const ProfileSkill& ps : profile.skills) {
            SkillInfo& info = skills[ps.skill];
            info.credit = skill_credit(ps);
            info.strength = 1;
            info.direct = true;
            info.via.clear();
        }
        for (const ProfileSkill& ps : profile.skills) {
            const Skill* own = taxonomy.find(ps.skill);
            if (own == nullptr) {
                continue;
            }
            double credit = skill_credit(ps);
            // What the user's skill implies, a few hops deep (ultralytics → yolo → ...), and
            // the fields an implied domain belongs to (opencv → image-processing →
            // computer-vision): tool → domain → field.
            std::vector<const Skill*> frontier{own};
            double factor = kImpliedFactor;
            for (int hop = 0; hop < kMaxImplicationHops && !frontier.empty(); ++hop) {
                std::vector<const Skill*> next;
                auto follow = [&](const std::string& id) {
                    if (const Skill* implied = taxonomy.find(id)) {
                        offer(implied->id, credit, factor, ps.skill);
                        next.push_back(implied);
                    }
                };
                for (const Skill* s : frontier) {
                    for (const auto& id : s->implies) {
                        follow(id);
                    }
                    // The user's own broader skills are offered below, more strongly.
                    if (s != own && !s->broader.empty()) {
                        follow(s->broader);
                    }
                }
                frontier = std::move(next);
                factor *= kHopDecay;
            }
            // Broader fields of the user's skill (yolo → object-detection → computer-vision).
            const Skill* b = own;
            factor = kNarrowerFactor;
            for (int hop = 0; hop < kMaxBroaderHops && !b->broader.empty(); ++hop) {
                b = taxonomy.find(b->broader);
                if (b == nullptr) {
                    break;
                }
                offer(b->id, credit, factor, ps.skill);
                factor *= kHopDecay;
            }
            // Specialisations of the user's skill: narrower forms, and skills implying it.
            for (const Skill& t : taxonomy.skills()) {
                if (std::find(t.implies.begin(), t.implies.end(), ps.skill) != t.implies.end()) {
                    offer(t.id, credit, kReverseImpliedFactor, ps.skill);
                }
                const Skill* up = &t;
                factor = kSpecialisationFactor;
                for (int hop = 0; hop < kMaxBroaderHops && !up->broader.empty(); ++hop) {
                    if (up->broader == ps.skill) {
                        offer(t.id, credit, factor, ps.skill);
                        break;
                    }
                    up = taxonomy.find(up->broader);
                    if (up == nullptr) {
                        break;
                    }
                    factor *= kHopDecay;
                }
            }
        }
        for (auto& [id, list] : offers) {
            SkillInfo& info = skills[id];
            if (info.direct) {
                continue;
            }
            std::stable_sort(list.begin(), list.end(),
                             [](const auto& a, const auto& b) { return a.first > b.first; });
            info.all_via.push_back(info.via);
            for (const auto& [credit, via] : list) {
                if (info.all_via.size() < kMaxVia &&
                    std::find(info.all_via.begin(), info.all_via.end(), via) ==
                        info.all_via.end()) {
                    info.all_via.push_back(via);
                }
            }
        }
        own_level = static_cast<int>(profile_level(profile));
        for (const auto& term : profile.search_terms) {
            search_terms.emplace_back(term, taxonomy);
        }
        for (JobType type : profile.job_types) {
            wanted_job_types << (wanted_job_types.empty() ? "" : ", ") << to_string(type);
        }
        for (const auto& k : profile.must_have_keywords) {
            must_have.emplace_back(k, taxonomy);
        }
        for (const auto& k : profile.excluded_keywords) {
            excluded.emplace_back(k, taxonomy);
        }
        for (const WorkKind& kind : work_kinds()) {
            own_kinds.push_back(std::any_of(
                profile.skills.begin(), profile.skills.end(), [&](const ProfileSkill& ps) {
                    return std::find(kind.skills.begin(), kind.skills.end(), ps.skill) !=
                           kind.skills.end();
                }));
        }
    }

    // The listing's pay, as comparable with the profile's minimum of the same kind.
    struct Pay {
        enum class Kind { NoMinimum, NotStated, OtherKind, UnknownCurrency, Compared };
        Kind kind = Kind::NotStated;
        double offered = 0;  // the listing's max (or min), in its own currency
        double per = 0;      // the same in the minimum's currency, per hour for a salary
        const Money* minimum = nullptr;
        bool flexible = false;
        const char* unit = "";  // " fixed", "/h" or "/h (salary ÷ 2000 h)"

        bool below() const { return kind == Kind::Compared && per < minimum->amount; }
    };
    Pay pay_of(const Listing& l) const;

    // With `explain` false, each returns the same numbers but writes no reason or list.
    void filters(const Listing& l, const ListingLevel& level, const Pay& pay, Score& score,
                 bool explain) const;
    // `context`: the factor that scales the context components (kContextEvidence).
    ScoreComponent skill_component(const Listing& l, Score& score, double& context,
                                   bool explain) const;
    ScoreComponent level_component(const ListingLevel& level, bool explain) const;
    ScoreComponent budget_component(const Listing& l, const Pay& pay, bool explain) const;
    ScoreComponent recency_component(const Listing& l, bool explain) const;
    ScoreComponent client_component(const Listing& l, bool explain) const;
    ScoreComponent search_component(const Listing& l, bool explain) const;
    ScoreComponent penalty_component(const Listing& l, bool explain) const;
};

Scorer::Impl::Pay Scorer::Impl::pay_of(const Listing& l) const {
    Pay pay;
    if (!profile.min_hourly && !profile.min_fixed) {
        pay.kind = Pay::Kind::NoMinimum;
        return pay;
    }
    if (!l.budget || (!l.budget->min && !l.budget->max)) {
        return pay;
    }
    const Budget& b = *l.budget;
    pay.offered = b.max ? *b.max : *b.min;
    bool fixed = b.kind == BudgetKind::Fixed;
    const std::optional<Money>& minimum = fixed ? profile.min_fixed : profile.min_hourly;
    if (!minimum) {
        pay.kind = Pay::Kind::OtherKind;
        return pay;
    }
    pay.minimum = &*minimum;
    pay.flexible = fixed ? profile.min_fixed_flexible : profile.min_hourly_flexible;
    auto converted = currencies.convert(pay.offered, b.currency, minimum->currency);
    if (!converted) {
        pay.kind = Pay::Kind::UnknownCurrency;
        return pay;
    }
    pay.kind = Pay::Kind::Compared;
    pay.per = *converted;
    pay.unit = " fixed";
    if (b.kind == BudgetKind::Hourly) {
        pay.unit = "/h";
    } else if (b.kind == BudgetKind::Salary) {
        pay.per /= kSalaryHoursPerYear;
        pay.unit = "/h (salary ÷ 2000 h)";
    }
    return pay;
}

void Scorer::Impl::filters(const Listing& l, const ListingLevel& level, const Pay& pay,
                           Score& score, bool explain) const {
    // Known pay below a flexible minimum is not a filter: it orders the list.
    score.demoted = pay.below() && pay.flexible;
    // Without reasons only the verdict matters, so the first failed filter settles it.
    auto failed = [&] {
        score.filtered = true;
        return !explain;
    };
    if (pay.below() && !pay.flexible) {
        if (failed()) {
            return;
        }
        std::string reason;
        reason << "pays up to " << Amount{pay.per} << " " << pay.minimum->currency << pay.unit;
        if (l.budget->currency != pay.minimum->currency) {
            reason << " (" << Amount{pay.offered} << " " << l.budget->currency << ")";
        }
        reason << ", your minimum is " << Amount{pay.minimum->amount} << " "
               << pay.minimum->currency << (l.budget->kind == BudgetKind::Fixed ? " fixed" : "/h");
        score.filter_reasons.push_back(std::move(reason));
    }
    if (l.posted_at && static_cast<double>(now - *l.posted_at) >
                           kSecondsPerDay * static_cast<double>(profile.max_age_days)) {
        if (failed()) {
            return;
        }
        std::string reason;
        reason << "posted " << Fixed{static_cast<double>(now - *l.posted_at) / kSecondsPerDay, 1}
               << " days ago, more than your limit of "
               << static_cast<std::size_t>(profile.max_age_days) << " days";
        score.filter_reasons.push_back(std::move(reason));
    }
    if (level.level && !profile.stretch_levels) {
        int distance = static_cast<int>(*level.level) - own_level;
        if (distance == 2 || distance == -2) {
            if (failed()) {
                return;
            }
            std::string reason;
            reason << to_string(*level.level) << " listing"
                   << (level.from_title ? " (from the title)" : "") << " is "
                   << distance_words(distance) << " ("
                   << to_string(static_cast<SkillLevel>(own_level)) << ")";
            score.filter_reasons.push_back(std::move(reason));
        }
    }
    // A yearly salary is an employer's pay: a listing that states one and no job type is a
    // permanent job, which a profile wanting only freelance or contract work never applies to.
    const bool salaried = !l.job_type && l.budget && l.budget->kind == BudgetKind::Salary;
    const std::optional<JobType> job_type = salaried ? JobType::FullTime : l.job_type;
    auto wants = [&](JobType t) {
        return std::find(profile.job_types.begin(), profile.job_types.end(), t) !=
               profile.job_types.end();
    };
    if (!profile.job_types.empty() && job_type && !wants(*job_type)) {
        if (failed()) {
            return;
        }
        std::string reason;
        reason << "job type " << to_string(*job_type) << (salaried ? " (a yearly salary)" : "")
               << " is not one you want (" << wanted_job_types << ")";
        score.filter_reasons.push_back(std::move(reason));
    } else if (!profile.job_types.empty() && !job_type && titled_internship(l.title)) {
        // An internship is employment, full- or part-time: a profile that wants neither (a
        // freelancer's) never applies to one.
        if (!wants(JobType::FullTime) && !wants(JobType::PartTime)) {
            if (failed()) {
                return;
            }
            std::string reason;
            reason << "an internship is not one of the job types you want (" << wanted_job_types
                   << ")";
            score.filter_reasons.push_back(std::move(reason));
        }
    }
    if (profile.remote_only && l.remote && !*l.remote) {
        if (failed()) {
            return;
        }
        score.filter_reasons.push_back(l.location.empty() ? "not remote"
                                                          : "not remote (" + l.location + ")");
    }
    // A remote listing open only to people elsewhere ("Remote (US)" for a user in Germany).
    if (!profile.based_in.empty() && l.remote != false && !l.location.empty() &&
        !location_admits(l.location, profile.based_in)) {
        if (failed()) {
            return;
        }
        score.filter_reasons.push_back("location \"" + l.location + "\" is not open to people in " +
                                       std::string(country_name(profile.based_in)) +
                                       ", where you are based");
    }
    for (const auto& code : profile.excluded_countries) {
        bool client_there = false;
        if (l.client && !l.client->country.empty()) {
            auto c = country_code(l.client->country);
            client_there = c && *c == code;
        }
        if (client_there) {
            if (failed()) {
                return;
            }
            score.filter_reasons.push_back("client in " + std::string(country_name(code)) +
                                           ", an excluded country");
        } else if (!l.location.empty() && location_names_country(l.location, code)) {
            if (failed()) {
                return;
            }
            score.filter_reasons.push_back("location \"" + l.location + "\" is in " +
                                           std::string(country_name(code)) +
                                           ", an excluded country");
        }
    }
    for (const auto& k : must_have) {
        if (!k.matches(l)) {
            if (failed()) {
                return;
            }
            score.filter_reasons.push_back("must-have keyword \"" + k.keyword() + "\" not found");
        }
    }
}

ScoreComponent Scorer::Impl::skill_component(const Listing& l, Score& score, double& context,
                                             bool explain) const {
    // Without search terms their points go to the skill fit, so such a profile still reaches 100.
    double weight =
        profile.weights.skill + (search_terms.empty() ? profile.weights.search_terms : 0.0);
    ScoreComponent c{"skill", 0, weight, 0, {}};
    double asked = 0;
    double have = 0;
    double backed = 0;
    // Each skill is looked up once; the counts let each list be allocated once.
    constexpr std::size_t kInline = 64;
    std::array<const SkillInfo*, kInline> inline_infos{};
    std::vector<const SkillInfo*> more_infos;
    const SkillInfo** infos = inline_infos.data();
    if (l.skills.size() > kInline) {
        more_infos.resize(l.skills.size());
        infos = more_infos.data();
    }
    std::size_t direct = 0;
    std::size_t partial = 0;
    double title_asked = 0;  // the skills the title names, by importance
    double title_have = 0;
    double lead_asked = 0;  // the skills the lead sentence names, standing for a vague title
    double lead_have = 0;
    std::size_t roles_missing = 0;  // named only as roles, not yours: not asked, not counted
    std::vector<const std::string*> tag_only;  // matched skills only a platform tag names
    std::vector<const std::string*> roles;     // matched skills only a role or team names
    std::vector<const std::string*> nice;      // skills named only as nice-to-haves
    for (std::size_t i = 0; i < l.skills.size(); ++i) {
        auto it = skills.find(l.skills[i].skill);
        const SkillInfo* info = it == skills.end() ? nullptr : &it->second;
        infos[i] = info;
        if (info != nullptr && info->credit > 0) {
            (info->direct ? direct : partial) += 1;
        } else if (l.skills[i].origin == SkillOrigin::Role) {
            ++roles_missing;
        }
    }
    if (explain) {
        score.matched_skills.reserve(direct);
        score.partial_skills.reserve(partial);
        score.missing_skills.reserve(l.skills.size() - direct - partial - roles_missing);
    }
    for (std::size_t i = 0; i < l.skills.size(); ++i) {
        const ListingSkill& ls = l.skills[i];
        const SkillInfo* info = infos[i];
        if (ls.origin == SkillOrigin::Role && (info == nullptr || info->credit <= 0)) {
            continue;
        }
        double w = origin_weight(ls.origin);
        if (info != nullptr) {
            w *= info->weight;
        }
        if (ls.origin == SkillOrigin::Title || ls.origin == SkillOrigin::Lead) {
            double& named = ls.origin == SkillOrigin::Title ? title_asked : lead_asked;
            double& held = ls.origin == SkillOrigin::Title ? title_have : lead_have;
            named += w;
            if (info != nullptr && info->credit > 0) {
                held += w * info->credit;
            }
        }
        asked += w;
        if (explain && ls.origin == SkillOrigin::Preferred) {
            nice.push_back(&ls.skill);
            score.nice_to_have.push_back(ls.skill);
        }
        if (info != nullptr && info->credit > 0) {
            have += w * info->credit;
            backed += w * info->strength;
            if (!explain) {
                continue;
            }
            if (ls.origin == SkillOrigin::TagOnly) {
                tag_only.push_back(&ls.skill);
            } else if (ls.origin == SkillOrigin::Role) {
                roles.push_back(&ls.skill);
            }
            if (info->direct) {
                score.matched_skills.push_back(ls.skill);
            } else {
                score.partial_skills.push_back({ls.skill, info->via, info->all_via});
            }
        } else if (explain) {
            score.missing_skills.push_back(ls.skill);
        }
    }
    double coverage = asked > 0 ? have / asked : 0;
    double evidence = std::min(1.0, backed / kFullEvidence);
    const double thin = std::min(1.0, coverage / kContextCoverage);
    context = std::min(1.0, backed / kContextEvidence) * thin;
    // A title naming only a language or "AI" leaves what the job is to the lead sentence.
    const bool from_lead = lead_asked > 0;
    if (from_lead) {
        title_asked = lead_asked;
        title_have = lead_have;
    }
    const double title_fit = title_asked > 0 ? title_have / title_asked : 1.0;
    const double title_factor =
        kTitleMissContext + (1 - kTitleMissContext) * std::min(1.0, title_fit / kTitleFitFull);
    context *= title_factor;
    c.value = coverage * evidence;
    if (!explain) {
        return c;
    }
    if (profile.skills.empty()) {
        c.reason = "your profile lists no skills";
    } else if (l.skills.size() == roles_missing) {
        c.reason = "no skills found in the listing";
    } else if (have <= 0) {
        c.reason = "asks for none of your skills";
    } else {
        c.reason.reserve(64);
        c.reason << direct << " of " << l.skills.size() - roles_missing << " asked skills matched";
        if (partial > 0) {
            c.reason << ", " << partial << " partly";
        }
        c.reason << ": coverage " << Fixed{coverage, 2}
                 << " (the share of the asked skills, by importance, that you have, at your level)"
                 << " × evidence " << Fixed{evidence, 2} << " (matched importance "
                 << Fixed{backed, 2} << " of the " << Fixed{kFullEvidence, 0}
                 << " that count in full); level, budget, recency and client count at "
                 << Fixed{context, 2} << " (matched importance " << Fixed{backed, 2} << " of "
                 << Fixed{kContextEvidence, 0};
        if (thin < 1) {
            c.reason << ", × coverage " << Fixed{coverage, 2} << " of the "
                     << Fixed{kContextCoverage, 2} << " that counts in full";
        }
        if (title_factor < 1) {
            c.reason << ", × " << Fixed{title_factor, 2} << ": you have " << Fixed{title_fit, 2}
                     << (from_lead ? " of what the description's first sentence asks (the title "
                                     "names only a language or a whole field)"
                                   : " of what the title asks")
                     << ", by importance, of the " << Fixed{kTitleFitFull, 2}
                     << " that counts in full";
        }
        c.reason << ")";
        // The skills that count for less than their place says, and why.
        auto weak = [&](const std::vector<const std::string*>& ids, double weight,
                        std::string_view why) {
            for (std::size_t i = 0; i < ids.size(); ++i) {
                c.reason << (i == 0 ? "; " : ", ") << *ids[i];
            }
            if (!ids.empty()) {
                c.reason << (ids.size() == 1 ? " counts" : " count") << " at " << Fixed{weight, 2}
                         << ": " << why;
            }
        };
        weak(tag_only, kTagOnlyWeight,
             "only the platform's tags name it, not the posting's own words");
        weak(roles, kRoleWeight,
             "named only as a role or a team (\"DevOps Engineer\"), not asked of you");
        weak(nice, kPreferredWeight,
             "the listing names it only as a nice-to-have (\"a plus\", \"preferred\")");
    }
    return c;
}

ScoreComponent Scorer::Impl::level_component(const ListingLevel& level, bool explain) const {
    ScoreComponent c{"level", kUnknownValue, profile.weights.level, 0, {}};
    if (!level.level) {
        if (explain) {
            c.reason = "the listing states no level";
        }
        return c;
    }
    int distance = static_cast<int>(*level.level) - own_level;
    c.value = kLevelFit[std::clamp(distance, -2, 2) + 2];
    if (!explain) {
        return c;
    }
    c.reason.reserve(96);
    c.reason << "listing: " << to_string(*level.level)
             << (level.from_title ? " (from the title)" : "")
             << ", you: " << to_string(static_cast<SkillLevel>(own_level))
             << (profile.level ? " (your profile's level)" : " (the mean of your skills' levels)")
             << "; " << distance_words(distance);
    if ((distance == 2 || distance == -2) && profile.stretch_levels) {
        c.reason << ", kept because you asked for stretch listings";
    }
    return c;
}

ScoreComponent Scorer::Impl::budget_component(const Listing& l, const Pay& pay,
                                              bool explain) const {
    ScoreComponent c{"budget", kUnknownValue, profile.weights.budget, 0, {}};
    auto because = [&](const char* reason) {
        if (explain) {
            c.reason = reason;
        }
        return c;
    };
    switch (pay.kind) {
        case Pay::Kind::NoMinimum:
            c.value = 1;
            return because("you set no minimum");
        case Pay::Kind::NotStated:
            return because("no budget stated");
        case Pay::Kind::OtherKind:
            return because(l.budget->kind == BudgetKind::Fixed
                               ? "fixed price; you set only an hourly minimum"
                               : "paid by time; you set only a fixed minimum");
        case Pay::Kind::UnknownCurrency:
            if (explain) {
                c.reason = "unknown currency " + l.budget->currency;
            }
            return c;
        case Pay::Kind::Compared:
            break;
    }
    c.value = budget_value(pay.per, pay.minimum->amount);
    if (!explain) {
        return c;
    }
    c.reason.reserve(64);
    c.reason << "up to " << Amount{pay.per} << " " << pay.minimum->currency << pay.unit;
    if (l.budget->currency != pay.minimum->currency) {
        c.reason << " (" << Amount{pay.offered} << " " << l.budget->currency << ")";
    }
    c.reason << " vs your minimum " << Amount{pay.minimum->amount};
    if (pay.below()) {
        c.reason << (pay.flexible ? ": below it, so ranked after every listing that meets your "
                                    "flexible minimum"
                                  : ": below it (filtered)");
    } else {
        c.reason << ": " << Fixed{pay.per / pay.minimum->amount, 2}
                 << "× it (the minimum counts 0.6, twice it 1)";
    }
    return c;
}

ScoreComponent Scorer::Impl::recency_component(const Listing& l, bool explain) const {
    ScoreComponent c{"recency", kUnknownValue, profile.weights.recency, 0, {}};
    if (!l.posted_at) {
        if (explain) {
            c.reason = "no posting date";
        }
        return c;
    }
    double days = std::max<double>(0, static_cast<double>(now - *l.posted_at) / 86400.0);
    c.value = std::exp2(-days / kRecencyHalfLifeDays);
    if (!explain) {
        return c;
    }
    c.reason.reserve(48);
    c.reason << "posted " << Fixed{days, 1} << " days ago (half-life "
             << Fixed{kRecencyHalfLifeDays, 0} << " days)";
    return c;
}

ScoreComponent Scorer::Impl::client_component(const Listing& l, bool explain) const {
    ScoreComponent c{"client", kUnknownValue, profile.weights.client, 0, {}};
    if (!l.client || (!l.client->rating && !l.client->payment_verified && !l.client->reviews &&
                      !l.client->total_spent)) {
        if (explain) {
            c.reason = "not given by the platform";
        }
        return c;
    }
    const ClientInfo& ci = *l.client;
    double rating = ci.rating ? std::clamp(*ci.rating / 5.0, 0.0, 1.0) : kUnknownValue;
    double verified = ci.payment_verified ? (*ci.payment_verified ? 1.0 : 0.0) : kUnknownValue;
    double history = kUnknownValue;
    if (ci.reviews) {
        history = std::min(1.0, static_cast<double>(*ci.reviews) / 20.0);
    } else if (ci.total_spent) {
        auto usd = currencies.convert(ci.total_spent->amount, ci.total_spent->currency, "USD");
        if (usd) {
            history = std::min(1.0, *usd / 10000.0);
        }
    }
    c.value = 0.5 * rating + 0.3 * verified + 0.2 * history;
    if (!explain) {
        return c;
    }
    c.reason.reserve(64);
    auto separate = [&] { return c.reason.empty() ? "" : ", "; };
    if (ci.rating) {
        c.reason << "rating " << Fixed{*ci.rating, 1};
    }
    if (ci.reviews) {
        c.reason << separate() << static_cast<std::size_t>(std::max<std::int64_t>(0, *ci.reviews))
                 << " reviews";
    }
    if (ci.payment_verified) {
        c.reason << separate()
                 << (*ci.payment_verified ? "payment verified" : "payment not verified");
    }
    if (ci.total_spent && !ci.reviews) {
        c.reason << separate() << "spent " << Fixed{ci.total_spent->amount, 0} << " "
                 << ci.total_spent->currency;
    }
    return c;
}

ScoreComponent Scorer::Impl::search_component(const Listing& l, bool explain) const {
    ScoreComponent c{"search", 0, search_terms.empty() ? 0.0 : profile.weights.search_terms, 0, {}};
    double found = 0;
    for (const auto& term : search_terms) {
        if (!explain && found >= 1) {
            break;  // the value is at most 1; only the reason lists the rest
        }
        auto where = term.found_where(l);
        if (!where) {
            continue;
        }
        bool strong = *where == SkillOrigin::Title || *where == SkillOrigin::Tag;
        bool tag_only = *where == SkillOrigin::TagOnly;
        found += strong ? 1.0 : tag_only ? kSearchTermInTagOnly : kSearchTermInDescription;
        if (explain) {
            c.reason << (c.reason.empty() ? "your search term \"" : ", \"") << term.keyword()
                     << (strong     ? "\" in the title or tags"
                         : tag_only ? "\" only in the platform's tags, not the posting's words"
                                    : "\" in the description");
        }
    }
    c.value = std::min(1.0, found);
    if (explain && c.reason.empty()) {
        c.reason = search_terms.empty() ? "you gave no search terms (their points go to skill)"
                                        : "none of your search terms found";
    }
    return c;
}

ScoreComponent Scorer::Impl::penalty_component(const Listing& l, bool explain) const {
    ScoreComponent c{"penalty", 0, profile.weights.excluded_keyword_penalty, 0, {}};
    for (const auto& k : excluded) {
        if (k.matches(l)) {
            c.value += 1;
            if (explain) {
                c.reason +=
                    (c.reason.empty() ? "excluded keyword \"" : ", \"") + k.keyword() + "\"";
            }
        }
    }
    // Work of another kind counts as one excluded keyword: the user looks for their own work.
    const WorkKind* kind = work_kind_of_title(l.title);
    const bool foreign =
        kind != nullptr && !own_kinds[static_cast<std::size_t>(kind - work_kinds().data())];
    if (foreign) {
        c.value += 1;
    }
    if (explain) {
        if (foreign) {
            c.reason << (c.reason.empty() ? "" : "; ") << "the title asks for " << kind->role
                     << " (" << kind->name << " work), and none of your skills is " << kind->name;
        }
        c.reason = c.reason.empty() ? "no excluded keyword"
                   : c.weight > 0   ? c.reason + ": ranked after every listing without one"
                                    : c.reason + " (the penalty is 0)";
    }
    c.points = c.value > 0 ? -c.value * c.weight : 0.0;  // never -0
    return c;
}

Scorer::Scorer(const Profile& profile, const Taxonomy& taxonomy, const CurrencyTable& currencies,
               std::int64_t now)
    : impl_(std::make_unique<Impl>(profile, taxonomy, currencies, now)) {}
Scorer::~Scorer() = default;
Scorer::Scorer(Scorer&&) noexcept = default;
Scorer& Scorer::operator=(Scorer&&) noexcept = default;

const Profile& Scorer::profile() const {
    return impl_->profile;
}

Score Scorer::score(const Listing& listing, ScoreDetail detail) const {
    const Impl& m = *impl_;
    const bool explain = detail == ScoreDetail::Full;
    Score score;
    ListingLevel level = listing_level(listing);
    Impl::Pay pay = m.pay_of(listing);
    m.filters(listing, level, pay, score, explain);
    score.components.reserve(7);
    double context = 0;
    score.components.push_back(m.skill_component(listing, score, context, explain));
    score.components.push_back(m.level_component(level, explain));
    score.components.push_back(m.budget_component(listing, pay, explain));
    score.components.push_back(m.recency_component(listing, explain));
    score.components.push_back(m.client_component(listing, explain));
    // No evidence, no score: the context components only refine a skill match, scaled by how
    // much of the user's skill the listing names (the evidence factor), not by the share of
    // its skills the user has, so one unknown synonym does not bury a listing naming the
    // user's tools.
    double total = 0;
    for (std::size_t i = 0; i < score.components.size(); ++i) {
        ScoreComponent& c = score.components[i];
        c.points = c.value * c.weight * (i == 0 ? 1.0 : context);
        total += c.points;
    }
    score.components.push_back(m.search_component(listing, explain));
    score.components.back().points = score.components.back().value * score.components.back().weight;
    total += score.components.back().points;
    score.components.push_back(m.penalty_component(listing, explain));
    total += score.components.back().points;
    // The user said they do not want these: points alone would leave one on top of a list
    // where nothing else scores higher, so it goes after every listing without one. A
    // penalty weight of 0 turns excluded keywords off.
    score.demoted = score.demoted || score.components.back().points < 0;
    score.exact = std::clamp(total, 0.0, 100.0);
    score.total = static_cast<int>(std::lround(score.exact));
    return score;
}

std::vector<RankedListing> rank(const std::vector<Listing>& listings, const Scorer& scorer,
                                ScoreDetail detail) {
    std::vector<Score> scores;
    scores.reserve(listings.size());
    for (const Listing& l : listings) {
        scores.push_back(scorer.score(l, detail));
    }
    // Sorting small keys and moving each score once is far cheaper than sorting scores.
    struct Key {
        RankKey rank;
        std::size_t index;
    };
    std::vector<Key> keys(listings.size());
    for (std::size_t i = 0; i < listings.size(); ++i) {
        keys[i] = {{scores[i].filtered, scores[i].demoted, scores[i].exact, listings[i].id}, i};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        if (ranks_before(a.rank, b.rank)) {
            return true;
        }
        return !ranks_before(b.rank, a.rank) && a.index < b.index;
    });
    std::vector<RankedListing> out;
    out.reserve(keys.size());
    for (const Key& k : keys) {
        out.push_back({k.index, std::move(scores[k.index])});
    }
    return out;
}

}  // namespace gigscout
