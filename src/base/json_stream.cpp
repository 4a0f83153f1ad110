#include "base/json_stream.h"

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gigscout::json {
namespace {

constexpr std::size_t kChunkBytes = 1 << 20;

// The file's bytes for RapidJSON, noting the first NUL byte: its streams end at a NUL, so
// without this "true\0[...]" would pass the check as `true`. The end of the file is a NUL that
// does not move the stream; a NUL byte in the file moves it.
class NulNotingStream {
  public:
    using Ch = char;
    explicit NulNotingStream(rapidjson::FileReadStream& bytes) : bytes_(bytes) {}
    Ch Peek() const { return bytes_.Peek(); }
    Ch Take() {
        const std::size_t at = bytes_.Tell();
        const Ch c = bytes_.Take();
        if (c == '\0' && !first_nul && bytes_.Tell() != at) {
            first_nul = at;
        }
        return c;
    }
    std::size_t Tell() const { return bytes_.Tell(); }
    // Read-only: RapidJSON asks for these only of streams it writes in place.
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch*) { return 0; }

    std::optional<std::size_t> first_nul;

  private:
    rapidjson::FileReadStream& bytes_;
};

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
    rapidjson::FileReadStream file_bytes(f.value().get(), buffer.data(), buffer.size());
    NulNotingStream bytes(file_bytes);
    // Skips a UTF-8 byte order mark at the start, as json::parse's callers do.
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, NulNotingStream> in(bytes);
    ElementCounter counter;
    counter.member = member;
    rapidjson::Reader reader;
    // Numbers are kept as text (not converted), which is all a check needs.
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                                rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseNumbersAsStringsFlag;
    if (!reader.Parse<kFlags>(in, counter)) {
        // The encoded stream reads one byte ahead of the one it hands the reader, except at the
        // end of the file.
        std::size_t at = reader.GetErrorOffset();
        if (in.Peek() != '\0' && at > 0) {
            --at;
        }
        return Error{file.string() + ": at byte " + std::to_string(at) + ": " +
                     rapidjson::GetParseError_En(reader.GetParseErrorCode())};
    }
    // A NUL byte after the value ended the check early: what follows it was never read.
    if (bytes.first_nul) {
        return Error{file.string() + ": at byte " + std::to_string(*bytes.first_nul) +
                     ": a NUL byte, which JSON text never holds"};
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

namespace {

constexpr std::size_t kMaxElementBytes = std::size_t{32} << 20;

// The file as a rapidjson input stream that can move back (to look for where the next element
// begins) and keeps a copy of what it hands out while `capture` is set.
class FileCursor {
  public:
    using Ch = char;

    explicit FileCursor(std::FILE* f) : file_(f), buffer_(kChunkBytes) {}

    // '\0' at the end, and from where a capture grows over the limit: rapidjson takes it for
    // the end of the text and fails there.
    Ch Peek() const {
        if (too_large_ || (pos_ == size_ && !refill())) {
            return '\0';
        }
        return buffer_[pos_];
    }
    Ch Take() {
        const Ch c = Peek();
        if (too_large_ || pos_ == size_) {
            return c;
        }
        if (capture_ != nullptr) {
            if (capture_->size() >= kMaxElementBytes) {
                too_large_ = true;
                return '\0';
            }
            capture_->push_back(c);
        }
        ++pos_;
        return c;
    }
    std::size_t Tell() const { return start_ + pos_; }
    // Writing is not part of a reader's stream; rapidjson asks for these only when parsing in
    // place, which this never does.
    Ch* PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch*) { return 0; }

    bool at_end() const { return pos_ == size_ && !refill(); }
    bool failed() const { return std::ferror(file_) != 0; }
    void seek(std::size_t offset) {
        if (offset >= start_ && offset <= start_ + size_) {
            pos_ = offset - start_;
            return;
        }
        std::fseek(file_, static_cast<long>(offset), SEEK_SET);
        start_ = offset;
        size_ = 0;
        pos_ = 0;
    }
    void skip_space() {
        while (!at_end() && is_space(Peek())) {
            Take();
        }
    }
    // Keeps a copy of what Take hands out in `into` (nullptr: none); over kMaxElementBytes the
    // stream ends early and too_large says so.
    void capture(std::string* into) {
        capture_ = into;
        too_large_ = false;
    }
    bool too_large() const { return too_large_; }

  private:
    bool refill() const {
        if (std::feof(file_) || std::ferror(file_)) {
            return false;
        }
        start_ += size_;
        size_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
        pos_ = 0;
        return size_ > 0;
    }

    std::FILE* file_;
    mutable std::vector<char> buffer_;
    mutable std::size_t start_ = 0;  // the file offset of buffer_[0]
    mutable std::size_t size_ = 0;
    mutable std::size_t pos_ = 0;
    std::string* capture_ = nullptr;
    bool too_large_ = false;
};

// Whether an object looks like a listing or an export entry: an `id` and a member other than
// id, source and url at its own level. The objects nested in one (budget, client, action, a
// merged copy, a skill) never do, so a `{` inside an element is not taken for the next one.
struct ElementShape : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ElementShape> {
    int depth = 0;
    bool object = false;
    bool has_id = false;
    bool has_other = false;

    bool StartObject() {
        object = object || depth == 0;
        ++depth;
        return true;
    }
    bool EndObject(rapidjson::SizeType) {
        --depth;
        return true;
    }
    bool StartArray() {
        ++depth;
        return true;
    }
    bool EndArray(rapidjson::SizeType) {
        --depth;
        return true;
    }
    bool Key(const char* s, rapidjson::SizeType n, bool) {
        if (depth == 1) {
            const std::string_view k(s, n);
            has_id = has_id || k == "id";
            has_other = has_other || (k != "id" && k != "source" && k != "url");
        }
        return true;
    }
    bool looks_like_an_element() const { return object && has_id && has_other; }
};

// Why a value could not be read; the error names the byte in the file.
struct ValueDamage {
    std::string reason;
    rapidjson::ParseErrorCode code = rapidjson::kParseErrorNone;
    std::size_t at = 0;
};

// Reads one JSON value from where the cursor is.
template <typename Handler>
std::optional<ValueDamage> read_value(FileCursor& in, Handler& handler, bool check_utf8) {
    constexpr unsigned kBase = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag |
                               rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::Reader reader;
    const bool ok =
        check_utf8
            ? !reader.Parse<kBase | rapidjson::kParseValidateEncodingFlag>(in, handler).IsError()
            : !reader.Parse<kBase>(in, handler).IsError();
    if (ok) {
        return std::nullopt;
    }
    if (in.too_large()) {
        return ValueDamage{"larger than " + std::to_string(kMaxElementBytes >> 20) + " MiB",
                           rapidjson::kParseErrorTermination, in.Tell()};
    }
    std::string reason = rapidjson::GetParseError_En(reader.GetParseErrorCode());
    if (!reason.empty() && reason.back() == '.') {
        reason.pop_back();
    }
    return ValueDamage{reason + " (at byte " + std::to_string(reader.GetErrorOffset()) + ")",
                       reader.GetParseErrorCode(), reader.GetErrorOffset()};
}

// The number that starts at `at` (its first 40 characters).
std::string number_at(FileCursor& in, std::size_t at) {
    in.seek(at);
    std::string out;
    while (out.size() < 40 && !in.at_end() &&
           std::string_view("+-.0123456789eE").find(in.Peek()) != std::string_view::npos) {
        out += in.Take();
    }
    return out;
}

bool ends_an_element(FileCursor& in) {
    in.skip_space();
    return in.at_end() || in.Peek() == ',' || in.Peek() == ']';
}

// Where the next element begins after a damaged one that starts at `from` (see
// for_each_readable_element), or none.
std::optional<std::size_t> next_element(FileCursor& in, std::size_t from) {
    in.seek(from + 1);
    char previous = '\0';
    while (!in.at_end()) {
        const std::size_t at = in.Tell();
        const char c = in.Take();
        // After `}`: a comma missing between two elements.
        if (c == '{' && (previous == ',' || previous == '[' || previous == '}')) {
            in.seek(at);
            ElementShape shape;
            auto damage = read_value(in, shape, false);
            // A number too large for a double ends the read early; what came before it says
            // whether this is an element.
            const bool read = !damage || damage->code == rapidjson::kParseErrorNumberTooBig;
            if (read && shape.looks_like_an_element() && (damage || ends_an_element(in))) {
                return at;
            }
            in.seek(at + 1);
        }
        if (!is_space(c)) {
            previous = c;
        }
    }
    return std::nullopt;
}

// The raw text of a member name (a JSON string with its quotes), or of a member's value up to
// the `,` or `}` after it, as for_each_element finds them; cut at the element limit (a quote
// that never closes would otherwise hold the rest of the file).
std::string read_raw(FileCursor& in, bool string_only) {
    std::string out;
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    while (!in.at_end() && out.size() < kMaxElementBytes) {
        const char c = in.Peek();
        if (in_string) {
            out += in.Take();
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
                if (string_only) {
                    return out;
                }
            }
            continue;
        }
        if (depth == 0 && (c == ',' || c == '}' || (string_only && !out.empty()))) {
            break;
        }
        if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == '"') {
            in_string = true;
        }
        out += in.Take();
    }
    while (!out.empty() && is_space(out.back())) {
        out.pop_back();
    }
    return out;
}

