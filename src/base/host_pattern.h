// The one host rule: what the fetcher's allow-list (fetch::host_allowed) and a plugin
// manifest's `hosts` (plugin_host) mean by a host pattern.
#pragma once

#include <string_view>

namespace gigscout {

// "example.com" matches that host exactly, "*.example.com" any subdomain of it at any depth but
// not the domain itself, "*" any host. Both sides are compared without regard to ASCII case and
// one trailing dot ("WWW.Example.COM." is www.example.com), so a host that reaches the check in
// another spelling is neither refused nor let through by accident. An empty host matches
// nothing.
bool host_pattern_matches(std::string_view pattern, std::string_view host);

}  // namespace gigscout
