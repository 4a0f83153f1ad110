// URL references as RFC 3986 defines them: split into parts, resolved against a base (§5.2),
// put back together (§5.3), and percent-encoded components. Plain string work with no
// network meaning (the fetcher normalises what it connects to with libcurl, fetch/url.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gigscout::url {

struct UrlParts {
    std::optional<std::string> scheme;    // lower case, without ':'
    std::optional<std::string> userinfo;  // before '@' in the authority
    std::optional<std::string> host;      // set when there is an authority ("//"); lower case;
                                          // IPv6 literals keep their brackets
    std::optional<int> port;
    std::string path;
    std::optional<std::string> query;     // without '?'
    std::optional<std::string> fragment;  // without '#'
};

// The longest URL accepted by parse and resolve.
inline constexpr std::size_t kMaxUrlBytes = 64 * 1024;

// Splits a URL or relative reference. Leading and trailing ASCII whitespace is ignored; fails
// on control characters, a malformed scheme, host or port, and on more than kMaxUrlBytes.
Result<UrlParts> parse(std::string_view text);

// The reference text of `parts` (RFC 3986 §5.3).
std::string compose(const UrlParts& parts);

// `reference` resolved against the absolute URL `base` (RFC 3986 §5.2.2, strict).
Result<std::string> resolve(std::string_view base, std::string_view reference);

// RFC 3986 §5.2.4: "/a/b/../c/./d" -> "/a/c/d".
std::string remove_dot_segments(std::string_view path);

// Every byte except the unreserved set (A-Z a-z 0-9 - . _ ~) as %XX (upper-case hex).
std::string percent_encode(std::string_view component);
// %XX sequences decoded to bytes; malformed '%' sequences and '+' are kept as they are. The
// result is bytes: it is valid UTF-8 only if the encoded text was.
std::string percent_decode(std::string_view component);

}  // namespace gigscout::url
