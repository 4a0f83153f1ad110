// The manifest a plugin declares (the fields of the table its file returns, docs/plugin-api.md),
// as plain values the app, the refresh pipeline and the CLI read without touching Lua.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <rapidjson/document.h>

#include "base/result.h"

namespace gigscout {

// The plugin API version this host implements. A plugin declaring another one is disabled with
// "needs API N; this GigScout supports API 1".
inline constexpr int kPluginApiVersion = 1;

enum class SettingType { String, Number, Boolean, List };
std::string_view to_string(SettingType t);

// A user's value for one setting; the alternative matches the setting's type
// (String -> string, Number -> double, Boolean -> bool, List -> list of strings).
using SettingValue = std::variant<std::string, double, bool, std::vector<std::string>>;
using SettingValues = std::map<std::string, SettingValue, std::less<>>;

// One entry of the settings form the app builds for a plugin.
struct SettingSpec {
    std::string key;  // [a-z0-9_]+
    std::string label;
    SettingType type = SettingType::String;
    std::optional<SettingValue> default_value;
    bool secret = false;    // stored in the keyring, shown as dots
    bool optional = false;  // may be left empty
    std::string help;       // one sentence shown under the field
    // Optional, but required while the setting with this key has no value: upwork's `token`
    // unless `feed_url` is set. The host then stops the source with its own message.
    std::string required_unless;
};

// One `url_settings` entry: a pasted board address matching `pattern` fills the settings its
// `{key}` parts name (url_pattern_captures), and those of `set` with fixed values.
struct UrlSettingsRule {
    std::string pattern;                     // "https://jobs.eu.lever.co/{site}*"
    std::map<std::string, std::string> set;  // {"region": "eu"}
};

struct Politeness {
    std::optional<double> requests_per_minute;         // to the plugin's hosts, all sources
    std::optional<std::int64_t> min_refresh_interval;  // seconds between refreshes of a source
};

// A platform that requires a contact as User-Agent (USAJOBS: the e-mail address its API key was
// registered with). The plugin's `User-Agent` header is sent only when it equals the value of
// this string setting; otherwise the host's own User-Agent goes.
struct UserAgentRule {
    std::string setting;  // key of a string setting
    std::string reason;   // why the platform needs it, shown with the setting
};

// An OAuth2 authorization-code sign-in the host runs for the plugin (docs/plugin-api.md,
// "oauth2"): `gigscout-cli source auth ID` signs in, the host keeps the tokens and the client
// secret in the secret store and renews the access token; the plugin sees only the access
// token, as the value of its secret setting `token_setting`.
struct OAuth2Rule {
    std::string authorize_url;        // https (http only on a loopback host)
    std::string token_url;            // https (ditto); its host is one of the manifest's `hosts`
    std::vector<std::string> scopes;  // sent space-separated; empty: no `scope` parameter
    bool pkce = false;                // send an S256 code challenge and the verifier
    std::string client_id_setting = "client_id";  // a visible string setting
    std::string token_setting = "token";          // a secret string setting
};

// Secret keys the host keeps for an OAuth2 source; no setting may start with this prefix, so a
// plugin can never ask for them.
inline constexpr std::string_view kHostSecretPrefix = "oauth2_";

// The host's own settings of a source, shown in the sources dialog beside a plugin's (one form):
// no plugin setting may take their keys, or the form would show one field for two values.
inline constexpr std::string_view kTimeBudgetSettingKey = "time_budget_seconds";
inline constexpr std::string_view kHostSettingKeys[] = {kTimeBudgetSettingKey};

struct PluginManifest {
    std::string id;  // [a-z0-9_-]+
    std::string name;
    std::string version;
    int api_version = kPluginApiVersion;
    std::string description;
    std::string homepage;
    std::string author;
    std::string deprecated;  // non-empty: why, and what to use instead (shown to the user)
    bool experimental = false;
    bool enabled_by_default = true;
    bool multi_source = false;
    std::vector<std::string> hosts;  // "example.com", "*.example.com"
    // Keys of string settings holding an http(s) URL: each source may also reach the host of
    // its own value (generic plugins: "any feed, by URL"). See source_hosts().
    std::vector<std::string> hosts_from_settings;
    std::vector<std::string> url_patterns;  // "https://boards.greenhouse.io/*"
    std::vector<UrlSettingsRule> url_settings;
    Politeness politeness;
    std::optional<std::int64_t> max_cache_age;  // seconds the platform lets listings be kept
    std::optional<UserAgentRule> user_agent;
    std::optional<OAuth2Rule> oauth2;
    std::vector<SettingSpec> settings;

    // True when a board address the user pasted is one this plugin understands.
    bool matches_url(std::string_view url) const;
    // The settings a pasted board address fills: the first url_settings rule it matches, or
    // nullopt (none matches, or the plugin declares none).
    std::optional<std::map<std::string, std::string>> settings_from_url(std::string_view url) const;
    // The `hosts` entry that allows `host` (by the one host rule, base/host_pattern.h), or
    // nullptr.
    const std::string* allowing_host_rule(std::string_view host) const;
    const SettingSpec* setting(std::string_view key) const;
};

// Reads and checks the manifest as the worker sends it: the plugin table without its functions,
// and the names of the function-valued fields. Every problem names its field ("field
// `settings[2].type`: unknown type \"int\" (expected string, number, boolean or list)"); they
// are joined with "; ".
Result<PluginManifest> manifest_from_json(const rapidjson::Value& table,
                                          const std::vector<std::string>& functions);

bool is_valid_plugin_id(std::string_view id);

// Converts text typed by a person (CLI --setting k=v, a form field) to the setting's type:
// numbers, "true"/"false"/"yes"/"no"/"1"/"0", comma-separated lists.
Result<SettingValue> parse_setting_value(const SettingSpec& spec, std::string_view text);

// The settings a call sees: the given values (checked against the schema; unknown keys are
// refused) plus defaults; fails naming the first required setting that has no value.
Result<SettingValues> resolve_settings(const PluginManifest& manifest, const SettingValues& given);

std::string setting_value_to_text(const SettingValue& v);

// False for an empty string or list; numbers and booleans always have a value.
bool setting_has_value(const SettingValue& v);

// Whether `spec` must have a value, given the user's values: not optional, or its
// `required_unless` setting has none (neither given nor by default).
bool setting_required(const PluginManifest& manifest, const SettingSpec& spec,
                      const SettingValues& given);

}  // namespace gigscout
