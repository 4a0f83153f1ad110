// The two kinds of URL rule in a plugin manifest: `hosts` (the allow-list the host enforces on
// every request) and `url_patterns` (board addresses a plugin understands).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigscout {

// The lower-case host of an http(s) URL without port or trailing dot ("remoteok.com",
// "127.0.0.1", "[::1]"); nullopt when the URL is not http(s) or its host has characters other
// than letters, digits, '.', '-' (or a bracketed IPv6 address), such as '%' escapes.
std::optional<std::string> url_host(std::string_view url);

// A `hosts` entry: "example.com" (that host exactly) or "*.example.com" (any subdomain, not the
// domain itself), in lower case; it matches by the one host rule (base/host_pattern.h). Ok or
// the reason the entry is malformed.
std::optional<std::string> host_pattern_problem(std::string_view pattern);

// A `url_patterns` entry: a glob where `*` matches any run of characters, compared without
// regard to case ("https://boards.greenhouse.io/*").
bool url_glob_matches(std::string_view pattern, std::string_view url);

// A `url_settings` pattern: a `url_patterns` glob where `{key}` also matches one run of
// characters other than `/ ? # &` (at least one, as many as fit) and captures it under `key`
// ("https://jobs.lever.co/{site}*" takes "https://jobs.lever.co/spotify/abc" to {site:
// spotify}). nullopt when the URL does not match (or is longer than 2048 bytes).
std::optional<std::map<std::string, std::string>> url_pattern_captures(std::string_view pattern,
                                                                       std::string_view url);

// The `{key}` names of a `url_settings` pattern, in order; nullopt when a brace is not closed or
// a name is empty.
std::optional<std::vector<std::string>> url_pattern_keys(std::string_view pattern);

}  // namespace gigscout
