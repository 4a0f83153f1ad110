// Which sources a refresh runs: every enabled one, or exactly those asked for.
#include "workspace/source_selection.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace gigscout {
namespace {

SourceConfig source(const std::string& id, const std::string& plugin, bool enabled = true) {
    SourceConfig c;
    c.id = id;
    c.plugin = plugin;
    c.enabled = enabled;
    return c;
}

std::vector<std::string> ids(const SourceSelection& s) {
    std::vector<std::string> out;
    for (const auto& r : s.runnable) {
        out.push_back(r.config.id);
    }
    for (const auto& o : s.not_runnable) {
        out.push_back(o.progress.source + " (not runnable)");
    }
    return out;
}

class SourceSelectionTest : public ::testing::Test {
  protected:
    // The test plugins of the refresh tests (board, polite, ...).
    PluginCatalog catalog() const {
        return PluginCatalog(testing::tests_dir() / "refresh" / "plugins", std::nullopt);
    }
    const std::vector<SourceConfig> configured_ = {
        source("board", "board"), source("board:mirror", "board"),
        source("polite", "polite", false), source("gone", "uninstalled")};
    const std::filesystem::path file_ = "/home/u/.config/gigscout/sources.json";
};

TEST_F(SourceSelectionTest, WithoutARequestEveryEnabledSourceRuns) {
    auto s = select_sources(configured_, catalog(), {}, file_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(ids(s.value()),
              (std::vector<std::string>{"board", "board:mirror", "gone (not runnable)"}));
}

TEST_F(SourceSelectionTest, ARequestRunsExactlyThoseSourcesEvenDisabledOnes) {
    auto s = select_sources(configured_, catalog(), {"polite", "board:mirror"}, file_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(ids(s.value()), (std::vector<std::string>{"board:mirror", "polite"}));
}

TEST_F(SourceSelectionTest, ASourceWhosePluginIsMissingFailsWithItsReason) {
    auto s = select_sources(configured_, catalog(), {"gone"}, file_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_EQ(s.value().not_runnable.size(), 1u);
    EXPECT_EQ(s.value().not_runnable[0].progress.state, SourceState::Failed);
    EXPECT_EQ(s.value().not_runnable[0].progress.error,
              "plugin `uninstalled` is not installed or is disabled");
}

TEST_F(SourceSelectionTest, ASourceWhosePluginFailedToLoadSaysWhy) {
    testing::TempDir dir;
    testing::write_file(dir.path() / "broken.lua", "error('boom at load')");
    PluginCatalog broken_catalog(dir.path(), std::nullopt);
    auto s = select_sources({source("broken", "broken")}, broken_catalog, {}, file_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_EQ(s.value().not_runnable.size(), 1u);
    const std::string& error = s.value().not_runnable[0].progress.error;
    EXPECT_EQ(error.rfind("plugin `broken` failed to load: ", 0), 0u) << error;
    EXPECT_NE(error.find("boom at load"), std::string::npos) << error;
}

TEST_F(SourceSelectionTest, AnUnknownIdIsAnErrorListingTheConfiguredOnes) {
    auto s = select_sources(configured_, catalog(), {"board", "nope"}, file_);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().message,
              "no configured source named `nope` (see /home/u/.config/gigscout/sources.json); "
              "the configured sources are: board, board:mirror, polite, gone");
}

}  // namespace
}  // namespace gigscout
