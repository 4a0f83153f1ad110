#include "plugin_host/plugin_manifest.h"

#include <gtest/gtest.h>

#include "base/json_reader.h"

namespace gigscout {
namespace {

const std::vector<std::string> kBoth = {"requests", "parse"};

Result<PluginManifest> read(const std::string& json,
                            const std::vector<std::string>& functions = kBoth) {
    auto doc = json::parse(json, "manifest");
    EXPECT_TRUE(doc.ok()) << json;
    return manifest_from_json(doc.value(), functions);
}

const char* kFull = R"({
  "id": "greenhouse", "name": "Greenhouse", "version": "1.2.0", "api_version": 1,
  "description": "Company job boards", "homepage": "https://www.greenhouse.io",
  "author": "GigScout contributors", "experimental": true, "enabled_by_default": false,
  "multi_source": true, "hosts": ["boards-api.greenhouse.io", "*.greenhouse.io"],
  "url_patterns": ["https://boards.greenhouse.io/*"],
  "politeness": {"requests_per_minute": 30, "min_refresh_interval": 3600},
  "max_cache_age": 604800,
  "settings": [
    {"key": "board", "label": "Board token", "type": "string"},
    {"key": "limit", "label": "Limit", "type": "number", "default": 50, "optional": true},
    {"key": "remote_only", "label": "Remote only", "type": "boolean", "default": true},
    {"key": "terms", "label": "Terms", "type": "list", "default": ["cv", "ml"], "help": "Comma-separated"},
    {"key": "token", "label": "API token", "type": "string", "secret": true, "optional": true}
  ]
})";

TEST(PluginManifest, ReadsEveryField) {
    auto m = read(kFull);
    ASSERT_TRUE(m.ok()) << m.error().message;
    const PluginManifest& p = m.value();
    EXPECT_EQ(p.id, "greenhouse");
    EXPECT_EQ(p.name, "Greenhouse");
    EXPECT_EQ(p.version, "1.2.0");
    EXPECT_EQ(p.api_version, 1);
    EXPECT_EQ(p.homepage, "https://www.greenhouse.io");
    EXPECT_TRUE(p.experimental);
    EXPECT_FALSE(p.enabled_by_default);
    EXPECT_TRUE(p.multi_source);
    EXPECT_EQ(p.hosts, (std::vector<std::string>{"boards-api.greenhouse.io", "*.greenhouse.io"}));
    EXPECT_EQ(p.politeness.requests_per_minute, 30.0);
    EXPECT_EQ(p.politeness.min_refresh_interval, 3600);
    EXPECT_EQ(p.max_cache_age, 604800);
    ASSERT_EQ(p.settings.size(), 5u);
    EXPECT_EQ(p.settings[0].key, "board");
    EXPECT_FALSE(p.settings[0].optional);
    EXPECT_FALSE(p.settings[0].default_value.has_value());
    EXPECT_EQ(std::get<double>(*p.settings[1].default_value), 50.0);
    EXPECT_EQ(std::get<bool>(*p.settings[2].default_value), true);
    EXPECT_EQ(std::get<std::vector<std::string>>(*p.settings[3].default_value),
              (std::vector<std::string>{"cv", "ml"}));
    EXPECT_EQ(p.settings[3].help, "Comma-separated");
    EXPECT_TRUE(p.settings[4].secret);
    EXPECT_TRUE(p.matches_url("https://boards.greenhouse.io/gitlab"));
    EXPECT_FALSE(p.matches_url("https://jobs.lever.co/gitlab"));
    ASSERT_NE(p.allowing_host_rule("api.greenhouse.io"), nullptr);
    EXPECT_EQ(*p.allowing_host_rule("api.greenhouse.io"), "*.greenhouse.io");
    EXPECT_EQ(p.allowing_host_rule("evil.com"), nullptr);
}

