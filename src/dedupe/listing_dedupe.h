// Finds the same job cross-posted on several boards (or reposted) so it appears once, with every
// source it came from. The rule and its thresholds are documented in docs/dedupe.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/listing.h"

namespace gigscout {

// "https://WWW.Example.com/jobs/42/?utm_source=x#apply" -> "example.com/jobs/42"
std::string canonical_url(std::string_view url);
// "Acme Robotics, Inc." -> "acme robotics"
std::string normalised_company(std::string_view company);
// "Senior Computer Vision Engineer (Remote) - Upwork" -> "senior computer vision engineer"
std::string normalised_title(std::string_view title);

// Hashed word 3-gram shingles of a description, sorted and unique; the unit of comparison for
// near-duplicate descriptions.
std::vector<std::uint64_t> description_shingles(std::string_view text);
// Jaccard similarity of two sorted shingle sets (0 when either is empty).
double shingle_similarity(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

struct DedupeThresholds {
    double same_title_description = 0.5;  // same title (company unknown on one side)
    double description_only = 0.85;       // different titles, near-identical long texts
    std::size_t min_shingles = 20;        // shorter descriptions never decide alone
};

enum class DuplicateReason { SameUrl, SameCompanyAndTitle, SameTitleSimilarText, SimilarText };
std::string_view to_string(DuplicateReason r);

struct DuplicateGroup {
    std::size_t keep = 0;                  // index of the listing whose id the group keeps
    std::vector<std::size_t> duplicates;   // indexes merged into it
    std::vector<DuplicateReason> reasons;  // why each duplicate matched (parallel to duplicates)
};

// Groups duplicates among `listings`. The kept listing of a group is the one with the lowest
// `rank` (callers pass first-seen times from the store, so user state stays on the id it was
// set on); ties go to the earliest posted, then the smallest id. Singletons are not returned.
std::vector<DuplicateGroup> find_duplicates(const std::vector<Listing>& listings,
                                            const std::vector<std::int64_t>& rank = {},
                                            const DedupeThresholds& thresholds = {});

// Collapses each group into its kept listing: the duplicates' ids, sources and urls are
// recorded in `merged`, missing fields are filled from the duplicates (budget, company,
// posted time, tags), and the duplicates are removed. Order of the survivors is preserved.
std::vector<Listing> merge_duplicates(std::vector<Listing> listings,
                                      const std::vector<DuplicateGroup>& groups);

}  // namespace gigscout
