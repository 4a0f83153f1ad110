#include "workspace/import_cross_posts.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <set>

#include "dedupe/listing_dedupe.h"

namespace gigscout {
namespace {

// Earlier listings kept per key: enough for every real cross-post (a job is on a handful of
// boards), few enough that a common title does not read half the store back per batch.
constexpr std::size_t kIdsPerKey = 4;
// docs/dedupe.md, rule 4: shorter descriptions never decide alone; the sketch is the four
// smallest shingle hashes.
constexpr std::size_t kMinSketchShingles = 20;
constexpr std::size_t kSketchValues = 4;

std::uint64_t key_hash(char kind, std::string_view a, std::string_view b = {}) {
    std::string key(1, kind);
    key.append(a).append(1, '\x1f').append(b);
    return std::hash<std::string>{}(key);
}

// What a listing is found by (`as_later`: the keys it looks up; otherwise the keys it is
// stored under): rules 1-4 of docs/dedupe.md. A company known on one side and unknown on the
// other meets through the title alone.
std::vector<std::uint64_t> listing_keys(const Listing& l, bool as_later) {
    std::vector<std::uint64_t> out;
    if (!l.url.empty()) {
        out.push_back(key_hash('u', canonical_url(l.url)));
    }
    const std::string title = normalised_title(l.title);
    const std::string company = normalised_company(l.company);
    if (!title.empty()) {
        if (!company.empty()) {
            out.push_back(key_hash('c', company, title));
            // Stored under: found by a later listing without a company. Looks up: an earlier
            // listing without one.
            out.push_back(key_hash(as_later ? 'n' : 't', title));
        } else {
            out.push_back(key_hash('n', title));
            if (as_later) {
                out.push_back(key_hash('t', title));
            }
        }
    }
    const auto shingles = description_shingles(l.description);
    if (shingles.size() >= kMinSketchShingles) {
        for (std::size_t i = 0; i < kSketchValues; ++i) {
            out.push_back(key_hash('s', std::to_string(shingles[i])));
        }
    }
    return out;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ImportCrossPosts::find(
    const std::vector<const Listing*>& batch, Store& store) {
    std::set<std::string> candidates;
    for (const Listing* l : batch) {
        for (std::uint64_t key : listing_keys(*l, true)) {
            if (auto it = earlier_.find(key); it != earlier_.end()) {
                candidates.insert(it->second.begin(), it->second.end());
            }
        }
    }
    std::vector<Listing> listings;
    if (!candidates.empty()) {
        ListingFilter filter;
        filter.ids.assign(candidates.begin(), candidates.end());
        auto loaded = store.load_listings(filter);
        if (!loaded) {
            return loaded.error();
        }
        for (auto& row : loaded.value().rows) {
            listings.push_back(std::move(row.listing));
        }
    }
    const std::size_t first_of_batch = listings.size();
    for (const Listing* l : batch) {
        listings.push_back(*l);
    }
    std::vector<std::string> ids;
    ids.reserve(listings.size());
    for (const auto& l : listings) {
        ids.push_back(l.id);
    }
    std::vector<std::int64_t> rank;
    if (auto seen = store.first_seen(ids)) {
        for (const auto& id : ids) {
            auto it = seen.value().find(id);
            rank.push_back(it == seen.value().end() ? std::numeric_limits<std::int64_t>::max()
                                                    : it->second);
        }
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& group : find_duplicates(listings, rank)) {
        for (std::size_t d : group.duplicates) {
            // Two earlier listings in one group were merged when their batch was stored.
            if (group.keep >= first_of_batch || d >= first_of_batch) {
                out.emplace_back(listings[group.keep].id, listings[d].id);
            }
        }
    }
    return out;
}

void ImportCrossPosts::remember(const std::vector<const Listing*>& batch) {
    for (const Listing* l : batch) {
        for (std::uint64_t key : listing_keys(*l, false)) {
            auto& ids = earlier_[key];
            if (ids.size() < kIdsPerKey) {
                ids.push_back(l->id);
            }
        }
    }
}

}  // namespace gigscout
