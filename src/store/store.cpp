#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <unordered_map>

#include "base/json_reader.h"
#include "base/utf8.h"
#include "store/listing_columns.h"
#include "store/schema.h"
#include "store/sqlite_db.h"

namespace gigscout {
namespace fs = std::filesystem;
using store::Database;
using store::DbError;
using store::ReadTransaction;
using store::Statement;
using store::WriteTransaction;

namespace {

// A request the store refuses (unknown id, bad name): thrown inside Store methods only, caught
// by Store::guard with DbError.
struct Refusal {
    std::string message;
};

constexpr int kMaxMergeDepth = 64;
constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxSettingBytes = 64 * 1024;
constexpr char kSourceSeparator = '\x1f';

void split_sources(std::string_view joined, std::vector<std::string>& out) {
    std::size_t n = 0;
    while (!joined.empty()) {
        auto cut = joined.find(kSourceSeparator);
        std::string_view source = joined.substr(0, cut);
        if (n < out.size()) {
            out[n].assign(source);
        } else {
            out.emplace_back(source);
        }
        ++n;
        if (cut == std::string_view::npos) {
            break;
        }
        joined.remove_prefix(cut + 1);
    }
    out.resize(n);
}

std::vector<std::string> split_sources(std::string_view joined) {
    std::vector<std::string> out;
    split_sources(joined, out);
    return out;
}

// "SELECT group_concat(...)" of a listing's sightings, as a column expression.
std::string sources_column(std::string_view alias) {
    return "(SELECT group_concat(s.source, char(31)) FROM listing_sources s WHERE s.listing_id = " +
           std::string(alias) + ".id)";
}

std::int64_t meta_integer(Database& db, const char* key) {
    Statement s = db.prepare("SELECT value FROM meta WHERE key = ?1");
    s.bind(1, key);
    return s.step() ? s.integer(0) : 0;
}

template <class Value>
void set_meta(Database& db, const char* key, const Value& value) {
    Statement s = db.prepare(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value).run();
}

std::optional<std::string> meta_text(Database& db, const char* key) {
    Statement s = db.prepare("SELECT value FROM meta WHERE key = ?1");
    s.bind(1, key);
    if (!s.step() || s.is_null(0)) {
        return std::nullopt;
    }
    return s.text(0);
}

// The id a listing is shown under: itself, or the listing it was merged into.
std::optional<std::string> resolve_root(Database& db, const std::string& id) {
    Statement s = db.prepare("SELECT merged_into FROM listings WHERE id = ?1");
    std::string current = id;
    for (int depth = 0; depth < kMaxMergeDepth; ++depth) {
        s.bind(1, current);
        if (!s.step()) {
            return std::nullopt;
        }
        std::optional<std::string> next = s.optional_text(0);
        s.reset();
        if (!next) {
            return current;
        }
        current = *next;
    }
    assert(false && "merge chains are flattened by merge_listings");
    return current;
}

std::string require_root(Database& db, const std::string& id) {
    auto root = resolve_root(db, id);
    if (!root) {
        throw Refusal{"no stored listing has the id `" + id + "`"};
    }
    return *root;
}

std::optional<UserAction> read_action(Database& db, const std::string& id) {
    Statement s = db.prepare(
        "SELECT state, changed_at, applied_at, note FROM user_state WHERE listing_id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        return std::nullopt;
    }
    UserAction a;
    a.state = listing_state_from_string(s.text_view(0)).value_or(ListingState::Seen);
    a.changed_at = s.integer(1);
    a.applied_at = s.optional_integer(2);
    a.note = s.text(3);
    return a;
}

void write_action(Database& db, const std::string& id, const UserAction& a) {
    assert(a.state != ListingState::New);
    Statement s = db.prepare(
        "INSERT INTO user_state (listing_id, state, changed_at, applied_at, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (listing_id) DO UPDATE SET "
        "state = excluded.state, changed_at = excluded.changed_at, "
        "applied_at = excluded.applied_at, note = excluded.note");
    s.bind(1, id).bind(2, to_string(a.state)).bind(3, a.changed_at).bind(4, a.applied_at);
    s.bind(5, a.note).run();
}

void erase_action(Database& db, const std::string& id) {
    Statement s = db.prepare("DELETE FROM user_state WHERE listing_id = ?1");
    s.bind(1, id).run();
}

// Folds root `dup` into root `keep` inside the caller's transaction.
void merge_roots(Database& db, const std::string& keep, const std::string& dup) {
    assert(keep != dup);
    Statement move =
        db.prepare("UPDATE listings SET merged_into = ?1 WHERE id = ?2 OR merged_into = ?2");
    move.bind(1, keep).bind(2, dup).run();
    auto kept = read_action(db, keep);
    auto other = read_action(db, dup);
    if (other) {
        if (!kept || strength(other->state) > strength(kept->state)) {
            UserAction winner = *other;
            if (winner.note.empty() && kept) {
                winner.note = kept->note;
            }
            write_action(db, keep, winner);
        } else if (kept->note.empty() && !other->note.empty()) {
            kept->note = other->note;
            write_action(db, keep, *kept);
        }
        erase_action(db, dup);
    }
}

// Prepared statements for writing listings, reused across a refresh's batches.
class ListingWriter {
  public:
    explicit ListingWriter(Database& db)
        : db_(db),
          find_(db.prepare(
              "SELECT closed_at, merged_into, source = ?2, rowid FROM listings WHERE id = ?1")),
          // Most of a refresh is listings the same source brought before: leaving `source` out
          // of the SET spares its index a delete and an insert per row.
          refresh_(db.prepare(update_sql(false))),
          update_(db.prepare(update_sql(true))),
          insert_(db.prepare("INSERT INTO listings (" + store::content_columns() +
                             ", entered_seq, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, "
                             "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                             "?20, ?22, ?21, ?21)")),
          sight_(db.prepare(
              "INSERT INTO listing_sources (listing_id, source, first_seen, last_seen, "
              "generation) VALUES (?1, ?2, ?3, ?3, ?4) ON CONFLICT (listing_id, source) DO "
              "UPDATE SET last_seen = max(last_seen, excluded.last_seen), "
              "generation = excluded.generation, gone_at = NULL")),
          reopen_(db.prepare(
              "UPDATE listings SET closed_at = NULL WHERE id = ?1 AND closed_at IS NOT NULL")) {}

    // Upserts one listing sighted by `source`; `counter` numbers the listings that enter.
    void upsert(const Listing& l, const std::string& source, std::int64_t generation,
                std::int64_t now, std::int64_t& counter, RefreshSummary& summary) {
        find_.bind_static(1, l.id).bind_static(2, source);
        bool exists = find_.step();
        bool was_closed = exists && !find_.is_null(0);
        std::optional<std::string> merged_into = exists ? find_.optional_text(1) : std::nullopt;
        bool same_source = exists && find_.integer(2) != 0;
        std::int64_t rowid = exists ? find_.integer(3) : 0;
        find_.reset();
        Statement& write = !exists ? insert_ : same_source ? refresh_ : update_;
        store::bind_content(write, l, buffers_);
        write.bind_static(2, source);  // the source refreshed is the one that brought it
        write.bind(21, now);
        // An update finds its row by the rowid just read, sparing a second search of the id index.
        write.bind(22, exists ? rowid : ++counter);
        write.run();
        if (!exists) {
            ++summary.added;
        } else {
            ++summary.updated;
            summary.reopened += was_closed ? 1 : 0;
        }
        sight_.bind_static(1, l.id).bind_static(2, source).bind(3, now).bind(4, generation).run();
        if (merged_into) {
            // A merged copy listed again keeps the job it joined open.
            if (auto root = resolve_root(db_, l.id)) {
                reopen_.bind(1, *root).run();
            }
        }
        for (const MergedCopy& copy : l.merged) {
            if (copy.id == l.id) {
                continue;
            }
            auto copy_root = resolve_root(db_, copy.id);
            auto own_root = resolve_root(db_, l.id);
            if (copy_root && own_root && *copy_root != *own_root) {
                merge_roots(db_, *own_root, *copy_root);
            }
        }
    }

  private:
    // Content ?2 .. ?20 and last_seen ?21 of the row with rowid ?22; `source = ?2` only when
    // `with_source` (?1, the id, is bound but unchanged).
    static std::string update_sql(bool with_source) {
        std::string columns = store::content_columns();
        std::string sql = "UPDATE listings SET ";
        int parameter = 0;
        std::size_t begin = 0;
        while (begin <= columns.size()) {
            std::size_t end = std::min(columns.find(", ", begin), columns.size());
            std::string column = columns.substr(begin, end - begin);
            ++parameter;
            if (column != "id" && (with_source || column != "source")) {
                sql += column + " = ?" + std::to_string(parameter) + ", ";
            }
            begin = end + 2;
        }
        return sql +
               "last_seen = max(last_seen, ?21), closed_at = NULL, "
               "content_dropped_at = NULL WHERE rowid = ?22";
    }

    Database& db_;
    Statement find_, refresh_, update_, insert_, sight_, reopen_;
    store::ContentBuffers buffers_;
};

std::int64_t next_generation(Database& db, const std::string& source,
                             RefreshCompleteness completeness, std::int64_t now,
                             const std::string& error, std::size_t listings) {
    // ?4: failed; ?5: the error, NULL when none (the last one given is kept).
    Statement s = db.prepare(
        "INSERT INTO sources (source, generation, last_refresh_at, last_result, "
        "last_success_at, failures, last_error, last_error_at) "
        "VALUES (?1, 1, ?2, ?3, CASE WHEN ?4 THEN NULL ELSE ?2 END, ?4, ?5, "
        "CASE WHEN ?5 IS NULL THEN NULL ELSE ?2 END) "
        "ON CONFLICT (source) DO UPDATE SET "
        "generation = generation + 1, last_refresh_at = ?2, last_result = ?3, "
        "last_success_at = CASE WHEN ?4 THEN last_success_at ELSE ?2 END, "
        "failures = CASE WHEN ?4 THEN failures + 1 ELSE 0 END, "
        "resumed_failures = CASE WHEN ?4 THEN resumed_failures ELSE 0 END, "
        "last_error = coalesce(?5, last_error), "
        "last_error_at = CASE WHEN ?5 IS NULL THEN last_error_at ELSE ?2 END "
        "RETURNING generation");
    s.bind(1, source).bind(2, now).bind(3, to_string(completeness));
    s.bind(4, std::int64_t{completeness == RefreshCompleteness::Failed ? 1 : 0});
    if (error.empty()) {
        s.bind_null(5);
    } else {
        s.bind(5, error);
    }
    s.step();
    std::int64_t generation = s.integer(0);
    s.reset();
    Statement history = db.prepare(
        "INSERT INTO source_refreshes (source, at, result, listings) VALUES (?1, ?2, ?3, ?4)");
    history.bind(1, source).bind(2, now).bind(3, to_string(completeness));
    history.bind(4, static_cast<std::int64_t>(listings)).run();
    Statement trim = db.prepare(
        "DELETE FROM source_refreshes WHERE source = ?1 AND rowid NOT IN (SELECT rowid FROM "
        "source_refreshes WHERE source = ?1 ORDER BY rowid DESC LIMIT ?2)");
    trim.bind(1, source).bind(2, static_cast<std::int64_t>(kKeptSourceRefreshes)).run();
    return generation;
}

RefreshCompleteness completeness_from_text(std::string_view text) {
    for (auto c : {RefreshCompleteness::Complete, RefreshCompleteness::Partial,
                   RefreshCompleteness::NotModified, RefreshCompleteness::Failed}) {
        if (text == to_string(c)) {
            return c;
        }
    }
    return RefreshCompleteness::Complete;
}

// A 304: what the source listed last time is still listed.
void confirm_open_sightings(Database& db, const std::string& source, std::int64_t now) {
    Statement sightings = db.prepare(
        "UPDATE listing_sources SET last_seen = max(last_seen, ?2) "
        "WHERE source = ?1 AND gone_at IS NULL");
    sightings.bind(1, source).bind(2, now).run();
    Statement listings = db.prepare(
        "UPDATE listings SET last_seen = max(last_seen, ?2) WHERE id IN "
        "(SELECT listing_id FROM listing_sources WHERE source = ?1 AND gone_at IS NULL)");
    listings.bind(1, source).bind(2, now).run();
}

// After a complete refresh: this source's sightings it did not renew are gone, and listings
// no source lists any more are closed. Only sightings gone now can close a listing: one gone
// earlier was weighed then.
std::size_t close_missing(Database& db, const std::string& source, std::int64_t generation,
                          std::int64_t now) {
    Statement gone = db.prepare(
        "UPDATE listing_sources SET gone_at = ?3 "
        "WHERE source = ?1 AND generation < ?2 AND gone_at IS NULL");
    gone.bind(1, source).bind(2, generation).bind(3, now).run();
    Statement close = db.prepare(
        "UPDATE listings SET closed_at = ?2 WHERE closed_at IS NULL AND id IN "
        "(SELECT listing_id FROM listing_sources WHERE source = ?1 AND gone_at = ?2) "
        "AND NOT EXISTS (SELECT 1 FROM listing_sources o "
        "WHERE o.listing_id = listings.id AND o.gone_at IS NULL)");
    close.bind(1, source).bind(2, now).run();
    auto closed = static_cast<std::size_t>(db.changes());
    Statement complete = db.prepare("UPDATE sources SET last_complete_at = ?2 WHERE source = ?1");
    complete.bind(1, source).bind(2, now).run();
    return closed;
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

void check_name(const std::string& what, const std::string& name) {
    if (name.empty() || name.size() > kMaxNameBytes) {
        throw Refusal{what + " name must be 1 to " + std::to_string(kMaxNameBytes) +
                      " bytes, got " + std::to_string(name.size())};
    }
    if (!utf8::is_valid(name)) {
        throw Refusal{what + " name is not valid UTF-8 text"};
    }
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) {
            throw Refusal{what + " name `" + name + "` contains a control character"};
        }
    }
}

}  // namespace

struct Store::Impl {
    Database db;
    StoreOptions options;
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const fs::path& Store::file() const {
    return impl_->db.file();
}

template <class T>
Result<T> Store::guard(const std::string& doing, const std::function<T()>& body) {
    try {
        return body();
    } catch (const DbError& e) {
        return Error{doing + ": " + e.what()};
    } catch (const Refusal& r) {
        return Error{doing + ": " + r.message};
    }
}

// --- open ----------------------------------------------------------------------------------------

namespace {

// A file at the database path that GigScout cannot use as its store: the user's to move away.
Error not_our_database(std::string message) {
    Error e{std::move(message)};
    e.bad_input = true;
    return e;
}

// Refuses a file SQLite would otherwise report vaguely, before SQLite touches it.
std::optional<Error> check_existing_file(const fs::path& file) {
    std::error_code ec;
    auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        return not_our_database("the database path " + file.string() +
                                " is a directory, expected a file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error{"cannot read the database " + file.string() + ": " + std::strerror(errno)};
    }
    char header[16] = {};
    in.read(header, sizeof header);
    std::streamsize got = in.gcount();
    if (got == 0) {
        return std::nullopt;  // an empty file becomes a new database
    }
    static constexpr char kMagic[16] = "SQLite format 3";  // 15 chars and a NUL, as on disk
    if (got < 16 || !std::equal(header, header + 16, kMagic)) {
        return not_our_database(
            file.string() +
            " is not a GigScout database (not an SQLite file); GigScout left it as it is — move "
            "it away to start a new store, or use another --data-dir");
    }
    return std::nullopt;
}

}  // namespace

Result<Store> Store::open(const Paths& paths, StoreOptions options) {
    std::error_code ec;
    fs::create_directories(paths.data_dir, ec);
    if (ec) {
        return Error{"cannot create the data directory " + paths.data_dir.string() + ": " +
                     ec.message()};
    }
    return open(paths.database_file(), options);
}

Result<Store> Store::open(const fs::path& file, StoreOptions options) {
    if (auto refused = check_existing_file(file)) {
        return *refused;
    }
    try {
        auto impl = std::make_unique<Impl>();
        impl->options = options;
        impl->db = Database::open(file, true, static_cast<int>(options.busy_timeout.count()));
        Database& db = impl->db;
        if (db.read_only()) {
            return Error{"the database " + file.string() +
                         " cannot be written: its file, directory or disk is read-only (check "
                         "the permissions of the file and of its directory)"};
        }
        // The first read: a damaged file or an unwritable directory shows up here, before
        // anything is written.
        int version = store::schema_version(db);
        if (version > store::kSchemaVersion) {
            return not_our_database(
                "the database " + file.string() + " has schema version " + std::to_string(version) +
                ", newer than this GigScout understands (" + std::to_string(store::kSchemaVersion) +
                "): it was written by a newer GigScout. Upgrade GigScout; the file was not "
                "changed");
        }
        if (version == 0 && store::has_foreign_tables(db)) {
            return not_our_database(
                file.string() +
                " is an SQLite database of another program (it has tables but no GigScout "
                "schema version); GigScout left it as it is — move it away or use another "
                "--data-dir");
        }
        // 16 KiB pages for a new database (an existing one keeps its own): a listing is ~1.5 KB,
        // and a refresh writes every page it touches twice (log, then checkpoint) with a system
        // call or two per page, so fewer, larger pages make refreshes and loads cheaper
        // (docs/store.md, "Performance").
        db.exec("PRAGMA page_size = 16384");
        // WAL: readers never block the writer nor the writer them; the mode is persistent.
        auto mode = db.query_text("PRAGMA journal_mode = WAL");
        if (!mode || *mode != "wal") {
            return Error{"the database " + file.string() + " cannot use write-ahead logging (" +
                         mode.value_or("no answer") + "); is it on a network file system?"};
        }
        // FULL: every commit's WAL frames are fsynced before the commit returns, so an action
        // acknowledged to the user survives a power cut as well as a crash (docs/store.md).
        db.exec("PRAGMA synchronous = FULL");
        db.exec("PRAGMA foreign_keys = ON");
        store::migrate(db);
        // Room for a whole write batch (batch_size listings and the index pages they touch):
        // a smaller cache spills pages to the log before the commit and reads them back.
        db.exec("PRAGMA cache_size = -8192");
        if (options.max_page_count) {
            db.exec(("PRAGMA max_page_count = " + std::to_string(*options.max_page_count)).c_str());
        }
        return Store(std::move(impl));
    } catch (const DbError& e) {
        return Error{e.what()};
    }
}

// --- listings ------------------------------------------------------------------------------------

Result<RefreshSummary> Store::record_refresh(const std::string& source,
                                             const std::vector<Listing>& listings,
                                             RefreshCompleteness completeness, std::int64_t now,
                                             const std::string& error) {
    return guard<RefreshSummary>("storing the refresh of `" + source + "`", [&] {
        Database& db = impl_->db;
        RefreshSummary summary;
        if (completeness == RefreshCompleteness::Failed ||
            completeness == RefreshCompleteness::NotModified) {
            WriteTransaction tx(db);
            next_generation(db, source, completeness, now, error, 0);
            if (completeness == RefreshCompleteness::NotModified) {
                confirm_open_sightings(db, source, now);
            }
            tx.commit();
            return summary;
        }
        // The generation is taken in the first batch's transaction and a complete refresh closes
        // what is missing in the last one's: each commit costs an fsync.
        ListingWriter writer(db);
        const std::size_t batch = std::max<std::size_t>(1, impl_->options.batch_size);
        std::int64_t generation = 0;
        std::size_t begin = 0;
        do {
            try {
                WriteTransaction tx(db);
                if (begin == 0) {
                    generation =
                        next_generation(db, source, completeness, now, error, listings.size());
                }
                std::int64_t counter = meta_integer(db, "entry_counter");
                std::size_t end = std::min(listings.size(), begin + batch);
                for (std::size_t i = begin; i < end; ++i) {
                    writer.upsert(listings[i], source, generation, now, counter, summary);
                }
                set_meta(db, "entry_counter", counter);
                if (end == listings.size() && completeness == RefreshCompleteness::Complete) {
                    summary.closed = close_missing(db, source, generation, now);
                }
                tx.commit();
                begin = end;
            } catch (const DbError& e) {
                throw DbError(e.code(), std::string(e.what()) + "; " + std::to_string(begin) +
                                            " of its " + std::to_string(listings.size()) +
                                            " listings were stored and nothing was closed — "
                                            "refreshing again completes it");
            }
        } while (begin < listings.size());
        return summary;
    });
}

namespace {

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

Status Store::set_state(const std::string& id, ListingState state,
                        const std::optional<std::string>& note, std::int64_t now) {
    return guard<Ok>("marking `" + id + "` " + std::string(to_string(state)), [&] {
        if (note && note->size() > kMaxNoteBytes) {
            throw Refusal{"the note is longer than 10 KiB"};
        }
        // Everything stored is exported as JSON text, which must be UTF-8.
        if (note && !utf8::is_valid(*note)) {
            throw Refusal{"the note is not valid UTF-8 text"};
        }
        Database& db = impl_->db;
        WriteTransaction tx(db);
        std::string root = require_root(db, id);
        auto current = read_action(db, root);
        if (state == ListingState::New) {
            erase_action(db, root);
        } else {
            UserAction a;
            a.state = state;
            a.changed_at = now;
            a.applied_at = current ? current->applied_at : std::nullopt;
            if (state == ListingState::Applied &&
                !(current && current->state == ListingState::Applied && current->applied_at)) {
                a.applied_at = now;
            }
            a.note = note ? *note : (current ? current->note : std::string());
            write_action(db, root, a);
        }
        tx.commit();
        return Ok{};
    });
}

Status Store::mark_looked(std::int64_t look_mark, std::int64_t now,
                          const std::vector<std::string>& not_shown) {
    return guard<Ok>("recording the look", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        const std::int64_t before = meta_integer(db, "look_mark");
        if (!not_shown.empty()) {
            // A listing is new while it entered after the mark: the new ones the view left
            // out enter again, after the mark this look sets.
            std::int64_t counter = meta_integer(db, "entry_counter");
            Statement s = db.prepare(
                "UPDATE listings SET entered_seq = ?1 "
                "WHERE id = ?2 AND entered_seq > ?3 AND entered_seq <= ?4");
            for (const auto& id : not_shown) {
                s.bind(1, counter + 1).bind(2, id).bind(3, before).bind(4, look_mark).run();
                counter += db.changes();
            }
            set_meta(db, "entry_counter", counter);
        }
        set_meta(db, "look_mark", std::max(look_mark, before));
        set_meta(db, "last_look_at", now);
        tx.commit();
        return Ok{};
    });
}

Status Store::mark_seen(const std::vector<std::string>& shown, std::int64_t now) {
    return guard<Ok>("recording the look", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        // Entered "before every mark": seen from now on, whatever later looks do.
        Statement s =
            db.prepare("UPDATE listings SET entered_seq = 0 WHERE id = ?1 AND entered_seq > ?2");
        const std::int64_t mark = meta_integer(db, "look_mark");
        for (const auto& id : shown) {
            s.bind(1, id).bind(2, mark).run();
        }
        set_meta(db, "last_look_at", now);
        tx.commit();
        return Ok{};
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

Result<bool> Store::resume_source(const std::string& source) {
    return guard<bool>("resuming source `" + source + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare(
            "UPDATE sources SET resumed_failures = failures WHERE source = ?1 RETURNING source");
        s.bind(1, source);
        const bool found = s.step();
        s.reset();
        tx.commit();
        return found;
    });
}

Status Store::merge_listings(const std::string& keep_id, const std::string& duplicate_id) {
    return guard<Ok>("merging `" + duplicate_id + "` into `" + keep_id + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        std::string keep = require_root(db, keep_id);
        std::string dup = require_root(db, duplicate_id);
        if (keep != dup) {
            merge_roots(db, keep, dup);
        }
        tx.commit();
        return Ok{};
    });
}

Result<std::size_t> Store::apply_retention(std::int64_t max_age_seconds, std::int64_t now) {
    return guard<std::size_t>("applying the retention limit", [&] {
        Database& db = impl_->db;
        const std::int64_t cutoff = now - max_age_seconds;
        const auto batch =
            static_cast<std::int64_t>(std::max<std::size_t>(1, impl_->options.batch_size));
        Statement pick = db.prepare(
            "SELECT l.id FROM listings l WHERE l.merged_into IS NULL AND l.last_seen < ?1 "
            "AND NOT EXISTS (SELECT 1 FROM user_state u WHERE u.listing_id = l.id "
            "AND u.state IN ('saved', 'applied')) "
            "AND NOT EXISTS (SELECT 1 FROM listings m WHERE m.merged_into = l.id "
            "AND m.last_seen >= ?1) LIMIT ?2");
        Statement drop_copies = db.prepare("DELETE FROM listings WHERE merged_into = ?1");
        Statement drop = db.prepare("DELETE FROM listings WHERE id = ?1");
        std::size_t deleted = 0;
        for (;;) {
            WriteTransaction tx(db);
            std::vector<std::string> ids;
            pick.bind(1, cutoff).bind(2, batch);
            while (pick.step()) {
                ids.push_back(pick.text(0));
            }
            pick.reset();
            for (const auto& id : ids) {
                drop_copies.bind(1, id).run();
                drop.bind(1, id).run();
            }
            tx.commit();
            deleted += ids.size();
            if (static_cast<std::int64_t>(ids.size()) < batch) {
                return deleted;
            }
        }
    });
}

Result<std::size_t> Store::apply_max_cache_age(const std::string& source_or_plugin,
                                               std::int64_t max_age_seconds, std::int64_t now) {
    return guard<std::size_t>("applying the cache limit of `" + source_or_plugin + "`", [&] {
        Database& db = impl_->db;
        const auto batch =
            static_cast<std::int64_t>(std::max<std::size_t>(1, impl_->options.batch_size));
        Statement drop = db.prepare(
            "UPDATE listings SET title = '', description = '', company = '', location = '', "
            "posted_at = NULL, budget_kind = NULL, budget_min = NULL, budget_max = NULL, "
            "budget_currency = NULL, tags = '[]', experience_level = NULL, job_type = NULL, "
            "remote = NULL, client = NULL, proposals = NULL, skills = '[]', "
            "content_dropped_at = ?3 WHERE rowid IN (SELECT rowid FROM listings "
            "WHERE content_dropped_at IS NULL AND last_seen < ?2 AND (source = ?1 "
            "OR substr(id, 1, length(?1) + 1) = ?1 || ':') LIMIT ?4)");
        std::size_t dropped = 0;
        for (;;) {
            WriteTransaction tx(db);
            drop.bind(1, source_or_plugin).bind(2, now - max_age_seconds).bind(3, now);
            drop.bind(4, batch).run();
            auto n = db.changes();
            tx.commit();
            dropped += static_cast<std::size_t>(n);
            if (n < batch) {
                return dropped;
            }
        }
    });
}

// --- profiles ------------------------------------------------------------------------------------

Status Store::save_profile(const std::string& name, const std::string& json, std::int64_t now) {
    return guard<Ok>("saving the profile `" + name + "`", [&] {
        check_name("the profile", name);
        // A byte order mark (the parser skips it) would be exported inside the state file,
        // where it is not JSON: the text is kept without it.
        std::string_view text = utf8::without_bom(json);
        auto doc = json::parse(text, "the profile");
        if (!doc) {
            throw Refusal{doc.error().message};
        }
        if (!doc.value().IsObject()) {
            throw Refusal{"a profile is a JSON object, got " +
                          std::string(json::type_name(doc.value()))};
        }
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare(
            "INSERT INTO profiles (name, json, updated_at) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (name) DO UPDATE SET json = excluded.json, "
            "updated_at = excluded.updated_at");
        s.bind(1, name).bind(2, text).bind(3, now).run();
        tx.commit();
        return Ok{};
    });
}

Status Store::delete_profile(const std::string& name) {
    return guard<Ok>("deleting the profile `" + name + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare("DELETE FROM profiles WHERE name = ?1");
        s.bind(1, name).run();
        if (db.changes() == 0) {
            throw Refusal{"no profile is named `" + name + "`"};
        }
        if (meta_text(db, "active_profile") == name) {
            db.exec("DELETE FROM meta WHERE key = 'active_profile'");
        }
        tx.commit();
        return Ok{};
    });
}

Result<std::vector<StoredProfile>> Store::profiles() {
    return guard<std::vector<StoredProfile>>("reading the profiles", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        auto active = meta_text(db, "active_profile");
        std::vector<StoredProfile> out;
        Statement s = db.prepare("SELECT name, json, updated_at FROM profiles ORDER BY name");
        while (s.step()) {
            StoredProfile p{s.text(0), s.text(1), s.integer(2), false};
            p.active = active && *active == p.name;
            out.push_back(std::move(p));
        }
        return out;
    });
}

