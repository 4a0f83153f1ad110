// HTML as readable plain text, character references, tag stripping. Linear in the input and
// independent of gumbo, so the core can use it on listing descriptions too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gigscout::html {

// Character references decoded: the named ones in html_entities, decimal and hex numeric ones
// (with HTML5's windows-1252 fix-ups for &#128;-&#159;; NUL, surrogates and values past
// U+10FFFF become U+FFFD). One level only: "&amp;quot;" gives "&quot;". Legacy names
// ("&amp", "&copy", "&nbsp") are decoded without their ';' too, as browsers do in text.
// Invalid UTF-8 in the input becomes U+FFFD.
std::string unescape(std::string_view html);
void append_unescaped(std::string& out, std::string_view html);

// Tags, comments, doctypes and the contents of <script>/<style> (and other raw-text
// elements) removed; everything else kept as written, character references included.
std::string strip_tags(std::string_view html);

// Readable text: references decoded; <p>, headings, lists, tables, <blockquote>, <pre> and
// <hr> set off by a blank line; <div>, <li>, <tr>, <br>, <dt>, <dd> start a new line; list
// items get "- "; table cells are separated by a space; whitespace collapsed (kept inside
// <pre>); at most one blank line in a row; <script>, <style>, <template>, <noscript>, <svg>,
// <math>, <iframe> and <head> dropped with their contents (<object>'s fallback text is kept).
std::string to_text(std::string_view html);

// True for the elements to_text drops with their contents.
bool is_hidden_element(std::string_view tag);

// Turns a stream of element starts/ends and decoded text into to_text's output; fed by
// to_text from tokens and by the html module from a parsed gumbo tree.
class TextBuilder {
  public:
    void start_element(std::string_view tag);
    void end_element(std::string_view tag);
    void text(std::string_view decoded);
    // The text (valid UTF-8, trimmed); the builder is left empty.
    std::string finish();
    std::size_t size() const { return out_.size(); }
    // Room for `bytes` of text, so that building it does not regrow the buffer.
    void reserve(std::size_t bytes) { out_.reserve(bytes); }

  private:
    void block(int newlines);
    void flush();

    std::string out_;
    int pending_newlines_ = 0;
    bool pending_space_ = false;
    bool pending_bullet_ = false;
    int pre_depth_ = 0;
};

}  // namespace gigscout::html
