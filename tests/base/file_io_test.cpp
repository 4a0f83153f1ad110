#include "base/file_io.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace gigscout {
namespace {

TEST(FileIo, ReadErrorsNameTheFile) {
    testing::TempDir tmp;
    auto missing = read_text_file(tmp.path() / "nope.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message, (tmp.path() / "nope.json").string() + ": no such file");
    auto dir = read_text_file(tmp.path());
    ASSERT_FALSE(dir.ok());
    EXPECT_NE(dir.error().message.find("is a directory"), std::string::npos);
}

TEST(FileIo, ReadRefusesFilesOverTheLimit) {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "big", std::string(3 << 20, 'x'));
    auto r = read_text_file(tmp.path() / "big", 1 << 20);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("larger than the limit of 1 MiB"), std::string::npos);
}

TEST(FileIo, AtomicWriteReplacesContent) {
    testing::TempDir tmp;
    auto f = tmp.path() / "state.json";
    ASSERT_TRUE(write_file_atomically(f, "one").ok());
    ASSERT_TRUE(write_file_atomically(f, "two").ok());
    EXPECT_EQ(read_text_file(f).value(), "two");
    std::size_t entries = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(tmp.path())) {
        ++entries;
    }
    EXPECT_EQ(entries, 1u);  // no temporary left behind
}

}  // namespace
}  // namespace gigscout
