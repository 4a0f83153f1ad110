// The kind of work a listing's title names when it is not engineering: "Research Paper Writer",
// "Account Executive", "Support Agent", "Lead 3D Environment Artist". A title's last role noun
// says what the job is, whatever skills its text mentions ("Writer on AI/ML" is writing work);
// an engineering noun after it ("Sales Engineer", "Support Tooling Developer") makes the job
// engineering again. The scorer ranks such a listing after every other one unless the profile
// holds one of the kind's skills (docs/scoring.md, "Work of another kind").
#pragma once

#include <span>
#include <string_view>

namespace gigscout {

struct WorkKind {
    std::string_view name;  // "writing"
    std::string_view role;  // "a writer", for explanations
    // Profile skills (taxonomy ids) that make the kind the user's own work.
    std::span<const std::string_view> skills;
};

// Every kind, for validation against the taxonomy.
std::span<const WorkKind> work_kinds();

// The kind of work `title` names, or nullptr for engineering work and titles that name none.
const WorkKind* work_kind_of_title(std::string_view title);

}  // namespace gigscout