TEST(PluginManifest, DefaultsForOptionalFields) {
    auto m = read(R"({"id": "x", "name": "X", "version": "1", "api_version": 1})");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_TRUE(m.value().enabled_by_default);
    EXPECT_FALSE(m.value().multi_source);
    EXPECT_FALSE(m.value().max_cache_age.has_value());
    EXPECT_FALSE(m.value().politeness.requests_per_minute.has_value());
    EXPECT_TRUE(m.value().hosts.empty());
}

TEST(PluginManifest, AnotherApiVersionSaysWhichIsNeeded) {
    auto m = read(R"({"id": "x", "name": "X", "version": "1", "api_version": 2, "future": 1})");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().message, "needs API 2; this GigScout supports API 1");
}

TEST(PluginManifest, EveryProblemNamesItsField) {
    auto m = read(R"({"id": "Bad Id", "version": 3, "api_version": 1, "hots": ["a.com"],
                      "hosts": ["https://a.com"], "politeness": {"requests_per_minute": -1},
                      "max_cache_age": 1.5, "homepage": "ftp://x",
                      "settings": [{"key": "k", "label": "K", "type": "int"},
                                   {"key": "n", "label": "N", "type": "number", "default": "ten"},
                                   {"key": "k", "label": "again", "type": "string"}]})",
                  {"parse"});
    ASSERT_FALSE(m.ok());
    const std::string& e = m.error().message;
    EXPECT_NE(e.find("field `id`: must use only a-z, 0-9, _ and -, got \"Bad Id\""),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("field `name`: is required"), std::string::npos) << e;
    EXPECT_NE(e.find("field `version`: expected a string, got a number"), std::string::npos) << e;
    EXPECT_NE(e.find("field `hots`: unknown field"), std::string::npos) << e;
    EXPECT_NE(e.find("field `hosts[1]`: has the character ':'"), std::string::npos) << e;
    EXPECT_NE(e.find("field `politeness.requests_per_minute`"), std::string::npos) << e;
    EXPECT_NE(e.find("field `max_cache_age`: expected a whole number of seconds"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("field `homepage`: must be an http or https URL"), std::string::npos) << e;
    EXPECT_NE(e.find("field `settings[1].type`: unknown type \"int\""), std::string::npos) << e;
    EXPECT_NE(e.find("field `settings[2].default`: expected a number"), std::string::npos) << e;
    EXPECT_NE(e.find("field `settings[3].key`: duplicate key \"k\""), std::string::npos) << e;
    EXPECT_NE(e.find("field `requests`: is required"), std::string::npos) << e;
}

// A generic plugin's manifest: no fixed hosts, the host of each source's `url` instead.
std::string generic(const std::string& hosts_from_settings) {
    return R"({"id": "rss", "name": "RSS", "version": "1", "api_version": 1,
               "settings": [{"key": "url", "label": "Feed", "type": "string"},
                            {"key": "remote", "label": "Remote", "type": "boolean"},
                            {"key": "token", "label": "Token", "type": "string", "secret": true}],
               "hosts_from_settings": )" +
           hosts_from_settings + "}";
}

TEST(PluginManifest, HostsFromSettingsNamesStringSettings) {
    auto m = read(generic(R"(["url"])"));
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m.value().hosts_from_settings, (std::vector<std::string>{"url"}));
    EXPECT_TRUE(m.value().hosts.empty());

    auto none = read(R"({"id": "x", "name": "X", "version": "1", "api_version": 1})");
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_TRUE(none.value().hosts_from_settings.empty());
}

