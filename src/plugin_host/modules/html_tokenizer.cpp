#include "plugin_host/modules/html_tokenizer.h"

#include "base/ascii.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout::html {
namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_raw_text_element(std::string_view name) {
    return name == "script" || name == "style" || name == "xmp" || name == "iframe" ||
           name == "noembed" || name == "noframes" || name == "noscript";
}

}  // namespace

const Attribute* find_attribute(const Token& token, std::string_view name) {
    for (const Attribute& a : token.attributes) {
        if (ascii::iequals(a.name, name)) {
            return &a;
        }
    }
    return nullptr;
}

bool Tokenizer::next(Token& token) {
    while (pos_ < input_.size()) {
        token.attributes.clear();
        token.attribute_count = 0;
        token.self_closing = false;
        token.raw_text = false;
        token.name.clear();
        token.offset = pos_;
        if (plaintext_) {
            token.kind = TokenKind::Text;
            token.text = input_.substr(pos_);
            token.raw_text = true;
            pos_ = input_.size();
            return true;
        }
        if (!raw_end_.empty()) {
            if (raw_text(token)) {
                return true;
            }
            continue;  // the end tag is next
        }
        if (input_[pos_] == '<') {
            std::size_t before = pos_;
            if (markup(token)) {
                return true;
            }
            if (pos_ != before) {
                continue;  // something consumed and dropped ("</>", a tag cut by the end)
            }
        }
        // Text up to the next '<' (a '<' that starts no markup is text too).
        std::size_t end = input_.find('<', pos_ + 1);
        if (end == std::string_view::npos) {
            end = input_.size();
        }
        token.kind = TokenKind::Text;
        token.text = input_.substr(pos_, end - pos_);
        pos_ = end;
        return true;
    }
    return false;
}

bool Tokenizer::raw_text(Token& token) {
    std::size_t search = pos_;
    std::size_t end = input_.size();
    while (true) {
        std::size_t lt = input_.find("</", search);
        if (lt == std::string_view::npos) {
            break;
        }
        std::size_t name_end = lt + 2 + raw_end_.size();
        if (name_end <= input_.size() &&
            ascii::iequals(input_.substr(lt + 2, raw_end_.size()), raw_end_) &&
            (name_end == input_.size() || is_html_space(input_[name_end]) ||
             input_[name_end] == '/' || input_[name_end] == '>')) {
            end = lt;
            break;
        }
        search = lt + 2;
    }
    bool rcdata = rcdata_;
    if (end == input_.size() || end != pos_) {
        token.kind = TokenKind::Text;
        token.text = input_.substr(pos_, end - pos_);
        token.raw_text = !rcdata;
        pos_ = end;
        if (end == input_.size()) {
            raw_end_.clear();
        }
        return true;
    }
    raw_end_.clear();
    return false;
}

bool Tokenizer::markup(Token& token) {
    std::string_view rest = input_.substr(pos_);
    if (rest.substr(0, 4) == "<!--") {
        std::size_t start = pos_ + 4;
        std::size_t end;
        std::size_t after;
        if (input_.substr(start, 1) == ">") {
            end = start;
            after = start + 1;
        } else if (input_.substr(start, 2) == "->") {
            end = start;
            after = start + 2;
        } else {
            end = text::find(input_, "-->", start);
            after = end == std::string_view::npos ? input_.size() : end + 3;
            if (end == std::string_view::npos) {
                end = input_.size();
            }
        }
        token.kind = TokenKind::Comment;
        token.text = input_.substr(start, end - start);
        pos_ = after;
        return true;
    }
    if (rest.size() >= 2 &&
        (rest[1] == '!' || rest[1] == '?' ||
         (rest[1] == '/' && rest.size() > 2 && !is_alpha(rest[2]) && rest[2] != '>'))) {
        // <!DOCTYPE ...>, bogus comments (<!...>, <?...>, </1...>): up to the next '>'
        std::size_t start = pos_ + 2;
        std::size_t end = input_.find('>', start);
        std::size_t after = end == std::string_view::npos ? input_.size() : end + 1;
        if (end == std::string_view::npos) {
            end = input_.size();
        }
        std::string_view inside = input_.substr(start, end - start);
        token.kind = rest[1] == '!' && ascii::iequals(inside.substr(0, 7), "doctype")
                         ? TokenKind::Doctype
                         : TokenKind::Comment;
        token.text = inside;
        pos_ = after;
        return true;
    }
    if (rest.substr(0, 3) == "</>") {
        pos_ += 3;
        return false;
    }
    if (rest.size() >= 3 && rest[1] == '/' && is_alpha(rest[2])) {
        return tag(token, true);
    }
    if (rest.size() >= 2 && is_alpha(rest[1])) {
        return tag(token, false);
    }
    return false;
}

bool Tokenizer::tag(Token& token, bool end_tag) {
    const std::size_t n = input_.size();
    std::size_t p = pos_ + (end_tag ? 2 : 1);
    while (p < n && !is_html_space(input_[p]) && input_[p] != '/' && input_[p] != '>') {
        token.name += ascii::to_lower(input_[p]);
        ++p;
    }
    while (true) {
        while (p < n && is_html_space(input_[p])) {
            ++p;
        }
        if (p >= n) {
            pos_ = n;  // a tag cut by the end of the input is dropped
            return false;
        }
        if (input_[p] == '>') {
            ++p;
            break;
        }
        if (input_[p] == '/') {
            if (p + 1 < n && input_[p + 1] == '>') {
                token.self_closing = true;
                p += 2;
                break;
            }
            ++p;
            continue;
        }
        std::size_t name_start = p++;  // a leading '=' belongs to the name
        while (p < n && !is_html_space(input_[p]) && input_[p] != '/' && input_[p] != '>' &&
               input_[p] != '=') {
            ++p;
        }
        Attribute a{input_.substr(name_start, p - name_start), {}};
        std::size_t q = p;
        while (q < n && is_html_space(input_[q])) {
            ++q;
        }
        if (q < n && input_[q] == '=') {
            p = q + 1;
            while (p < n && is_html_space(input_[p])) {
                ++p;
            }
            if (p < n && (input_[p] == '"' || input_[p] == '\'')) {
                std::size_t close = input_.find(input_[p], p + 1);
                if (close == std::string_view::npos) {
                    pos_ = n;
                    return false;
                }
                a.value = input_.substr(p + 1, close - p - 1);
                p = close + 1;
            } else {
                std::size_t value_start = p;
                while (p < n && !is_html_space(input_[p]) && input_[p] != '>') {
                    ++p;
                }
                a.value = input_.substr(value_start, p - value_start);
            }
        }
        ++token.attribute_count;
        if (token.attributes.size() < kMaxKeptAttributes) {
            token.attributes.push_back(a);
        }
    }
    token.kind = end_tag ? TokenKind::EndTag : TokenKind::StartTag;
    pos_ = p;
    if (!end_tag) {
        if (is_raw_text_element(token.name) || token.name == "title" || token.name == "textarea") {
            raw_end_ = token.name;
            rcdata_ = token.name == "title" || token.name == "textarea";
        } else if (token.name == "plaintext") {
            plaintext_ = true;
        }
    }
    return true;
}

}  // namespace gigscout::html