Status Store::set_active_profile(const std::string& name) {
    return guard<Ok>("activating the profile `" + name + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare("SELECT 1 FROM profiles WHERE name = ?1");
        s.bind(1, name);
        if (!s.step()) {
            throw Refusal{"no profile is named `" + name + "`"};
        }
        s.reset();
        set_meta(db, "active_profile", name);
        tx.commit();
        return Ok{};
    });
}

Result<std::optional<StoredProfile>> Store::active_profile() {
    return guard<std::optional<StoredProfile>>("reading the active profile", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        std::optional<StoredProfile> out;
        Statement s = db.prepare(
            "SELECT p.name, p.json, p.updated_at FROM profiles p JOIN meta m "
            "ON m.key = 'active_profile' AND m.value = p.name");
        if (s.step()) {
            out = StoredProfile{s.text(0), s.text(1), s.integer(2), true};
        }
        return out;
    });
}

// --- settings ------------------------------------------------------------------------------------

namespace {

void check_setting(SettingScope scope, const std::string& owner, const std::string& key) {
    if (scope == SettingScope::App && !owner.empty()) {
        throw Refusal{"app settings have no owner, got `" + owner + "`"};
    }
    if (scope != SettingScope::App) {
        check_name(std::string(to_string(scope)), owner);
    }
    check_name("the setting", key);
    if (looks_like_secret_key(key)) {
        throw Refusal{"`" + key +
                      "` names a secret: secrets are never stored in the database; keep it in "
                      "the keyring (SecretStore) or the environment"};
    }
}

}  // namespace

