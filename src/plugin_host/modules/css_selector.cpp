#include "plugin_host/modules/css_selector.h"

#include <cstdint>
#include <cstring>

#include "base/ascii.h"
#include "plugin_host/modules/html_document.h"
#include "plugin_host/modules/html_tokenizer.h"

namespace gigscout::html {
namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

class SelectorParser {
  public:
    explicit SelectorParser(std::string_view text) : s_(text) {}

    Result<Selector> parse() {
        Selector selector;
        while (true) {
            skip_spaces();
            ComplexSelector complex;
            if (!parse_complex(complex)) {
                return Error{error_};
            }
            selector.alternatives.push_back(std::move(complex));
            if (selector.alternatives.size() > kMaxAlternatives) {
                return Error{"more than " + std::to_string(kMaxAlternatives) +
                             " selectors in the group"};
            }
            skip_spaces();
            if (p_ == s_.size()) {
                return selector;
            }
            if (s_[p_] != ',') {
                return Error{fail("expected ',' or the end")};
            }
            ++p_;
        }
    }

  private:
    void skip_spaces() {
        while (p_ < s_.size() && is_html_space(s_[p_])) {
            ++p_;
        }
    }

    std::string fail(const std::string& what) {
        error_ = "at offset " + std::to_string(p_) + ": " + what;
        return error_;
    }

    std::string_view name() {
        std::size_t start = p_;
        while (p_ < s_.size() && is_name_char(s_[p_])) {
            ++p_;
        }
        return s_.substr(start, p_ - start);
    }

    bool parse_complex(ComplexSelector& complex) {
        while (true) {
            Compound compound;
            if (!parse_compound(compound)) {
                return false;
            }
            complex.compounds.push_back(std::move(compound));
            if (complex.compounds.size() > kMaxCompounds) {
                fail("more than " + std::to_string(kMaxCompounds) + " parts in one selector");
                return false;
            }
            std::size_t before = p_;
            skip_spaces();
            char combinator = p_ > before ? ' ' : 0;
            if (p_ < s_.size() && s_[p_] == '>') {
                combinator = '>';
                ++p_;
                skip_spaces();
            }
            if (p_ == s_.size() || s_[p_] == ',') {
                if (combinator == '>') {
                    fail("expected a selector after '>'");
                    return false;
                }
                return true;
            }
            if (combinator == 0) {
                fail(std::string("unexpected '") + s_[p_] + "'");
                return false;
            }
            complex.combinators.push_back(combinator);
        }
    }

    bool parse_compound(Compound& c) {
        bool any = false;
        if (p_ < s_.size() && s_[p_] == '*') {
            ++p_;
            any = true;
        } else if (p_ < s_.size() && is_name_char(s_[p_])) {
            c.tag = ascii::to_lower(name());
            any = true;
        }
        while (p_ < s_.size()) {
            char ch = s_[p_];
            if (ch == '.' || ch == '#') {
                ++p_;
                std::string_view n = name();
                if (n.empty()) {
                    fail(std::string("expected a name after '") + ch + "'");
                    return false;
                }
                (ch == '.' ? c.classes : c.ids).emplace_back(n);
            } else if (ch == '[') {
                ++p_;
                if (!parse_attribute(c)) {
                    return false;
                }
            } else if (ch == ':') {
                fail("pseudo-classes (':') are not supported");
                return false;
            } else {
                break;
            }
            any = true;
        }
        if (!any) {
            fail(p_ < s_.size() ? std::string("unexpected '") + s_[p_] + "'"
                                : std::string("expected a selector"));
        }
        return any;
    }

    bool parse_attribute(Compound& c) {
        skip_spaces();
        AttributeTest test;
        test.name = ascii::to_lower(name());
        if (test.name.empty()) {
            fail("expected an attribute name after '['");
            return false;
        }
        skip_spaces();
        if (p_ < s_.size() && s_[p_] == ']') {
            ++p_;
            c.attributes.push_back(std::move(test));
            return true;
        }
        if (p_ < s_.size() && std::strchr("*^$~", s_[p_]) != nullptr && s_[p_] != '\0' &&
            p_ + 1 < s_.size() && s_[p_ + 1] == '=') {
            test.op = s_[p_];
            p_ += 2;
        } else if (p_ < s_.size() && s_[p_] == '=') {
            test.op = '=';
            ++p_;
        } else {
            fail("expected ']', '=', '*=', '^=', '$=' or '~=' in an attribute selector");
            return false;
        }
        skip_spaces();
        if (p_ < s_.size() && (s_[p_] == '"' || s_[p_] == '\'')) {
            char quote = s_[p_++];
            std::size_t close = s_.find(quote, p_);
            if (close == std::string_view::npos) {
                fail("unterminated quoted value");
                return false;
            }
            test.value = std::string(s_.substr(p_, close - p_));
            p_ = close + 1;
        } else {
            std::string_view v = name();
            if (v.empty()) {
                fail("expected a value (quote values with spaces or punctuation)");
                return false;
            }
            test.value = std::string(v);
        }
        skip_spaces();
        if (p_ >= s_.size() || s_[p_] != ']') {
            fail("expected ']'");
            return false;
        }
        ++p_;
        c.attributes.push_back(std::move(test));
        return true;
    }