TEST(PluginManifest, EachBadHostsFromSettingsEntryIsNamed) {
    auto problem = [](const std::string& manifest) {
        auto m = read(manifest);
        return m.ok() ? std::string("(accepted)") : m.error().message;
    };
    EXPECT_EQ(problem(generic(R"("url")")),
              "field `hosts_from_settings`: expected a list of setting keys ({ \"url\" }), "
              "got a string");
    EXPECT_EQ(problem(generic(R"(["url", 7])")),
              "field `hosts_from_settings[2]`: expected a setting key, got a number");
    EXPECT_EQ(problem(generic(R"(["feed"])")),
              "field `hosts_from_settings[1]`: \"feed\" is not one of the plugin's settings (url, "
              "remote, token)");
    EXPECT_EQ(problem(R"({"id": "x", "name": "X", "version": "1", "api_version": 1,
                          "hosts_from_settings": ["url"]})"),
              "field `hosts_from_settings[1]`: \"url\" is not one of the plugin's settings (it "
              "declares none)");
    EXPECT_EQ(problem(generic(R"(["remote"])")),
              "field `hosts_from_settings[1]`: setting `remote` is a boolean; only a string "
              "setting can hold a URL");
    EXPECT_EQ(problem(generic(R"(["token"])")),
              "field `hosts_from_settings[1]`: setting `token` is secret; a host must come from a "
              "setting the user can see");
    EXPECT_EQ(problem(generic(R"(["url", "url"])")),
              "field `hosts_from_settings[2]`: duplicate entry \"url\"");
}

TEST(PluginManifest, UserAgentNamesAVisibleStringSettingAndWhy) {
    auto m =
        read(generic(R"(["url"], "user_agent": {"setting": "url", "reason": "Needs a contact."})"));
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_TRUE(m.value().user_agent.has_value());
    EXPECT_EQ(m.value().user_agent->setting, "url");
    EXPECT_EQ(m.value().user_agent->reason, "Needs a contact.");
    EXPECT_FALSE(read(generic(R"(["url"])")).value().user_agent.has_value());

    auto problem = [](const std::string& user_agent) {
        auto m = read(generic(R"(["url"], "user_agent": )" + user_agent));
        return m.ok() ? std::string("(accepted)") : m.error().message;
    };
    EXPECT_EQ(problem(R"("email")"),
              "field `user_agent`: expected a table { setting = \"email\", reason = \"...\" }, "
              "got a string");
    EXPECT_EQ(problem(R"({"setting": "email", "reason": "x"})"),
              "field `user_agent.setting`: \"email\" is not one of the plugin's settings");
    EXPECT_EQ(problem(R"({"setting": "token", "reason": "x"})"),
              "field `user_agent.setting`: setting `token` must be a string setting that is not "
              "secret");
    EXPECT_EQ(problem(R"({"setting": "remote", "reason": "x"})"),
              "field `user_agent.setting`: setting `remote` must be a string setting that is not "
              "secret");
    EXPECT_NE(problem(R"({"setting": "url"})").find("field `user_agent.reason`"),
              std::string::npos);
}

// A platform's sign-in: a manifest with `hosts`, a visible client id and a secret token.
std::string signed_in(const std::string& oauth2, const std::string& extra_settings = "") {
    return R"({"id": "up", "name": "Up", "version": "1", "api_version": 1,
               "hosts": ["api.example.com", "127.0.0.1"],
               "settings": [{"key": "client_id", "label": "Client id", "type": "string"},
                            {"key": "token", "label": "Token", "type": "string", "secret": true},
                            {"key": "key", "label": "Key", "type": "string", "secret": true})" +
           extra_settings + R"(],
               "oauth2": )" +
           oauth2 + "}";
}

