#include "plugin_host/plugin_manifest.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>

#include "base/host_pattern.h"
#include "base/json_reader.h"
#include "model/listing_validator.h"
#include "plugin_host/url_rules.h"

namespace gigscout {
namespace {

constexpr std::size_t kShortText = 200;
constexpr std::size_t kLongText = 2000;
constexpr std::size_t kMaxRules = 100;
constexpr std::size_t kMaxSettings = 50;

// Collects every problem of one manifest, each naming its field.
class Problems {
  public:
    void add(const std::string& field, const std::string& what) {
        if (!text_.empty()) {
            text_ += "; ";
        }
        text_ += "field `" + field + "`: " + what;
    }
    bool empty() const { return text_.empty(); }
    const std::string& text() const { return text_; }

  private:
    std::string text_;
};

std::string got(const rapidjson::Value& v) {
    return "got " + std::string(json::type_name(v));
}

// Reads the members of one JSON object into a manifest part, reporting into `problems`.
class Reader {
  public:
    Reader(const rapidjson::Value& object, std::string path, Problems& problems)
        : object_(object), path_(std::move(path)), problems_(problems) {}

    std::string field(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }
    const rapidjson::Value* get(const char* key) const {
        auto it = object_.FindMember(key);
        return it == object_.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
    }
    void text(const char* key, std::string& out, std::size_t max, bool required) {
        const auto* v = get(key);
        if (v == nullptr) {
            if (required) {
                problems_.add(field(key), "is required");
            }
            return;
        }
        if (!v->IsString()) {
            problems_.add(field(key), "expected a string, " + got(*v));
            return;
        }
        out.assign(v->GetString(), v->GetStringLength());
        if (out.size() > max) {
            problems_.add(field(key), "longer than " + std::to_string(max) + " bytes");
        } else if (required && out.empty()) {
            problems_.add(field(key), "is required");
        }
    }
    void boolean(const char* key, bool& out) {
        if (const auto* v = get(key)) {
            if (v->IsBool()) {
                out = v->GetBool();
            } else {
                problems_.add(field(key), "expected true or false, " + got(*v));
            }
        }
    }
    std::optional<std::int64_t> seconds(const char* key, std::int64_t min, std::int64_t max) {
        const auto* v = get(key);
        if (v == nullptr) {
            return std::nullopt;
        }
        if (!v->IsInt64()) {
            problems_.add(field(key), "expected a whole number of seconds, " + got(*v));
            return std::nullopt;
        }
        std::int64_t s = v->GetInt64();
        if (s < min || s > max) {
            problems_.add(field(key), "must be between " + std::to_string(min) + " and " +
                                          std::to_string(max) + " seconds, got " +
                                          std::to_string(s));
            return std::nullopt;
        }
        return s;
    }
    // A list of strings; each element checked by `check` (returns a problem or nullopt).
    template <class Check>
    void strings(const char* key, std::vector<std::string>& out, Check check) {
        const auto* v = get(key);
        if (v == nullptr) {
            return;
        }
        if (!v->IsArray()) {
            problems_.add(field(key), "expected a list of strings, " + got(*v));
            return;
        }
        if (v->Size() > kMaxRules) {
            problems_.add(field(key), "more than " + std::to_string(kMaxRules) + " entries");
            return;
        }
        for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
            std::string f = field(key) + "[" + std::to_string(i + 1) + "]";
            const auto& e = (*v)[i];
            if (!e.IsString()) {
                problems_.add(f, "expected a string, " + got(e));
                continue;
            }
            std::string s(e.GetString(), e.GetStringLength());
            if (auto p = check(s)) {
                problems_.add(f, *p);
                continue;
            }
            out.push_back(std::move(s));
        }
    }
    void reject_unknown(std::initializer_list<std::string_view> known) {
        for (auto it = object_.MemberBegin(); it != object_.MemberEnd(); ++it) {
            std::string_view name(it->name.GetString(), it->name.GetStringLength());
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                problems_.add(field(name),
                              "unknown field (check the spelling; "
                              "docs/plugin-api.md lists the fields)");
            }
        }
    }
    Problems& problems() { return problems_; }

  private:
    const rapidjson::Value& object_;
    std::string path_;
    Problems& problems_;
};

