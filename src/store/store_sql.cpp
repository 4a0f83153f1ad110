#include "store/store_sql.h"

#include <cassert>

#include "base/utf8.h"

namespace gigscout::store {

namespace {

constexpr int kMaxMergeDepth = 64;
constexpr std::size_t kMaxNameBytes = 100;
constexpr char kSourceSeparator = '\x1f';

}  // namespace

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

std::optional<std::string> meta_text(Database& db, const char* key) {
    Statement s = db.prepare("SELECT value FROM meta WHERE key = ?1");
    s.bind(1, key);
    if (!s.step() || s.is_null(0)) {
        return std::nullopt;
    }
    return s.text(0);
}

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

}  // namespace gigscout::store
