#include "views/listing_view.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace gigscout {
namespace {

// SQLite binds at most 32,766 parameters; whole listings are read by id in slices well below.
constexpr std::size_t kIdsPerRead = 500;
// Past this many ids one pass over the table (sequential pages) beats looking each one up:
// 100,000 by id took 7 s, the pass about 1.5 s.
constexpr std::size_t kReadByIdUpTo = 2000;

ListingRow row_of(const StoredListing& stored) {
    const Listing& l = stored.listing;
    ListingRow row;
    row.id = l.id;
    row.title = l.title;
    row.company = l.company;
    row.url = l.url;
    row.sources = stored.sources;
    row.posted_at = l.posted_at;
    row.budget = l.budget;
    row.first_seen = stored.first_seen;
    row.last_seen = stored.last_seen;
    row.closed_at = stored.closed_at;
    row.applied_at = stored.applied_at;
    row.content_dropped = stored.content_dropped;
    row.state = stored.state;
    row.is_new = stored.is_new;
    row.note = stored.note;
    return row;
}

template <class Before>
std::vector<std::size_t> sorted_order(const std::deque<ListingRow>& rows, Before before) {
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return before(rows[a], rows[b]); });
    return order;
}

}  // namespace

Result<ListingView> load_listing_view(Store& store, const ListingViewQuery& query) {
    const Scorer* scorer = query.scorer;
    ListingView view;
    auto mark = store.visit_listings(query.filter, [&](const StoredListing& stored) {
        std::optional<RowScore> score;
        if (scorer) {
            Score s = scorer->score(stored.listing, ScoreDetail::Numbers);
            if ((s.filtered && !query.include_filtered) ||
                (query.min_score && s.total < *query.min_score)) {
                return;
            }
            score = RowScore{s.total, s.exact, s.filtered, s.below_minimum};
        }
        view.rows.push_back(row_of(stored));
        view.rows.back().score = score;
    });
    if (!mark) {
        return mark.error();
    }
    view.look_mark = mark.value();
    if (scorer) {
        view.order = sorted_order(view.rows, [](const ListingRow& a, const ListingRow& b) {
            return ranks_before({a.score->filtered, a.score->below_minimum, a.score->exact, a.id},
                                {b.score->filtered, b.score->below_minimum, b.score->exact, b.id});
        });
    } else {
        view.order = sorted_order(view.rows, [](const ListingRow& a, const ListingRow& b) {
            return newest_first(a.first_seen, a.id, b.first_seen, b.id);
        });
    }
    return view;
}

Result<std::vector<ShownListing>> load_shown(Store& store, const std::vector<std::string>& ids,
                                             const Scorer* scorer) {
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        position.emplace(ids[i], i);
    }
    std::vector<std::optional<ShownListing>> slots(ids.size());
    // A merged copy's id finds the listing it joined, which is shown under its own id.
    // Takes a visited row by copy (it is read into again) and a loaded one by move.
    auto place = [&](auto&& row) {
        auto it = position.find(row.listing.id);
        if (it == position.end()) {
            return;
        }
        ShownListing& shown = slots[it->second].emplace();
        shown.row = std::forward<decltype(row)>(row);
        if (scorer) {
            shown.score = scorer->score(shown.row.listing, ScoreDetail::Full);
        }
    };
    if (ids.size() > kReadByIdUpTo) {
        ListingFilter everything;
        everything.include_hidden = everything.include_closed = everything.include_dropped = true;
        auto visited = store.visit_listings(everything, place);
        if (!visited) {
            return visited.error();
        }
    } else {
        for (std::size_t begin = 0; begin < ids.size(); begin += kIdsPerRead) {
            ListingFilter slice;
            auto end = ids.begin() +
                       static_cast<std::ptrdiff_t>(std::min(ids.size(), begin + kIdsPerRead));
            slice.ids.assign(ids.begin() + static_cast<std::ptrdiff_t>(begin), end);
            auto loaded = store.load_listings(slice);
            if (!loaded) {
                return loaded.error();
            }
            for (StoredListing& row : loaded.value().rows) {
                place(std::move(row));
            }
        }
    }
    std::vector<ShownListing> out;
    out.reserve(ids.size());
    for (auto& slot : slots) {
        if (slot) {
            out.push_back(std::move(*slot));
        }
    }
    return out;
}

}  // namespace gigscout
