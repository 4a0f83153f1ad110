#include <algorithm>

#include "store/listing_columns.h"
#include "store/store_sql.h"

// Export and import of the whole user state (docs/store.md, "Export and import").

namespace gigscout {
using store::check_name;
using store::check_setting;
using store::Database;
using store::DbError;
using store::merge_roots;
using store::meta_integer;
using store::meta_text;
using store::read_action;
using store::ReadTransaction;
using store::Refusal;
using store::resolve_root;
using store::set_meta;
using store::sources_column;
using store::split_sources;
using store::Statement;
using store::write_action;
using store::WriteTransaction;

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

}  // namespace gigscout
