// sources.json: what it may hold, the messages for what it may not, and secrets from the
// environment (docs/sources.md).
#include <gtest/gtest.h>

#include <cstdlib>

#include "refresh/source_config.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::TempDir;
using testing::write_file;

std::string parse_error(std::string_view text) {
    auto r = parse_sources(text, "sources.json");
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.error().message;
}

TEST(SourceConfig, ReadsEveryFieldOfEverySource) {
    auto r = parse_sources(R"({
      "version": 1,
      "sources": [
        {"plugin": "remoteok"},
        {"plugin": "greenhouse", "instance": "gitlab", "enabled": false,
         "settings": {"board": "gitlab", "pages": 3, "ratio": 0.25, "remote": true,
                      "tags": ["python", "opencv"]},
         "allow_http": true, "allow_private_network": true}
      ]})",
                           "sources.json");
    ASSERT_TRUE(r.ok()) << r.error().message;
    const SourcesFile& f = r.value();
    EXPECT_TRUE(f.exists);
    ASSERT_EQ(f.sources.size(), 2u);

    const SourceConfig& a = f.sources[0];
    EXPECT_EQ(a.id, "remoteok");
    EXPECT_EQ(a.plugin, "remoteok");
    EXPECT_EQ(a.instance, "");
    EXPECT_TRUE(a.enabled);
    EXPECT_TRUE(a.settings.empty());
    EXPECT_FALSE(a.allow_http);
    EXPECT_FALSE(a.allow_private_network);

    const SourceConfig& b = f.sources[1];
    EXPECT_EQ(b.id, "greenhouse:gitlab");
    EXPECT_EQ(b.instance, "gitlab");
    EXPECT_FALSE(b.enabled);
    EXPECT_TRUE(b.allow_http);
    EXPECT_TRUE(b.allow_private_network);
    EXPECT_EQ(b.settings, (std::map<std::string, std::string>{{"board", "gitlab"},
                                                              {"pages", "3"},
                                                              {"ratio", "0.25"},
                                                              {"remote", "true"},
                                                              {"tags", "python,opencv"}}));
}

TEST(SourceConfig, AMissingFileMeansNoFileYet) {
    TempDir dir;
    auto r = load_sources(dir.path() / "config" / "sources.json");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r.value().exists);
    EXPECT_TRUE(r.value().sources.empty());
}

TEST(SourceConfig, LoadsAFileAndNamesItInErrors) {
    TempDir dir;
    auto file = dir.path() / "sources.json";
    write_file(file, R"({"sources": [{"plugin": "remotive"}]})");
    auto r = load_sources(file);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r.value().exists);
    ASSERT_EQ(r.value().sources.size(), 1u);
    EXPECT_EQ(r.value().sources[0].id, "remotive");

    write_file(file, R"({"sources": [{"plugin": "remotive", "enabled": "yes"}]})");
    auto bad = load_sources(file);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message,
              file.string() + ": field `sources[0].enabled`: expected true or false, got a string");
}

TEST(SourceConfig, ErrorsNameTheFieldAndWhatIsWrong) {
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "remoteok"}, {"instance": "x"}]})"),
              "sources.json: field `sources[1].plugin`: is required");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "remoteok", "enabld": false}]})"),
              "sources.json: field `sources[0].enabld`: unknown field");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "Remote OK"}]})"),
              "sources.json: field `sources[0].plugin`: must be a plugin id of lower-case "
              "letters, digits, - and _");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "greenhouse", "instance": "Git Lab"}]})"),
              "sources.json: field `sources[0].instance`: must be lower-case letters, digits, - "
              "and _");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "greenhouse", "instance": "a"},
                                          {"plugin": "greenhouse", "instance": "a"}]})"),
              "sources.json: field `sources[1]`: source `greenhouse:a` is configured twice "
              "(give each an `instance` name)");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "x", "settings": {"k": {"a": 1}}}]})"),
              "sources.json: field `sources[0].settings.k`: expected a string, number, boolean "
              "or list of strings, got an object");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "x", "settings": {"k": ["a", 2]}}]})"),
              "sources.json: field `sources[0].settings.k[1]`: expected a string, got a number");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "x", "settings": {"k": ["a,b"]}}]})"),
              "sources.json: field `sources[0].settings.k[0]`: a list item cannot contain a "
              "comma");
    EXPECT_EQ(parse_error(R"({"sources": [42]})"),
              "sources.json: field `sources[0]`: expected an object, got a number");
    EXPECT_EQ(parse_error(R"({"source": []})"), "sources.json: field `sources`: is required");
    EXPECT_EQ(parse_error(R"([])"), "sources.json: expected an object with a `sources` array");
    EXPECT_NE(parse_error(R"({"sources": [)").find("sources.json"), std::string::npos);
}

