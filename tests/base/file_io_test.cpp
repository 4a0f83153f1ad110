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

TEST(FileIo, PiecesHandOverTheWholeFileInPiecesAndNameItOnFailure) {
    testing::TempDir tmp;
    std::string content;
    for (int i = 0; content.size() < 300'000; ++i) {
        content += std::to_string(i) + ",";
    }
    testing::write_file(tmp.path() / "big", content);
    std::string joined;
    std::size_t pieces = 0;
    Status read = read_file_pieces(
        tmp.path() / "big",
        [&](std::string_view piece) -> Status {
            EXPECT_LE(piece.size(), 65536u);
            joined.append(piece);
            ++pieces;
            return Ok{};
        },
        65536);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(joined, content);
    EXPECT_EQ(pieces, 5u);
    // What the callback refuses stops the read and is returned as it is.
    Status stopped = read_file_pieces(tmp.path() / "big",
                                      [](std::string_view) -> Status { return Error{"enough"}; });
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error().message, "enough");
    Status missing = read_file_pieces(tmp.path() / "nope", [](std::string_view) -> Status {
        ADD_FAILURE() << "no piece of a missing file";
        return Ok{};
    });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message, (tmp.path() / "nope").string() + ": no such file");
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
