// Runs a fuzz target over saved inputs, without libFuzzer: each tree of the test suite (release,
// ASan + UBSan) replays every corpus and regression input, so an input that once crashed keeps
// being checked by a compiler that has no libFuzzer. Arguments: files or folders of inputs.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>
#include "base/file_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        std::error_code ec;
        if (fs::is_directory(argv[i], ec)) {
            for (const auto& entry : fs::recursive_directory_iterator(argv[i])) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
        } else if (fs::is_regular_file(argv[i], ec)) {
            files.emplace_back(argv[i]);
        } else {
            std::fprintf(stderr, "replay: %s: no such file or folder\n", argv[i]);
            return 2;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "replay: no inputs given\n");
        return 2;
    }
    for (const auto& file : files) {
        auto bytes = gigscout::read_text_file(file);
        if (!bytes) {
            std::fprintf(stderr, "replay: %s\n", bytes.error().message.c_str());
            return 2;
        }
        const std::string& text = bytes.value();
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
    }
    std::printf("replay: %zu inputs, no crash\n", files.size());
    return 0;
}
