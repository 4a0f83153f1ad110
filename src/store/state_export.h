// The whole user state as one JSON document (docs/store.md, "Export and import"): every stored
// listing with its lifecycle and what the user did with it, profiles and non-secret settings.
// Secrets are never part of it (they are not in the database).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/listing.h"
#include "store/listing_state.h"

namespace gigscout {

struct StoredProfile {
    std::string name;
    std::string json;  // the profile file's text (docs/profile-format.md), as saved
    std::int64_t updated_at = 0;
    bool active = false;
};

enum class SettingScope { App, Source, Plugin };
std::string_view to_string(SettingScope s);  // "app", "source", "plugin"
std::optional<SettingScope> setting_scope_from_string(std::string_view s);

// The longest note a user action keeps (`mark --note`, imports).
inline constexpr std::size_t kMaxNoteBytes = 10 * 1024;

struct UserAction {
    ListingState state = ListingState::Seen;  // never New
    std::int64_t changed_at = 0;
    std::optional<std::int64_t> applied_at;
    std::string note;
};

struct ExportedListing {
    std::string id;
    std::string source;
    std::string url;
    std::optional<Listing> listing;    // absent when a cache limit dropped the content
    std::vector<std::string> sources;  // the sources that brought this id
    std::int64_t first_seen = 0;
    std::int64_t last_seen = 0;
    std::optional<std::int64_t> closed_at;
    std::optional<std::string> merged_into;  // a duplicate folded into that listing
    bool is_new = false;
    std::optional<UserAction> action;
};

struct ExportedSetting {
    SettingScope scope = SettingScope::App;
    std::string owner;
    std::string key;
    std::string value;
};

// Keys that must go to the SecretStore rather than into settings (token, password, secret,
// api key, credential, cookie...): the store and the importer refuse them.
bool looks_like_secret_key(std::string_view key);

struct StateExport {
    std::int64_t exported_at = 0;
    std::optional<std::int64_t> last_look_at;
    std::optional<std::string> active_profile;
    std::vector<StoredProfile> profiles;
    std::vector<ExportedSetting> settings;
    std::vector<ExportedListing> listings;
    // The user's sources (sources.json, docs/sources.md) as JSON text. Configuration, not
    // database: the front end reads the file for an export and writes it back on import.
    std::optional<std::string> sources;
};

struct ImportSummary {
    std::size_t listings_added = 0;
    std::size_t listings_updated = 0;  // known already; merged by the rules in docs/store.md
    std::size_t actions_applied = 0;   // user states taken from the import
    std::size_t profiles_saved = 0;
    std::size_t settings_added = 0;
    std::size_t merges = 0;
};

// A file read for import: what could be used, and what was skipped and why.
struct ParsedImport {
    StateExport state;
    std::vector<std::string> problems;  // "listings[3]: field `listing.url`: is required"
    // Damage mended so that the entry could be imported anyway: "listings[3].action.note: text
    // that was not UTF-8 was replaced with U+FFFD".
    std::vector<std::string> repaired;
};

// Stable member order, times as ISO 8601 UTC, listings with their extracted skills. Always
// JSON that state_export_from_json reads back, whatever the store holds: text that is not UTF-8
// has its bad bytes replaced with U+FFFD, and a profile whose stored text is not a JSON object is
// left out; each such entry is named in `repairs` when given.
std::string state_export_to_json(const StateExport& state,
                                 std::vector<std::string>* repairs = nullptr);

// Fails when the text is not JSON or not a GigScout state export (message names `what`), or
// when it was written by a newer format version. Each listing, profile or setting stands or
// falls alone; listings also pass validate_listing (bounded by `now`).
Result<ParsedImport> state_export_from_json(std::string_view text, std::string_view what,
                                            std::int64_t now);

// The entries of an export's `listings` array, given as the JSON text of an array that holds a
// batch of them (an import reads a large file in batches, json::for_each_element): the first is
// `listings[first_index]`. Each stands or falls alone, as in state_export_from_json, and is
// repaired as it is (text that is not UTF-8, stray byte order marks); fails only when the text is
// not a JSON array.
Result<ParsedImport> exported_listings_from_json(std::string_view array_text, std::string_view what,
                                                 std::size_t first_index, std::int64_t now);

// The marker and version written in every export.
inline constexpr std::string_view kStateExportFormat = "gigscout-state";
inline constexpr int kStateExportVersion = 1;

}  // namespace gigscout
