// Writing one JSON string literal straight into a std::string, byte for byte as RapidJSON's
// Writer writes it (", \ and control characters escaped, UTF-8 kept as is): for encoders that
// build JSON text without a DOM or a StringBuffer.
#pragma once

#include <string>
#include <string_view>

namespace gigscout {

// Appends `s` in double quotes. The caller checks UTF-8 first where it matters.
void append_json_string(std::string& out, std::string_view s);

}  // namespace gigscout
