// What a new user chooses before the first refresh: a starter profile, skills read from a CV
// and confirmed one by one, the default sources.
#include "workspace/first_run.h"

#include <gtest/gtest.h>

#include "refresh/source_config.h"
#include "support/test_support.h"
#include "workspace/workspace.h"

namespace gigscout {
namespace {

TEST(StarterProfile, EachLevelLoadsAndAnUnknownOneIsRefusedByName) {
    for (const auto& level : starter_levels()) {
        auto p = starter_profile(level);
        ASSERT_TRUE(p.ok()) << level << ": " << p.error().message;
        EXPECT_FALSE(p.value().skills.empty()) << level;
    }
    auto bad = starter_profile("expert");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message,
              "no starter profile `expert` (beginner, intermediate or advanced)");
}

TEST(SuggestSkills, FindsTheSkillsACvNamesAndSaysWhichTheProfileHas) {
    Profile profile;
    profile.skills = {{"opencv", SkillLevel::Advanced, std::nullopt}};
    auto found = suggest_skills(
        "Built OpenCV pipelines and trained PyTorch models; deployed with Docker.", profile);
    std::vector<std::string> ids;
    for (const auto& s : found) {
        ids.push_back(s.id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"opencv", "pytorch", "docker"}));
    ASSERT_EQ(found.size(), 3u);
    EXPECT_TRUE(found[0].in_profile);
    EXPECT_EQ(found[1].name, "PyTorch");
    EXPECT_FALSE(found[1].in_profile);
}

TEST(AddSkills, AddsOnlyTheConfirmedSkillsTheProfileLacks) {
    Profile profile;
    profile.skills = {{"opencv", SkillLevel::Advanced, std::nullopt}};
    add_skills(profile, {"opencv", "pytorch"}, SkillLevel::Beginner);
    ASSERT_EQ(profile.skills.size(), 2u);
    EXPECT_EQ(profile.skills[0].level, SkillLevel::Advanced) << "an existing skill keeps its level";
    EXPECT_EQ(profile.skills[1].skill, "pytorch");
    EXPECT_EQ(profile.skills[1].level, SkillLevel::Beginner);
}

TEST(SaveActiveProfile, StoresTheProfileAsTheActiveOne) {
    testing::TempDir dir;
    auto store = Store::open(dir.path() / "s.sqlite3");
    ASSERT_TRUE(store.ok());
    auto starter = starter_profile("beginner");
    ASSERT_TRUE(starter.ok());
    ASSERT_TRUE(save_active_profile(store.value(), "me", starter.value(), 1'764'000'000).ok());
    auto chosen = choose_profile(store.value(), std::nullopt);
    ASSERT_TRUE(chosen.ok() && chosen.value());
    EXPECT_EQ(chosen.value()->label, "profile `me`");
    EXPECT_EQ(chosen.value()->profile.skills.size(), starter.value().skills.size());
}

TEST(WriteFirstSources, EnablesTheChosenDefaultsAndNeverReplacesTheUsersFile) {
    testing::TempDir dir;
    auto paths = Paths::resolve(dir.path());
    ASSERT_TRUE(paths.ok());
    PluginCatalog catalog(testing::tests_dir() / "refresh" / "plugins", std::nullopt);
    auto defaults = configured_sources(paths.value(), catalog);
    ASSERT_TRUE(defaults.ok());
    ASSERT_FALSE(defaults.value().empty());
    const std::string chosen = defaults.value()[0].id;
    ASSERT_TRUE(write_first_sources(paths.value(), catalog, {chosen}).ok());
    auto written = load_sources(paths.value().sources_file());
    ASSERT_TRUE(written.ok() && written.value().exists);
    ASSERT_EQ(written.value().sources.size(), defaults.value().size());
    for (const auto& s : written.value().sources) {
        EXPECT_EQ(s.enabled, s.id == chosen) << s.id;
    }
    auto again = write_first_sources(paths.value(), catalog, {});
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("exists already"), std::string::npos);
}

}  // namespace
}  // namespace gigscout
