#include "plugin_host/modules/html_text.h"

#include <algorithm>
#include <cstring>

#include "base/utf8.h"
#include "plugin_host/modules/html_entities.h"
#include "plugin_host/modules/html_tokenizer.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout::html {
namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

void append_code_point(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// HTML5: numeric references to 0x80-0x9F mean windows-1252 (0 = no mapping, keep as is).
constexpr unsigned kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// Decodes the reference at s[i] ('&') into `out`; returns the bytes consumed, 0 if none.
std::size_t decode_reference(std::string& out, std::string_view s, std::size_t i) {
    std::size_t p = i + 1;
    if (p < s.size() && s[p] == '#') {
        ++p;
        bool hex = p < s.size() && (s[p] == 'x' || s[p] == 'X');
        if (hex) {
            ++p;
        }
        std::size_t start = p;
        unsigned long value = 0;
        while (p < s.size()) {
            char c = s[p];
            int digit = c >= '0' && c <= '9'          ? c - '0'
                        : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                      : -1;
            if (digit < 0) {
                break;
            }
            value = std::min<unsigned long>(value * (hex ? 16 : 10) + static_cast<unsigned>(digit),
                                            0x110000);
            ++p;
        }
        if (p == start) {
            return 0;
        }
        if (p < s.size() && s[p] == ';') {
            ++p;
        }
        unsigned cp = static_cast<unsigned>(value);
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp = 0xFFFD;
        } else if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80] != 0) {
            cp = kWindows1252[cp - 0x80];
        }
        append_code_point(out, cp);
        return p - i;
    }
    std::size_t start = p;
    while (p < s.size() && p - start < 32 && is_alnum(s[p])) {
        ++p;
    }
    std::string_view name = s.substr(start, p - start);
    if (name.empty()) {
        return 0;
    }
    if (p < s.size() && s[p] == ';') {
        if (auto text = named_entity(name)) {
            out += *text;
            return p + 1 - i;
        }
    }
    // Legacy names without ';', longest first ("&notit" is "¬it").
    for (std::size_t len = std::min<std::size_t>(name.size(), 8); len >= 2; --len) {
        std::string_view prefix = name.substr(0, len);
        if (legacy_entity(prefix)) {
            if (auto text = named_entity(prefix)) {
                out += *text;
                return 1 + len;
            }
        }
    }
    return 0;
}

// Elements that set off a paragraph (a blank line) or start a line.
bool is_paragraph(std::string_view t) {
    static constexpr std::string_view kTags[] = {
        "p",     "h1",    "h2",         "h3",     "h4",   "h5",       "h6",      "ul",     "ol",
        "dl",    "table", "blockquote", "pre",    "hr",   "section",  "article", "header", "footer",
        "aside", "nav",   "main",       "figure", "form", "fieldset", "details"};
    for (auto k : kTags) {
        if (k == t) {
            return true;
        }
    }
    return false;
}

bool is_line(std::string_view t) {
    static constexpr std::string_view kTags[] = {
        "div",     "li",     "tr",     "dt",     "dd",   "caption", "figcaption", "summary",
        "address", "center", "legend", "option", "body", "html",    "title"};
    for (auto k : kTags) {
        if (k == t) {
            return true;
        }
    }
    return false;
}

// Elements allowed inside <head>; any other start tag ends an unclosed head.
bool is_head_content(std::string_view t) {
    return t == "meta" || t == "link" || t == "title" || t == "style" || t == "script" ||
           t == "base" || t == "noscript" || t == "template";
}

}  // namespace

// <object>'s content is its fallback (a caption, a link, "Video: ..."): what a reader without
// the plugin sees, so it is kept, as feed readers keep it.
bool is_hidden_element(std::string_view t) {
    return t == "script" || t == "style" || t == "template" || t == "noscript" || t == "svg" ||
           t == "math" || t == "iframe" || t == "head";
}

void append_unescaped(std::string& out, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const void* amp = std::memchr(s.data() + i, '&', s.size() - i);
        std::size_t at = amp == nullptr
                             ? s.size()
                             : static_cast<std::size_t>(static_cast<const char*>(amp) - s.data());
        out.append(s.substr(i, at - i));
        if (at == s.size()) {
            break;
        }
        std::size_t used = decode_reference(out, s, at);
        if (used == 0) {
            out += '&';
            used = 1;
        }
        i = at + used;
    }
}

std::string unescape(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    append_unescaped(out, html);
    return utf8::is_valid(out) ? out : utf8::sanitize(out);
}

std::string strip_tags(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    Tokenizer tokenizer(html);
    Token token;
    while (tokenizer.next(token)) {
        if (token.kind == TokenKind::Text && !token.raw_text) {
            out += token.text;
        }
    }
    return utf8::is_valid(out) ? out : utf8::sanitize(out);
}

void TextBuilder::block(int newlines) {
    if (!out_.empty()) {
        pending_newlines_ = std::max(pending_newlines_, newlines);
    }
}

