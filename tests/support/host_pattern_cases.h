// The one table of host-pattern cases. The rule (base/host_pattern.h) is tested against it in
// tests/base, and so are both places that use it — the fetcher's allow-list (tests/fetch) and a
// plugin manifest's `hosts` (tests/plugin_host) — so the two cannot drift apart again.
#pragma once

#include <string_view>

namespace gigscout::testing {

struct HostPatternCase {
    std::string_view pattern;
    std::string_view host;
    bool matches;
};

inline constexpr HostPatternCase kHostPatternCases[] = {
    // A plain pattern is that host exactly.
    {"example.com", "example.com", true},
    {"example.com", "api.example.com", false},
    {"example.com", "example.com.evil.net", false},
    {"www.freelancer.com", "www.freelancer.com", true},
    {"www.freelancer.com", "freelancer.com", false},
    {"www.freelancer.com", "api.www.freelancer.com", false},
    // "*." is any subdomain at any depth, never the domain itself or a look-alike.
    {"*.example.com", "api.example.com", true},
    {"*.example.com", "a.b.example.com", true},
    {"*.remoteok.com", "api.remoteok.com", true},
    {"*.example.com", "example.com", false},
    {"*.example.com", ".example.com", false},
    {"*.example.com", "evilexample.com", false},
    {"*.remoteok.com", "remoteok.com.evil.net", false},
    // ASCII case and one trailing dot do not matter, on either side.
    {"www.freelancer.com", "WWW.Freelancer.COM.", true},
    {"example.com", "example.com.", true},
    {"Example.COM.", "example.com", true},
    {"*.example.com", "API.Example.COM", true},
    {"*.example.com", "api.example.com.", true},
    {"*.Example.com", "api.example.COM", true},
    {"example.com", "example.com..", false},
    // "*" is any host; an empty host is none.
    {"*", "anything.net", true},
    {"*", "", false},
    {"example.com", "", false},
    {"", "", false},
    {"", "example.com", false},
};

}  // namespace gigscout::testing
