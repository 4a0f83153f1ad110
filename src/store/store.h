// The local store: one SQLite database (WAL, synchronous=FULL) holding every listing GigScout has
// seen with its lifecycle, what the user did with each, profiles and non-secret settings.
// Rules — what closes a listing, what "new" means, retention, cache age — are in docs/store.md.
//
// One Store is one connection: use it from one thread at a time and open another for another
// thread or process. Writers in several processes (the app, a background refresh, the CLI) take
// turns through short transactions and a busy timeout.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "model/listing.h"
#include "store/listing_state.h"
#include "store/refresh_completeness.h"
#include "store/state_export.h"
#include "store/store_records.h"

namespace gigscout {

class Store {
  public:
    // Opens or creates the database and migrates it to the current schema. Refuses, leaving
    // the file untouched: a file that is not SQLite, another program's SQLite database, a
    // database from a newer GigScout, a read-only file or directory.
    static Result<Store> open(const std::filesystem::path& database_file,
                              StoreOptions options = {});
    // paths.database_file(), creating the data directory when missing.
    static Result<Store> open(const Paths& paths, StoreOptions options = {});

    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;

    const std::filesystem::path& file() const;

    // --- listings -------------------------------------------------------------------------
    // Stores one source's refresh result in short transactions (batch_size listings each).
    // Listings are upserted by id (<plugin>:<platform id>) and sighted by this source; content
    // is replaced, first_seen and the user's state never are. A listing whose `merged` names a
    // stored listing merges it (merge_listings). Only Complete closes this source's sightings
    // that are missing; NotModified confirms its open listings; Failed records the attempt.
    // Listings come through the intake door first (admit_listing, taxonomy/listing_intake.h):
    // their skills are stored, not recomputed.
    // After a failure part of the listings may be stored and nothing is closed; running the
    // refresh again completes it.
    // `error` is why a Failed (or Partial) refresh fell short, in words, for the sources panel
    // (source_records); empty when there is none.
    Result<RefreshSummary> record_refresh(const std::string& source,
                                          const std::vector<Listing>& listings,
                                          RefreshCompleteness completeness, std::int64_t now,
                                          const std::string& error = {});
    // Every source that ever refreshed, by id.
    Result<std::vector<SourceRecord>> source_records();
    // The user resumed a source the health rules paused: its failures so far no longer count
    // towards a pause (views/source_health.h). False when the source never refreshed.
    Result<bool> resume_source(const std::string& source);

    Result<LoadedListings> load_listings(const ListingFilter& filter = {});
    // The same rows for a view of many listings, without keeping them: each is handed to
    // `visit` in one StoredListing that is read into again for the next row, so 100,000
    // listings cost the memory of one (docs/store.md, "Performance"). Rows come in storage
    // order, not newest first. `visit` sees every field, description included, and must not
    // keep references into the row nor call the store. Returns the look mark
    // (LoadedListings::look_mark).
    Result<std::int64_t> visit_listings(const ListingFilter& filter,
                                        const std::function<void(const StoredListing&)>& visit);
    // Ids of listings as first_seen times, for dedupe's rank (the kept id is the oldest).
    Result<std::map<std::string, std::int64_t>> first_seen(const std::vector<std::string>& ids);

    // The user's action. New forgets it. A note of nullopt keeps the current note; applied_at
    // is set when a listing first becomes applied. A merged copy's id acts on the listing it
    // joined. Unknown ids are an error naming the id.
    Status set_state(const std::string& id, ListingState state,
                     const std::optional<std::string>& note, std::int64_t now);

