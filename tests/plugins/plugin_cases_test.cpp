// Every bundled plugin's cases (plugins/<id>/cases.json; format in docs/plugin-cases.md) run
// through the real sandbox by the kit `gigscout-cli plugin test` uses (plugin_kit/case_runner.h).
// One GoogleTest test per case, named <plugin id>.<case name>, plus <plugin id>.manifest_check.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "plugin_host/plugin_session.h"
#include "plugin_kit/case_runner.h"
#include "plugin_kit/case_table.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;
using plugin_kit::CaseVerdict;
using plugin_kit::PluginCase;

void run_bundled_case(const PluginCase& c) {
    PluginSession session(c.plugin_dir);
    plugin_kit::CaseOptions options;
    if (auto shared = shared_dir()) {
        options.shared_fixtures = *shared / "fixtures";
    }
    auto r = plugin_kit::run_case(session, c, options);
    if (r.verdict == CaseVerdict::Skip) {
        GTEST_SKIP() << r.reason;
    }
    if (!r.reason.empty()) {
        ADD_FAILURE() << r.reason;
    }
    for (const auto& m : r.mismatches) {
        ADD_FAILURE() << m.text();
    }
    EXPECT_EQ(r.verdict,
              r.mismatches.empty() && r.reason.empty() ? CaseVerdict::Pass : CaseVerdict::Fail);
}

// The manifest is valid: what `gigscout-cli plugin check` reads.
void manifest_case(const fs::path& plugin_dir) {
    PluginSession session(plugin_dir);
    auto m = session.load();
    EXPECT_TRUE(m.ok()) << m.error().message;
}

class CaseTest : public ::testing::Test {
  public:
    explicit CaseTest(PluginCase c) : case_(std::move(c)) {}
    void TestBody() override { run_bundled_case(case_); }

  private:
    PluginCase case_;
};

class ManifestTest : public ::testing::Test {
  public:
    explicit ManifestTest(fs::path dir) : dir_(std::move(dir)) {}
    void TestBody() override { manifest_case(dir_); }

  private:
    fs::path dir_;
};

class FailingTest : public ::testing::Test {
  public:
    explicit FailingTest(std::string why) : why_(std::move(why)) {}
    void TestBody() override { FAIL() << why_; }

  private:
    std::string why_;
};

template <class Factory>
void register_test(const std::string& suite, const std::string& name, Factory factory) {
    ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            std::move(factory));
}

// A case that makes listings from a response in the plugin's own folder (not a "shared:"
// capture, not a response several plugins share, not an expected failure): what a fresh clone
// without ../shared runs for every plugin.
bool lists_from_own_response(const PluginCase& c) {
    return c.kind == plugin_kit::CaseKind::Run && c.fixture.rfind("shared:", 0) != 0 &&
           c.fixture.rfind("../", 0) != 0 && !c.spec->HasMember("error");
}

// Registers one test per case of every bundled plugin's table, a manifest check per plugin, and
// a failure for each plugin whose table is missing, broken or has no case on its own response.
void register_all() {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(source_dir() / "plugins")) {
        if (entry.is_directory() && fs::exists(entry.path() / "init.lua")) {
            folders.push_back(entry.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    for (const auto& dir : folders) {
        std::string id = dir.filename().string();
        register_test(id, "manifest_check",
                      [dir]() -> ::testing::Test* { return new ManifestTest(dir); });
        if (!fs::exists(dir / "cases.json")) {
            std::string why = "plugin " + dir.string() + " has no case table (cases.json)";
            register_test(id, "has_cases",
                          [why]() -> ::testing::Test* { return new FailingTest(why); });
            continue;
        }
        auto loaded = plugin_kit::load_case_table(dir);
        if (!loaded.ok()) {
            std::string why = loaded.error().message;
            register_test(id, "case_table",
                          [why]() -> ::testing::Test* { return new FailingTest(why); });
            continue;
        }
        bool has_own = false;
        for (auto& c : loaded.value()) {
            has_own = has_own || lists_from_own_response(c);
            std::string name = c.name;
            register_test(c.plugin, name, [c]() -> ::testing::Test* { return new CaseTest(c); });
        }
        if (!has_own) {
            std::string why =
                (dir / "cases.json").string() +
                ": no `run` case making listings from a response in the plugin's folder: "
                "every plugin needs one that runs without ../shared";
            register_test(id, "has_run_case",
                          [why]() -> ::testing::Test* { return new FailingTest(why); });
        }
    }
}

}  // namespace
}  // namespace gigscout::testing

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    gigscout::testing::register_all();
    return RUN_ALL_TESTS();
}
