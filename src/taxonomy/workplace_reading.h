// Reading where a posting asks the hire to work. Feeds of remote jobs carry postings whose text
// says otherwise ("Hybrid, working onsite at our Santa Clara headquarters 3 days per week"); a
// remote-only user should not be shown them as remote (docs/scoring.md, "Hard filters").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gigscout {

// The phrase of `title` or `description` that asks the hire to work on site or in an office
// at least part of the time, with no remote alternative offered in the same sentence; none when
// the text asks nothing of the kind. The phrase is quoted as written, cut to a readable length.
// Company descriptions ("our offices in London"), hybrid cloud and choices that include remote
// ("onsite or remote", "hybrid or remote") are not requirements.
std::optional<std::string> office_requirement(std::string_view title, std::string_view description);

}  // namespace gigscout
