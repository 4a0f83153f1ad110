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

// The manifest cache (manifest_cache.h): answers remembered by file content.
struct CachedFolders : Folders {
    std::filesystem::path cache = root.path() / "cache" / "plugin-manifests.json";
    PluginCatalog catalog(PluginLimits limits = {}) const {
        return PluginCatalog(bundled, user, limits, cache);
    }
};

TEST(PluginCatalog, AnUnchangedPluginIsReadFromTheCacheWithoutAWorker) {
    CachedFolders f;
    write_test_plugin(f.bundled, plugin("alpha", "description = 'first',"));
    write_test_plugin(f.bundled, plugin("beta"));
    write_test_plugin(f.user, plugin("gamma"));
    PluginCatalog cold = f.catalog();
    EXPECT_EQ(cold.last_load_counts().loaded, 3u);
    EXPECT_EQ(cold.last_load_counts().from_cache, 0u);
    ASSERT_TRUE(std::filesystem::exists(f.cache));

    PluginCatalog warm = f.catalog();
    EXPECT_EQ(warm.last_load_counts().loaded, 0u);
    EXPECT_EQ(warm.last_load_counts().from_cache, 3u);
    ASSERT_NE(warm.find("alpha"), nullptr);
    EXPECT_EQ(warm.find("alpha")->manifest->description, "first");
    EXPECT_EQ(warm.find("gamma")->manifest->hosts, cold.find("gamma")->manifest->hosts);
    auto session = warm.open("beta");
    ASSERT_NE(session, nullptr);
    EXPECT_TRUE(session->load().ok());
}

TEST(PluginCatalog, AChangedFileIsLoadedAgain) {
    CachedFolders f;
    write_test_plugin(f.bundled, plugin("alpha", "description = 'first',"));
    write_test_plugin(f.bundled, plugin("beta"));
    f.catalog();
    write_test_plugin(f.bundled, plugin("alpha", "description = 'second',"));
    PluginCatalog c = f.catalog();
    EXPECT_EQ(c.last_load_counts().loaded, 1u);
    EXPECT_EQ(c.last_load_counts().from_cache, 1u);
    EXPECT_EQ(c.find("alpha")->manifest->description, "second");
}

TEST(PluginCatalog, AFolderPluginIsKeyedOnTheFileTheWorkerLoads) {
    CachedFolders f;
    std::filesystem::create_directories(f.bundled / "folder");
    TestPlugin p = plugin("init", "description = 'one',");
    write_test_plugin(f.bundled / "folder", p);
    testing::write_file(f.bundled / "folder" / "cases.json", "[]");
    f.catalog();
    testing::write_file(f.bundled / "folder" / "cases.json", "[{}]");
    EXPECT_EQ(f.catalog().last_load_counts().from_cache, 1u);
    write_test_plugin(f.bundled / "folder", plugin("init", "description = 'two',"));
    PluginCatalog c = f.catalog();
    EXPECT_EQ(c.last_load_counts().loaded, 1u);
    EXPECT_EQ(c.find("init")->manifest->description, "two");
}

TEST(PluginCatalog, APluginThatLoopsWhileLoadingIsRefusedOnceUntilItsFileChanges) {
    CachedFolders f;
    TestPlugin looping = plugin("looping");
    looping.top = "while true do end";
    write_test_plugin(f.bundled, looping);
    write_test_plugin(f.bundled, plugin("fine"));
    PluginCatalog first = f.catalog(testing::small_limits());
    const PluginEntry* refused = entry_at(first, f.bundled / "looping.lua");
    ASSERT_NE(refused, nullptr);
    EXPECT_FALSE(refused->usable());
    EXPECT_TRUE(testing::contains(refused->disabled_reason, "time limit"))
        << refused->disabled_reason;
    EXPECT_EQ(first.last_load_counts().loaded, 2u);

    PluginCatalog second = f.catalog(testing::small_limits());
    EXPECT_EQ(second.last_load_counts().loaded, 0u);
    EXPECT_EQ(second.last_load_counts().from_cache, 2u);
    EXPECT_EQ(entry_at(second, f.bundled / "looping.lua")->disabled_reason,
              refused->disabled_reason);

    write_test_plugin(f.bundled, plugin("looping"));
    PluginCatalog fixed = f.catalog(testing::small_limits());
    EXPECT_EQ(fixed.last_load_counts().loaded, 1u);
    EXPECT_NE(fixed.find("looping"), nullptr);

    // Other limits are another question: the answer is not reused.
    PluginLimits longer = testing::small_limits();
    longer.cpu_time = std::chrono::milliseconds(400);
    EXPECT_EQ(f.catalog(longer).last_load_counts().loaded, 2u);
}