std::optional<SettingType> setting_type_from_string(std::string_view s) {
    if (s == "string")
        return SettingType::String;
    if (s == "number")
        return SettingType::Number;
    if (s == "boolean")
        return SettingType::Boolean;
    if (s == "list")
        return SettingType::List;
    return std::nullopt;
}

std::optional<SettingValue> setting_from_json(SettingType type, const rapidjson::Value& v) {
    switch (type) {
        case SettingType::String:
            if (v.IsString())
                return std::string(v.GetString(), v.GetStringLength());
            break;
        case SettingType::Number:
            if (v.IsNumber() && std::isfinite(v.GetDouble()))
                return v.GetDouble();
            break;
        case SettingType::Boolean:
            if (v.IsBool())
                return v.GetBool();
            break;
        case SettingType::List:
            if (v.IsArray()) {
                std::vector<std::string> list;
                for (const auto& e : v.GetArray()) {
                    if (!e.IsString())
                        return std::nullopt;
                    list.emplace_back(e.GetString(), e.GetStringLength());
                }
                return list;
            }
            break;
    }
    return std::nullopt;
}

bool is_setting_key(std::string_view key) {
    return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

void read_settings(const rapidjson::Value& list, Problems& problems,
                   std::vector<SettingSpec>& out) {
    if (!list.IsArray()) {
        problems.add("settings",
                     "expected a list of settings ({ { key = ..., label = ..., "
                     "type = ... }, ... }), " +
                         got(list));
        return;
    }
    if (list.Size() > kMaxSettings) {
        problems.add("settings", "more than " + std::to_string(kMaxSettings) + " settings");
        return;
    }
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        std::string path = "settings[" + std::to_string(i + 1) + "]";
        const auto& e = list[i];
        if (!e.IsObject()) {
            problems.add(path, "expected a table with key, label and type, " + got(e));
            continue;
        }
        Reader r(e, path, problems);
        SettingSpec s;
        r.text("key", s.key, 64, true);
        if (!s.key.empty() && !is_setting_key(s.key)) {
            problems.add(r.field("key"), "must use only a-z, 0-9 and _, got \"" + s.key + "\"");
        } else if (s.key.rfind(kHostSecretPrefix, 0) == 0) {
            // The host's own secrets (OAuth2 tokens, client secret) live under these keys.
            problems.add(r.field("key"), "keys starting with `" + std::string(kHostSecretPrefix) +
                                             "` are the host's, got \"" + s.key + "\"");
        } else if (std::find(std::begin(kHostSettingKeys), std::end(kHostSettingKeys), s.key) !=
                   std::end(kHostSettingKeys)) {
            problems.add(r.field("key"), "\"" + s.key +
                                             "\" is the host's own setting of every source "
                                             "(the sources dialog shows it); choose another key");
        }
        r.text("label", s.label, kShortText, true);
        std::string type;
        r.text("type", type, 16, true);
        if (!type.empty()) {
            if (auto t = setting_type_from_string(type)) {
                s.type = *t;
            } else {
                problems.add(r.field("type"), "unknown type \"" + type +
                                                  "\" (expected string, number, boolean or list)");
            }
        }
        if (const auto* d = r.get("default")) {
            s.default_value = setting_from_json(s.type, *d);
            if (!s.default_value) {
                problems.add(r.field("default"), "expected a " + std::string(to_string(s.type)) +
                                                     " (the setting's type), " + got(*d));
            }
        }
        r.boolean("secret", s.secret);
        r.boolean("optional", s.optional);
        r.text("required_unless", s.required_unless, 64, false);
        r.text("help", s.help, kLongText, false);
        r.reject_unknown(
            {"key", "label", "type", "default", "secret", "optional", "required_unless", "help"});
        for (const auto& earlier : out) {
            if (!s.key.empty() && earlier.key == s.key) {
                problems.add(r.field("key"), "duplicate key \"" + s.key + "\"");
            }
        }
        out.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::string& other = out[i].required_unless;
        if (other.empty()) {
            continue;
        }
        std::string field = "settings[" + std::to_string(i + 1) + "].required_unless";
        bool known = std::any_of(out.begin(), out.end(),
                                 [&](const SettingSpec& s) { return s.key == other; });
        if (other == out[i].key || !known) {
            problems.add(field, "\"" + other +
                                    "\" must be the key of another of the plugin's "
                                    "settings");
        } else if (!out[i].optional) {
            problems.add(field,
                         "only an optional setting can be required unless another is set "
                         "(add optional = true)");
        }
    }
}