void TextBuilder::flush() {
    if (pending_newlines_ > 0) {
        while (!out_.empty() && out_.back() == ' ') {
            out_.pop_back();
        }
        // never more than one blank line, counting newlines already written (<pre>)
        int have = 0;
        for (std::size_t k = out_.size(); k > 0 && out_[k - 1] == '\n' && have < 2; --k) {
            ++have;
        }
        for (int k = have; k < pending_newlines_; ++k) {
            out_ += '\n';
        }
        pending_newlines_ = 0;
        pending_space_ = false;
    } else if (pending_space_) {
        if (!out_.empty() && out_.back() != '\n' && out_.back() != ' ') {
            out_ += ' ';
        }
        pending_space_ = false;
    }
    if (pending_bullet_) {
        out_ += "- ";
        pending_bullet_ = false;
    }
}

void TextBuilder::start_element(std::string_view tag) {
    if (tag == "br") {
        if (!out_.empty()) {
            pending_newlines_ = std::min(pending_newlines_ + 1, 2);
        }
        return;
    }
    if (tag == "li") {
        block(1);
        pending_bullet_ = true;
        return;
    }
    if (tag == "td" || tag == "th") {
        pending_space_ = true;
        return;
    }
    if (tag == "pre") {
        ++pre_depth_;
    }
    if (is_paragraph(tag)) {
        block(2);
    } else if (is_line(tag)) {
        block(1);
    }
}

void TextBuilder::end_element(std::string_view tag) {
    if (tag == "pre" && pre_depth_ > 0) {
        --pre_depth_;
    }
    if (tag == "li") {
        pending_bullet_ = false;  // an empty item leaves no dangling "- "
    }
    if (tag == "td" || tag == "th") {
        pending_space_ = true;
    } else if (is_paragraph(tag)) {
        block(2);
    } else if (is_line(tag)) {
        block(1);
    }
}

void TextBuilder::text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (pre_depth_ > 0) {
            if (s[i] == '\n') {
                if (!out_.empty()) {
                    pending_newlines_ = std::min(pending_newlines_ + 1, 2);
                }
                ++i;
                continue;
            }
            if (s[i] == '\r') {
                ++i;
                continue;
            }
            flush();
            out_ += s[i] == '\t' ? ' ' : s[i];
            ++i;
            continue;
        }
        std::size_t space = text::may_start_space(s[i]) ? text::space_length(s, i) : 0;
        if (space > 0) {
            pending_space_ = true;
            i += space;
            continue;
        }
        if (pending_newlines_ > 0 || pending_space_ || pending_bullet_) {
            flush();
        }
        // Copy the run of ordinary characters in one go, with the single ASCII spaces between
        // them: for such a space flush() would write exactly that space.
        auto ordinary = [&](std::size_t k) {
            return !text::may_start_space(s[k]) || text::space_length(s, k) == 0;
        };
        std::size_t j = i + 1;
        while (j < s.size()) {
            if (ordinary(j)) {
                ++j;
            } else if (s[j] == ' ' && j + 1 < s.size() && ordinary(j + 1)) {
                j += 2;
            } else {
                break;
            }
        }
        out_.append(s.substr(i, j - i));
        i = j;
    }
}

std::string TextBuilder::finish() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) {
        out_.pop_back();
    }
    std::size_t lead = out_.find_first_not_of(" \n");
    out_.erase(0, lead == std::string::npos ? out_.size() : lead);
    std::string out = utf8::is_valid(out_) ? std::move(out_) : utf8::sanitize(out_);
    out_.clear();
    pending_newlines_ = 0;
    pending_space_ = pending_bullet_ = false;
    pre_depth_ = 0;
    return out;
}

std::string to_text(std::string_view html) {
    Tokenizer tokenizer(html);
    Token token;
    TextBuilder builder;
    builder.reserve(html.size());  // the text is rarely longer than its markup
    std::string decoded;
    std::string hidden;  // the element whose contents are being dropped
    int hidden_depth = 0;
    while (tokenizer.next(token)) {
        switch (token.kind) {
            case TokenKind::StartTag:
                if (hidden_depth > 0) {
                    if (hidden == "head" && !is_head_content(token.name)) {
                        hidden_depth = 0;  // an unclosed <head> ends where the body starts
                    } else {
                        if (token.name == hidden && !token.self_closing) {
                            ++hidden_depth;
                        }
                        break;
                    }
                }
                if (is_hidden_element(token.name)) {
                    if (!token.self_closing) {
                        hidden = token.name;
                        hidden_depth = 1;
                    }
                    break;
                }
                builder.start_element(token.name);
                break;
            case TokenKind::EndTag:
                if (hidden_depth > 0) {
                    if (token.name == hidden) {
                        --hidden_depth;
                    }
                    break;
                }
                if (token.name == "br") {
                    builder.start_element("br");  // browsers read </br> as <br>
                } else {
                    builder.end_element(token.name);
                }
                break;
            case TokenKind::Text:
                if (hidden_depth > 0) {
                    break;
                }
                if (token.raw_text) {
                    builder.text(token.text);
                } else {
                    decoded.clear();
                    append_unescaped(decoded, token.text);
                    builder.text(decoded);
                }
                break;
            case TokenKind::Comment:
            case TokenKind::Doctype:
                break;
        }
    }
    return builder.finish();
}

}  // namespace gigscout::html
