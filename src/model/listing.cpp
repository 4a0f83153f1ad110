#include "model/listing.h"

#include <array>
#include <utility>

namespace gigscout {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view s) {
    for (const auto& [value, name] : table) {
        if (name == s) {
            return value;
        }
    }
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
    for (const auto& [value, name] : table) {
        if (value == e) {
            return name;
        }
    }
    return "?";
}

constexpr std::array<std::pair<BudgetKind, std::string_view>, 3> kBudgetKinds{{
    {BudgetKind::Fixed, "fixed"},
    {BudgetKind::Hourly, "hourly"},
    {BudgetKind::Salary, "salary"},
}};
constexpr std::array<std::pair<ExperienceLevel, std::string_view>, 3> kLevels{{
    {ExperienceLevel::Entry, "entry"},
    {ExperienceLevel::Intermediate, "intermediate"},
    {ExperienceLevel::Expert, "expert"},
}};
constexpr std::array<std::pair<JobType, std::string_view>, 4> kJobTypes{{
    {JobType::Freelance, "freelance"},
    {JobType::Contract, "contract"},
    {JobType::FullTime, "full_time"},
    {JobType::PartTime, "part_time"},
}};
constexpr std::array<std::pair<SkillOrigin, std::string_view>, 7> kOrigins{{
    {SkillOrigin::Tag, "tag"},
    {SkillOrigin::Title, "title"},
    {SkillOrigin::Lead, "lead"},
    {SkillOrigin::Description, "description"},
    {SkillOrigin::TagOnly, "tag-only"},
    {SkillOrigin::Role, "role"},
    {SkillOrigin::Preferred, "preferred"},
}};

}  // namespace

std::string_view to_string(BudgetKind k) {
    return name_of(kBudgetKinds, k);
}
std::string_view to_string(ExperienceLevel l) {
    return name_of(kLevels, l);
}
std::string_view to_string(JobType t) {
    return name_of(kJobTypes, t);
}
std::string_view to_string(SkillOrigin o) {
    return name_of(kOrigins, o);
}
std::optional<BudgetKind> budget_kind_from_string(std::string_view s) {
    return lookup(kBudgetKinds, s);
}
std::optional<ExperienceLevel> experience_level_from_string(std::string_view s) {
    return lookup(kLevels, s);
}
std::optional<JobType> job_type_from_string(std::string_view s) {
    return lookup(kJobTypes, s);
}
std::optional<SkillOrigin> skill_origin_from_string(std::string_view s) {
    return lookup(kOrigins, s);
}

}  // namespace gigscout
