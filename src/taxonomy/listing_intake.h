// The one door a listing enters GigScout by: a refresh, `import`, `match` and the app's demo
// all pass each listing here once, before it is stored or ranked (docs/architecture.md).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "model/listing.h"
#include "taxonomy/skill_extractor.h"

namespace gigscout {

// What the door does with skills a listing already carries.
enum class GivenSkills {
    Replace,  // a plugin's or a file's listing: its skills are extracted here (the usual case)
    Keep,     // an import: a GigScout export brings the skills it was stored with; a listing
              // without any gets them extracted
};

// Checks the listing with the one validator (validate_listing, bounded by `now`) and, when it
// passes, fills its skills (annotate_skills) — so everything downstream (the scorer, the
// store, a view) reads skills and never extracts them again. A refused listing is left as it
// was and the error names each field, as validate_listing words it.
Status admit_listing(Listing& listing, std::int64_t now, GivenSkills given = GivenSkills::Replace,
                     const SkillExtractor& extractor = SkillExtractor::bundled());

}  // namespace gigscout