TEST(PluginManifest, OAuth2NamesHttpsUrlsOnItsHostsAClientIdAndASecretTokenSetting) {
    auto m = read(signed_in(R"({"authorize_url": "https://www.example.com/oauth/authorize",
        "token_url": "https://api.example.com/oauth/token", "scopes": ["jobs:read", "me"],
        "pkce": true})"));
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_TRUE(m.value().oauth2.has_value());
    const OAuth2Rule& o = *m.value().oauth2;
    EXPECT_EQ(o.authorize_url, "https://www.example.com/oauth/authorize");
    EXPECT_EQ(o.token_url, "https://api.example.com/oauth/token");
    EXPECT_EQ(o.scopes, (std::vector<std::string>{"jobs:read", "me"}));
    EXPECT_TRUE(o.pkce);
    EXPECT_EQ(o.client_id_setting, "client_id");
    EXPECT_EQ(o.token_setting, "token");
    // A loopback token URL may use plain http (a local test server).
    EXPECT_TRUE(read(signed_in(R"({"authorize_url": "http://127.0.0.1:9/a",
        "token_url": "http://127.0.0.1:9/token"})"))
                    .ok());

    auto problem = [](const std::string& oauth2, const std::string& extra = "") {
        auto m = read(signed_in(oauth2, extra));
        return m.ok() ? std::string("(accepted)") : m.error().message;
    };
    EXPECT_EQ(problem(R"("https://x")"),
              "field `oauth2`: expected a table { authorize_url = \"https://...\", token_url = "
              "\"https://...\", scopes = { ... }, pkce = true }, got a string");
    EXPECT_EQ(problem(R"({"token_url": "https://api.example.com/t"})"),
              "field `oauth2.authorize_url`: is required");
    EXPECT_EQ(problem(R"({"authorize_url": "http://www.example.com/a",
        "token_url": "https://api.example.com/t"})"),
              "field `oauth2.authorize_url`: must be https (plain http only on a loopback host), "
              "got \"http://www.example.com/a\"");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://login.other.example/t"})"),
              "field `oauth2.token_url`: host \"login.other.example\" is not in the plugin's "
              "`hosts`");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "ftp://api.example.com/t"})"),
              "field `oauth2.token_url`: must be an https URL, got \"ftp://api.example.com/t\"");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://api.example.com/t", "scopes": ["a b"]})"),
              "field `oauth2.scopes[1]`: a scope is one word of printable ASCII, got \"a b\"");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://api.example.com/t", "token_setting": "client_id"})"),
              "field `oauth2.token_setting`: setting `client_id` must be a secret string setting");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://api.example.com/t", "client_id_setting": "key"})"),
              "field `oauth2.client_id_setting`: setting `key` must be a string setting that is "
              "not secret");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://api.example.com/t", "client_id_setting": "app"})"),
              "field `oauth2.client_id_setting`: \"app\" is not one of the plugin's settings "
              "(declare a string setting for the client id the platform gave you, or name yours "
              "here)");
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://api.example.com/t", "client_secret": "s"})"),
              "field `oauth2.client_secret`: unknown field (check the spelling; "
              "docs/plugin-api.md lists the fields)");
    // The host's own secrets live under oauth2_*: no plugin may ask for them by name.
    EXPECT_EQ(problem(R"({"authorize_url": "https://www.example.com/a",
        "token_url": "https://api.example.com/t"})",
                      R"(, {"key": "oauth2_refresh_token", "label": "R", "type": "string",
                            "secret": true})"),
              "field `settings[4].key`: keys starting with `oauth2_` are the host's, got "
              "\"oauth2_refresh_token\"");
}

// The sources dialog shows the host's own settings of a source in the plugin's form: a plugin
// setting with the same key would be one field for two values.
TEST(PluginManifest, ASettingMayNotTakeTheKeyOfAHostSetting) {
    auto m = read(R"({"id": "x", "name": "X", "version": "1", "api_version": 1,
        "settings": [{"key": "time_budget_seconds", "label": "Budget", "type": "number"}]})");
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("field `settings[1].key`: \"time_budget_seconds\" is the "
                                     "host's own setting of every source"),
              std::string::npos)
        << m.error().message;
}

TEST(PluginManifest, MissingApiVersionIsReported) {
    auto m = read(R"({"id": "x", "name": "X", "version": "1"})");
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("field `api_version`: is required"), std::string::npos);
}

TEST(PluginManifest, ParseThatIsNotAFunctionIsNamed) {
    auto m = read(R"({"id": "x", "name": "X", "version": "1", "api_version": 1, "parse": "no"})",
                  {"requests"});
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("field `parse`: is required: a function(response, ctx) "
                                     "returning listings, got a string"),
              std::string::npos)
        << m.error().message;
}

