#include "plugin_host/worker/message_text.h"

#include "base/utf8.h"

namespace gigscout::worker {

std::string clean_message(std::string_view text, std::size_t max_bytes) {
    std::string valid = utf8::sanitize(text);
    std::string out;
    out.reserve(valid.size());
    for (unsigned char c : valid) {
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            static const char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (out.size() > max_bytes) {
        std::size_t keep = max_bytes > 3 ? max_bytes - 3 : 0;
        out = std::string(utf8::truncate(out, keep)) + "...";
    }
    return out;
}

namespace {

// The plugin's own message on one line: its newlines shown as "\n", so it cannot print a line
// that looks like the host's, and nothing after its first newline is lost. Its backslashes
// are doubled, so "\n" always means a newline the plugin wrote (utf8::printable's rule). (The
// traceback's lines, written by Lua, all start with a tab.)
std::string one_line(std::string_view message) {
    std::string out;
    for (char c : message) {
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\\') {
            out += "\\\\";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::string clean_error(std::string_view text, std::size_t max_traceback_lines) {
    constexpr std::string_view kMarker = "\nstack traceback:";
    std::size_t at = text.find(kMarker);
    std::string kept;
    if (at == std::string_view::npos) {
        kept = one_line(text);
    } else {
        kept = one_line(text.substr(0, at)) + std::string(kMarker);
        std::size_t pos = at + kMarker.size();
        std::size_t lines = 0;
        while (pos < text.size() && text[pos] == '\n') {
            std::size_t end = text.find('\n', pos + 1);
            if (end == std::string_view::npos) {
                end = text.size();
            }
            if (lines == max_traceback_lines) {
                kept += "\n\t...";
                break;
            }
            if (end > pos + 1 && text[pos + 1] != '\t') {
                // A line Lua did not start (a field name holding a newline): kept on the
                // previous line.
                kept += one_line(text.substr(pos, end - pos));
                pos = end;
                continue;
            }
            kept += text.substr(pos, end - pos);
            ++lines;
            pos = end;
        }
    }
    return clean_message(kept, 4096);
}

}  // namespace gigscout::worker
