// The cross-posted copies among listings imported from a file (a JSON array or a CSV
// selection), found as a refresh finds them (docs/dedupe.md) though the file is stored batch by
// batch: each batch is compared with itself and with the listings of earlier batches that share
// a key with it — its canonical url, its title with the company (when known) or with a min-hash
// value of its description, or one of its description's sketch values. Those are read back
// from the store, so memory holds one batch and a few hashes per listing imported, never the
// earlier listings themselves.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/listing.h"
#include "store/store.h"

namespace gigscout {

// What a listing is stored under and looks up, as hashes (import_cross_posts.cpp).
struct ListingKeys {
    std::vector<std::uint64_t> stored;
    std::vector<std::uint64_t> lookup;
};

class ImportCrossPosts {
  public:
    // (kept id, duplicate id) for each copy in `batch` (listings about to be stored) of a job
    // in the batch or in an earlier one. Of a job on several boards the copy the store saw
    // first keeps its id, as in a refresh, so what the user did with it stays where it was.
    Result<std::vector<std::pair<std::string, std::string>>> find(
        const std::vector<const Listing*>& batch, Store& store);
    // Once `batch` is stored: later batches are compared with it.
    void remember(const std::vector<const Listing*>& batch);

  private:
    // (a key's hash, index into ids_) of earlier listings, sorted: 16 bytes a key, about 14
    // keys a listing. A collision only adds a listing to compare. How many ids a key keeps:
    // import_cross_posts.cpp.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> earlier_;
    std::vector<std::string> ids_;
    std::unordered_set<std::uint64_t> boilerplate_;  // similarity keys shared by too many
    std::vector<ListingKeys> pending_;  // the keys of the batch find() was last asked about
};

}  // namespace gigscout
