// ASCII-only case folding and whitespace for protocol text: header names, hosts, schemes,
// currency codes, keywords. Letters past ASCII are left alone on purpose (no locale).
#pragma once

#include <string>
#include <string_view>

namespace gigscout::ascii {

constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr char to_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower(std::string_view s);

// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

bool iequals(std::string_view a, std::string_view b);

}  // namespace gigscout::ascii
