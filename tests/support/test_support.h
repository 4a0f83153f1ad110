// Real temporary folders and the shared fixtures folder, for every test.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gigscout::testing {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// ../shared next to the checkout (or $GIGSCOUT_SHARED); nullopt when absent, so tests that
// need the real fixtures can GTEST_SKIP() with a message.
std::optional<std::filesystem::path> shared_dir();
std::optional<std::filesystem::path> shared_fixture(const std::string& relative);

std::filesystem::path tests_dir();   // tests/ in the source tree
std::filesystem::path source_dir();  // the repository root
std::filesystem::path binary_dir();  // the build tree

std::string read_file(const std::filesystem::path& p);
inline bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}
void write_file(const std::filesystem::path& p, const std::string& content);

}  // namespace gigscout::testing