TEST(PluginCatalog, ABrokenPluginsRefusalComesBackTheSameFromTheCache) {
    CachedFolders f;
    testing::write_file(f.bundled / "future.lua",
                        "return { id = 'future', name = 'F', version = '2', api_version = 2 }");
    testing::write_file(f.bundled / "broken.lua", "return {");
    testing::write_file(f.bundled / "nan.lua",
                        "return { id = 'nan', name = 'N', version = 1/0, api_version = 1,\n"
                        "  requests = function() return {} end,\n"
                        "  parse = function() return {} end }");
    PluginCatalog cold = f.catalog();
    PluginCatalog warm = f.catalog();
    EXPECT_EQ(warm.last_load_counts().from_cache, 3u);
    EXPECT_EQ(entry_at(warm, f.bundled / "nan.lua")->disabled_reason,
              "plugin nan.lua: field `version`: expected a finite number, got inf");
    for (const char* name : {"future.lua", "broken.lua", "nan.lua"}) {
        EXPECT_EQ(entry_at(warm, f.bundled / name)->disabled_reason,
                  entry_at(cold, f.bundled / name)->disabled_reason);
        EXPECT_FALSE(entry_at(warm, f.bundled / name)->disabled_reason.empty());
    }
}

TEST(PluginCatalog, ADamagedCacheIsIgnoredAndRewritten) {
    CachedFolders f;
    write_test_plugin(f.bundled, plugin("alpha"));
    write_test_plugin(f.bundled, plugin("beta"));
    f.catalog();
    std::string good = testing::read_file(f.cache);
    const std::vector<std::string> damaged = {
        "",
        "{",
        good.substr(0, good.size() / 2),
        std::string("\x00\xff\xfe garbage", 11),
        "[]",
        "{\"format\": \"gigscout-plugin-manifests 99\", \"entries\": {}}",
        "{\"format\": \"gigscout-plugin-manifests 1\", \"entries\": []}",
        "{\"format\": \"gigscout-plugin-manifests 1\", \"entries\": {\"zz\": 5}}",
        std::string(200000, '['),
    };
    for (const auto& text : damaged) {
        testing::write_file(f.cache, text);
        PluginCatalog c = f.catalog();
        EXPECT_EQ(c.last_load_counts().loaded, 2u) << text.substr(0, 80);
        EXPECT_NE(c.find("alpha"), nullptr);
        EXPECT_NE(c.find("beta"), nullptr);
        EXPECT_EQ(f.catalog().last_load_counts().from_cache, 2u)
            << "rewritten after: " << text.substr(0, 80);
    }
    // One damaged entry: only its plugin is loaded again.
    std::string one = good;
    auto at = one.find("\"manifest\":");
    ASSERT_NE(at, std::string::npos);
    one.replace(at, 11, "\"manifest\":\"x\",\"y\":");
    testing::write_file(f.cache, one);
    PluginCatalog c = f.catalog();
    EXPECT_EQ(c.last_load_counts().loaded, 1u);
    EXPECT_EQ(c.last_load_counts().from_cache, 1u);
    EXPECT_NE(c.find("alpha"), nullptr);
    EXPECT_NE(c.find("beta"), nullptr);
}

TEST(PluginCatalog, ManyPluginsLoadTogether) {
    Folders f;
    for (int i = 0; i < 20; ++i) {
        write_test_plugin(f.bundled, plugin("p" + std::to_string(i)));
    }
    PluginCatalog c(f.bundled, std::nullopt);
    EXPECT_EQ(c.last_load_counts().loaded, 20u);
    for (int i = 0; i < 20; ++i) {
        EXPECT_NE(c.find("p" + std::to_string(i)), nullptr) << i;
    }
}

}  // namespace
}  // namespace gigscout
