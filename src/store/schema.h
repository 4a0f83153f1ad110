// The database schema and its history: one forward migration per version, run at open
// (docs/store.md lists every version). A new database is built by running them all, so a fresh
// store and a migrated one are the same thing.
#pragma once

#include "store/sqlite_db.h"

namespace gigscout::store {

// Raise by one with each new migration, and keep a fixture of the old version in
// tests/store/fixtures/ (schema_v<N>.sql) so its migration stays tested.
constexpr int kSchemaVersion = 4;

// PRAGMA user_version; 0 for a new (empty) database.
int schema_version(Database& db);

// True when the file holds tables although its version is 0: someone else's SQLite database.
bool has_foreign_tables(Database& db);

// Migrates from the current version to kSchemaVersion in one write transaction (all or
// nothing). The caller refused newer versions first; the version is read again under the write
// lock, so two processes opening an old database at once migrate it once. Throws DbError.
void migrate(Database& db);

}  // namespace gigscout::store