Status read_array(FileCursor& in, bool check_utf8,
                  const std::function<Status(std::string_view element)>& element,
                  const std::function<Status(const SkippedElement&)>& skipped) {
    std::size_t index = 0;
    std::string text;
    while (true) {
        in.skip_space();
        if (in.at_end()) {
            return Ok{};  // cut short between elements: every element before is whole
        }
        if (in.Peek() == ']') {
            in.Take();
            return Ok{};
        }
        if (in.Peek() == ',') {
            in.Take();
            continue;
        }
        const std::size_t begin = in.Tell();
        text.clear();
        in.capture(&text);
        rapidjson::BaseReaderHandler<> any;
        auto damage = read_value(in, any, check_utf8);
        in.capture(nullptr);
        if (!damage) {
            // A value followed by something other than `,` or `]` (a missing comma) is kept;
            // what follows is read as the next element.
            if (Status s = element(text); !s) {
                return s;
            }
            ++index;
            continue;
        }
        SkippedElement skip{index++, begin, next_element(in, begin), std::move(damage->reason), {}};
        if (damage->code == rapidjson::kParseErrorNumberTooBig) {
            skip.too_large_number = number_at(in, damage->at);
        }
        text = std::string();  // an element over the limit leaves its memory
        if (Status s = skipped(skip); !s) {
            return s;
        }
        if (!skip.resumed_at) {
            return Ok{};
        }
        in.seek(*skip.resumed_at);
    }
}

}  // namespace

