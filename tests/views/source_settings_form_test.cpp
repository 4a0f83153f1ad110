// A source's settings form, built from a real bundled plugin's manifest (loaded by the real
// plugin host), checked field by field; and the sources dialog's list of sources and plugins
// with what can be done to each.
#include "views/source_settings_form.h"

#include <gtest/gtest.h>

#include "plugin_host/plugin_catalog.h"
#include "support/test_support.h"
#include "views/sources_dialog_model.h"

namespace gigscout {
namespace {

const PluginCatalog& bundled_plugins() {
    static const PluginCatalog catalog(testing::source_dir() / "plugins", std::nullopt);
    return catalog;
}

const PluginManifest& manifest_of(const std::string& id) {
    const PluginEntry* e = bundled_plugins().find(id);
    EXPECT_NE(e, nullptr) << id;
    return *e->manifest;
}

TEST(SettingsForm, HasOneFieldPerDeclaredSettingWithItsTypeDefaultAndHelp) {
    SettingsForm form(manifest_of("upwork"));
    ASSERT_EQ(form.fields().size(), manifest_of("upwork").settings.size());
    const SettingField* token = form.field("token");
    ASSERT_NE(token, nullptr);
    EXPECT_TRUE(token->spec.secret);
    EXPECT_EQ(token->spec.label, "OAuth2 access token");
    EXPECT_FALSE(token->required) << "an OAuth2 token comes from signing in, once the source is "
                                     "added";
    EXPECT_EQ(token->stored, SecretPlace::None);
    EXPECT_EQ(token->text, "");
    const SettingField* pages = form.field("page_size");
    ASSERT_NE(pages, nullptr);
    EXPECT_EQ(pages->spec.type, SettingType::Number);
    EXPECT_EQ(pages->text, "50") << "the manifest's default";
    EXPECT_FALSE(pages->required);
    const SettingField* verified = form.field("verified_payment_only");
    ASSERT_NE(verified, nullptr);
    EXPECT_EQ(verified->spec.type, SettingType::Boolean);
    EXPECT_EQ(verified->text, "false");
    EXPECT_EQ(form.field("query")->text, "computer vision");
    EXPECT_EQ(form.field("nope"), nullptr);
}

TEST(SettingsForm, ValidationNamesTheFieldAndTheReason) {
    SettingsForm form(manifest_of("upwork"));
    EXPECT_TRUE(form.set_text("page_size", "many"));
    EXPECT_TRUE(form.set_text("verified_payment_only", "perhaps"));
    auto errors = form.validate();
    ASSERT_EQ(errors.size(), 2u) << "no token asked for: signing in gives it";
    EXPECT_EQ(errors[0].key, "verified_payment_only");
    EXPECT_EQ(errors[0].reason, "expected true or false, got \"perhaps\"");
    EXPECT_EQ(errors[1].key, "page_size");
    EXPECT_EQ(errors[1].reason, "expected a number, got \"many\"");
    auto edit = form.edit();
    ASSERT_FALSE(edit.ok());
    EXPECT_EQ(edit.error().message,
              "field `verified_payment_only`: expected true or false, got \"perhaps\"");
    form.set_text("page_size", "20");
    form.set_text("verified_payment_only", "true");
    EXPECT_TRUE(form.validate().empty());
}

TEST(SettingsForm, ARequiredSecretLeftEmptyIsNamedWithWhereItWouldBeKept) {
    SettingsForm form(manifest_of("adzuna"));
    EXPECT_TRUE(form.set_text("app_id", "my-app"));
    EXPECT_TRUE(form.field("app_key")->required);
    auto errors = form.validate();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].key, "app_key");
    EXPECT_EQ(errors[0].reason,
              "is required (kept in the keyring or the secrets file, never in sources.json)");
    EXPECT_EQ(form.edit().error().message,
              "field `app_key`: is required (kept in the keyring or the secrets file, never in "
              "sources.json)");
    EXPECT_TRUE(form.set_secret("app_key", "k-123"));
    EXPECT_TRUE(form.validate().empty());
}

TEST(SettingsForm, ARequiredSettingLeftEmptyIsRefused) {
    SettingsForm form(manifest_of("rss"));
    auto errors = form.validate();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].key, "url");
    EXPECT_EQ(errors[0].reason, "is required");
    form.set_text("url", "https://jobs.example/feed.atom");
    EXPECT_TRUE(form.validate().empty());
}

