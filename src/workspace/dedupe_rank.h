// Which copy of a cross-posted job keeps its id: the one the store saw first, so what the user
// did with it stays where it was (docs/dedupe.md). A refresh and an import rank alike.
#pragma once

#include <cstdint>
#include <vector>

#include "model/listing.h"
#include "store/store.h"

namespace gigscout {

// find_duplicates' rank for `listings`: each one's first_seen in the store, the largest value
// for one the store has not seen; empty (the caller's own order) when the store cannot say.
std::vector<std::int64_t> first_seen_rank(Store& store, const std::vector<Listing>& listings);

}  // namespace gigscout
