// The common listing model: one job or gig, from any platform, after its plugin normalised it.
// The JSON form of this type is documented field by field in docs/listing-format.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigscout {

enum class BudgetKind { Fixed, Hourly, Salary };
enum class ExperienceLevel { Entry, Intermediate, Expert };
enum class JobType { Freelance, Contract, FullTime, PartTime };

struct Money {
    double amount = 0;
    std::string currency;  // ISO 4217, upper case
};

struct Budget {
    BudgetKind kind = BudgetKind::Fixed;
    std::optional<double> min;
    std::optional<double> max;
    std::string currency;  // ISO 4217, upper case
};

struct ClientInfo {
    std::string country;           // as the platform gives it (ISO code or name)
    std::optional<double> rating;  // 0..5
    std::optional<std::int64_t> reviews;
    std::optional<bool> payment_verified;
    std::optional<Money> total_spent;
};

// Where in a listing a canonical skill was found: the scorer weighs a platform tag or a title
// mention above a passing mention in the description, and reads the title as the job itself.
// Lead: named in the description's first sentence when the title names only skills that say
// little of the job ("AI Engineer Needed", "Python Developer"): that sentence then says what the
// job is. TagOnly: a platform tag that the listing's own title and description never name
// ("Skills: Java, JavaFX" on a writing job of a feed searched for "java"), weak evidence. Role:
// named only as a role or a team ("DevOps Engineer", "our QA team"), not asked of the hire: a
// weak sign of what the job is about. Strongest first (dedupe keeps the lowest).
// Where a listing names a skill: Preferred is a description's nice-to-have ("Docker is a plus").
enum class SkillOrigin { Title, Tag, Lead, Description, TagOnly, Role, Preferred };

struct ListingSkill {
    std::string skill;  // canonical skill id from the taxonomy
    SkillOrigin origin = SkillOrigin::Description;
};

// A copy of the same job from another source, folded into this listing by dedupe.
struct MergedCopy {
    std::string id;
    std::string source;
    std::string url;
};

struct Listing {
    std::string id;      // stable: "<plugin id>:<platform's own id>"
    std::string source;  // the configured source that brought it, e.g. "greenhouse:gitlab"
    std::string url;
    std::string title;
    std::string description;  // plain text
    std::string company;
    std::optional<std::int64_t> posted_at;  // seconds since the Unix epoch, UTC
    std::optional<Budget> budget;
    std::vector<std::string> tags;  // the platform's own tags, as given
    std::optional<ExperienceLevel> experience_level;
    std::optional<JobType> job_type;
    std::optional<bool> remote;
    std::string location;
    std::optional<ClientInfo> client;
    std::optional<std::int64_t> proposals;  // proposals / applicants so far
    std::vector<MergedCopy> merged;         // duplicates from other sources (listing_dedupe.h)

    // Derived once when the listing enters (taxonomy::annotate); never read from outside input.
    std::vector<ListingSkill> skills;
};

std::string_view to_string(BudgetKind k);
std::string_view to_string(ExperienceLevel l);
std::string_view to_string(JobType t);
std::string_view to_string(SkillOrigin o);
std::optional<BudgetKind> budget_kind_from_string(std::string_view s);
std::optional<ExperienceLevel> experience_level_from_string(std::string_view s);
std::optional<JobType> job_type_from_string(std::string_view s);
std::optional<SkillOrigin> skill_origin_from_string(std::string_view s);

}  // namespace gigscout
