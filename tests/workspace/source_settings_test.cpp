// The sources dialog's work on a real data directory: a form saved writes its settings into
// sources.json and its secret into the secret store's 0600 file — never into sources.json or the
// database —; enable, disable, resume and remove round trip through the same files.
#include "workspace/source_settings.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include "support/test_support.h"
#include "workspace/source_from_url.h"

namespace gigscout {
namespace {

class SourceSettings : public ::testing::Test {
  protected:
    void SetUp() override {
        auto paths = Paths::resolve(dir_.path());
        ASSERT_TRUE(paths.ok()) << paths.error().message;
        paths_ = paths.value();
        auto opened = Workspace::open(paths_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        workspace_.emplace(std::move(opened).value());
        SecretStoreOptions file_only;
        file_only.use = SecretStoreOptions::Use::FileOnly;
        auto secrets = SecretStore::open(paths_, file_only);
        ASSERT_TRUE(secrets.ok()) << secrets.error().message;
        secrets_.emplace(std::move(secrets).value());
    }

    SourceConfig configured(const std::string& id) {
        auto file = load_sources(paths_.sources_file());
        for (const auto& s : file.value().sources) {
            if (s.id == id) {
                return s;
            }
        }
        ADD_FAILURE() << id << " is not in sources.json";
        return {};
    }

    testing::TempDir dir_;
    Paths paths_;
    std::optional<Workspace> workspace_;
    std::optional<SecretStore> secrets_;
};

TEST_F(SourceSettings, ASecretGoesToTheSecretStoreFileAndNeverIntoSourcesJson) {
    SourceConfig upwork;
    upwork.id = upwork.plugin = "upwork";
    const PluginEntry* entry = workspace_->catalog().find("upwork");
    ASSERT_NE(entry, nullptr);
    SettingsForm form(*entry->manifest);
    form.set_secret("token", "oauth-secret-7f3a");
    form.set_text("query", "opencv");
    auto edit = form.edit();
    ASSERT_TRUE(edit.ok()) << edit.error().message;
    auto added = add_source_with_settings(*workspace_, upwork, edit.value(), &*secrets_);
    ASSERT_TRUE(added.ok()) << added.error().message;

    const std::string json = testing::read_file(paths_.sources_file());
    EXPECT_FALSE(testing::contains(json, "oauth-secret-7f3a")) << json;
    EXPECT_FALSE(testing::contains(json, "token")) << json;
    EXPECT_EQ(configured("upwork").settings,
              (std::map<std::string, std::string>{{"query", "opencv"}}));
    const auto secrets_file = paths_.secrets_file();
    EXPECT_TRUE(testing::contains(testing::read_file(secrets_file), "oauth-secret-7f3a"));
    struct stat st {};
    ASSERT_EQ(::stat(secrets_file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_FALSE(
        testing::contains(testing::read_file(paths_.database_file()), "oauth-secret-7f3a"));

    // Read back: the form says where the secret is and never holds it.
    auto again = source_settings_form(*workspace_, "upwork", &*secrets_);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again.value().field("token")->stored, SecretPlace::File);
    EXPECT_EQ(again.value().field("token")->text, "");
    EXPECT_EQ(again.value().field("query")->text, "opencv");

    // Saving without typing the secret again keeps it; a changed setting is written.
    SettingsForm changed = again.value();
    changed.set_text("max_pages", "4");
    auto saved = save_source_settings(*workspace_, "upwork", changed.edit().value(), &*secrets_);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(configured("upwork").settings,
              (std::map<std::string, std::string>{{"max_pages", "4"}, {"query", "opencv"}}));
    EXPECT_EQ(secrets_->get("upwork", "token").value(),
              std::optional<std::string>("oauth-secret-7f3a"));

    // Removing the source takes its secret away too.
    auto removed = remove_source_and_secrets(*workspace_, "upwork", &*secrets_);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_EQ(secrets_->get("upwork", "token").value(), std::nullopt);
}

TEST_F(SourceSettings, AWrongValueIsRefusedAndNothingIsWritten) {
    SourceConfig rss;
    rss.plugin = "rss";
    rss.instance = "jobs";
    rss.id = "rss:jobs";
    rss.settings["url"] = "https://jobs.example/feed.rss";
    ASSERT_TRUE(add_source(*workspace_, rss).ok());
    const std::string before = testing::read_file(paths_.sources_file());
    auto form = source_settings_form(*workspace_, "rss:jobs", &*secrets_);
    ASSERT_TRUE(form.ok()) << form.error().message;
    EXPECT_EQ(form.value().field("url")->text, "https://jobs.example/feed.rss");
    form.value().set_text("url", "");
    form.value().set_text("remote", "sometimes");
    auto edit = form.value().edit();
    ASSERT_FALSE(edit.ok());
    EXPECT_EQ(edit.error().message, "field `url`: is required");
    EXPECT_EQ(testing::read_file(paths_.sources_file()), before);

    auto unknown = source_settings_form(*workspace_, "rss:nope", &*secrets_);
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(testing::contains(unknown.error().message,
                                  "no configured source named `rss:nope`; the configured sources "
                                  "are: "))
        << unknown.error().message;
}

// The form's time budget is the source's `time_budget_seconds` in sources.json, read back as
// the refresh reads it; set back to the default, it leaves the file.
TEST_F(SourceSettings, TheTimeBudgetFieldIsTheSourcesTimeBudgetInSourcesJson) {
    const PluginEntry* entry = workspace_->catalog().find("rss");
    ASSERT_NE(entry, nullptr);
    SettingsForm form = new_source_form(*entry->manifest);
    ASSERT_NE(form.field("time_budget_seconds"), nullptr);
    EXPECT_EQ(form.field("time_budget_seconds")->text, "60");
    form.set_text("url", "https://jobs.example/feed.rss");
    form.set_text("time_budget_seconds", "240");
    SourceConfig rss;
    rss.plugin = "rss";
    rss.instance = "jobs";
    rss.id = "rss:jobs";
    auto added = add_source_with_settings(*workspace_, rss, form.edit().value(), &*secrets_);
    ASSERT_TRUE(added.ok()) << added.error().message;
    EXPECT_EQ(configured("rss:jobs").time_budget_seconds, 240);
    EXPECT_EQ(configured("rss:jobs").settings.count("time_budget_seconds"), 0u);

    auto again = source_settings_form(*workspace_, "rss:jobs", &*secrets_);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again.value().field("time_budget_seconds")->text, "240");
    again.value().set_text("time_budget_seconds", "60");
    auto saved =
        save_source_settings(*workspace_, "rss:jobs", again.value().edit().value(), &*secrets_);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    EXPECT_EQ(configured("rss:jobs").time_budget_seconds, std::nullopt);
    EXPECT_FALSE(
        testing::contains(testing::read_file(paths_.sources_file()), "time_budget_seconds"));
}

TEST_F(SourceSettings, EnableDisableResumeAndRemoveRoundTrip) {
    SourceConfig rss;
    rss.plugin = "rss";
    rss.instance = "down";
    rss.id = "rss:down";
    rss.settings["url"] = "https://down.example/feed.rss";
    ASSERT_TRUE(add_source(*workspace_, rss).ok());

    ASSERT_TRUE(set_source_enabled(*workspace_, "rss:down", false).ok());
    EXPECT_FALSE(configured("rss:down").enabled);
    auto model = load_sources_dialog(*workspace_);
    ASSERT_TRUE(model.ok()) << model.error().message;
    ASSERT_TRUE(model.value().select_source("rss:down"));
    EXPECT_TRUE(model.value().can(SourceAction::Enable));
    ASSERT_TRUE(set_source_enabled(*workspace_, "rss:down", true).ok());
    EXPECT_TRUE(configured("rss:down").enabled);
    EXPECT_EQ(configured("rss:down").settings.at("url"), "https://down.example/feed.rss")
        << "enabling keeps its settings";

    // Three failed refreshes in a row pause it; resume lets the next refresh run it.
    auto not_paused = resume_source(*workspace_, "rss:down");
    ASSERT_TRUE(not_paused.ok()) << not_paused.error().message;
    EXPECT_FALSE(not_paused.value());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(workspace_->store()
                        .record_refresh("rss:down", {}, RefreshCompleteness::Failed, 1000 + i,
                                        "source rss:down: GET https://down.example/feed.rss: "
                                        "server answered HTTP 500")
                        .ok());
    }
    model = load_sources_dialog(*workspace_);
    ASSERT_TRUE(model.ok() && model.value().select_source("rss:down"));
    EXPECT_EQ(model.value().selected_source()->health, SourceHealth::Paused);
    EXPECT_TRUE(model.value().can(SourceAction::Resume));
    auto resumed = resume_source(*workspace_, "rss:down");
    ASSERT_TRUE(resumed.ok()) << resumed.error().message;
    EXPECT_TRUE(resumed.value());
    model = load_sources_dialog(*workspace_);
    ASSERT_TRUE(model.ok() && model.value().select_source("rss:down"));
    EXPECT_NE(model.value().selected_source()->health, SourceHealth::Paused);
    EXPECT_FALSE(model.value().can(SourceAction::Resume));

    auto removed = remove_source_and_secrets(*workspace_, "rss:down", &*secrets_);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    model = load_sources_dialog(*workspace_);
    ASSERT_TRUE(model.ok());
    EXPECT_FALSE(model.value().select_source("rss:down"));
    auto gone = resume_source(*workspace_, "rss:down");
    ASSERT_FALSE(gone.ok());
    EXPECT_TRUE(testing::contains(gone.error().message, "no configured source named `rss:down`"));
}

}  // namespace
}  // namespace gigscout
