#include "base/host_pattern.h"

#include "base/ascii.h"

namespace gigscout {
namespace {

std::string_view without_trailing_dot(std::string_view s) {
    if (!s.empty() && s.back() == '.') {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

bool host_pattern_matches(std::string_view pattern, std::string_view host) {
    std::string_view h = without_trailing_dot(host);
    std::string_view p = without_trailing_dot(pattern);
    if (h.empty()) {
        return false;
    }
    if (p == "*") {
        return true;
    }
    if (p.size() > 2 && p.substr(0, 2) == "*.") {
        std::string_view suffix = p.substr(1);  // ".example.com"
        return h.size() > suffix.size() &&
               ascii::iequals(h.substr(h.size() - suffix.size()), suffix);
    }
    return ascii::iequals(h, p);
}

}  // namespace gigscout
