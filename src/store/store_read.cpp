#include <algorithm>
#include <set>
#include <unordered_map>

#include "store/listing_columns.h"
#include "store/store_sql.h"

// Reading listings for views (load_listings, visit_listings) and the sources' records.

namespace gigscout {
using store::Database;
using store::DbError;
using store::meta_integer;
using store::ReadTransaction;
using store::Refusal;
using store::resolve_root;
using store::sources_column;
using store::split_sources;
using store::Statement;
using store::WriteTransaction;

namespace {

RefreshCompleteness completeness_from_text(std::string_view text) {
    for (auto c : {RefreshCompleteness::Complete, RefreshCompleteness::Partial,
                   RefreshCompleteness::NotModified, RefreshCompleteness::Failed}) {
        if (text == to_string(c)) {
            return c;
        }
    }
    return RefreshCompleteness::Complete;
}

// A merged copy's part in the listing shown.
struct CopyRow {
    MergedCopy copy;
    std::vector<std::string> sources;
    std::int64_t first_seen = 0;
    std::int64_t last_seen = 0;
    std::optional<std::int64_t> closed_at;
};

std::unordered_map<std::string, std::vector<CopyRow>> load_copies(Database& db) {
    std::unordered_map<std::string, std::vector<CopyRow>> out;
    Statement s = db.prepare(
        "SELECT m.id, m.source, m.url, m.merged_into, m.first_seen, m.last_seen, m.closed_at, " +
        sources_column("m") + " FROM listings m WHERE m.merged_into IS NOT NULL");
    while (s.step()) {
        CopyRow c;
        c.copy = {s.text(0), s.text(1), s.text(2)};
        c.first_seen = s.integer(4);
        c.last_seen = s.integer(5);
        c.closed_at = s.optional_integer(6);
        c.sources = split_sources(s.text_view(7));
        out[s.text(3)].push_back(std::move(c));
    }
    return out;
}

bool wanted(const StoredListing& row, const ListingFilter& f) {
    if (f.state) {
        if (row.state != *f.state) {
            return false;
        }
    } else if (f.ids.empty()) {  // asked for by id: shown whatever its state
        if (row.state == ListingState::Hidden && !f.include_hidden) {
            return false;
        }
        if (row.closed_at && !f.include_closed) {
            return false;
        }
        // Nothing left to show of it, unless the user kept it.
        if (row.content_dropped && !f.include_dropped && row.state != ListingState::Saved &&
            row.state != ListingState::Applied) {
            return false;
        }
    }
    if (f.source &&
        std::find(row.sources.begin(), row.sources.end(), *f.source) == row.sources.end()) {
        return false;
    }
    return true;
}

// Newest first (first_seen, then id). Sorting 100,000 rows of ~20 strings each by moving them
// costs more than the query, and so does moving them into a second vector (fresh memory for
// all of them): sort their positions, then apply that permutation in place, one move per row
// plus one per cycle.
void sort_newest_first(std::vector<StoredListing>& rows) {
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    auto before = [&](std::size_t a, std::size_t b) {
        return newest_first(rows[a].first_seen, rows[a].listing.id, rows[b].first_seen,
                            rows[b].listing.id);
    };
    std::sort(order.begin(), order.end(), before);
    // order[k] is the row that belongs at k; a position whose order[k] == k is done.
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) {
            continue;
        }
        StoredListing held = std::move(rows[start]);
        std::size_t k = start;
        while (order[k] != start) {
            std::size_t from = order[k];
            rows[k] = std::move(rows[from]);
            order[k] = k;
            k = from;
        }
        rows[k] = std::move(held);
        order[k] = k;
    }
}

