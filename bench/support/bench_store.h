// The set-up the benchmarks over a big store share (bench_views, bench_insights): a folder of
// their own and a store filled with bench_listings, one complete refresh per source.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/listing.h"
#include "store/store.h"

namespace gigscout::bench {

// "<bench>-<pid>" in $GIGSCOUT_BENCH_DIR, else in the system temporary directory; created.
std::filesystem::path bench_folder(const std::string& bench);

// The store `gigscout.sqlite3` in `folder`; exits naming `bench` when it cannot be opened.
Store open_bench_store(const std::filesystem::path& folder, const std::string& bench);

// bench_listings' listings per source: [k] holds those of "source<k>".
std::vector<std::vector<Listing>> by_source(std::vector<Listing> listings, int sources);

// Stores each source's listings as one complete refresh of it at `seen_at`; exits naming `bench`
// when one fails.
void store_by_source(Store& store, const std::vector<std::vector<Listing>>& per_source,
                     std::int64_t seen_at, const std::string& bench);

}  // namespace gigscout::bench
