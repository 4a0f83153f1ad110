// HTML named character references ("&mdash;" -> "—").
#pragma once

#include <optional>
#include <string_view>

namespace gigscout::html {

// The UTF-8 text of the named reference `name` (without '&' and ';'), when known.
std::optional<std::string_view> named_entity(std::string_view name);

// True for the names HTML5 also decodes without the ';' ("amp", "lt", "nbsp", "copy", ...).
bool legacy_entity(std::string_view name);

}  // namespace gigscout::html
