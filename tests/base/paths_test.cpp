#include "base/paths.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "support/test_support.h"

namespace gigscout {
namespace {

TEST(Paths, DataDirOverridePutsEverythingUnderIt) {
    testing::TempDir tmp;
    auto p = Paths::resolve(tmp.path());
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value().data_dir, tmp.path() / "data");
    EXPECT_EQ(p.value().config_dir, tmp.path() / "config");
    EXPECT_EQ(p.value().cache_dir, tmp.path() / "cache");
    EXPECT_EQ(p.value().database_file(), tmp.path() / "data" / "gigscout.sqlite3");
    ASSERT_TRUE(p.value().ensure_exist().ok());
    EXPECT_TRUE(std::filesystem::is_directory(tmp.path() / "cache"));
}

TEST(Paths, XdgVariablesAreHonouredAndRelativeOnesIgnored) {
    testing::TempDir tmp;
    std::string data = (tmp.path() / "d").string();
    ::setenv("XDG_DATA_HOME", data.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", "relative/path", 1);
    ::setenv("HOME", tmp.path().c_str(), 1);
    auto p = Paths::resolve(std::nullopt);
    ::unsetenv("XDG_DATA_HOME");
    ::unsetenv("XDG_CONFIG_HOME");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value().data_dir, tmp.path() / "d" / "gigscout");
    EXPECT_EQ(p.value().config_dir, tmp.path() / ".config" / "gigscout");
}

TEST(Paths, EnsureExistNamesTheDirectoryThatFailed) {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "file", "x");
    auto p = Paths::resolve(tmp.path() / "file");
    ASSERT_TRUE(p.ok());
    auto s = p.value().ensure_exist();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("cannot create directory " +
                                     (tmp.path() / "file" / "data").string()),
              std::string::npos);
}

TEST(Paths, ResourcesAreFoundFromTheBuildTree) {
    EXPECT_TRUE(std::filesystem::exists(resources_dir() / "currency-rates.json"));
}

}  // namespace
}  // namespace gigscout