Result<std::map<std::string, std::string>> Store::settings(SettingScope scope,
                                                           const std::string& owner) {
    return guard<std::map<std::string, std::string>>(
        "reading the " + std::string(to_string(scope)) + " settings", [&] {
            Statement s = impl_->db.prepare(
                "SELECT key, value FROM settings WHERE scope = ?1 AND owner = ?2");
            s.bind(1, to_string(scope)).bind(2, owner);
            std::map<std::string, std::string> out;
            while (s.step()) {
                out.emplace(s.text(0), s.text(1));
            }
            return out;
        });
}

Status Store::set_setting(SettingScope scope, const std::string& owner, const std::string& key,
                          const std::string& value) {
    return guard<Ok>("saving the setting `" + key + "`", [&] {
        check_setting(scope, owner, key);
        if (value.size() > kMaxSettingBytes) {
            throw Refusal{"the value is longer than 64 KiB"};
        }
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare(
            "INSERT INTO settings (scope, owner, key, value) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (scope, owner, key) DO UPDATE SET value = excluded.value");
        s.bind(1, to_string(scope)).bind(2, owner).bind(3, key).bind(4, value).run();
        tx.commit();
        return Ok{};
    });
}

Status Store::erase_setting(SettingScope scope, const std::string& owner, const std::string& key) {
    return guard<Ok>("erasing the setting `" + key + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s =
            db.prepare("DELETE FROM settings WHERE scope = ?1 AND owner = ?2 AND key = ?3");
        s.bind(1, to_string(scope)).bind(2, owner).bind(3, key).run();
        tx.commit();
        return Ok{};
    });
}