// `hosts_from_settings`: read after `settings`, since each entry must name one of them.
// `url_settings`: { { pattern = "https://jobs.eu.lever.co/{site}*", set = { region = "eu" } } }
// Each `{key}` and each key of `set` must be one of the plugin's string settings.
void read_url_settings(const rapidjson::Value& list, const std::vector<SettingSpec>& settings,
                       Problems& problems, std::vector<UrlSettingsRule>& out) {
    const std::string name = "url_settings";
    if (!list.IsArray()) {
        problems.add(name,
                     "expected a list of { pattern = \"https://host/{key}*\", set = { ... } }, " +
                         got(list));
        return;
    }
    if (list.Size() > kMaxSettings) {
        problems.add(name, "more than " + std::to_string(kMaxSettings) + " entries");
        return;
    }
    auto check_key = [&](const std::string& f, const std::string& key) {
        auto spec = std::find_if(settings.begin(), settings.end(),
                                 [&](const SettingSpec& s) { return s.key == key; });
        if (spec == settings.end()) {
            problems.add(f, "\"" + key + "\" is not one of the plugin's settings");
        } else if (spec->type != SettingType::String || spec->secret) {
            problems.add(f, "setting `" + key + "` must be a string setting that is not secret");
        }
    };
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        const std::string f = name + "[" + std::to_string(i + 1) + "]";
        if (!list[i].IsObject()) {
            problems.add(f, "expected a table { pattern = ..., set = ... }, " + got(list[i]));
            continue;
        }
        Reader r(list[i], f, problems);
        UrlSettingsRule rule;
        r.text("pattern", rule.pattern, 2048, true);
        auto keys = url_pattern_keys(rule.pattern);
        if (!rule.pattern.empty() && rule.pattern.substr(0, 7) != "http://" &&
            rule.pattern.substr(0, 8) != "https://") {
            problems.add(f + ".pattern", "must start with http:// or https://");
        } else if (!keys) {
            problems.add(f + ".pattern", "a `{` without its `}`, or an empty `{}`");
        } else {
            for (const auto& k : *keys) {
                check_key(f + ".pattern", k);
            }
        }
        if (const auto* set = r.get("set")) {
            if (!set->IsObject()) {
                problems.add(f + ".set", "expected a table of setting = \"value\", " + got(*set));
            } else {
                for (const auto& m : set->GetObject()) {
                    std::string key(m.name.GetString(), m.name.GetStringLength());
                    check_key(f + ".set." + key, key);
                    if (!m.value.IsString()) {
                        problems.add(f + ".set." + key, "expected a string, " + got(m.value));
                        continue;
                    }
                    rule.set[key] = std::string(m.value.GetString(), m.value.GetStringLength());
                }
            }
        }
        r.reject_unknown({"pattern", "set"});
        out.push_back(std::move(rule));
    }
}

void read_user_agent(const rapidjson::Value& v, const std::vector<SettingSpec>& settings,
                     Problems& problems, std::optional<UserAgentRule>& out) {
    if (!v.IsObject()) {
        problems.add("user_agent",
                     "expected a table { setting = \"email\", reason = \"...\" }, " + got(v));
        return;
    }
    Reader ur(v, "user_agent", problems);
    UserAgentRule rule;
    ur.text("setting", rule.setting, 64, true);
    ur.text("reason", rule.reason, kLongText, true);
    ur.reject_unknown({"setting", "reason"});
    if (rule.setting.empty()) {
        return;
    }
    auto spec = std::find_if(settings.begin(), settings.end(),
                             [&](const SettingSpec& s) { return s.key == rule.setting; });
    if (spec == settings.end()) {
        problems.add("user_agent.setting",
                     "\"" + rule.setting + "\" is not one of the plugin's settings");
    } else if (spec->type != SettingType::String || spec->secret) {
        // Sent in every request, in the clear: a value the user typed and can see.
        problems.add("user_agent.setting",
                     "setting `" + rule.setting + "` must be a string setting that is not secret");
    } else if (!rule.reason.empty()) {
        out = std::move(rule);
    }
}

