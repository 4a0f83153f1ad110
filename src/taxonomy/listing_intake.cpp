#include "taxonomy/listing_intake.h"

#include "model/listing_validator.h"

namespace gigscout {

Status admit_listing(Listing& listing, std::int64_t now, GivenSkills given,
                     const SkillExtractor& extractor) {
    if (Status valid = validate_listing(listing, now); !valid) {
        return valid;
    }
    if (given == GivenSkills::Replace || listing.skills.empty()) {
        annotate_skills(listing, extractor);
    }
    return Ok{};
}

}  // namespace gigscout
