// A small CSS selector subset over gumbo trees: type (and *), .class, #id, [attr],
// [attr=v], [attr*=v], [attr^=v], [attr$=v], [attr~=v], descendant (space) and child (>)
// combinators, and groups with ','. Matching is one pass over the tree with a bit set per
// element (which prefixes of each selector match there), so it is linear in the tree size
// whatever the selector.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gigscout::html {

struct AttributeTest {
    std::string name;  // lower case
    char op = 0;       // 0 exists, '=' equals, '*' contains, '^' starts, '$' ends, '~' word
    std::string value;
};

struct Compound {
    std::string tag;  // lower case; empty for any
    std::vector<std::string> ids;
    std::vector<std::string> classes;
    std::vector<AttributeTest> attributes;
};

struct ComplexSelector {
    std::vector<Compound> compounds;
    std::vector<char> combinators;  // between compounds: ' ' (descendant) or '>' (child)
};

struct Selector {
    std::vector<ComplexSelector> alternatives;
};

inline constexpr std::size_t kMaxSelectorBytes = 1024;
inline constexpr std::size_t kMaxCompounds = 32;
inline constexpr std::size_t kMaxAlternatives = 32;

// Fails with a message naming the position and what was expected.
Result<Selector> parse_selector(std::string_view text);

// Elements below `root` that match, in document order; fails when more than `max_results`.
Result<std::vector<const GumboNode*>> select(const GumboNode* root, const Selector& selector,
                                             std::size_t max_results);

}  // namespace gigscout::html
