#include "store/schema.h"

#include <array>
#include <string>

namespace gigscout::store {
namespace {

// kMigrations[v] brings version v to v + 1. Never edit a shipped step: add a new one.
constexpr std::array<const char*, kSchemaVersion> kMigrations = {
    // 0 -> 1: listings with their lifecycle, user state, profiles.
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('entry_counter', 0), ('look_mark', 0);

CREATE TABLE listings (
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    company TEXT NOT NULL,
    location TEXT NOT NULL,
    posted_at INTEGER,
    budget_kind TEXT,
    budget_min REAL,
    budget_max REAL,
    budget_currency TEXT,
    tags TEXT NOT NULL,
    experience_level TEXT,
    job_type TEXT,
    remote INTEGER,
    client TEXT,
    proposals INTEGER,
    merged TEXT,
    skills TEXT NOT NULL,
    entered_seq INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    closed_at INTEGER,
    content_dropped_at INTEGER,
    merged_into TEXT
);
CREATE INDEX listings_by_source ON listings (source);
CREATE INDEX listings_by_merged_into ON listings (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE user_state (
    listing_id TEXT PRIMARY KEY REFERENCES listings (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('seen', 'hidden', 'saved', 'applied')),
    changed_at INTEGER NOT NULL,
    applied_at INTEGER,
    note TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE profiles (
    name TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 1 -> 2: a listing may be brought by several sources; each sighting is kept so a source's
    // complete refresh closes only what that source no longer has. Settings per source/plugin.
    R"sql(
CREATE TABLE listing_sources (
    listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    gone_at INTEGER,
    PRIMARY KEY (listing_id, source)
) WITHOUT ROWID;
CREATE INDEX listing_sources_by_source ON listing_sources (source, generation);
INSERT INTO listing_sources (listing_id, source, first_seen, last_seen, generation, gone_at)
    SELECT id, source, first_seen, last_seen, 0, closed_at FROM listings;

CREATE TABLE sources (
    source TEXT PRIMARY KEY,
    generation INTEGER NOT NULL,
    last_refresh_at INTEGER,
    last_result TEXT,
    last_complete_at INTEGER
) WITHOUT ROWID;

CREATE TABLE settings (
    scope TEXT NOT NULL CHECK (scope IN ('app', 'source', 'plugin')),
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, owner, key)
) WITHOUT ROWID;
)sql",
    // 2 -> 3: what a sources panel says of each source: when it last succeeded, how many
    // refreshes in a row failed, and the last error in words.
    R"sql(
ALTER TABLE sources ADD COLUMN last_success_at INTEGER;
ALTER TABLE sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_error TEXT;
ALTER TABLE sources ADD COLUMN last_error_at INTEGER;
UPDATE sources SET last_success_at = last_refresh_at WHERE last_result IS NOT 'failed';
UPDATE sources SET failures = 1 WHERE last_result = 'failed';
)sql",
    // 3 -> 4: what the health rules need (views/source_health.h): the failures in a row when
    // the user last resumed a paused source, and the listings each of its last refreshes
    // brought (the last kKeptSourceRefreshes per source).
    R"sql(
ALTER TABLE sources ADD COLUMN resumed_failures INTEGER NOT NULL DEFAULT 0;
CREATE TABLE source_refreshes (
    source TEXT NOT NULL,
    at INTEGER NOT NULL,
    result TEXT NOT NULL,
    listings INTEGER NOT NULL
);
CREATE INDEX source_refreshes_by_source ON source_refreshes (source);
)sql",
};

}  // namespace

int schema_version(Database& db) {
    return static_cast<int>(db.query_integer("PRAGMA user_version"));
}

bool has_foreign_tables(Database& db) {
    return db.query_integer("SELECT count(*) FROM sqlite_schema") > 0;
}

void migrate(Database& db) {
    if (schema_version(db) >= kSchemaVersion) {
        return;  // the usual case: no write lock needed, so opening never waits for a writer
    }
    WriteTransaction tx(db);
    int version = schema_version(db);
    if (version >= kSchemaVersion) {
        return;  // another process got there first (or nothing to do); tx rolls back nothing
    }
    for (int v = version; v < kSchemaVersion; ++v) {
        db.exec(kMigrations[static_cast<std::size_t>(v)]);
    }
    db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
    tx.commit();
}

}  // namespace gigscout::store
