// The plain values the store takes and gives (rows, filters, refresh summaries, sources'
// records, options): no database handles, so views and front ends hold them freely.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/listing.h"
#include "store/listing_state.h"
#include "store/refresh_completeness.h"

namespace gigscout {

// A stored listing ready for display: plain values, no database handles.
struct StoredListing {
    Listing listing;  // `merged` lists every copy folded into it; `skills` as extracted on entry
    std::vector<std::string> sources;       // every source that brought it or a copy of it, sorted
    std::int64_t first_seen = 0;            // earliest over the listing and its merged copies
    std::int64_t last_seen = 0;             // latest likewise
    std::optional<std::int64_t> closed_at;  // set when gone from every source that had it
    bool content_dropped = false;  // a platform's cache limit: only id, source and url remain
    ListingState state = ListingState::New;        // effective: the user's action, else New or Seen
    bool is_new = false;                           // entered the store after the user's last look
    std::optional<std::int64_t> state_changed_at;  // when the user last acted on it
    std::optional<std::int64_t> applied_at;
    std::string note;
    // The store's entry counter when the listing entered: it is new while this is above the
    // look mark (mark_looked).
    std::int64_t entered_seq = 0;
};

struct ListingFilter {
    // Only this effective state; closed and content-dropped listings are then included.
    std::optional<ListingState> state;
    // Without a state: hidden, closed and content-dropped listings are left out unless asked.
    bool include_hidden = false;
    bool include_closed = false;
    bool include_dropped = false;  // content dropped and not saved or applied by the user
    // Only these, hidden, closed or not (a merged copy's id finds the listing it joined).
    std::vector<std::string> ids;
    std::optional<std::string> source;  // only listings this source (or a copy's) brought
};

// load_listings' order: newest first (first_seen), then the smaller id.
inline bool newest_first(std::int64_t a_first_seen, std::string_view a_id,
                         std::int64_t b_first_seen, std::string_view b_id) {
    if (a_first_seen != b_first_seen) {
        return a_first_seen > b_first_seen;
    }
    return a_id < b_id;
}

struct LoadedListings {
    std::vector<StoredListing> rows;  // newest first (first_seen, then id)
    // Pass to mark_looked once these rows were shown: listings that enter later stay new.
    std::int64_t look_mark = 0;
};

struct RefreshSummary {
    std::size_t added = 0;     // never seen before
    std::size_t updated = 0;   // seen before (content refreshed)
    std::size_t reopened = 0;  // was closed, listed again
    std::size_t closed = 0;    // gone from this source's complete listing (and from all others)
};

// One refresh of a source as the health rules see it (views/source_health.h).
struct SourceRefresh {
    std::int64_t at = 0;
    RefreshCompleteness result = RefreshCompleteness::Complete;
    std::size_t listings = 0;  // listings it brought (none for Failed and NotModified)
};

// How many of a source's last refreshes source_records keeps in SourceRecord::recent.
inline constexpr std::size_t kKeptSourceRefreshes = 10;

// What the store knows of one source's refreshes (record_refresh), for a sources panel.
struct SourceRecord {
    std::string source;
    std::int64_t last_refresh_at = 0;
    RefreshCompleteness last_result = RefreshCompleteness::Complete;
    std::optional<std::int64_t> last_success_at;   // the last refresh that did not fail
    std::optional<std::int64_t> last_complete_at;  // the last Complete one
    int consecutive_failures = 0;                  // Failed refreshes since the last success
    std::string last_error;                        // the last error given, kept after a success
    std::optional<std::int64_t> last_error_at;
    std::size_t open_listings = 0;  // listings this source lists now (open sightings)
    // consecutive_failures when the user last resumed the source (resume_source); 0 after a
    // success.
    int resumed_failures = 0;
    // Its last refreshes (at most kKeptSourceRefreshes), oldest first.
    std::vector<SourceRefresh> recent;
};

struct StoreOptions {
    // How long a writer waits for another process's transaction before giving up with a
    // message (never "database is locked"). Transactions last milliseconds; this is generous.
    std::chrono::milliseconds busy_timeout{30'000};
    // Listings per write transaction: each commit is an fsync, and a batch takes tens of
    // milliseconds, so other writers still get their turn quickly.
    std::size_t batch_size = 2000;
    // Caps the database at this many pages: tests use it to simulate a full disk.
    std::optional<std::uint32_t> max_page_count;
};

}  // namespace gigscout
