// `import`'s streaming reader of big JSON files (base/json_stream.h): the whole-file check, then
// the elements one at a time from a file it passed, or, from one it refused, the readable
// elements with the damaged stretches skipped. The input is written to a file, as import reads
// one. Checked besides "no crash": a file the check passed hands out as many elements as it
// counted, and every element handed out, damaged file or not, is one JSON value by itself
// (once text that is not UTF-8 is mended, as import mends an export's entries).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "base/json_reader.h"
#include "base/json_stream.h"
#include "base/utf8.h"

namespace {

// One file per process, removed when it ends.
struct InputFile {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("gigscout-fuzz-json-stream-" + std::to_string(::getpid()) + ".json");
    ~InputFile() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
    }
};

const std::filesystem::path& input_file() {
    static const InputFile file;
    return file.path;
}

void require(bool holds) {
    if (!holds) {
        std::abort();  // a broken promise of json_stream.h: the fuzzer keeps the input
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    // The first byte chooses the shape (a bare array or an export's `listings` member) and
    // whether text that is not UTF-8 is damage.
    const std::string_view member = (data[0] & 1) != 0 ? "listings" : "";
    const bool check_utf8 = (data[0] & 2) != 0;
    {
        std::ofstream out(input_file(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data) + 1, static_cast<std::streamsize>(size - 1));
    }
    namespace json = gigscout::json;
    // Without check_utf8 an element's text that is not UTF-8 is the caller's to mend (an
    // export's entries): mended, it is one JSON value.
    auto one_value = [](std::string_view element) -> gigscout::Status {
        require(json::parse(gigscout::utf8::sanitize(element), "element").ok());
        return gigscout::Ok{};
    };
    auto ignore_other = [](std::string_view, std::string_view) {};
    auto checked = json::check_file(input_file(), member);
    if (checked) {
        std::size_t handed = 0;
        auto read = json::for_each_element(
            input_file(), member,
            [&](std::string_view element) -> gigscout::Status {
                ++handed;
                return one_value(element);
            },
            ignore_other);
        require(read.ok() && handed == checked.value());
    } else {
        (void)json::for_each_readable_element(
            input_file(), member, check_utf8, one_value, ignore_other,
            [](const json::SkippedElement&) -> gigscout::Status { return gigscout::Ok{}; });
    }
    return 0;
}
