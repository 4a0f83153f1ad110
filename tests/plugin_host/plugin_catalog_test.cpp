#include "plugin_host/plugin_catalog.h"

#include <gtest/gtest.h>

#include "plugin_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::TempDir;
using testing::TestPlugin;
using testing::write_test_plugin;

struct Folders {
    TempDir root;
    std::filesystem::path bundled = root.path() / "bundled";
    std::filesystem::path user = root.path() / "user";
    Folders() {
        std::filesystem::create_directories(bundled);
        std::filesystem::create_directories(user);
    }
};

TestPlugin plugin(std::string id, std::string extra = "") {
    TestPlugin p;
    p.id = std::move(id);
    p.manifest_extra = std::move(extra);
    return p;
}

const PluginEntry* entry_at(const PluginCatalog& c, const std::filesystem::path& path) {
    for (const auto& e : c.entries()) {
        if (e.path == path) {
            return &e;
        }
    }
    return nullptr;
}

TEST(PluginCatalog, FindsFilesAndFoldersInBothPlaces) {
    Folders f;
    write_test_plugin(f.bundled, plugin("alpha"));
    std::filesystem::create_directories(f.bundled / "beta");
    TestPlugin beta = plugin("init");
    write_test_plugin(f.bundled / "beta", beta);
    std::filesystem::create_directories(f.bundled / "examples");  // no init.lua: not a plugin
    testing::write_file(f.bundled / "examples" / "x.lua", "return 1");
    testing::write_file(f.bundled / "notes.txt", "not a plugin");
    write_test_plugin(f.user, plugin("gamma"));
    PluginCatalog c(f.bundled, f.user);
    ASSERT_EQ(c.entries().size(), 3u);
    EXPECT_EQ(c.entries()[0].path, f.bundled / "alpha.lua");
    EXPECT_EQ(c.entries()[1].path, f.bundled / "beta");
    EXPECT_TRUE(c.entries()[2].user);
    ASSERT_NE(c.find("alpha"), nullptr);
    ASSERT_NE(c.find("init"), nullptr);
    ASSERT_NE(c.find("gamma"), nullptr);
    EXPECT_EQ(c.find("nope"), nullptr);
    auto session = c.open("gamma");
    ASSERT_NE(session, nullptr);
    EXPECT_TRUE(session->load().ok());
}

TEST(PluginCatalog, UserPluginOverridesTheBundledOne) {
    Folders f;
    write_test_plugin(f.bundled, plugin("same", "description = 'bundled',"));
    write_test_plugin(f.user, plugin("same", "description = 'mine',"));
    PluginCatalog c(f.bundled, f.user);
    ASSERT_NE(c.find("same"), nullptr);
    EXPECT_EQ(c.find("same")->manifest->description, "mine");
    const PluginEntry* bundled = entry_at(c, f.bundled / "same.lua");
    ASSERT_NE(bundled, nullptr);
    EXPECT_EQ(bundled->disabled_reason,
              "overridden by the user plugin " + (f.user / "same.lua").string());
}

TEST(PluginCatalog, DuplicateIdsInOneFolderDisableBoth) {
    Folders f;
    write_test_plugin(f.bundled, plugin("dup"));
    TestPlugin other = plugin("dup");
    auto text = testing::read_file(write_test_plugin(f.root.path(), other));
    testing::write_file(f.bundled / "dup2.lua", text);
    PluginCatalog c(f.bundled, std::nullopt);
    EXPECT_EQ(c.find("dup"), nullptr);
    const PluginEntry* first = entry_at(c, f.bundled / "dup.lua");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->disabled_reason,
              "duplicate id `dup`: also declared by " + (f.bundled / "dup2.lua").string());
}

TEST(PluginCatalog, BrokenAndFuturePluginsAreDisabledWithTheirReason) {
    Folders f;
    testing::write_file(f.bundled / "future.lua",
                        "return { id = 'future', name = 'F', version = '2', api_version = 2 }");
    testing::write_file(f.bundled / "broken.lua", "return {");
    write_test_plugin(f.bundled, plugin("fine"));
    PluginCatalog c(f.bundled, f.user);
    EXPECT_EQ(entry_at(c, f.bundled / "future.lua")->disabled_reason,
              "plugin future.lua: needs API 2; this GigScout supports API 1");
    EXPECT_NE(entry_at(c, f.bundled / "broken.lua")->disabled_reason.find("broken.lua:1:"),
              std::string::npos);
    EXPECT_FALSE(entry_at(c, f.bundled / "broken.lua")->usable());
    EXPECT_TRUE(entry_at(c, f.bundled / "fine.lua")->usable());
}

TEST(PluginCatalog, ReloadSeesEditsWithoutARestart) {
    Folders f;
    testing::write_file(f.user / "late.lua", "return {");
    PluginCatalog c(f.bundled, f.user);
    EXPECT_EQ(c.find("late"), nullptr);
    write_test_plugin(f.user, plugin("late"));
    c.reload();
    EXPECT_NE(c.find("late"), nullptr);
}

TEST(PluginCatalog, PastedBoardAddressesFindTheirPlugin) {
    Folders f;
    write_test_plugin(f.bundled,
                      plugin("greenhouse", "url_patterns = { 'https://boards.greenhouse.io/*' },"));
    write_test_plugin(f.bundled, plugin("lever", "url_patterns = { 'https://jobs.lever.co/*' },"));
    PluginCatalog c(f.bundled, std::nullopt);
    auto found = c.matching_url("https://boards.greenhouse.io/gitlab");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]->manifest->id, "greenhouse");
    EXPECT_TRUE(c.matching_url("https://example.com/").empty());
}

}  // namespace
}  // namespace gigscout