// --- export / import -----------------------------------------------------------------------------

Result<StateExport> Store::export_state() {
    return guard<StateExport>("exporting the user state", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        StateExport out;
        const std::int64_t look_mark = meta_integer(db, "look_mark");
        {
            Statement s = db.prepare("SELECT value FROM meta WHERE key = 'last_look_at'");
            if (s.step()) {
                out.last_look_at = s.integer(0);
            }
        }
        out.active_profile = meta_text(db, "active_profile");
        {
            Statement s = db.prepare("SELECT name, json, updated_at FROM profiles ORDER BY name");
            while (s.step()) {
                out.profiles.push_back({s.text(0), s.text(1), s.integer(2), false});
            }
        }
        {
            Statement s = db.prepare(
                "SELECT scope, owner, key, value FROM settings ORDER BY scope, owner, key");
            while (s.step()) {
                out.settings.push_back(
                    {setting_scope_from_string(s.text_view(0)).value_or(SettingScope::App),
                     s.text(1), s.text(2), s.text(3)});
            }
        }
        Statement s = db.prepare(
            "SELECT " + store::content_columns("l") +
            ", l.entered_seq, l.first_seen, l.last_seen, l.closed_at, l.content_dropped_at, "
            "l.merged_into, u.state, u.changed_at, u.applied_at, u.note, " +
            sources_column("l") +
            " FROM listings l LEFT JOIN user_state u ON u.listing_id = l.id ORDER BY l.rowid");
        constexpr int c = store::kContentColumnCount;
        while (s.step()) {
            ExportedListing e;
            Listing l = store::read_content(s, 0);
            e.id = l.id;
            e.source = l.source;
            e.url = l.url;
            e.is_new = s.integer(c + 0) > look_mark;
            e.first_seen = s.integer(c + 1);
            e.last_seen = s.integer(c + 2);
            e.closed_at = s.optional_integer(c + 3);
            bool dropped = !s.is_null(c + 4);
            e.merged_into = s.optional_text(c + 5);
            if (!s.is_null(c + 6)) {
                UserAction a;
                a.state =
                    listing_state_from_string(s.text_view(c + 6)).value_or(ListingState::Seen);
                a.changed_at = s.integer(c + 7);
                a.applied_at = s.optional_integer(c + 8);
                a.note = s.text(c + 9);
                e.action = std::move(a);
            }
            e.sources = split_sources(s.text_view(c + 10));
            std::sort(e.sources.begin(), e.sources.end());
            if (!dropped) {
                e.listing = std::move(l);
            }
            out.listings.push_back(std::move(e));
        }
        return out;
    });
}

