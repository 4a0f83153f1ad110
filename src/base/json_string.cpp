#include "base/json_string.h"

#include <array>

namespace gigscout {
namespace {

// Bytes a JSON string must escape: '"', '\\' and control characters.
constexpr std::array<bool, 256> kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) {
        t[static_cast<std::size_t>(c)] = true;
    }
    t['"'] = t['\\'] = true;
    return t;
}();

void append_escaped(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (!kEscaped[c]) {
            continue;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    const std::size_t at = out.size();
    // The usual case, nothing to escape: one copy into space made at once.
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    *p++ = '"';
    for (char ch : s) {
        if (kEscaped[static_cast<unsigned char>(ch)]) {
            out.resize(at);
            append_escaped(out, s);
            return;
        }
        *p++ = ch;
    }
    *p = '"';
}

}  // namespace gigscout