TEST(SettingsForm, TheEditKeepsSecretsApartAndLeavesDefaultsOut) {
    SettingsForm form(manifest_of("upwork"), {{"query", "opencv"}, {"max_pages", "4"}});
    EXPECT_EQ(form.field("query")->text, "opencv") << "the value from sources.json";
    EXPECT_TRUE(form.set_secret("token", "oauth-secret-123"));
    EXPECT_FALSE(form.set_text("token", "typed as text")) << "a secret is never a setting";
    EXPECT_FALSE(form.set_secret("query", "x")) << "a setting is never a secret";
    form.set_text("page_size", "50");  // the default: left out of sources.json
    auto edit = form.edit();
    ASSERT_TRUE(edit.ok()) << edit.error().message;
    EXPECT_EQ(edit.value().settings,
              (std::map<std::string, std::string>{{"max_pages", "4"}, {"query", "opencv"}}));
    EXPECT_EQ(edit.value().secrets,
              (std::map<std::string, std::string>{{"token", "oauth-secret-123"}}));
    EXPECT_TRUE(edit.value().erase_secrets.empty());
}

TEST(SettingsForm, AStoredSecretCountsAndCanBeTakenAway) {
    SettingsForm form(manifest_of("upwork"), {}, {{"token", SecretPlace::Keyring}});
    EXPECT_EQ(form.field("token")->stored, SecretPlace::Keyring);
    EXPECT_EQ(secret_place_text(form.field("token")->stored), "stored in keyring");
    EXPECT_EQ(form.field("token")->text, "") << "the form never holds a stored secret";
    auto kept = form.edit();
    ASSERT_TRUE(kept.ok()) << kept.error().message;
    EXPECT_TRUE(kept.value().secrets.empty() && kept.value().erase_secrets.empty());
    form.set_text("feed_url", "https://www.upwork.com/ab/feed/jobs/rss");
    form.clear_secret("token");
    auto cleared = form.edit();
    ASSERT_TRUE(cleared.ok()) << cleared.error().message;
    EXPECT_EQ(cleared.value().erase_secrets, std::vector<std::string>{"token"});
    EXPECT_EQ(secret_place_text(SecretPlace::File), "stored in file");
}

// A setting of the host's (the workspace supplies time_budget_seconds so) follows the plugin's
// fields, is checked against its range with the field named, and goes to the edit apart from the
// plugin's settings, left out at its default.
TEST(SettingsForm, AHostSettingFollowsThePluginsFieldsAndIsCheckedAgainstItsRange) {
    HostSetting budget;
    budget.spec.key = "time_budget_seconds";
    budget.spec.label = "Time budget (seconds)";
    budget.spec.type = SettingType::Number;
    budget.spec.default_value = 60.0;
    budget.min = 1;
    budget.max = 3600;
    SettingsForm form(manifest_of("rss"), {{"url", "https://jobs.example/feed.rss"}}, {}, {budget});
    ASSERT_EQ(form.fields().size(), manifest_of("rss").settings.size() + 1);
    const SettingField& last = form.fields().back();
    EXPECT_EQ(last.spec.key, "time_budget_seconds");
    EXPECT_TRUE(last.host);
    EXPECT_FALSE(last.required);
    EXPECT_EQ(last.text, "60") << "the host's default";
    auto unchanged = form.edit();
    ASSERT_TRUE(unchanged.ok()) << unchanged.error().message;
    EXPECT_TRUE(unchanged.value().host.empty()) << "the default is not written";
    EXPECT_EQ(unchanged.value().settings.count("time_budget_seconds"), 0u);

    for (const char* wrong : {"0", "3601", "1.5", "soon"}) {
        ASSERT_TRUE(form.set_text("time_budget_seconds", wrong));
        auto errors = form.validate();
        ASSERT_EQ(errors.size(), 1u) << wrong;
        EXPECT_EQ(errors[0].key, "time_budget_seconds");
        EXPECT_EQ(errors[0].reason,
                  std::string("must be a whole number from 1 to 3600, got \"") + wrong + "\"");
        auto edit = form.edit();
        ASSERT_FALSE(edit.ok()) << wrong;
        EXPECT_EQ(edit.error().message,
                  std::string("field `time_budget_seconds`: must be a whole number from 1 to "
                              "3600, got \"") +
                      wrong + "\"");
    }
    form.set_text("time_budget_seconds", "300");
    auto edit = form.edit();
    ASSERT_TRUE(edit.ok()) << edit.error().message;
    EXPECT_EQ(edit.value().host, (std::map<std::string, int>{{"time_budget_seconds", 300}}));
    EXPECT_EQ(edit.value().settings,
              (std::map<std::string, std::string>{{"url", "https://jobs.example/feed.rss"}}));

    budget.value = 900;  // the source's own, from sources.json
    SettingsForm own(manifest_of("rss"), {}, {}, {budget});
    EXPECT_EQ(own.field("time_budget_seconds")->text, "900");
    own.set_text("time_budget_seconds", "");
    own.set_text("url", "https://jobs.example/feed.rss");
    auto cleared = own.edit();
    ASSERT_TRUE(cleared.ok()) << cleared.error().message;
    EXPECT_TRUE(cleared.value().host.empty()) << "left empty: back to the default";
}