    // Records that the user was shown the listings up to `look_mark` (LoadedListings): they are
    // no longer new. Marks never move back. `not_shown` names listings of that load the view
    // left out (a score threshold, a row limit): the new ones among them stay new.
    Status mark_looked(std::int64_t look_mark, std::int64_t now,
                       const std::vector<std::string>& not_shown = {});
    // Records that the user was shown these listings and no others: each is no longer new, and
    // the look mark stays where it was. For a view that showed a few of many new listings, where
    // naming what was shown is cheaper than naming what was not (mark_looked's `not_shown`).
    Status mark_seen(const std::vector<std::string>& shown, std::int64_t now);
    Result<std::optional<std::int64_t>> last_look_at();

    // Folds `duplicate_id` (and whatever was merged into it) into `keep_id`: the duplicate's
    // source and link join the kept listing, and the stronger user state survives (applied >
    // saved > hidden > seen > new) with its date and note.
    Status merge_listings(const std::string& keep_id, const std::string& duplicate_id);

    // Deletes listings (with their merged copies) not seen by any source for `max_age`
    // seconds, unless saved or applied. Returns how many were deleted.
    Result<std::size_t> apply_retention(std::int64_t max_age_seconds, std::int64_t now);
    // A platform's terms: content of listings from `source_or_plugin` (a source id, or a plugin
    // id matching every listing whose id starts with "<plugin>:") not refreshed for
    // `max_age` seconds is dropped; id, source, url, lifecycle and the user's state remain.
    Result<std::size_t> apply_max_cache_age(const std::string& source_or_plugin,
                                            std::int64_t max_age_seconds, std::int64_t now);

    // --- profiles -------------------------------------------------------------------------
    // `json` must be a JSON object (callers validate it as a profile: profile_from_json).
    Status save_profile(const std::string& name, const std::string& json, std::int64_t now);
    Status delete_profile(const std::string& name);
    Result<std::vector<StoredProfile>> profiles();  // by name
    Status set_active_profile(const std::string& name);
    Result<std::optional<StoredProfile>> active_profile();

    // --- settings (never secrets: see secret_store.h) -------------------------------------
    // Owner: a source id, a plugin id, or "" for App. Keys that name a secret (token,
    // password, secret, api key...) are refused with a message pointing to the keyring.
    Result<std::map<std::string, std::string>> settings(SettingScope scope,
                                                        const std::string& owner);
    Status set_setting(SettingScope scope, const std::string& owner, const std::string& key,
                       const std::string& value);
    Status erase_setting(SettingScope scope, const std::string& owner, const std::string& key);
    Result<std::map<std::string, std::string>> source_settings(const std::string& source) {
        return settings(SettingScope::Source, source);
    }
    Result<std::map<std::string, std::string>> plugin_settings(const std::string& plugin) {
        return settings(SettingScope::Plugin, plugin);
    }

    // --- export / import ------------------------------------------------------------------
    // The whole user state: every listing with its lifecycle and state, profiles, settings.
    Result<StateExport> export_state();
    // Merges an export into the store in short transactions; running it again changes nothing
    // (so an import interrupted by a crash is completed by running it again). Listings keep the
    // earliest first_seen and latest last_seen; of two user states the more recent wins;
    // profiles: the more recently updated; settings already set locally are kept.
    // Its merges (`merged_into`) are applied last, once both sides are in.
    Result<ImportSummary> import_state(const StateExport& state, std::int64_t now);
    // The merges of an import read in batches (each batch's import_state applies those whose
    // both sides are in by then): (duplicate id, the id it was merged into), applied after the
    // last batch; each is its own short transaction. Returns how many were applied.
    Result<std::size_t> apply_imported_merges(
        const std::vector<std::pair<std::string, std::string>>& merged_into);

    // For tests and diagnostics: PRAGMA integrity_check ("ok" when sound).
    Result<std::string> integrity_check();

  private:
    struct Impl;
    explicit Store(std::unique_ptr<Impl> impl);
    // Runs `body`, turning a database failure into an Error that starts with `doing`.
    template <class T>
    Result<T> guard(const std::string& doing, const std::function<T()>& body);

    std::unique_ptr<Impl> impl_;
};

}  // namespace gigscout
