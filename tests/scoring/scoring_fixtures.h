// A small taxonomy and currency table with round numbers, so every expected score in the
// scoring tests can be computed by hand (docs/scoring.md shows the formulas).
#pragma once

#include <string>
#include <vector>

#include "model/currency.h"
#include "model/listing.h"
#include "scoring/profile.h"
#include "taxonomy/taxonomy.h"

namespace gigscout::testing {

const Taxonomy& test_taxonomy();
// EUR 0.8, GBP 0.5, INR 80 per USD.
const CurrencyTable& test_currencies();

// 2026-11-25T12:00:00Z
constexpr std::int64_t kNow = 1795608000;
constexpr std::int64_t kDay = 86400;

ProfileSkill skill(const std::string& id, SkillLevel level);
// A listing with an id, url and title, and the given skills (tags origin unless stated).
Listing listing(const std::string& id, std::vector<ListingSkill> skills = {});

}  // namespace gigscout::testing