namespace {

// Writes one imported listing inside the caller's transaction (docs/store.md, "Import").
class ImportWriter {
  public:
    explicit ImportWriter(Database& db)
        : db_(db),
          find_(db.prepare("SELECT last_seen, content_dropped_at FROM listings WHERE id = ?1")),
          insert_(db.prepare("INSERT INTO listings (" + store::content_columns() +
                             ", entered_seq, first_seen, last_seen, closed_at, "
                             "content_dropped_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                             "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
                             "?23, ?24, ?25)")),
          content_(db.prepare(
              "UPDATE listings SET source = ?2, url = ?3, title = ?4, description = ?5, "
              "company = ?6, location = ?7, posted_at = ?8, budget_kind = ?9, budget_min = ?10, "
              "budget_max = ?11, budget_currency = ?12, tags = ?13, experience_level = ?14, "
              "job_type = ?15, remote = ?16, client = ?17, proposals = ?18, merged = ?19, "
              "skills = ?20, content_dropped_at = NULL WHERE id = ?1")),
          lifecycle_(db.prepare("UPDATE listings SET first_seen = min(first_seen, ?2), "
                                "closed_at = CASE WHEN ?3 > last_seen THEN ?4 ELSE closed_at END, "
                                "last_seen = max(last_seen, ?3) WHERE id = ?1")),
          sight_(
              db.prepare("INSERT INTO listing_sources (listing_id, source, first_seen, last_seen, "
                         "generation, gone_at) VALUES (?1, ?2, ?3, ?4, 0, ?5) "
                         "ON CONFLICT (listing_id, source) DO UPDATE SET "
                         "first_seen = min(first_seen, excluded.first_seen), "
                         "gone_at = CASE WHEN excluded.last_seen > last_seen THEN excluded.gone_at "
                         "ELSE gone_at END, last_seen = max(last_seen, excluded.last_seen)")) {}

