// Which IP addresses a source may connect to: public unicast only, unless its policy allows
// local ones. Checked on the address actually connected to, so neither DNS answers nor
// redirects get around it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

struct sockaddr;

namespace gigscout::fetch {

// Why `address` is not a public unicast address ("loopback", "private (RFC 1918)",
// "link-local", "IPv4-mapped IPv6 of 10.0.0.1: private (RFC 1918)", ...), or nullopt when it
// is public. Unknown address families are refused.
std::optional<std::string> non_public_reason(const sockaddr* address);

// The same for a textual address ("127.0.0.1", "::1", "[::1]"); nullopt also when `text` is
// not an IP address at all.
std::optional<std::string> non_public_reason(std::string_view text);

// "127.0.0.1" / "::1" for messages.
std::string address_text(const sockaddr* address);

}  // namespace gigscout::fetch
