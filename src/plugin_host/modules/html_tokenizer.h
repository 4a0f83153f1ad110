// A small HTML tokenizer after the WHATWG tokenizer's shape: tags with attributes, text,
// comments, and raw text inside <script>, <style> and friends. It builds no tree, runs in one
// linear pass on any input, and serves html.to_text, html.strip, JSON-LD extraction and the
// checks run before a document goes to gumbo.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gigscout::html {

// HTML's and CSS's whitespace: ASCII whitespace without the vertical tab.
constexpr bool is_html_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

enum class TokenKind { Text, StartTag, EndTag, Comment, Doctype };

struct Attribute {
    std::string_view name;   // as written (compare with attribute_is)
    std::string_view value;  // raw: character references not decoded
};

struct Token {
    TokenKind kind = TokenKind::Text;
    std::string_view text;              // Text: the characters; Comment and Doctype: what is inside
    std::string name;                   // StartTag and EndTag: the tag name in lower case
    std::vector<Attribute> attributes;  // the first kMaxKeptAttributes
    std::size_t attribute_count = 0;    // all of them
    bool self_closing = false;
    bool raw_text = false;   // Text of <script>, <style>, <xmp>, ...: no character references
    std::size_t offset = 0;  // where the token starts in the input
};

inline constexpr std::size_t kMaxKeptAttributes = 64;

// The value of attribute `name` (ASCII case-insensitive), or nullptr.
const Attribute* find_attribute(const Token& token, std::string_view name);

class Tokenizer {
  public:
    explicit Tokenizer(std::string_view input) : input_(input) {}
    // Fills `token` with the next token; false at the end of the input.
    bool next(Token& token);

  private:
    bool markup(Token& token);
    bool tag(Token& token, bool end_tag);
    bool raw_text(Token& token);

    std::string_view input_;
    std::size_t pos_ = 0;
    std::string raw_end_;  // inside raw text: the element whose end tag ends it
    bool rcdata_ = false;  // raw text in which references count (<title>, <textarea>)
    bool plaintext_ = false;
};

}  // namespace gigscout::html
