#include "workspace/dedupe_rank.h"

#include <limits>
#include <string>

namespace gigscout {

std::vector<std::int64_t> first_seen_rank(Store& store, const std::vector<Listing>& listings) {
    std::vector<std::string> ids;
    ids.reserve(listings.size());
    for (const auto& l : listings) {
        ids.push_back(l.id);
    }
    std::vector<std::int64_t> rank;
    auto seen = store.first_seen(ids);
    if (!seen) {
        return rank;  // the caller's own order then
    }
    for (const auto& id : ids) {
        auto it = seen.value().find(id);
        rank.push_back(it == seen.value().end() ? std::numeric_limits<std::int64_t>::max()
                                                : it->second);
    }
    return rank;
}

}  // namespace gigscout