    std::string_view s_;
    std::size_t p_ = 0;
    std::string error_;
};

bool has_word(std::string_view list, std::string_view word) {
    std::size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && is_html_space(list[i])) {
            ++i;
        }
        std::size_t start = i;
        while (i < list.size() && !is_html_space(list[i])) {
            ++i;
        }
        if (i > start && list.substr(start, i - start) == word) {
            return true;
        }
    }
    return false;
}

bool attribute_matches(const GumboNode* node, const AttributeTest& t) {
    const char* raw = attribute(node, t.name.c_str());
    if (raw == nullptr) {
        return false;
    }
    std::string_view v(raw);
    switch (t.op) {
        case 0:
            return true;
        case '=':
            return v == t.value;
        case '*':
            return !t.value.empty() && v.find(t.value) != std::string_view::npos;
        case '^':
            return !t.value.empty() && v.substr(0, t.value.size()) == t.value;
        case '$':
            return !t.value.empty() && v.size() >= t.value.size() &&
                   v.substr(v.size() - t.value.size()) == t.value;
        case '~':
            return has_word(v, t.value);
        default:
            return false;
    }
}

bool compound_matches(const GumboNode* node, const std::string& tag, const Compound& c) {
    if (!c.tag.empty() && c.tag != tag) {
        return false;
    }
    for (const std::string& id : c.ids) {
        const char* v = attribute(node, "id");
        if (v == nullptr || id != v) {
            return false;
        }
    }
    for (const std::string& cls : c.classes) {
        const char* v = attribute(node, "class");
        if (v == nullptr || !has_word(v, cls)) {
            return false;
        }
    }
    for (const AttributeTest& t : c.attributes) {
        if (!attribute_matches(node, t)) {
            return false;
        }
    }
    return true;
}

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) {
        return &node->v.document.children;
    }
    if (is_element(node)) {
        return &node->v.element.children;
    }
    return nullptr;
}

}  // namespace

Result<Selector> parse_selector(std::string_view text) {
    if (text.size() > kMaxSelectorBytes) {
        return Error{"selector longer than " + std::to_string(kMaxSelectorBytes) + " bytes"};
    }
    return SelectorParser(text).parse();
}

Result<std::vector<const GumboNode*>> select(const GumboNode* root, const Selector& selector,
                                             std::size_t max_results) {
    const std::size_t alternatives = selector.alternatives.size();
    // Per open element: for each alternative, M (compounds matched ending here) and D (M of
    // this element or any ancestor). Bit j: compounds 0..j match with j at this element.
    struct Frame {
        const GumboNode* node;
        unsigned next_child;
    };
    std::vector<Frame> stack;
    std::vector<std::uint64_t> masks;  // 2 * alternatives per frame after the root
    std::vector<const GumboNode*> found;
    std::vector<std::uint64_t> here(2 * alternatives);
    stack.push_back({root, 0});
    while (!stack.empty()) {
        Frame& f = stack.back();
        const GumboVector* children = children_of(f.node);
        if (children == nullptr || f.next_child >= children->length) {
            bool is_root = f.node == root;
            stack.pop_back();
            if (!is_root) {
                masks.resize(masks.size() - 2 * alternatives);
            }
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children->data[f.next_child++]);
        if (!is_element(child)) {
            continue;
        }
        const std::uint64_t* parent =
            masks.empty() ? nullptr : &masks[masks.size() - 2 * alternatives];
        std::string tag = tag_name(child);
        bool matched = false;
        for (std::size_t a = 0; a < alternatives; ++a) {
            const ComplexSelector& cs = selector.alternatives[a];
            std::uint64_t parent_m = parent != nullptr ? parent[2 * a] : 0;
            std::uint64_t parent_d = parent != nullptr ? parent[2 * a + 1] : 0;
            std::uint64_t m = 0;
            for (std::size_t j = 0; j < cs.compounds.size(); ++j) {
                bool reachable =
                    j == 0 ||
                    (((cs.combinators[j - 1] == '>' ? parent_m : parent_d) >> (j - 1)) & 1);
                if (reachable && compound_matches(child, tag, cs.compounds[j])) {
                    m |= std::uint64_t{1} << j;
                }
            }
            here[2 * a] = m;
            here[2 * a + 1] = parent_d | m;
            matched = matched || ((m >> (cs.compounds.size() - 1)) & 1) != 0;
        }
        if (matched) {
            if (found.size() >= max_results) {
                return Error{"more than " + std::to_string(max_results) + " matches"};
            }
            found.push_back(child);
        }
        masks.insert(masks.end(), here.begin(), here.end());
        stack.push_back({child, 0});
    }
    return found;
}

}  // namespace gigscout::html
