#include "base/json_stream.h"

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace gigscout::json {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

Result<File> open_file(const std::filesystem::path& file) {
    File f(std::fopen(file.c_str(), "rb"));
    if (!f) {
        return Error{file.string() + ": cannot be read"};
    }
    return f;
}

// Counts the elements of the big array while rapidjson's reader checks the file.
struct ElementCounter : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ElementCounter> {
    std::string_view member;
    int depth = 0;
    bool root_array = false;
    bool key_matches = false;
    bool in_member = false;
    std::size_t count = 0;

    void value() {
        if ((depth == 1 && root_array) || (depth == 2 && in_member)) {
            ++count;
        }
    }
    bool Default() {
        value();
        return true;
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        if (depth == 1) {
            key_matches = std::string_view(s, n) == member;
        }
        return true;
    }
    bool StartObject() {
        value();
        ++depth;
        return true;
    }
    bool EndObject(rapidjson::SizeType) {
        --depth;
        return true;
    }
    bool StartArray() {
        value();
        if (depth == 0) {
            root_array = true;
        } else if (depth == 1 && !root_array && key_matches) {
            in_member = true;
        }
        ++depth;
        return true;
    }
    bool EndArray(rapidjson::SizeType) {
        --depth;
        if (depth == 1) {
            in_member = false;
        }
        return true;
    }
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

Result<std::size_t> check_file(const std::filesystem::path& file, std::string_view member) {
    auto f = open_file(file);
    if (!f) {
        return f.error();
    }
    std::vector<char> buffer(kChunkBytes);
    rapidjson::FileReadStream bytes(f.value().get(), buffer.data(), buffer.size());
    // Skips a UTF-8 byte order mark at the start, as json::parse's callers do.
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::FileReadStream> in(bytes);
    ElementCounter counter;
    counter.member = member;
    rapidjson::Reader reader;
    // Numbers are kept as text (not converted), which is all a check needs.
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                                rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseNumbersAsStringsFlag;
    if (!reader.Parse<kFlags>(in, counter)) {
        return Error{file.string() + ": at byte " + std::to_string(reader.GetErrorOffset()) + ": " +
                     rapidjson::GetParseError_En(reader.GetParseErrorCode())};
    }
    return counter.count;
}

Status for_each_element(
    const std::filesystem::path& file, std::string_view member,
    const std::function<Status(std::string_view element)>& element,
    const std::function<void(std::string_view name, std::string_view value)>& other) {
    auto f = open_file(file);
    if (!f) {
        return f.error();
    }
    const std::string member_key = "\"" + std::string(member) + "\"";
    std::vector<char> buffer(kChunkBytes);
    std::string current;  // the element, member name or member value being read
    std::string name;     // the member whose value is being read (object root)
    bool started = false;
    bool root_array = false;
    bool streaming = false;  // inside the member array of an object root
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    std::size_t offset = 0;
    // Element boundaries are the commas and closing bracket at the big array's own depth; the
    // file passed check_file, so brackets inside strings are the only ones to skip.
    while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), f.value().get())) {
        for (std::size_t i = 0; i < n; ++i, ++offset) {
            const char c = buffer[i];
            if (!started) {
                if (offset < 3 && (c == '\xEF' || c == '\xBB' || c == '\xBF')) {
                    continue;  // a byte order mark
                }
                if (c == '[' || c == '{') {
                    started = true;
                    root_array = c == '[';
                    depth = 1;
                }
                continue;
            }
            if (depth == 0) {
                return Ok{};
            }
            if (in_string) {
                current += c;
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    in_string = false;
                }
                continue;
            }
            const int unit_depth = streaming ? 2 : 1;
            if (depth == unit_depth && (c == ',' || c == ']' || c == '}')) {
                while (!current.empty() && is_space(current.back())) {
                    current.pop_back();
                }
                if (root_array || streaming) {
                    if (!current.empty()) {
                        if (Status s = element(current); !s) {
                            return s;
                        }
                    }
                } else if (!name.empty()) {
                    other(name, current);
                    name.clear();
                }
                current.clear();
                if (c != ',') {
                    --depth;
                    streaming = false;
                }
                continue;
            }
            if (is_space(c) && current.empty()) {
                continue;
            }
            if (!root_array && depth == 1 && !streaming) {
                if (c == ':') {
                    name = std::move(current);
                    current.clear();
                    continue;
                }
                if (c == '[' && current.empty() && name == member_key) {
                    streaming = true;
                    depth = 2;
                    name.clear();
                    continue;
                }
            }
            if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}') {
                --depth;
            } else if (c == '"') {
                in_string = true;
            }
            current += c;
        }
    }
    if (std::ferror(f.value().get())) {
        return Error{file.string() + ": cannot be read"};
    }
    return Ok{};
}

}  // namespace gigscout::json
