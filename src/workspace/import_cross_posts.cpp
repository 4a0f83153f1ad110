#include "workspace/import_cross_posts.h"

#include <algorithm>
#include <functional>
#include <set>

#include "dedupe/listing_dedupe.h"
#include "workspace/dedupe_rank.h"

namespace gigscout {
namespace {

// Earlier listings kept per key: enough for every real cross-post (a job is on a handful of
// boards), few enough that a common title does not read half the store back per batch.
constexpr std::size_t kIdsPerKey = 4;
constexpr std::size_t kCandidatesPerRead = 500;
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
            auto it = std::lower_bound(earlier_.begin(), earlier_.end(),
                                       std::pair<std::uint64_t, std::uint32_t>(key, 0));
            for (; it != earlier_.end() && it->first == key; ++it) {
                candidates.insert(ids_[it->second]);
            }
        }
    }
    // Read by id in slices: SQLite binds at most 32,766 parameters.
    std::vector<Listing> listings;
    std::set<std::string> loaded_ids;
    std::vector<std::string> wanted(candidates.begin(), candidates.end());
    for (std::size_t begin = 0; begin < wanted.size(); begin += kCandidatesPerRead) {
        ListingFilter filter;
        const auto end = std::min(wanted.size(), begin + kCandidatesPerRead);
        filter.ids.assign(wanted.begin() + static_cast<std::ptrdiff_t>(begin),
                          wanted.begin() + static_cast<std::ptrdiff_t>(end));
        auto loaded = store.load_listings(filter);
        if (!loaded) {
            return loaded.error();
        }
        for (auto& row : loaded.value().rows) {
            // Two candidates merged earlier come back as one listing, maybe in two slices.
            if (loaded_ids.insert(row.listing.id).second) {
                listings.push_back(std::move(row.listing));
            }
        }
    }
    const std::size_t first_of_batch = listings.size();
    for (const Listing* l : batch) {
        listings.push_back(*l);
    }
    const std::vector<std::int64_t> rank = first_seen_rank(store, listings);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& group : find_duplicates(listings, rank)) {
        for (std::size_t d : group.duplicates) {
            // Two earlier listings in one group were merged when their batch was stored.
            if ((group.keep >= first_of_batch || d >= first_of_batch) &&
                listings[group.keep].id != listings[d].id) {
                out.emplace_back(listings[group.keep].id, listings[d].id);
            }
        }
    }
    return out;
}

void ImportCrossPosts::remember(const std::vector<const Listing*>& batch) {
    const std::size_t before = earlier_.size();
    for (const Listing* l : batch) {
        const auto index = static_cast<std::uint32_t>(ids_.size());
        ids_.push_back(l->id);
        for (std::uint64_t key : listing_keys(*l, false)) {
            earlier_.emplace_back(key, index);
        }
    }
    std::sort(earlier_.begin() + static_cast<std::ptrdiff_t>(before), earlier_.end());
    std::inplace_merge(earlier_.begin(), earlier_.begin() + static_cast<std::ptrdiff_t>(before),
                       earlier_.end());
    // The first kIdsPerKey of each key: the earliest listings, as indexes grow.
    std::size_t kept = 0;
    for (std::size_t i = 0, run = 0; i < earlier_.size(); ++i) {
        run = i > 0 && earlier_[i].first == earlier_[i - 1].first ? run + 1 : 0;
        if (run < kIdsPerKey) {
            earlier_[kept++] = earlier_[i];
        }
    }
    earlier_.resize(kept);
}

}  // namespace gigscout