    void write(const ExportedListing& e, std::int64_t now, std::int64_t& counter,
               ImportSummary& summary) {
        find_.bind(1, e.id);
        bool exists = find_.step();
        std::int64_t last_seen = exists ? find_.integer(0) : 0;
        bool dropped = exists && !find_.is_null(1);
        find_.reset();
        Listing content;
        if (e.listing) {
            content = *e.listing;
        } else {
            content.id = e.id;
            content.url = e.url;
        }
        content.source = e.source;
        if (!exists) {
            store::bind_content(insert_, content, buffers_);
            insert_.bind(21, e.is_new ? ++counter : 0).bind(22, e.first_seen);
            insert_.bind(23, std::max(e.first_seen, e.last_seen)).bind(24, e.closed_at);
            if (e.listing) {
                insert_.bind_null(25);
            } else {
                insert_.bind(25, now);
            }
            insert_.run();
            ++summary.listings_added;
        } else {
            // Newer content wins; content the store had dropped comes back from a backup.
            if (e.listing && (e.last_seen > last_seen || dropped)) {
                store::bind_content(content_, content, buffers_);
                content_.run();
            }
            lifecycle_.bind(1, e.id).bind(2, e.first_seen).bind(3, e.last_seen);
            lifecycle_.bind(4, e.closed_at).run();
            ++summary.listings_updated;
        }
        std::vector<std::string> sources = e.sources;
        if (sources.empty()) {
            sources.push_back(e.source.empty() ? std::string("import") : e.source);
        }
        for (const auto& source : sources) {
            sight_.bind(1, e.id).bind(2, source).bind(3, e.first_seen).bind(4, e.last_seen);
            sight_.bind(5, e.closed_at).run();
        }
        if (e.action) {
            std::string root = resolve_root(db_, e.id).value_or(e.id);
            auto current = read_action(db_, root);
            bool take = !current || e.action->changed_at > current->changed_at ||
                        (e.action->changed_at == current->changed_at &&
                         strength(e.action->state) > strength(current->state));
            if (take) {
                write_action(db_, root, *e.action);
                ++summary.actions_applied;
            }
        }
    }

