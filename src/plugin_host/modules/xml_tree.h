// XML documents as a flat tree (expat underneath), bounded for hostile input: no DTD
// processing, no external entities, a depth limit and an element limit. Shared by `xml`,
// `feed` and anything in the core that reads XML.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace gigscout::xml {

inline constexpr std::uint32_t kNoParent = UINT32_MAX;

struct Element {
    std::string name;  // as written, prefix included ("content:encoded")
    std::vector<std::pair<std::string, std::string>> attrs;  // in document order
    std::vector<std::uint32_t> children;                     // indexes into Document::elements
    std::string text;  // direct character data, CDATA included, concatenated
    std::uint32_t parent = kNoParent;
    // Where this element sits in its parent's `text` (the length of the parent's text when
    // this element started): what lets mixed content be read back in order.
    std::size_t text_offset = 0;
    std::uint32_t position = 0;  // index among the parent's children
};

struct Limits {
    std::size_t max_bytes = std::size_t{16} << 20;
    int max_depth = 256;
    std::size_t max_elements = 1000000;
};

struct Document {
    std::vector<Element> elements;  // document order; elements[0] is the root

    const Element& root() const { return elements.front(); }
    const Element& at(std::uint32_t index) const { return elements[index]; }
    // The first child element called `name`, or nullptr.
    const Element* child(const Element& parent, std::string_view name) const;
    // Character data that follows `index`'s end tag inside its parent, up to the next sibling.
    std::string_view tail(std::uint32_t index) const;
    // All descendant character data of `index`, in document order.
    std::string text_of(std::uint32_t index) const;
    // The children of `index` written back as XML (for XHTML content in Atom feeds).
    std::string inner_xml(std::uint32_t index) const;
};

// Parses UTF-8, UTF-16, ISO-8859-1, US-ASCII and windows-1252 documents; all text comes back
// as UTF-8. A DOCTYPE with an internal subset is refused (entity declarations are how
// billion-laughs and external-entity attacks start); an external DTD is never read. Named
// entities XML does not define ("&nbsp;", common in feeds) are read as HTML's.
Result<Document> parse(std::string_view text, const Limits& limits = {});

}  // namespace gigscout::xml