TEST(SourceConfig, WritesJsonThatReadsBackTheSame) {
    SourcesFile f;
    SourceConfig a;
    a.plugin = "greenhouse";
    a.instance = "gitlab";
    a.id = "greenhouse:gitlab";
    a.enabled = false;
    a.allow_private_network = true;
    a.settings = {{"board", "gitlab"}, {"note", "quote \" and \\ backslash"}};
    f.sources.push_back(a);
    SourceConfig b;
    b.plugin = "remoteok";
    b.id = "remoteok";
    b.allow_http = true;
    f.sources.push_back(b);

    auto back = parse_sources(sources_to_json(f), "written");
    ASSERT_TRUE(back.ok()) << back.error().message << "\n" << sources_to_json(f);
    ASSERT_EQ(back.value().sources.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& x = f.sources[i];
        const auto& y = back.value().sources[i];
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.plugin, y.plugin);
        EXPECT_EQ(x.instance, y.instance);
        EXPECT_EQ(x.enabled, y.enabled);
        EXPECT_EQ(x.allow_http, y.allow_http);
        EXPECT_EQ(x.allow_private_network, y.allow_private_network);
        EXPECT_EQ(x.settings, y.settings);
    }
}

TEST(SourceConfig, RefreshMinutesIsReadCheckedAndWrittenBack) {
    auto r = parse_sources(
        R"({"sources": [{"plugin": "remoteok", "refresh_minutes": 30}, {"plugin": "jobicy"}]})",
        "sources.json");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().sources[0].refresh_minutes, std::optional<int>(30));
    EXPECT_FALSE(r.value().sources[1].refresh_minutes) << "none: the default";
    auto back = parse_sources(sources_to_json(r.value()), "again");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value().sources[0].refresh_minutes, std::optional<int>(30));
    EXPECT_FALSE(back.value().sources[1].refresh_minutes);
    const std::string json = sources_to_json(r.value());
    EXPECT_NE(json.find("\"refresh_minutes\": 30"), std::string::npos) << json;
    EXPECT_EQ(json.find("refresh_minutes"), json.rfind("refresh_minutes"))
        << "written for the source that has it only: " << json;
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "a", "refresh_minutes": 0}]})"),
              "sources.json: field `sources[0].refresh_minutes`: must be 1 to 10080 (a week), "
              "got 0");
    EXPECT_NE(parse_error(R"({"sources": [{"plugin": "a", "refresh_minutes": "often"}]})")
                  .find("field `sources[0].refresh_minutes`"),
              std::string::npos);
}

TEST(SourceConfig, TimeBudgetSecondsIsReadCheckedAndWrittenBack) {
    auto r = parse_sources(
        R"({"sources": [{"plugin": "slowboard", "time_budget_seconds": 300}, {"plugin": "jobicy"}]})",
        "sources.json");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().sources[0].time_budget_seconds, std::optional<int>(300));
    EXPECT_FALSE(r.value().sources[1].time_budget_seconds) << "none: RefreshOptions' default";
    auto back = parse_sources(sources_to_json(r.value()), "again");
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value().sources[0].time_budget_seconds, std::optional<int>(300));
    EXPECT_FALSE(back.value().sources[1].time_budget_seconds);
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "a", "time_budget_seconds": 0}]})"),
              "sources.json: field `sources[0].time_budget_seconds`: must be 1 to 3600 (an "
              "hour), got 0");
    EXPECT_EQ(parse_error(R"({"sources": [{"plugin": "a", "time_budget_seconds": 3601}]})"),
              "sources.json: field `sources[0].time_budget_seconds`: must be 1 to 3600 (an "
              "hour), got 3601");
    EXPECT_NE(parse_error(R"({"sources": [{"plugin": "a", "time_budget_seconds": 1.5}]})")
                  .find("field `sources[0].time_budget_seconds`"),
              std::string::npos);
}

TEST(SourceConfig, SecretsAreReadFromGigscoutSourceKeyVariables) {
    EXPECT_EQ(source_env_prefix("upwork"), "UPWORK");
    EXPECT_EQ(source_env_prefix("greenhouse:gitlab"), "GREENHOUSE_GITLAB");
    EXPECT_EQ(source_env_prefix("my-board:eu_west"), "MY_BOARD_EU_WEST");
    EXPECT_EQ(source_env_prefix("api_key"), "API_KEY");

    ::unsetenv("GIGSCOUT_GREENHOUSE_GITLAB_TOKEN");
    EXPECT_FALSE(secret_from_environment("greenhouse:gitlab", "token").has_value());
    ASSERT_EQ(::setenv("GIGSCOUT_GREENHOUSE_GITLAB_TOKEN", "abc 123", 1), 0);
    EXPECT_EQ(secret_from_environment("greenhouse:gitlab", "token"), "abc 123");
    // Set but empty is the same as not set.
    ASSERT_EQ(::setenv("GIGSCOUT_GREENHOUSE_GITLAB_TOKEN", "", 1), 0);
    EXPECT_FALSE(secret_from_environment("greenhouse:gitlab", "token").has_value());
    ::unsetenv("GIGSCOUT_GREENHOUSE_GITLAB_TOKEN");
}

}  // namespace
}  // namespace gigscout