  private:
    Database& db_;
    Statement find_, insert_, content_, lifecycle_, sight_;
    store::ContentBuffers buffers_;
};

}  // namespace

namespace {

// One exported merge (`id` was merged into `into`) in its own transaction; false when either
// side is missing or they are one listing already.
bool apply_import_merge(Database& db, const std::string& id, const std::string& into) {
    WriteTransaction tx(db);
    auto keep = resolve_root(db, into);
    auto dup = resolve_root(db, id);
    bool merged = false;
    if (keep && dup && *keep != *dup) {
        merge_roots(db, *keep, *dup);
        merged = true;
    }
    tx.commit();
    return merged;
}

}  // namespace

Result<ImportSummary> Store::import_state(const StateExport& state, std::int64_t now) {
    return guard<ImportSummary>("importing", [&] {
        Database& db = impl_->db;
        ImportSummary summary;
        {
            WriteTransaction tx(db);
            Statement profile = db.prepare(
                "INSERT INTO profiles (name, json, updated_at) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (name) DO UPDATE SET json = excluded.json, "
                "updated_at = excluded.updated_at WHERE excluded.updated_at > updated_at");
            for (const auto& p : state.profiles) {
                check_name("the profile", p.name);
                profile.bind(1, p.name).bind(2, p.json).bind(3, p.updated_at).run();
                summary.profiles_saved += static_cast<std::size_t>(db.changes());
            }
            Statement setting = db.prepare(
                "INSERT INTO settings (scope, owner, key, value) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (scope, owner, key) DO NOTHING");
            for (const auto& s : state.settings) {
                check_setting(s.scope, s.owner, s.key);
                setting.bind(1, to_string(s.scope)).bind(2, s.owner).bind(3, s.key);
                setting.bind(4, s.value).run();
                summary.settings_added += static_cast<std::size_t>(db.changes());
            }
            if (state.active_profile && !meta_text(db, "active_profile")) {
                Statement exists = db.prepare("SELECT 1 FROM profiles WHERE name = ?1");
                exists.bind(1, *state.active_profile);
                if (exists.step()) {
                    set_meta(db, "active_profile", *state.active_profile);
                }
            }
            if (state.last_look_at) {
                Statement look = db.prepare(
                    "INSERT INTO meta (key, value) VALUES ('last_look_at', ?1) "
                    "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
                look.bind(1, *state.last_look_at).run();
            }
            tx.commit();
        }
        ImportWriter writer(db);
        const std::size_t batch = std::max<std::size_t>(1, impl_->options.batch_size);
        const auto& entries = state.listings;
        for (std::size_t begin = 0; begin < entries.size(); begin += batch) {
            try {
                WriteTransaction tx(db);
                std::int64_t counter = meta_integer(db, "entry_counter");
                std::size_t end = std::min(entries.size(), begin + batch);
                for (std::size_t i = begin; i < end; ++i) {
                    writer.write(entries[i], now, counter, summary);
                }
                set_meta(db, "entry_counter", counter);
                tx.commit();
            } catch (const DbError& e) {
                throw DbError(e.code(), std::string(e.what()) + "; " + std::to_string(begin) +
                                            " of " + std::to_string(entries.size()) +
                                            " listings were imported — importing the same file "
                                            "again completes it");
            }
        }
        // Merges last, once both sides exist; each is its own short transaction.
        for (const auto& e : entries) {
            if (e.merged_into && apply_import_merge(db, e.id, *e.merged_into)) {
                ++summary.merges;
            }
        }
        return summary;
    });
}

Result<std::size_t> Store::apply_imported_merges(
    const std::vector<std::pair<std::string, std::string>>& merged_into) {
    return guard<std::size_t>("importing", [&] {
        std::size_t applied = 0;
        for (const auto& [id, into] : merged_into) {
            applied += apply_import_merge(impl_->db, id, into) ? 1 : 0;
        }
        return applied;
    });
}

Result<std::string> Store::integrity_check() {
    return guard<std::string>("checking the database", [&] {
        Statement s = impl_->db.prepare("PRAGMA integrity_check");
        std::string out;
        while (s.step()) {
            out += (out.empty() ? "" : "\n") + s.text(0);
        }
        return out;
    });
}

}  // namespace gigscout