// "https://host[:port]/path" -> "host" (lower case), or nullopt when the text is no absolute
// http(s) URL; a loopback host may use plain http (local test servers).
std::optional<std::string> oauth2_url_host(const std::string& url, std::string& problem) {
    const bool https = url.rfind("https://", 0) == 0;
    const bool http = url.rfind("http://", 0) == 0;
    if (!https && !http) {
        problem = "must be an https URL, got \"" + url + "\"";
        return std::nullopt;
    }
    std::string rest = url.substr(https ? 8 : 7);
    std::string host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.find('@') != std::string::npos) {
        problem = "must not carry credentials";
        return std::nullopt;
    }
    if (!host.empty() && host.front() != '[') {
        host = host.substr(0, host.find(':'));
    } else if (!host.empty()) {
        host = host.substr(0, host.find(']') + 1);
    }
    for (auto& c : host) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (host.empty()) {
        problem = "has no host";
        return std::nullopt;
    }
    const bool loopback = host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
    if (http && !loopback) {
        // The code and the tokens cross this connection.
        problem = "must be https (plain http only on a loopback host), got \"" + url + "\"";
        return std::nullopt;
    }
    return host;
}

void read_oauth2(const rapidjson::Value& v, const PluginManifest& m, Problems& problems,
                 std::optional<OAuth2Rule>& out) {
    if (!v.IsObject()) {
        problems.add("oauth2",
                     "expected a table { authorize_url = \"https://...\", token_url = "
                     "\"https://...\", scopes = { ... }, pkce = true }, " +
                         got(v));
        return;
    }
    Reader r(v, "oauth2", problems);
    OAuth2Rule rule;
    std::string before = problems.text();
    r.text("authorize_url", rule.authorize_url, 2048, true);
    r.text("token_url", rule.token_url, 2048, true);
    r.strings("scopes", rule.scopes, [](const std::string& s) -> std::optional<std::string> {
        const bool ok =
            !s.empty() && s.size() <= 200 && std::all_of(s.begin(), s.end(), [](char c) {
                return c > ' ' && c < 127 && c != '"' && c != '\\';
            });
        if (!ok) {
            return "a scope is one word of printable ASCII, got \"" + s + "\"";
        }
        return std::nullopt;
    });
    r.boolean("pkce", rule.pkce);
    r.text("client_id_setting", rule.client_id_setting, 64, false);
    r.text("token_setting", rule.token_setting, 64, false);
    r.reject_unknown(
        {"authorize_url", "token_url", "scopes", "pkce", "client_id_setting", "token_setting"});
    if (rule.client_id_setting.empty()) {
        rule.client_id_setting = "client_id";
    }
    if (rule.token_setting.empty()) {
        rule.token_setting = "token";
    }
    std::string problem;
    if (!rule.authorize_url.empty() && !oauth2_url_host(rule.authorize_url, problem)) {
        problems.add("oauth2.authorize_url", problem);
    }
    if (!rule.token_url.empty()) {
        auto host = oauth2_url_host(rule.token_url, problem);
        if (!host) {
            problems.add("oauth2.token_url", problem);
        } else if (m.allowing_host_rule(*host) == nullptr) {
            // The host fetches the token URL with the plugin's own allow-list.
            problems.add("oauth2.token_url",
                         "host \"" + *host + "\" is not in the plugin's `hosts`");
        }
    }
    const SettingSpec* id = m.setting(rule.client_id_setting);
    if (id == nullptr) {
        problems.add("oauth2.client_id_setting",
                     "\"" + rule.client_id_setting +
                         "\" is not one of the plugin's settings (declare a string setting for "
                         "the client id the platform gave you, or name yours here)");
    } else if (id->type != SettingType::String || id->secret) {
        problems.add(
            "oauth2.client_id_setting",
            "setting `" + rule.client_id_setting + "` must be a string setting that is not secret");
    }
    const SettingSpec* token = m.setting(rule.token_setting);
    if (token == nullptr) {
        problems.add("oauth2.token_setting",
                     "\"" + rule.token_setting +
                         "\" is not one of the plugin's settings (declare a secret string "
                         "setting: the access token arrives in it)");
    } else if (token->type != SettingType::String || !token->secret) {
        problems.add("oauth2.token_setting",
                     "setting `" + rule.token_setting + "` must be a secret string setting");
    }
    if (problems.text() == before) {
        out = std::move(rule);
    }
}