// The rows of a listings view (load_listings, visit_listings) as the query gives them: each
// root listing with its user state, its sightings, and what its merged copies add.
class ListingRowReader {
  public:
    // Inside the caller's read transaction.
    ListingRowReader(Database& db, const ListingFilter& filter)
        : look_mark_(meta_integer(db, "look_mark")),
          entry_counter_(meta_integer(db, "entry_counter")) {
        std::string sql = "SELECT " + store::content_columns("l") +
                          ", l.entered_seq, l.first_seen, l.last_seen, l.closed_at, "
                          "l.content_dropped_at, u.state, u.changed_at, u.applied_at, u.note, " +
                          sources_column("l") +
                          " FROM listings l LEFT JOIN user_state u ON u.listing_id = l.id "
                          "WHERE l.merged_into IS NULL";
        std::set<std::string> roots;
        if (!filter.ids.empty()) {
            for (const auto& id : filter.ids) {
                if (auto root = resolve_root(db, id)) {
                    roots.insert(*root);
                }
            }
            if (roots.empty()) {
                return;  // nothing to read: step() is false at once
            }
            sql += " AND l.id IN (";
            for (std::size_t i = 0; i < roots.size(); ++i) {
                sql += (i ? ", ?" : "?") + std::to_string(i + 1);
            }
            sql += ")";
        }
        all_ = filter.ids.empty();
        copies_ = load_copies(db);
        statement_ = db.prepare(sql);
        int parameter = 0;
        for (const auto& r : roots) {
            statement_.bind(++parameter, r);
        }
        open_ = true;
    }

    // The entry counter when the rows were read: LoadedListings::look_mark.
    std::int64_t entry_counter() const { return entry_counter_; }
    // At least as many as the rows there will be, when cheaply known (0 otherwise). Merged
    // copies are counted too: SQLite counts a whole table from its smallest index, but
    // `WHERE merged_into IS NULL` would read every row, which took as long as the load.
    std::size_t expected(Database& db) const {
        return open_ && all_
                   ? static_cast<std::size_t>(db.query_integer("SELECT count(*) FROM listings"))
                   : 0;
    }

    bool step() { return open_ && statement_.step(); }

    // The current row into `row`, every field overwritten: a row can be read into again and
    // again, keeping the capacity of its strings and lists.
    void read(StoredListing& row) {
        const Statement& s = statement_;
        constexpr int c = store::kContentColumnCount;
        store::read_content(s, 0, row.listing);
        std::int64_t entered = s.integer(c + 0);
        row.first_seen = s.integer(c + 1);
        row.last_seen = s.integer(c + 2);
        row.closed_at = s.optional_integer(c + 3);
        row.content_dropped = !s.is_null(c + 4);
        row.entered_seq = entered;
        row.is_new = entered > look_mark_;
        if (!s.is_null(c + 5)) {
            row.state = listing_state_from_string(s.text_view(c + 5)).value_or(ListingState::Seen);
            row.state_changed_at = s.optional_integer(c + 6);
            row.applied_at = s.optional_integer(c + 7);
            row.note.assign(s.text_view(c + 8));
        } else {
            row.state = row.is_new ? ListingState::New : ListingState::Seen;
            row.state_changed_at.reset();
            row.applied_at.reset();
            row.note.clear();
        }
        split_sources(s.text_view(c + 9), row.sources);
        for (const auto& m : row.listing.merged) {
            if (!m.source.empty()) {
                row.sources.push_back(m.source);
            }
        }
        if (auto it = copies_.empty() ? copies_.end() : copies_.find(row.listing.id);
            it != copies_.end()) {
            for (const CopyRow& copy : it->second) {
                auto& merged = row.listing.merged;
                if (std::none_of(merged.begin(), merged.end(),
                                 [&](const MergedCopy& m) { return m.id == copy.copy.id; })) {
                    merged.push_back(copy.copy);
                }
                row.sources.insert(row.sources.end(), copy.sources.begin(), copy.sources.end());
                row.first_seen = std::min(row.first_seen, copy.first_seen);
                row.last_seen = std::max(row.last_seen, copy.last_seen);
                // The job is open while any of its copies is listed somewhere.
                if (row.closed_at) {
                    row.closed_at = copy.closed_at
                                        ? std::optional(std::max(*row.closed_at, *copy.closed_at))
                                        : std::nullopt;
                }
            }
        }
        if (row.sources.size() > 1) {
            std::sort(row.sources.begin(), row.sources.end());
            row.sources.erase(std::unique(row.sources.begin(), row.sources.end()),
                              row.sources.end());
        }
    }

