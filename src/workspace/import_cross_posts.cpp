#include "workspace/import_cross_posts.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <set>

#include "dedupe/listing_dedupe.h"
#include "workspace/dedupe_rank.h"

namespace gigscout {
namespace {

// Two kinds of key (the top bit of its hash says which), bounded differently:
//  * an exact key (canonical url; company with title) is shared only by copies of one job
//    (rules 1 and 2), merged into one listing when stored: the first few ids find it;
//  * a similarity key (a sketch value; a title with one of its description's min-hash bands)
//    is shared by listings a rule must still compare. All of them are kept, up to the bound
//    rule 4 puts on a sketch value: one shared by more than 200 listings is board
//    boilerplate, not evidence of one job, and is dropped for the rest of the file.
constexpr std::uint64_t kSimilarityKey = std::uint64_t{1} << 63;
constexpr std::size_t kIdsPerExactKey = 4;
constexpr std::size_t kIdsPerSimilarityKey = 200;
constexpr std::size_t kCandidatesPerRead = 500;
// docs/dedupe.md, rule 4: shorter descriptions never decide alone; the sketch is the four
// smallest shingle hashes.
constexpr std::size_t kMinSketchShingles = 20;
constexpr std::size_t kSketchValues = 4;
// Rule 3 (same title, company unknown on a side, description similarity >= 0.5) meets through
// the title and one of 8 min-hash values of the description: two descriptions of similarity J
// share a given one with probability J, so a pair at the 0.5 threshold is missed by all 8
// with probability 0.5^8 (0.4 %), at 0.8 with 0.2^8. A common title alone ("Software
// Engineer") would make every listing bearing it a candidate of every other.
constexpr std::uint64_t kTitleBandSeeds[] = {
    0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL, 0xD6E8FEB86659FD93ULL,
    0xFF51AFD7ED558CCDULL, 0xC4CEB9FE1A85EC53ULL, 0x94D049BB133111EBULL, 0xBF58476D1CE4E5B9ULL};

std::uint64_t key_hash(char kind, std::string_view a, std::string_view b = {}) {
    std::string key(1, kind);
    key.append(a).append(1, '\x1f').append(b);
    const std::uint64_t h = std::hash<std::string>{}(key);
    return kind == 'u' || kind == 'c' ? h & ~kSimilarityKey : h | kSimilarityKey;
}

std::uint64_t band_mix(std::uint64_t x) {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Stored under / looked up by, for rules 1-4 of docs/dedupe.md: computed once a listing (its
// shingles are most of the cost). A company known on one side and unknown on the other meets
// through the title alone.
ListingKeys listing_keys(const Listing& l) {
    ListingKeys out;
    auto both = [&](std::uint64_t k) {
        out.stored.push_back(k);
        out.lookup.push_back(k);
    };
    if (!l.url.empty()) {
        both(key_hash('u', canonical_url(l.url)));
    }
    const std::string title = normalised_title(l.title);
    const std::string company = normalised_company(l.company);
    const auto shingles = description_shingles(l.description);
    if (!title.empty()) {
        if (!company.empty()) {
            both(key_hash('c', company, title));
        }
        // Rule 3 needs shingles on both sides (similarity is 0 without).
        for (std::size_t band = 0; band < std::size(kTitleBandSeeds) && !shingles.empty(); ++band) {
            std::uint64_t least = ~std::uint64_t{0};
            for (std::uint64_t s : shingles) {
                least = std::min(least, band_mix(s ^ kTitleBandSeeds[band]));
            }
            const std::string value = std::to_string(least) + "/" + std::to_string(band);
            // With a company: stored as 't' (found by a later listing without one), looks up
            // 'n' (an earlier listing without one); without: stored as 'n', looks up both.
            if (!company.empty()) {
                out.stored.push_back(key_hash('t', title, value));
                out.lookup.push_back(key_hash('n', title, value));
            } else {
                out.stored.push_back(key_hash('n', title, value));
                out.lookup.push_back(key_hash('n', title, value));
                out.lookup.push_back(key_hash('t', title, value));
            }
        }
    }
    if (shingles.size() >= kMinSketchShingles) {
        for (std::size_t i = 0; i < kSketchValues; ++i) {
            both(key_hash('s', std::to_string(shingles[i])));
        }
    }
    return out;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ImportCrossPosts::find(
    const std::vector<const Listing*>& batch, Store& store) {
    std::set<std::string> candidates;
    pending_.clear();
    pending_.reserve(batch.size());
    for (const Listing* l : batch) {
        pending_.push_back(listing_keys(*l));
        for (std::uint64_t key : pending_.back().lookup) {
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
    // The keys find() computed for this batch, when it was asked about it.
    const bool computed = pending_.size() == batch.size();
    for (std::size_t b = 0; b < batch.size(); ++b) {
        const auto index = static_cast<std::uint32_t>(ids_.size());
        ids_.push_back(batch[b]->id);
        const ListingKeys keys = computed ? std::move(pending_[b]) : listing_keys(*batch[b]);
        for (std::uint64_t key : keys.stored) {
            if (!boilerplate_.contains(key)) {
                earlier_.emplace_back(key, index);
            }
        }
    }
    pending_.clear();
    std::sort(earlier_.begin() + static_cast<std::ptrdiff_t>(before), earlier_.end());
    std::inplace_merge(earlier_.begin(), earlier_.begin() + static_cast<std::ptrdiff_t>(before),
                       earlier_.end());
    // Of an exact key, its first few ids (the earliest listings, as indexes grow); a similarity
    // key shared by too many is dropped.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < earlier_.size();) {
        std::size_t end = i;
        while (end < earlier_.size() && earlier_[end].first == earlier_[i].first) {
            ++end;
        }
        const std::uint64_t key = earlier_[i].first;
        std::size_t keep = end - i;
        if ((key & kSimilarityKey) == 0) {
            keep = std::min(keep, kIdsPerExactKey);
        } else if (keep > kIdsPerSimilarityKey) {
            boilerplate_.insert(key);
            keep = 0;
        }
        for (std::size_t k = 0; k < keep; ++k) {
            earlier_[kept++] = earlier_[i + k];
        }
        i = end;
    }
    earlier_.resize(kept);
}

}  // namespace gigscout