void read_hosts_from_settings(const rapidjson::Value& list,
                              const std::vector<SettingSpec>& settings, Problems& problems,
                              std::vector<std::string>& out) {
    const std::string name = "hosts_from_settings";
    if (!list.IsArray()) {
        problems.add(name, "expected a list of setting keys ({ \"url\" }), " + got(list));
        return;
    }
    if (list.Size() > kMaxSettings) {
        problems.add(name, "more than " + std::to_string(kMaxSettings) + " entries");
        return;
    }
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        std::string f = name + "[" + std::to_string(i + 1) + "]";
        const auto& e = list[i];
        if (!e.IsString()) {
            problems.add(f, "expected a setting key, " + got(e));
            continue;
        }
        std::string key(e.GetString(), e.GetStringLength());
        auto spec = std::find_if(settings.begin(), settings.end(),
                                 [&](const SettingSpec& s) { return s.key == key; });
        if (spec == settings.end()) {
            std::string known;
            for (const auto& s : settings) {
                known += (known.empty() ? "" : ", ") + s.key;
            }
            problems.add(f, "\"" + key + "\" is not one of the plugin's settings" +
                                (known.empty() ? " (it declares none)" : " (" + known + ")"));
        } else if (spec->type != SettingType::String) {
            problems.add(f, "setting `" + key + "` is a " + std::string(to_string(spec->type)) +
                                "; only a string setting can hold a URL");
        } else if (spec->secret) {
            // Its value would be shown with the hosts and in errors.
            problems.add(f, "setting `" + key +
                                "` is secret; a host must come from a setting the user can see");
        } else if (std::find(out.begin(), out.end(), key) != out.end()) {
            problems.add(f, "duplicate entry \"" + key + "\"");
        } else {
            out.push_back(std::move(key));
        }
    }
}

}  // namespace

std::string_view to_string(SettingType t) {
    switch (t) {
        case SettingType::String:
            return "string";
        case SettingType::Number:
            return "number";
        case SettingType::Boolean:
            return "boolean";
        case SettingType::List:
            return "list";
    }
    return "string";
}

bool is_valid_plugin_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

bool PluginManifest::matches_url(std::string_view url) const {
    return std::any_of(url_patterns.begin(), url_patterns.end(),
                       [&](const std::string& p) { return url_glob_matches(p, url); });
}

std::optional<std::map<std::string, std::string>> PluginManifest::settings_from_url(
    std::string_view url) const {
    for (const auto& rule : url_settings) {
        if (auto captures = url_pattern_captures(rule.pattern, url)) {
            for (const auto& [key, value] : rule.set) {
                captures->emplace(key, value);
            }
            return captures;
        }
    }
    return std::nullopt;
}

const std::string* PluginManifest::allowing_host_rule(std::string_view host) const {
    for (const auto& rule : hosts) {
        if (host_pattern_matches(rule, host)) {
            return &rule;
        }
    }
    return nullptr;
}

const SettingSpec* PluginManifest::setting(std::string_view key) const {
    for (const auto& s : settings) {
        if (s.key == key) {
            return &s;
        }
    }
    return nullptr;
}