TEST(SourcesDialogModel, ListsPluginsWithDeprecationAndLoadErrors) {
    std::vector<PluginEntry> entries = bundled_plugins().entries();
    PluginEntry broken;
    broken.path = "/home/u/.local/share/gigscout/plugins/broken.lua";
    broken.user = true;
    broken.disabled_reason = "broken.lua:3: unexpected symbol near '='";
    entries.push_back(broken);
    entries.front().manifest->deprecated = "use the jobicy plugin instead";
    SourcesDialogModel model({}, plugin_items(entries));
    ASSERT_EQ(model.plugins().size(), entries.size());
    const PluginItem& first = model.plugins().front();
    EXPECT_EQ(SourcesDialogModel::plugin_note(first), "deprecated: use the jobicy plugin instead");
    const PluginItem& last = model.plugins().back();
    EXPECT_EQ(last.id, "broken");
    EXPECT_EQ(SourcesDialogModel::plugin_note(last),
              "cannot load: broken.lua:3: unexpected symbol near '='");
    ASSERT_TRUE(model.select_plugin("broken"));
    EXPECT_FALSE(model.can(SourceAction::AddSource)) << "a plugin that cannot load adds nothing";
    EXPECT_EQ(model.details(),
              "Plugin broken (yours, /home/u/.local/share/gigscout/plugins/broken.lua)\nIt "
              "cannot be used: broken.lua:3: unexpected symbol near '='");
    ASSERT_TRUE(model.select_plugin("rss"));
    EXPECT_TRUE(model.can(SourceAction::AddSource));
    EXPECT_FALSE(model.can(SourceAction::Remove));
    EXPECT_FALSE(model.select_plugin("nope"));
    EXPECT_EQ(model.selected_plugin(), nullptr);
}

TEST(SourcesDialogModel, OffersWhatFitsEachSourcesState) {
    SourceRow paused;
    paused.id = "rss:down";
    paused.plugin = "rss";
    paused.health = SourceHealth::Paused;
    paused.consecutive_failures = 3;
    paused.state_text = "paused after 3 failed refreshes in a row: check the network";
    paused.last_error = "source rss:down: GET https://down.example/feed: HTTP 500";
    SourceRow off;
    off.id = "remoteok";
    off.plugin = "remoteok";
    off.health = SourceHealth::Disabled;
    off.state_text = "disabled";
    SourcesDialogModel model({paused, off}, plugin_items(bundled_plugins().entries()));

    ASSERT_TRUE(model.select_source("rss:down"));
    EXPECT_TRUE(model.can(SourceAction::Resume));
    EXPECT_TRUE(model.can(SourceAction::Disable));
    EXPECT_FALSE(model.can(SourceAction::Enable));
    EXPECT_TRUE(model.can(SourceAction::Remove));
    EXPECT_FALSE(model.can(SourceAction::AddSource));
    ASSERT_NE(model.selected_plugins_item(), nullptr);
    EXPECT_EQ(model.selected_plugins_item()->id, "rss");
    EXPECT_EQ(model.details(),
              "Source rss:down (plugin rss): paused after 3 failed refreshes in a row: check the "
              "network.\nFailed refreshes in a row: 3.\nLast error: source rss:down: GET "
              "https://down.example/feed: HTTP 500");

    ASSERT_TRUE(model.select_source("remoteok"));
    EXPECT_TRUE(model.can(SourceAction::Enable));
    EXPECT_FALSE(model.can(SourceAction::Disable));
    EXPECT_FALSE(model.can(SourceAction::Resume));
}