  private:
    std::int64_t look_mark_ = 0;
    std::int64_t entry_counter_ = 0;
    bool all_ = false;
    std::unordered_map<std::string, std::vector<CopyRow>> copies_;
    Statement statement_;
    bool open_ = false;
};

}  // namespace

Result<LoadedListings> Store::load_listings(const ListingFilter& filter) {
    return guard<LoadedListings>("loading the stored listings", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        ListingRowReader reader(db, filter);
        LoadedListings out;
        out.look_mark = reader.entry_counter();
        out.rows.reserve(reader.expected(db));
        while (reader.step()) {
            // Filled in place: a row is ~700 bytes of strings and lists, so building it aside
            // and moving it in cost as much as reading it.
            StoredListing& row = out.rows.emplace_back();
            reader.read(row);
            if (!wanted(row, filter)) {
                out.rows.pop_back();
            }
        }
        sort_newest_first(out.rows);
        return out;
    });
}

Result<std::int64_t> Store::visit_listings(const ListingFilter& filter,
                                           const std::function<void(const StoredListing&)>& visit) {
    return guard<std::int64_t>("loading the stored listings", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        ListingRowReader reader(db, filter);
        StoredListing row;
        while (reader.step()) {
            reader.read(row);
            if (wanted(row, filter)) {
                visit(row);
            }
        }
        return reader.entry_counter();
    });
}

Result<std::map<std::string, std::int64_t>> Store::first_seen(const std::vector<std::string>& ids) {
    return guard<std::map<std::string, std::int64_t>>("reading first-seen times", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        std::map<std::string, std::int64_t> out;
        Statement s = db.prepare("SELECT first_seen FROM listings WHERE id = ?1");
        for (const auto& id : ids) {
            s.bind(1, id);
            if (s.step()) {
                out[id] = s.integer(0);
            }
            s.reset();
        }
        return out;
    });
}

Result<std::optional<std::int64_t>> Store::last_look_at() {
    return guard<std::optional<std::int64_t>>("reading the last look", [&] {
        Statement s = impl_->db.prepare("SELECT value FROM meta WHERE key = 'last_look_at'");
        return s.step() ? std::optional(s.integer(0)) : std::nullopt;
    });
}

Result<std::vector<SourceRecord>> Store::source_records() {
    return guard<std::vector<SourceRecord>>("reading the sources' refresh records", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        Statement s = db.prepare(
            "SELECT s.source, s.last_refresh_at, s.last_result, s.last_success_at, "
            "s.last_complete_at, s.failures, s.last_error, s.last_error_at, "
            "(SELECT count(*) FROM listing_sources o WHERE o.source = s.source "
            "AND o.gone_at IS NULL), s.resumed_failures "
            "FROM sources s ORDER BY s.source");
        std::vector<SourceRecord> out;
        while (s.step()) {
            SourceRecord& r = out.emplace_back();
            r.source = s.text(0);
            r.last_refresh_at = s.optional_integer(1).value_or(0);
            r.last_result = completeness_from_text(s.text_view(2));
            r.last_success_at = s.optional_integer(3);
            r.last_complete_at = s.optional_integer(4);
            r.consecutive_failures = static_cast<int>(s.integer(5));
            r.last_error = s.optional_text(6).value_or("");
            r.last_error_at = s.optional_integer(7);
            r.open_listings = static_cast<std::size_t>(s.integer(8));
            r.resumed_failures = static_cast<int>(s.integer(9));
        }
        Statement history = db.prepare(
            "SELECT at, result, listings FROM source_refreshes WHERE source = ?1 ORDER BY rowid");
        for (SourceRecord& r : out) {
            history.bind(1, r.source);
            while (history.step()) {
                SourceRefresh& h = r.recent.emplace_back();
                h.at = history.integer(0);
                h.result = completeness_from_text(history.text_view(1));
                h.listings = static_cast<std::size_t>(history.integer(2));
            }
            history.reset();
        }
        return out;
    });
}

}  // namespace gigscout
