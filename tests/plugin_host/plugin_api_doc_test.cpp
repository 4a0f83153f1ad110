// docs/plugin-api.md cannot drift from the host: every function a plugin can reach has an
// entry, the tutorial's plugin (docs/plugin-tutorial.md) is the one in plugins/examples/ and
// does what the text shows, and the scaffold of `plugin new` works.
#include <gtest/gtest.h>

#include <set>

#include "base/iso_time.h"
#include "plugin_host/plugin_environment.h"
#include "plugin_host/plugin_scaffold.h"
#include "plugin_host/plugin_session.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::read_file;
using testing::source_dir;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

TEST(PluginApiDoc, EveryFunctionAPluginCanReachIsDocumented) {
    std::string api = read_file(source_dir() / "docs" / "plugin-api.md");
    std::string helpers = read_file(source_dir() / "docs" / "plugin-api-helpers.md");
    ASSERT_TRUE(contains(api, "(plugin-api-helpers.md)")) << "plugin-api.md must link the helpers";
    auto functions = plugin_environment_functions();
    ASSERT_TRUE(functions.ok()) << functions.error().message;
    const std::set<std::string> modules = {"json",  "xml", "feed", "html", "time",
                                           "money", "url", "text", "log",  "common"};
    std::vector<std::string> missing;
    for (const auto& f : functions.value()) {
        auto dot = f.find('.');
        bool module_function = dot != std::string::npos && modules.count(f.substr(0, dot)) != 0;
        if (module_function) {
            // Helpers have their own heading: "### `json.decode(s)`".
            std::string heading = "### `" + f + "(";
            if (!contains(api, heading) && !contains(helpers, heading)) {
                missing.push_back(f + " (needs a heading \"" + heading + "...)`\")");
            }
        } else if (!contains(api, "`" + f + "`") && !contains(api, "`" + f + "(")) {
            missing.push_back(f + " (needs `" + f + "` in plugin-api.md)");
        }
    }
    EXPECT_TRUE(missing.empty()) << "undocumented: " << ::testing::PrintToString(missing);
    EXPECT_GT(functions.value().size(), 100u);
}

// The fenced block after "<!-- tutorial-plugin: PATH -->".
std::pair<std::string, std::string> tutorial_block(const std::string& doc) {
    const std::string marker = "<!-- tutorial-plugin: ";
    auto at = doc.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    auto path_end = doc.find(" -->", at);
    std::string path = doc.substr(at + marker.size(), path_end - at - marker.size());
    auto open = doc.find("```lua\n", path_end);
    auto close = doc.find("\n```\n", open);
    return {path, doc.substr(open + 7, close - open - 7 + 1)};
}

TEST(PluginApiDoc, TheTutorialShowsExactlyTheExamplePlugin) {
    std::string doc = read_file(source_dir() / "docs" / "plugin-tutorial.md");
    auto [path, code] = tutorial_block(doc);
    ASSERT_EQ(path, "plugins/examples/gigboard/init.lua");
    EXPECT_EQ(code, read_file(source_dir() / path));
}