TEST(SourcesDialogModel, AnOAuth2SourceSaysWhetherItIsSignedInAndHowToSignIn) {
    SourceRow upwork;
    upwork.id = upwork.plugin = "upwork";
    upwork.state_text = "never refreshed";
    SourceRow named = upwork;
    named.id = "upwork:design";
    SourcesDialogModel model({upwork, named}, plugin_items(bundled_plugins().entries()));
    model.set_signed_in({{"upwork:design", SignIn{}}});

    ASSERT_TRUE(model.select_source("upwork"));
    EXPECT_EQ(model.sign_in_command(), "gigscout-cli source auth upwork");
    EXPECT_EQ(
        model.details(),
        "Source upwork (plugin upwork): never refreshed.\nNot signed in to Upwork. To sign "
        "in: put the client id Upwork gave you in the setting `client_id`, register the "
        "redirect URI http://127.0.0.1:8765/callback with Upwork, then press Sign in… (or run "
        "gigscout-cli source auth upwork --client-secret-stdin, which prints the address "
        "to open)");
    ASSERT_TRUE(model.select_source("upwork:design"));
    EXPECT_EQ(model.details(),
              "Source upwork:design (plugin upwork): never refreshed.\nSigned in to Upwork; "
              "GigScout renews the sign-in. To sign in again: press Sign in…, or run "
              "gigscout-cli source auth upwork:design");

    ASSERT_TRUE(model.select_plugin("upwork"));
    EXPECT_EQ(model.sign_in_command(), std::nullopt) << "a plugin has no source to sign in";
    EXPECT_TRUE(testing::contains(model.details(),
                                  "\nSigns in to Upwork with OAuth2: add a "
                                  "source, then press Sign in… (or run "
                                  "gigscout-cli source auth with its id)"))
        << model.details();
    EXPECT_TRUE(testing::contains(model.details(), "not for commercial use")) << model.details();
}

TEST(SourcesDialogModel, AnOAuth2SourcesSignInReadsAsItsTokensExpiryStands) {
    SourceRow row;
    row.plugin = "upwork";
    row.state_text = "never refreshed";
    std::vector<SourceRow> rows;
    for (const char* id : {"none", "unknown", "fresh", "stale", "stale-no-renewal"}) {
        row.id = id;
        rows.push_back(row);
    }
    SourceRow rss;
    rss.id = rss.plugin = "rss";
    rows.push_back(rss);
    SourcesDialogModel model(rows, plugin_items(bundled_plugins().entries()));
    const std::int64_t now = 1'800'000'000;
    model.set_signed_in({{"unknown", SignIn{std::nullopt, false}},
                         {"fresh", SignIn{now + 5 * 3600 + 10, true}},
                         {"stale", SignIn{now - 60, true}},
                         {"stale-no-renewal", SignIn{now - 60, false}},
                         {"rss", SignIn{now + 60, true}}});

    EXPECT_EQ(model.sign_in_text("none", now), "not signed in: run gigscout-cli source auth none");
    EXPECT_EQ(model.sign_in_text("unknown", now), "signed in");
    EXPECT_EQ(model.sign_in_text("fresh", now), "signed in; token expires in 6 h");
    EXPECT_EQ(model.sign_in_text("stale", now),
              "signed in; token expired, the next refresh renews it");
    EXPECT_EQ(model.sign_in_text("stale-no-renewal", now),
              "sign-in expired: run gigscout-cli source auth stale-no-renewal");
    EXPECT_EQ(model.sign_in_text("rss", now), std::nullopt) << "rss does not sign in";
    EXPECT_EQ(model.sign_in_text("missing", now), std::nullopt);
}

TEST(SourcesDialogModel, APluginThatSendsASettingAsUserAgentSaysWhy) {
    const PluginManifest usajobs = manifest_of("usajobs");
    ASSERT_TRUE(usajobs.user_agent.has_value());
    SourceRow row;
    row.id = row.plugin = "usajobs";
    row.state_text = "ok";
    SourcesDialogModel model({row}, plugin_items(bundled_plugins().entries()));
    ASSERT_TRUE(model.select_source("usajobs"));
    EXPECT_EQ(model.sign_in_command(), std::nullopt);
    EXPECT_EQ(model.details(), "Source usajobs (plugin usajobs): ok.\nSends your setting `" +
                                   usajobs.user_agent->setting +
                                   "` as its User-Agent: " + usajobs.user_agent->reason);
    ASSERT_TRUE(model.select_plugin("usajobs"));
    EXPECT_TRUE(testing::contains(model.details(),
                                  "\nSends your setting `email` as its "
                                  "User-Agent: "))
        << model.details();
}

}  // namespace
}  // namespace gigscout
