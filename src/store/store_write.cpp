#include <algorithm>

#include "store/listing_columns.h"
#include "store/store_sql.h"

// Writing listings and what the user does with them: a source's refresh, user states, looks,
// merges, retention and the platforms' cache limits.

namespace gigscout {
using store::Database;
using store::DbError;
using store::erase_action;
using store::merge_roots;
using store::meta_integer;
using store::read_action;
using store::ReadTransaction;
using store::Refusal;
using store::require_root;
using store::resolve_root;
using store::set_meta;
using store::Statement;
using store::write_action;
using store::WriteTransaction;

namespace {

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

}  // namespace

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

}  // namespace gigscout
