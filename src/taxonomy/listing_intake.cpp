#include "taxonomy/listing_intake.h"

#include "base/ascii.h"
#include "model/listing_validator.h"
#include "taxonomy/workplace_reading.h"

namespace gigscout {
namespace {

// A feed's own "remote" or empty location says less than a sentence of the posting asking for
// office days; the sentence becomes the location, so every view and the scorer's "not remote
// (…)" quote it.
void read_workplace(Listing& listing) {
    if (listing.remote == false) {
        return;
    }
    auto office = office_requirement(listing.title, listing.description);
    // "This role is based in Paris" where the feed says nothing of remote work: a remote feed
    // may name where its employer sits.
    if (!office && !listing.remote) {
        office = stated_site(listing.description);
    }
    if (!office) {
        return;
    }
    listing.remote = false;
    const std::string place = ascii::to_lower(listing.location);
    if (listing.location.empty()) {
        listing.location = *office;
    } else if (place.find("remote") != std::string::npos ||
               place.find("anywhere") != std::string::npos ||
               place.find("worldwide") != std::string::npos) {
        std::string both = *office + " (listed as \"" + listing.location + "\")";
        listing.location = both.size() <= ListingLimits::kShortTextBytes ? both : *office;
    }
}

// A posting's own "Employment Type: Full-time" says more than the feed's kind: freelance
// platforms file every posting as freelance.
void read_job_type(Listing& listing) {
    if (auto stated = stated_job_type(listing.description)) {
        listing.job_type = *stated;
    }
}

// A posting's own pay line ("Monthly Rate: $2500-3350") is its pay when the feed gives none,
// so a minimum filters it as it would a feed's budget.
void read_pay(Listing& listing) {
    if (!listing.budget) {
        listing.budget = stated_pay(listing.description);
    }
}

}  // namespace

Status admit_listing(Listing& listing, std::int64_t now, GivenSkills given,
                     const SkillExtractor& extractor) {
    if (Status valid = validate_listing(listing, now); !valid) {
        return valid;
    }
    read_workplace(listing);
    read_job_type(listing);
    read_pay(listing);
    if (given == GivenSkills::Replace || listing.skills.empty()) {
        annotate_skills(listing, extractor);
    }
    return Ok{};
}

}  // namespace gigscout