TEST(PluginApiDoc, TheTutorialPluginDoesWhatTheTextShows) {
    std::string doc = read_file(source_dir() / "docs" / "plugin-tutorial.md");
    auto example = source_dir() / "plugins" / "examples" / "gigboard";
    PluginSession session(example);
    PluginContext ctx;
    ctx.now = *parse_iso8601("2026-11-25T12:00:00Z");

    auto requests = session.requests(ctx);
    ASSERT_TRUE(requests.ok()) << requests.error().message;
    ASSERT_EQ(requests.value().size(), 1u);
    EXPECT_EQ(requests.value()[0].url,
              "https://api.gigboard.example/v1/gigs?page=1&q=computer%20vision");
    ctx.settings["query"] = std::string("opencv");
    EXPECT_TRUE(contains(doc, "prints\n`GET " + session.requests(ctx).value()[0].url + "`"));
    ctx.settings.clear();

    PluginResponse response;
    response.body = read_file(example / "responses" / "sample.json");
    auto o = session.parse(response, ctx);
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().listings.size(), 2u);
    EXPECT_TRUE(o.value().problems.empty());
    const Listing& first = o.value().listings[0];
    EXPECT_EQ(first.id, "gigboard:5012");
    EXPECT_EQ(first.source, "gigboard:default");
    EXPECT_EQ(first.title, "OpenCV expert for PCB defect detection");
    EXPECT_EQ(first.description,
              "We inspect circuit boards with OpenCV and need someone to cut our false "
              "positives.\n\n- Python\n- Classical CV and a small CNN");
    EXPECT_EQ(first.company, "Acme Optics");
    ASSERT_TRUE(first.budget.has_value());
    EXPECT_EQ(first.budget->kind, BudgetKind::Hourly);
    EXPECT_EQ(first.budget->min, 45.0);
    EXPECT_EQ(first.budget->max, 70.0);
    EXPECT_EQ(first.budget->currency, "EUR");
    EXPECT_EQ(first.tags, (std::vector<std::string>{"OpenCV", "Python", "Defect detection"}));
    ASSERT_TRUE(first.client.has_value());
    EXPECT_EQ(first.client->rating, 4.8);
    EXPECT_EQ(first.client->payment_verified, true);
    EXPECT_EQ(o.value().listings[1].budget->kind, BudgetKind::Fixed);
    ASSERT_TRUE(o.value().next.has_value());
    EXPECT_EQ(o.value().next->url,
              "https://api.gigboard.example/v1/gigs?page=2&q=computer%20vision");
    ASSERT_EQ(o.value().log.size(), 1u);
    EXPECT_EQ(o.value().log[0].level, "warn");
    EXPECT_EQ(o.value().log[0].text, "skipped gig 5014: it pays in equity only");
    // The output shown in the tutorial.
    EXPECT_TRUE(contains(doc, "next request: GET " + o.value().next->url));
    EXPECT_TRUE(contains(doc, "log warn: " + o.value().log[0].text));

    // The rejected listing the tutorial shows, made as it says: no `if kind then`, and gig 5013
    // paid monthly.
    {
        testing::TempDir dir;
        std::string plugin = read_file(example / "init.lua");
        std::string sample = response.body;
        auto replace = [](std::string& text, const std::string& from, const std::string& to) {
            auto at = text.find(from);
            ASSERT_NE(at, std::string::npos) << from;
            text.replace(at, from.size(), to);
        };
        replace(plugin, "  if kind then", "  if true then");
        replace(sample, R"("pay": { "type": "fixed", "from": 300, "to": 300, "currency": "USD" })",
                R"("pay": { "type": "monthly", "from": 300, "to": 300, "currency": "USD" })");
        testing::write_file(dir.path() / "gigboard.lua", plugin);
        PluginSession changed(dir.path() / "gigboard.lua");
        PluginResponse monthly;
        monthly.body = sample;
        auto r = changed.parse(monthly, ctx);
        ASSERT_TRUE(r.ok()) << r.error().message;
        ASSERT_EQ(r.value().problems.size(), 1u);
        EXPECT_EQ(r.value().problems[0],
                  "gigboard: page 1: listing 2: field `budget.kind`: is required");
        // In the text, as a code span whose inner backticks are escaped.
        std::string shown = "gigboard: page 1: listing 2: field \\`budget.kind\\`: is required";
        EXPECT_TRUE(contains(doc, "`" + shown + "`")) << shown;
    }

    response.status = 503;
    auto failed = session.parse(response, ctx);
    ASSERT_FALSE(failed.ok());
    std::string first_line = failed.error().message.substr(0, failed.error().message.find('\n'));
    EXPECT_TRUE(contains(doc, "(`" + first_line + "`)")) << first_line;
}

TEST(PluginApiDoc, TheScaffoldIsAWorkingPlugin) {
    testing::TempDir dir;
    auto written = write_scaffold(dir.path(), "my_board", "/opt/it's here/gigscout-cli");
    ASSERT_TRUE(written.ok()) << written.error().message;
    ASSERT_EQ(written.value().size(), 4u);
    const auto folder = dir.path() / "my_board";
    EXPECT_EQ(written.value()[0], folder / "init.lua");
    EXPECT_EQ(written.value()[1], folder / "cases.json");
    EXPECT_EQ(written.value()[2], folder / "responses" / "sample.json");
    EXPECT_EQ(written.value()[3], folder / "test.sh");
    PluginSession session(folder);
    auto m = session.load();
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m.value().id, "my_board");
    EXPECT_EQ(m.value().name, "My board");
    // It is written with `common`, and guards the optional company.
    std::string code = read_file(written.value()[0]);
    EXPECT_TRUE(contains(code, "require(\"common\")"));
    EXPECT_TRUE(contains(code, "company and str(company.name)"));
    PluginResponse response;
    response.body = read_file(written.value()[2]);
    auto o = session.parse(response, {});
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().listings.size(), 3u);
    EXPECT_TRUE(o.value().problems.empty());
    EXPECT_EQ(o.value().listings[0].company, "Example Robotics");
    EXPECT_EQ(o.value().listings[2].company, "");
    ASSERT_TRUE(o.value().next.has_value());
    EXPECT_EQ(o.value().next->url, "https://example.com/api/jobs?page=2&q=computer%20vision");
    // The case table names the plugin's own ids.
    EXPECT_TRUE(contains(read_file(written.value()[1]), "\"my_board:101\""));
    // The test script runs the CLI that wrote it, quoted for sh.
    EXPECT_TRUE(
        contains(read_file(written.value()[3]), "\ncli='/opt/it'\\''s here/gigscout-cli'\n"))
        << read_file(written.value()[3]);
    // Never overwrites.
    auto again = write_scaffold(dir.path(), "my_board", "gigscout-cli");
    ASSERT_FALSE(again.ok());
    EXPECT_TRUE(contains(again.error().message, "already exists"));
    EXPECT_FALSE(write_scaffold(dir.path(), "Bad Id", "gigscout-cli").ok());
}

}  // namespace
}  // namespace gigscout