Result<PluginManifest> manifest_from_json(const rapidjson::Value& table,
                                          const std::vector<std::string>& functions) {
    if (!table.IsObject()) {
        return Error{"the plugin must return a table (its manifest and functions), " + got(table)};
    }
    Problems problems;
    Reader r(table, "", problems);
    PluginManifest m;
    // api_version first: a plugin written for another API may have other fields.
    if (const auto* v = r.get("api_version")) {
        if (!v->IsInt()) {
            problems.add("api_version", "expected the integer " +
                                            std::to_string(kPluginApiVersion) + ", " + got(*v));
        } else if (v->GetInt() != kPluginApiVersion) {
            return Error{"needs API " + std::to_string(v->GetInt()) +
                         "; this GigScout supports API " + std::to_string(kPluginApiVersion)};
        }
    } else {
        problems.add("api_version",
                     "is required (api_version = " + std::to_string(kPluginApiVersion) + ")");
    }
    r.text("id", m.id, 64, true);
    if (!m.id.empty() && !is_valid_plugin_id(m.id)) {
        problems.add("id", "must use only a-z, 0-9, _ and -, got \"" + m.id + "\"");
    }
    r.text("name", m.name, kShortText, true);
    r.text("version", m.version, 64, true);
    r.text("description", m.description, kLongText, false);
    r.text("homepage", m.homepage, 2048, false);
    if (!m.homepage.empty() && !is_http_url(m.homepage)) {
        problems.add("homepage", "must be an http or https URL");
    }
    r.text("author", m.author, kShortText, false);
    r.text("deprecated", m.deprecated, kLongText, false);
    r.boolean("experimental", m.experimental);
    r.boolean("enabled_by_default", m.enabled_by_default);
    r.boolean("multi_source", m.multi_source);
    r.strings("hosts", m.hosts, [](const std::string& s) { return host_pattern_problem(s); });
    r.strings("url_patterns", m.url_patterns,
              [](const std::string& s) -> std::optional<std::string> {
                  if (s.substr(0, 7) != "http://" && s.substr(0, 8) != "https://") {
                      return "must start with http:// or https://, got \"" + s + "\"";
                  }
                  return std::nullopt;
              });
    if (const auto* p = r.get("politeness")) {
        if (!p->IsObject()) {
            problems.add("politeness",
                         "expected a table { requests_per_minute = ..., "
                         "min_refresh_interval = ... }, " +
                             got(*p));
        } else {
            Reader pr(*p, "politeness", problems);
            if (const auto* rpm = pr.get("requests_per_minute")) {
                if (!rpm->IsNumber() || !(rpm->GetDouble() > 0) || rpm->GetDouble() > 6000) {
                    problems.add("politeness.requests_per_minute",
                                 "expected a number above 0 and at most 6000");
                } else {
                    m.politeness.requests_per_minute = rpm->GetDouble();
                }
            }
            m.politeness.min_refresh_interval = pr.seconds("min_refresh_interval", 0, 366 * 86400);
            pr.reject_unknown({"requests_per_minute", "min_refresh_interval"});
        }
    }
    m.max_cache_age = r.seconds("max_cache_age", 60, std::int64_t{3650} * 86400);
    if (const auto* s = r.get("settings")) {
        read_settings(*s, problems, m.settings);
    }
    if (const auto* u = r.get("url_settings")) {
        read_url_settings(*u, m.settings, problems, m.url_settings);
    }
    if (const auto* h = r.get("hosts_from_settings")) {
        read_hosts_from_settings(*h, m.settings, problems, m.hosts_from_settings);
    }
    if (const auto* u = r.get("user_agent")) {
        read_user_agent(*u, m.settings, problems, m.user_agent);
    }
    if (const auto* o = r.get("oauth2")) {
        read_oauth2(*o, m, problems, m.oauth2);
    }
    auto has = [&](const char* name) {
        return std::find(functions.begin(), functions.end(), name) != functions.end();
    };
    if (!has("requests")) {
        problems.add("requests", "is required: a function(ctx) returning the HTTP requests" +
                                     (r.get("requests") ? ", " + got(*r.get("requests")) : ""));
    }
    if (!has("parse")) {
        problems.add("parse", "is required: a function(response, ctx) returning listings" +
                                  (r.get("parse") ? ", " + got(*r.get("parse")) : ""));
    }
    r.reject_unknown({"id",
                      "name",
                      "version",
                      "api_version",
                      "description",
                      "homepage",
                      "author",
                      "deprecated",
                      "experimental",
                      "enabled_by_default",
                      "multi_source",
                      "hosts",
                      "hosts_from_settings",
                      "url_patterns",
                      "url_settings",
                      "politeness",
                      "max_cache_age",
                      "user_agent",
                      "oauth2",
                      "settings",
                      "requests",
                      "parse"});
    if (!problems.empty()) {
        return Error{problems.text()};
    }
    return m;
}

