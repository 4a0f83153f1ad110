// URLs as the fetcher sees them: parsed and normalised by libcurl's own parser (so what we
// check is what libcurl connects to), resolved against a redirect's base, and shown without
// secrets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gigscout::fetch {

struct ParsedUrl {
    std::string url;     // normalised by libcurl
    std::string scheme;  // lower case
    std::string host;    // lower case, no trailing dot; IPv6 literals in brackets
    int port = 0;        // explicit or the scheme's default
};

// Any scheme parses (so a redirect to file:///etc/passwd can be refused by name). Fails on
// malformed URLs and on URLs carrying credentials (user:password@).
Result<ParsedUrl> parse_url(std::string_view url);

// `location` (absolute or relative, from a Location header) resolved against `base`.
Result<ParsedUrl> resolve_url(std::string_view base, std::string_view location);

// The URL for messages and logs: query values of parameters named like secrets (key, token,
// secret, password, signature, auth, ...) replaced by "REDACTED".
std::string display_url(std::string_view url);

// True for parameter or header names that usually carry a secret ("api_key", "X-Api-Key",
// "access_token", "Authorization"): whole words of the name, so "keywords" is not one.
bool looks_like_secret_name(std::string_view name);

// Host allow-list: true when any rule matches `host` by the one host rule
// (base/host_pattern.h: "example.com", "*.example.com", "*"; case and a trailing dot ignored).
bool host_allowed(std::string_view host, const std::vector<std::string>& rules);

}  // namespace gigscout::fetch
