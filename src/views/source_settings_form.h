// A source's settings as a form, built from what its plugin's manifest declares (type, required,
// default, description, secret): one field per setting, checked as a person types (the field and
// the reason), and the edit a save writes — the non-secret values for sources.json, the secrets
// for the secret store (never sources.json). Plain values: the app's sources dialog binds it and
// its tests need no display; workspace/source_settings.h reads and writes what it holds.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "plugin_host/plugin_manifest.h"

namespace gigscout {

// Where a secret setting's value is, as the form says it (the value itself is never shown).
enum class SecretPlace { None, Keyring, File, Environment };

struct SettingField {
    SettingSpec spec;
    // What the field holds as a person types it (lists comma-separated, booleans
    // "true"/"false"); empty for a secret, whose value the form never holds unless typed anew.
    std::string text;
    bool required = false;  // needs a value (not optional, or its required_unless has none)
    SecretPlace stored = SecretPlace::None;  // secrets only: where the current value is
    bool secret_typed = false;               // secrets only: a new value was typed
    bool secret_cleared = false;             // secrets only: the stored value is to go
    // A setting of the host's for this source (HostSetting), not the plugin's: a whole number
    // from `min` to `max`.
    bool host = false;
    int min = 0;
    int max = 0;
};

// A per-source setting of the host's, kept in sources.json beside the plugin's settings (the
// refresh's time budget): the workspace supplies it with its default and range, so the form
// shows it after the plugin's fields and checks it the same way.
struct HostSetting {
    SettingSpec spec;  // a Number whose default_value is the host's default
    int min = 1;
    int max = 1;
    std::optional<int> value;  // the source's own; none: the default
};

struct FieldError {
    std::string key;
    std::string reason;  // "is required", "expected a number, got \"many\""
};

// What a save changes.
struct SettingsEdit {
    // The source's settings for sources.json: every non-secret field with a value other than
    // its default (so a later default reaches it).
    std::map<std::string, std::string> settings;
    std::map<std::string, std::string> secrets;  // to store, by key
    std::vector<std::string> erase_secrets;      // to take out of the secret store
    // The host settings with a value other than their default, by key.
    std::map<std::string, int> host;
};

class SettingsForm {
  public:
    // `settings`: the source's values from sources.json (none: the defaults); `secrets`: where
    // each secret setting's value is now; `host`: the host's settings for the source, shown
    // after the plugin's (a key the plugin declares itself stays the plugin's).
    SettingsForm(PluginManifest manifest, const std::map<std::string, std::string>& settings = {},
                 const std::map<std::string, SecretPlace>& secrets = {},
                 const std::vector<HostSetting>& host = {});

    const PluginManifest& manifest() const { return manifest_; }
    const std::vector<SettingField>& fields() const { return fields_; }
    const SettingField* field(const std::string& key) const;

    // False for a key the plugin does not declare.
    bool set_text(const std::string& key, std::string text);
    // A new value for a secret field (empty: keep what is stored).
    bool set_secret(const std::string& key, std::string value);
    // Take a stored secret away on save.
    bool clear_secret(const std::string& key);

    // Every field that is wrong, in the manifest's order; empty: the form can be saved.
    std::vector<FieldError> validate() const;
    // The edit to save, or the first wrong field: "field `max_pages`: expected a number, got
    // \"many\"".
    Result<SettingsEdit> edit() const;

  private:
    SettingValues given() const;
    // Whether `f` needs a value before the source is saved. A host setting never does (it has a
    // default), nor an OAuth2 source's token: signing in (after the source is added) gives it,
    // and a refresh without it says so.
    bool required(const SettingField& f, const SettingValues& given) const;
    void update_required();

    PluginManifest manifest_;
    std::vector<SettingField> fields_;
    std::map<std::string, std::string> typed_secrets_;
};

// "stored in the keyring", "stored in the file", "set in the environment", "not set".
std::string secret_place_text(SecretPlace place);

}  // namespace gigscout
