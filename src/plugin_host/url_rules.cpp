#include "plugin_host/url_rules.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/ascii.h"
#include "model/listing_validator.h"

namespace gigscout {
namespace {

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

}  // namespace

std::optional<std::string> url_host(std::string_view url) {
    if (!is_http_url(url)) {
        return std::nullopt;
    }
    std::string_view rest = url.substr(url.find("://") + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    std::string host;
    if (!authority.empty() && authority[0] == '[') {
        std::size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        for (char c : authority.substr(1, close - 1)) {
            if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.') {
                return std::nullopt;
            }
            host += ascii::to_lower(c);
        }
        host = "[" + host + "]";
        authority = authority.substr(close + 1);
        if (!authority.empty() && authority[0] != ':') {
            return std::nullopt;
        }
    } else {
        std::string_view name = authority.substr(0, authority.find(':'));
        for (char c : name) {
            char l = ascii::to_lower(c);
            if (!is_host_char(l)) {
                return std::nullopt;
            }
            host += l;
        }
        authority = authority.substr(name.size());
        while (!host.empty() && host.back() == '.') {
            host.pop_back();
        }
    }
    if (!authority.empty()) {  // ":port"
        std::string_view port = authority.substr(1);
        if (port.empty() || port.size() > 5) {
            return std::nullopt;
        }
        for (char c : port) {
            if (!std::isdigit(static_cast<unsigned char>(c))) {
                return std::nullopt;
            }
        }
    }
    if (host.empty() || host == "[]" || host.front() == '.') {
        return std::nullopt;
    }
    return host;
}

std::optional<std::string> host_pattern_problem(std::string_view pattern) {
    std::string_view name = pattern;
    if (name.substr(0, 2) == "*.") {
        name.remove_prefix(2);
    }
    if (name.empty()) {
        return "is empty";
    }
    if (name.front() == '[' && name.back() == ']') {
        return std::nullopt;  // IPv6 literal, compared as text
    }
    for (char c : name) {
        if (!is_host_char(c)) {
            return std::string("has the character '") + c +
                   "' (expected a lower-case host name such as \"example.com\" or "
                   "\"*.example.com\", without scheme, port or path)";
        }
    }
    if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos) {
        return "is not a host name";
    }
    return std::nullopt;
}

bool url_glob_matches(std::string_view pattern, std::string_view url) {
    // Iterative glob with single-star backtracking: linear in practice, no recursion.
    std::size_t p = 0, u = 0;
    std::size_t star = std::string_view::npos, resume = 0;
    while (u < url.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            resume = u;
        } else if (p < pattern.size() && ascii::to_lower(pattern[p]) == ascii::to_lower(url[u])) {
            ++p;
            ++u;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            u = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

namespace {

bool ends_capture(char c) {
    return c == '/' || c == '?' || c == '#' || c == '&';
}

// Backtracking over `*` and `{key}` only; literal runs advance in a loop. Patterns are a
// manifest's few short entries and URLs are capped, so the search stays small.
bool match_captures(std::string_view p, std::string_view u,
                    std::map<std::string, std::string>& captures) {
    while (!p.empty() && p[0] != '*' && p[0] != '{') {
        if (u.empty() || ascii::to_lower(p[0]) != ascii::to_lower(u[0])) {
            return false;
        }
        p.remove_prefix(1);
        u.remove_prefix(1);
    }
    if (p.empty()) {
        return u.empty();
    }
    if (p[0] == '*') {
        for (std::size_t k = u.size() + 1; k-- > 0;) {
            if (match_captures(p.substr(1), u.substr(k), captures)) {
                return true;
            }
        }
        return false;
    }
    const std::size_t close = p.find('}');
    const std::string key(p.substr(1, close - 1));
    std::size_t longest = 0;
    while (longest < u.size() && !ends_capture(u[longest])) {
        ++longest;
    }
    for (std::size_t k = longest; k > 0; --k) {
        captures[key] = std::string(u.substr(0, k));
        if (match_captures(p.substr(close + 1), u.substr(k), captures)) {
            return true;
        }
    }
    captures.erase(key);
    return false;
}

}  // namespace

std::optional<std::vector<std::string>> url_pattern_keys(std::string_view pattern) {
    std::vector<std::string> keys;
    for (std::size_t at = pattern.find('{'); at != std::string_view::npos;
         at = pattern.find('{', at + 1)) {
        const std::size_t close = pattern.find('}', at);
        if (close == std::string_view::npos || close == at + 1 ||
            pattern.substr(at + 1, close - at - 1).find('{') != std::string_view::npos) {
            return std::nullopt;
        }
        keys.emplace_back(pattern.substr(at + 1, close - at - 1));
    }
    if (std::count(pattern.begin(), pattern.end(), '}') != static_cast<long>(keys.size())) {
        return std::nullopt;
    }
    return keys;
}

std::optional<std::map<std::string, std::string>> url_pattern_captures(std::string_view pattern,
                                                                       std::string_view url) {
    if (url.size() > 2048 || !url_pattern_keys(pattern)) {
        return std::nullopt;
    }
    std::map<std::string, std::string> captures;
    if (!match_captures(pattern, url, captures)) {
        return std::nullopt;
    }
    return captures;
}

}  // namespace gigscout
