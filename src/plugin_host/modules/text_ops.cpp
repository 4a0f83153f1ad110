#include "plugin_host/modules/text_ops.h"

#include <cstring>

#include "base/utf8.h"

namespace gigscout::text {

std::size_t space_length(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
    };
    unsigned char c = byte(0);
    switch (c) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '\f':
        case '\v':
            return 1;
        case 0xC2:
            return byte(1) == 0xA0 ? 2 : 0;
        case 0xE1:
            return byte(1) == 0x9A && byte(2) == 0x80 ? 3 : 0;
        case 0xE2:
            if (byte(1) == 0x80 && ((byte(2) >= 0x80 && byte(2) <= 0x8B) || byte(2) == 0xA8 ||
                                    byte(2) == 0xA9 || byte(2) == 0xAF)) {
                return 3;
            }
            return byte(1) == 0x81 && byte(2) == 0x9F ? 3 : 0;
        case 0xE3:
            return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0;
        case 0xEF:
            return byte(1) == 0xBB && byte(2) == 0xBF ? 3 : 0;
        default:
            return 0;
    }
}

std::string_view trim(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        std::size_t n = space_length(s, begin);
        if (n == 0) {
            break;
        }
        begin += n;
    }
    // From the back, so that a long text costs only its trailing spaces: a space ends at `end`
    // when it starts exactly 1, 2 or 3 bytes before. No space starts inside another (their
    // inner bytes are 0x80-0xBF, which start none), so this finds the same end as reading
    // forward from `begin` would.
    std::size_t end = s.size();
    while (end > begin) {
        std::size_t n = 0;
        for (std::size_t len = 1; len <= 3 && len <= end - begin; ++len) {
            if (space_length(s, end - len) == len) {
                n = len;
                break;
            }
        }
        if (n == 0) {
            break;
        }
        end -= n;
    }
    return s.substr(begin, end - begin);
}

bool is_collapsed(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!may_start_space(s[i])) {
            continue;
        }
        if (s[i] == ' ') {
            if (i == 0 || i + 1 == s.size() || s[i - 1] == ' ') {
                return false;
            }
        } else if (space_length(s, i) > 0) {
            return false;
        }
    }
    return true;
}

std::string collapse(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = may_start_space(s[i]) ? space_length(s, i) : 0;
        if (n > 0) {
            pending_space = !out.empty();
            i += n;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        // the run of other characters in one go
        std::size_t j = i + 1;
        while (j < s.size() && (!may_start_space(s[j]) || space_length(s, j) == 0)) {
            ++j;
        }
        out.append(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string truncate(std::string_view s, std::size_t max_bytes, std::string_view ellipsis) {
    if (s.size() <= max_bytes) {
        return std::string(s);
    }
    if (ellipsis.size() > max_bytes) {
        ellipsis = {};
    }
    std::string out(utf8::truncate(s, max_bytes - ellipsis.size()));
    out += ellipsis;
    return out;
}

std::size_t find(std::string_view haystack, std::string_view needle, std::size_t from) {
    if (from > haystack.size()) {
        return std::string_view::npos;
    }
    if (needle.empty()) {
        return from;
    }
    const void* hit =
        ::memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
    if (hit == nullptr) {
        return std::string_view::npos;
    }
    return static_cast<std::size_t>(static_cast<const char*>(hit) - haystack.data());
}

}  // namespace gigscout::text
