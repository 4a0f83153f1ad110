#include "support/test_support.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace gigscout::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path p = fs::temp_directory_path() / ("gigscout-test-" + std::to_string(rd()));
        std::error_code ec;
        if (fs::create_directory(p, ec)) {
            path_ = p;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::optional<fs::path> shared_dir() {
    const char* env = std::getenv("GIGSCOUT_SHARED");
    fs::path p = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(GIGSCOUT_SHARED_DIR);
    std::error_code ec;
    if (fs::is_directory(p / "fixtures", ec)) {
        return p;
    }
    return std::nullopt;
}

std::optional<fs::path> shared_fixture(const std::string& relative) {
    auto dir = shared_dir();
    if (!dir) {
        return std::nullopt;
    }
    fs::path p = *dir / "fixtures" / relative;
    std::error_code ec;
    if (!fs::exists(p, ec)) {
        return std::nullopt;
    }
    return p;
}

fs::path tests_dir() {
    return GIGSCOUT_TESTS_DIR;
}
fs::path source_dir() {
    return GIGSCOUT_SOURCE_DIR;
}
fs::path binary_dir() {
    return GIGSCOUT_BINARY_DIR;
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + p.string());
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, const std::string& content) {
    if (p.has_parent_path()) {
        fs::create_directories(p.parent_path());
    }
    std::ofstream out(p, std::ios::binary);
    out << content;
    if (!out) {
        throw std::runtime_error("cannot write " + p.string());
    }
}

}  // namespace gigscout::testing
