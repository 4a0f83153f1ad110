// Reading where a posting asks the hire to work. Feeds of remote jobs carry postings whose text
// says otherwise ("Hybrid, working onsite at our Santa Clara headquarters 3 days per week"); a
// remote-only user should not be shown them as remote (docs/scoring.md, "Hard filters").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/listing.h"

namespace gigscout {

// The phrase of `title` or `description` that asks the hire to work on site or in an office
// at least part of the time, with no remote alternative offered in the same sentence; none when
// the text asks nothing of the kind. The phrase is quoted as written, cut to a readable length.
// Company descriptions ("our offices in London"), hybrid cloud and choices that include remote
// ("onsite or remote", "hybrid or remote") are not requirements.
std::optional<std::string> office_requirement(std::string_view title, std::string_view description);

// The place a posting says the role itself is based in ("This role is based in Paris, with an
// internship duration of 3 to 6 months", "The position will be based in Dublin or London"),
// quoted like office_requirement; none when no such sentence is found, when it offers remote
// work, or when the place is not a name ("based in the US", "based in our office" is
// office_requirement's). A feed that calls the job remote is believed over it: a remote board's
// "This role is based in San Francisco" may name where the employer sits.
std::optional<std::string> stated_site(std::string_view description);

// The kind of employment a posting's own label states ("Employment Type: Full-time", "Job type:
// Contract"); none when no such label is found or its value names several kinds ("Full-time
// or Contract"). A freelance platform's feed files every posting as freelance, while some are
// full-time jobs that say so in their text.
std::optional<JobType> stated_job_type(std::string_view description);

// The pay a posting's own label states ("Monthly Rate: $2500-3350", "Salary: 60k-80k EUR per
// year", "Hourly rate: $40/hr", "Budget: $500"), for a listing whose feed gives none; a monthly
// amount becomes a yearly salary. None when no pay label opens a line, or its value has no
// currency, or it does not say whether it is by the hour, the month or the year (a bare "Rate:
// $45" could be either; a bare amount of 10,000 or more is a yearly salary).
std::optional<Budget> stated_pay(std::string_view description);

}  // namespace gigscout