Result<SettingValue> parse_setting_value(const SettingSpec& spec, std::string_view text) {
    switch (spec.type) {
        case SettingType::String:
            return SettingValue(std::string(text));
        case SettingType::Number: {
            double d = 0;
            auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
            if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d)) {
                return Error{"setting `" + spec.key + "`: expected a number, got \"" +
                             std::string(text) + "\""};
            }
            return SettingValue(d);
        }
        case SettingType::Boolean:
            if (text == "true" || text == "yes" || text == "1" || text == "on") {
                return SettingValue(true);
            }
            if (text == "false" || text == "no" || text == "0" || text == "off") {
                return SettingValue(false);
            }
            return Error{"setting `" + spec.key + "`: expected true or false, got \"" +
                         std::string(text) + "\""};
        case SettingType::List: {
            std::vector<std::string> items;
            std::size_t start = 0;
            while (start <= text.size()) {
                std::size_t comma = text.find(',', start);
                std::string_view item =
                    text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
                while (!item.empty() && item.front() == ' ')
                    item.remove_prefix(1);
                while (!item.empty() && item.back() == ' ')
                    item.remove_suffix(1);
                if (!item.empty()) {
                    items.emplace_back(item);
                }
                if (comma == std::string_view::npos) {
                    break;
                }
                start = comma + 1;
            }
            return SettingValue(std::move(items));
        }
    }
    return Error{"setting `" + spec.key + "`: unknown type"};
}

Result<SettingValues> resolve_settings(const PluginManifest& manifest, const SettingValues& given) {
    SettingValues out;
    for (const auto& [key, value] : given) {
        const SettingSpec* spec = manifest.setting(key);
        if (spec == nullptr) {
            std::string known;
            for (const auto& s : manifest.settings) {
                known += (known.empty() ? "" : ", ") + s.key;
            }
            return Error{"plugin " + manifest.id + " has no setting `" + key + "`" +
                         (known.empty() ? " (it has no settings)" : " (it has: " + known + ")")};
        }
        bool type_ok = (spec->type == SettingType::String && value.index() == 0) ||
                       (spec->type == SettingType::Number && value.index() == 1) ||
                       (spec->type == SettingType::Boolean && value.index() == 2) ||
                       (spec->type == SettingType::List && value.index() == 3);
        if (!type_ok) {
            return Error{"setting `" + key + "`: expected a " + std::string(to_string(spec->type))};
        }
        out.emplace(key, value);
    }
    for (const auto& spec : manifest.settings) {
        if (out.count(spec.key) != 0) {
            continue;
        }
        if (spec.default_value) {
            out.emplace(spec.key, *spec.default_value);
        } else if (!spec.optional) {
            return Error{"plugin " + manifest.id + ": setting `" + spec.key + "` (" + spec.label +
                         ") is required"};
        }
    }
    // A required string setting left empty counts as missing.
    for (const auto& spec : manifest.settings) {
        auto it = out.find(spec.key);
        if (!spec.optional && it != out.end() && it->second.index() == 0 &&
            std::get<std::string>(it->second).empty()) {
            return Error{"plugin " + manifest.id + ": setting `" + spec.key + "` (" + spec.label +
                         ") is required"};
        }
    }
    return out;
}

bool setting_has_value(const SettingValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
        return !s->empty();
    }
    if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
        return !l->empty();
    }
    return true;
}

bool setting_required(const PluginManifest& manifest, const SettingSpec& spec,
                      const SettingValues& given) {
    if (!spec.optional) {
        return true;
    }
    if (spec.required_unless.empty()) {
        return false;
    }
    auto it = given.find(spec.required_unless);
    if (it != given.end()) {
        return !setting_has_value(it->second);
    }
    const SettingSpec* other = manifest.setting(spec.required_unless);
    return other == nullptr || !other->default_value || !setting_has_value(*other->default_value);
}

std::string setting_value_to_text(const SettingValue& v) {
    switch (v.index()) {
        case 0:
            return std::get<std::string>(v);
        case 1: {
            double d = std::get<double>(v);
            if (d == std::floor(d) && std::fabs(d) < 1e15) {
                return std::to_string(static_cast<long long>(d));
            }
            return std::to_string(d);
        }
        case 2:
            return std::get<bool>(v) ? "true" : "false";
        default: {
            std::string out;
            for (const auto& s : std::get<std::vector<std::string>>(v)) {
                out += (out.empty() ? "" : ",") + s;
            }
            return out;
        }
    }
}

}  // namespace gigscout
