// What a list of stored listings shows, as plain values: the rows of `gigscout-cli list` and of
// the desktop app's list. Every listing that passes the filter becomes one small row, scored
// with numbers only and put in rank order; whole listings and explanations are read only for
// the rows on screen (load_shown). 100,000 stored listings so cost about half a second and the
// memory of their rows, not of the listings (docs/store.md, "Performance").
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/listing.h"
#include "scoring/scorer.h"
#include "store/store.h"

namespace gigscout {

// A row's score: the numbers that place it (ScoreDetail::Numbers). The explanation is read for
// the rows on screen only (load_shown).
struct RowScore {
    int total = 0;
    double exact = 0;
    bool filtered = false;
    // When filtered: why, in the scorer's words (Score::filter_reasons joined by "; ", as
    // `gigscout-cli match` prints them). Empty otherwise.
    std::string reasons;
    bool demoted = false;  // Score::demoted: ranked after the rows that are not
};

struct ListingRow {
    std::string id;
    std::string title;    // empty when content_dropped
    std::string company;  // may be empty
    std::string url;
    std::vector<std::string> sources;  // sorted
    std::optional<std::int64_t> posted_at;
    std::optional<Budget> budget;
    std::int64_t first_seen = 0;
    std::int64_t last_seen = 0;
    std::optional<std::int64_t> closed_at;
    std::optional<std::int64_t> applied_at;
    bool content_dropped = false;
    ListingState state = ListingState::New;
    bool is_new = false;
    std::string note;
    std::optional<std::int64_t> state_changed_at;  // set when the state is the user's action
    std::optional<RowScore> score;                 // none without a scorer
    std::string client_country;                    // as the platform gives it; may be empty
    std::optional<JobType> job_type;
    // The listing's skills as indices into ListingView::skill_ids, in the listing's order:
    // a few bytes a row instead of a string per skill.
    std::vector<std::uint32_t> skills;
    std::int64_t entered_seq = 0;  // StoredListing::entered_seq, for look marks
};

struct ListingViewQuery {
    ListingFilter filter;
    const Scorer* scorer = nullptr;  // none: newest first, unscored
    bool include_filtered = false;   // rows a hard filter refused (after all the others)
    std::optional<int> min_score;    // with a scorer: rows scoring less are left out
};

// Rows stay where they were read; `order` says where each is shown, so sorting by another
// column (a view-model's job) permutes indices, never rows.
struct ListingView {
    std::deque<ListingRow> rows;         // in the order the store read them
    std::vector<std::size_t> order;      // rank() order with a scorer, else load_listings' order
    std::vector<std::string> skill_ids;  // distinct skill ids named by the rows' `skills`
    // For Store::mark_looked once the rows were shown (LoadedListings::look_mark).
    std::int64_t look_mark = 0;

    std::size_t size() const { return order.size(); }
    // The row shown at `position` (0 = first).
    const ListingRow& at(std::size_t position) const { return rows[order[position]]; }
};

Result<ListingView> load_listing_view(Store& store, const ListingViewQuery& query);

struct ShownListing {
    StoredListing row;
    std::optional<Score> score;  // ScoreDetail::Full when a scorer was given
};

// The whole stored listings behind `ids` (rows of a view), in the order of `ids`. An id no
// longer stored is left out.
Result<std::vector<ShownListing>> load_shown(Store& store, const std::vector<std::string>& ids,
                                             const Scorer* scorer);

}  // namespace gigscout
