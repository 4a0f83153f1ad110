// Listings for the benchmarks that need a big store: real-looking titles, about 3 KB of
// description each (the size of real postings), pay of every kind, skills extracted once per
// title as on entry. Shared by bench_views and bench_app.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "model/listing.h"

namespace gigscout::bench {

// `count` listings numbered from `first`, spread over `sources` sources ("source<k>"), posted
// in the 60 days before `now`.
std::vector<Listing> bench_listings(int count, int first, std::mt19937& random, std::int64_t now,
                                    int sources);

}  // namespace gigscout::bench
