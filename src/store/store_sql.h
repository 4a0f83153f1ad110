// What the Store's files share (store.cpp, store_write.cpp, store_read.cpp,
// store_transfer.cpp): the Store's insides, its refusal, and the SQL helpers more than one of
// them needs. Internal to the store part: nothing outside src/store includes it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite_db.h"
#include "store/store.h"

namespace gigscout {

namespace store {

// A request the store refuses (unknown id, bad name): thrown inside Store methods only, caught
// by Store::guard with DbError.
struct Refusal {
    std::string message;
};

void split_sources(std::string_view joined, std::vector<std::string>& out);
std::vector<std::string> split_sources(std::string_view joined);
// "SELECT group_concat(...)" of a listing's sightings, as a column expression.
std::string sources_column(std::string_view alias);

std::int64_t meta_integer(Database& db, const char* key);
template <class Value>
void set_meta(Database& db, const char* key, const Value& value) {
    Statement s = db.prepare(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value).run();
}
std::optional<std::string> meta_text(Database& db, const char* key);

// The id a listing is shown under: itself, or the listing it was merged into.
std::optional<std::string> resolve_root(Database& db, const std::string& id);
// resolve_root, refusing an id no listing has.
std::string require_root(Database& db, const std::string& id);

std::optional<UserAction> read_action(Database& db, const std::string& id);
void write_action(Database& db, const std::string& id, const UserAction& a);
void erase_action(Database& db, const std::string& id);
// Folds root `dup` into root `keep` inside the caller's transaction.
void merge_roots(Database& db, const std::string& keep, const std::string& dup);

// Refuses a profile, setting or owner name that is empty, too long, not UTF-8 or has control
// characters; `what` names it in the message.
void check_name(const std::string& what, const std::string& name);
// Refuses a setting the store never keeps (a secret) or whose scope and owner disagree.
void check_setting(SettingScope scope, const std::string& owner, const std::string& key);

}  // namespace store

struct Store::Impl {
    store::Database db;
    StoreOptions options;
};

template <class T>
Result<T> Store::guard(const std::string& doing, const std::function<T()>& body) {
    try {
        return body();
    } catch (const store::DbError& e) {
        return Error{doing + ": " + e.what()};
    } catch (const store::Refusal& r) {
        return Error{doing + ": " + r.message};
    }
}

}  // namespace gigscout