TEST(PluginSettings, TextIsTypedBySchema) {
    SettingSpec n{"n", "N", SettingType::Number, {}, false, false, "", ""};
    EXPECT_EQ(std::get<double>(parse_setting_value(n, "12.5").value()), 12.5);
    EXPECT_FALSE(parse_setting_value(n, "12x").ok());
    EXPECT_EQ(parse_setting_value(n, "abc").error().message,
              "setting `n`: expected a number, got \"abc\"");
    SettingSpec b{"b", "B", SettingType::Boolean, {}, false, false, "", ""};
    EXPECT_TRUE(std::get<bool>(parse_setting_value(b, "yes").value()));
    EXPECT_FALSE(std::get<bool>(parse_setting_value(b, "false").value()));
    EXPECT_FALSE(parse_setting_value(b, "maybe").ok());
    SettingSpec l{"l", "L", SettingType::List, {}, false, false, "", ""};
    EXPECT_EQ(std::get<std::vector<std::string>>(parse_setting_value(l, " a, b ,,c").value()),
              (std::vector<std::string>{"a", "b", "c"}));
}

TEST(PluginSettings, ResolveFillsDefaultsAndRequiresTheRest) {
    auto m = read(kFull).value();
    SettingValues given;
    auto missing = resolve_settings(m, given);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message,
              "plugin greenhouse: setting `board` (Board token) is required");
    given["board"] = std::string("gitlab");
    auto ok = resolve_settings(m, given);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(std::get<std::string>(ok.value().at("board")), "gitlab");
    EXPECT_EQ(std::get<double>(ok.value().at("limit")), 50.0);
    EXPECT_EQ(ok.value().count("token"), 0u);  // optional, no default
    given["nope"] = true;
    auto unknown = resolve_settings(m, given);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().message.find("plugin greenhouse has no setting `nope`"),
              std::string::npos);
    given.erase("nope");
    given["limit"] = std::string("fifty");
    EXPECT_EQ(resolve_settings(m, given).error().message, "setting `limit`: expected a number");
}

TEST(PluginSettings, ASettingRequiredUnlessAnotherIsSetIsRequiredOnlyWithoutIt) {
    // upwork: the API needs a token, a legacy feed URL does not.
    auto m = read(R"({"id": "upwork", "name": "Upwork", "version": "1", "api_version": 1,
      "settings": [
        {"key": "token", "label": "OAuth2 access token", "type": "string", "secret": true,
         "optional": true, "required_unless": "feed_url"},
        {"key": "feed_url", "label": "Feed", "type": "string", "default": "", "optional": true}]})");
    ASSERT_TRUE(m.ok()) << m.error().message;
    const SettingSpec& token = m.value().settings[0];
    EXPECT_EQ(token.required_unless, "feed_url");
    SettingValues given;
    EXPECT_TRUE(setting_required(m.value(), token, given));
    given["feed_url"] = std::string("");
    EXPECT_TRUE(setting_required(m.value(), token, given));
    given["feed_url"] = std::string("https://www.upwork.com/ab/feed/jobs/rss");
    EXPECT_FALSE(setting_required(m.value(), token, given));
    EXPECT_FALSE(setting_required(m.value(), m.value().settings[1], given));
    // One call on a saved response may do without: the refresh checks a source as a whole.
    EXPECT_TRUE(resolve_settings(m.value(), {}).ok());

    auto problem = [](const std::string& settings) {
        auto bad = read(R"({"id": "x", "name": "X", "version": "1", "api_version": 1,
                            "settings": )" +
                        settings + "}");
        return bad.ok() ? std::string("(accepted)") : bad.error().message;
    };
    EXPECT_EQ(problem(R"([{"key": "a", "label": "A", "type": "string", "optional": true,
                          "required_unless": "b"}])"),
              "field `settings[1].required_unless`: \"b\" must be the key of another of the "
              "plugin's settings");
    EXPECT_EQ(problem(R"([{"key": "a", "label": "A", "type": "string", "required_unless": "b"},
                          {"key": "b", "label": "B", "type": "string", "optional": true}])"),
              "field `settings[1].required_unless`: only an optional setting can be required "
              "unless another is set (add optional = true)");
}

