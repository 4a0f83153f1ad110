#include "base/utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace gigscout::utf8 {
namespace {

// Length of the well-formed sequence starting at s[i], or 0 when ill-formed (RFC 3629 table).
std::size_t sequence_length(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const std::size_t left = s.size() - i;
    unsigned char c = b(0);
    if (c < 0x80) {
        return 1;
    }
    auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return k < left && b(k) >= lo && b(k) <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF) {
        return cont(1) ? 2 : 0;
    }
    if (c == 0xE0) {
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    }
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        return cont(1) && cont(2) ? 3 : 0;
    }
    if (c == 0xED) {
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    }
    if (c == 0xF0) {
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    }
    if (c >= 0xF1 && c <= 0xF3) {
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    }
    if (c == 0xF4) {
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

}  // namespace

std::size_t complete_prefix(std::string_view s) {
    for (std::size_t back = 1; back <= 3 && back <= s.size(); ++back) {
        const auto c = static_cast<unsigned char>(s[s.size() - back]);
        if ((c & 0xC0) == 0x80) {
            continue;  // a continuation byte: its lead is further back
        }
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return length > back ? s.size() - back : s.size();
    }
    return s.size();
}

bool is_valid(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // Most text is ASCII: skip it eight bytes at a time.
        while (i + 8 <= s.size()) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ull) != 0) {
                break;
            }
            i += 8;
        }
        if (i == s.size()) {
            break;
        }
        std::size_t n = sequence_length(s, i);
        if (n == 0) {
            return false;
        }
        i += n;
    }
    return true;
}

std::string_view without_bom(std::string_view s) {
    return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

std::string sanitize(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string_view truncate(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) {
        return s;
    }
    std::size_t end = max_bytes;
    // Step back over continuation bytes so the cut lands on a code point boundary.
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) {
        --end;
    }
    return s.substr(0, end);
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80;
    }
    return n;
}

std::string quoted(std::string_view s, std::size_t max_bytes) {
    std::string out = "\"";
    for (char c : truncate(s, max_bytes)) {
        out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
    out += s.size() > max_bytes ? "...\"" : "\"";
    return out;
}

namespace {

// The code point of the well-formed sequence at s[i] and its length, or length 0.
std::size_t decode_at(std::string_view s, std::size_t i, char32_t& cp) {
    auto lead = static_cast<unsigned char>(s[i]);
    std::size_t n = lead < 0x80                   ? 1
                    : lead >= 0xC2 && lead < 0xE0 ? 2
                    : lead >= 0xE0 && lead < 0xF0 ? 3
                    : lead >= 0xF0 && lead < 0xF5 ? 4
                                                  : 0;
    if (n == 0 || i + n > s.size() || !is_valid(s.substr(i, n))) {
        return 0;
    }
    cp = n == 1 ? lead : lead & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    return n;
}

bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

void append_hex(std::string& out, unsigned value) {
    static const char kHex[] = "0123456789abcdef";
    out += kHex[(value >> 4) & 15];
    out += kHex[value & 15];
}

}  // namespace

std::string printable(std::string_view s, std::size_t max_bytes) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size() && out.size() < max_bytes) {
        char32_t cp = 0;
        std::size_t n = decode_at(s, i, cp);
        if (n == 0) {
            out += "\\x";
            append_hex(out, static_cast<unsigned char>(s[i]));
            ++i;
            continue;
        }
        if (cp == '\\') {
            out += "\\\\";
        } else if (cp == '\n') {
            out += "\\n";
        } else if (cp == '\r') {
            out += "\\r";
        } else if (cp == '\t') {
            out += "\\t";
        } else if (cp == 0x1B) {
            out += "\\e";
        } else if (cp < 0x20 || cp == 0x7F) {
            out += "\\x";
            append_hex(out, static_cast<unsigned>(cp));
        } else if ((cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(cp));
            out += buf;
        } else {
            out.append(s.substr(i, n));
        }
        i += n;
    }
    if (i < s.size()) {
        out += "…(+" + std::to_string(s.size() - i) + " bytes)";
    }
    return out;
}

}  // namespace gigscout::utf8