Status for_each_readable_element(
    const std::filesystem::path& file, std::string_view member, bool check_utf8,
    const std::function<Status(std::string_view element)>& element,
    const std::function<void(std::string_view name, std::string_view value)>& other,
    const std::function<Status(const SkippedElement&)>& skipped) {
    auto f = open_file(file);
    if (!f) {
        return f.error();
    }
    FileCursor in(f.value().get());
    for (int i = 0; i < 3 && !in.at_end() &&
                    (in.Peek() == '\xEF' || in.Peek() == '\xBB' || in.Peek() == '\xBF');
         ++i) {
        in.Take();  // a byte order mark
    }
    in.skip_space();
    const char root = in.at_end() ? '\0' : in.Take();
    Status read = Ok{};
    if (root == '[') {
        read = read_array(in, check_utf8, element, skipped);
    } else if (root == '{') {
        const std::string member_key = "\"" + std::string(member) + "\"";
        auto damaged = [&](const char* expected) -> Status {
            return Error{file.string() + ": at byte " + std::to_string(in.Tell()) + ": expected " +
                         expected + " in the top-level object"};
        };
        while (read) {
            in.skip_space();
            if (in.at_end() || in.Peek() == '}') {
                break;
            }
            if (in.Peek() == ',') {
                in.Take();
                continue;
            }
            if (in.Peek() != '"') {
                return damaged("a member name");
            }
            const std::string name = read_raw(in, true);
            in.skip_space();
            if (in.at_end() || in.Peek() != ':') {
                return damaged("':' after a member name");
            }
            in.Take();
            in.skip_space();
            if (name == member_key && !in.at_end() && in.Peek() == '[') {
                in.Take();
                read = read_array(in, check_utf8, element, skipped);
            } else {
                other(name, read_raw(in, false));
            }
        }
    } else {
        return Error{file.string() + ": expected a JSON array or object"};
    }
    if (read && in.failed()) {
        return Error{file.string() + ": cannot be read"};
    }
    return read;
}

}  // namespace gigscout::json