std::string with_url_settings(const std::string& url_settings) {
    return R"({"id": "lever", "name": "Lever", "version": "1", "api_version": 1,
               "url_patterns": ["https://jobs.lever.co/*", "https://jobs.eu.lever.co/*"],
               "settings": [{"key": "site", "label": "Site", "type": "string"},
                            {"key": "region", "label": "Region", "type": "string"},
                            {"key": "max", "label": "Max", "type": "number"},
                            {"key": "token", "label": "Token", "type": "string", "secret": true}],
               "url_settings": )" +
           url_settings + "}";
}

TEST(PluginManifest, UrlSettingsFillSettingsFromAPastedAddress) {
    auto m = read(with_url_settings(R"([{"pattern": "https://jobs.lever.co/{site}*"},
        {"pattern": "https://jobs.eu.lever.co/{site}*", "set": {"region": "eu"}}])"));
    ASSERT_TRUE(m.ok()) << m.error().message;
    using Settings = std::map<std::string, std::string>;
    EXPECT_EQ(m.value().settings_from_url("https://jobs.eu.lever.co/personio/abc"),
              (Settings{{"region", "eu"}, {"site", "personio"}}));
    EXPECT_EQ(m.value().settings_from_url("https://jobs.lever.co/spotify"),
              (Settings{{"site", "spotify"}}));
    EXPECT_FALSE(m.value().settings_from_url("https://jobs.lever.co/"));
    EXPECT_FALSE(read(kFull).value().settings_from_url("https://boards.greenhouse.io/gitlab"))
        << "no url_settings: nothing is filled";
}

TEST(PluginManifest, EachBadUrlSettingsEntryIsNamed) {
    auto problem = [](const std::string& url_settings) {
        auto m = read(with_url_settings(url_settings));
        return m.ok() ? std::string("(accepted)") : m.error().message;
    };
    EXPECT_EQ(problem(R"("https://jobs.lever.co/{site}")"),
              "field `url_settings`: expected a list of { pattern = \"https://host/{key}*\", set "
              "= { ... } }, got a string");
    EXPECT_EQ(problem(R"([{"pattern": "https://x/{sight}*"}])"),
              "field `url_settings[1].pattern`: \"sight\" is not one of the plugin's settings");
    EXPECT_EQ(problem(R"([{"pattern": "https://x/{max}*"}])"),
              "field `url_settings[1].pattern`: setting `max` must be a string setting that is "
              "not secret");
    EXPECT_EQ(problem(R"([{"pattern": "https://x/{token}*"}])"),
              "field `url_settings[1].pattern`: setting `token` must be a string setting that is "
              "not secret");
    EXPECT_EQ(problem(R"([{"pattern": "https://x/{site*"}])"),
              "field `url_settings[1].pattern`: a `{` without its `}`, or an empty `{}`");
    EXPECT_EQ(problem(R"([{"pattern": "jobs.lever.co/{site}"}])"),
              "field `url_settings[1].pattern`: must start with http:// or https://");
    EXPECT_EQ(problem(R"([{"pattern": "https://x/{site}", "set": {"regoin": "eu"}}])"),
              "field `url_settings[1].set.regoin`: \"regoin\" is not one of the plugin's settings");
    EXPECT_EQ(problem(R"([{"pattern": "https://x/{site}", "set": {"region": 1}}])"),
              "field `url_settings[1].set.region`: expected a string, got a number");
    EXPECT_EQ(problem(R"([{"url": "https://x/{site}"}])"),
              "field `url_settings[1].pattern`: is required; field `url_settings[1].url`: unknown "
              "field (check the spelling; docs/plugin-api.md lists the fields)");
}

}  // namespace
}  // namespace gigscout
