#include "fetch/address_filter.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace gigscout::fetch {
namespace {

struct V4Range {
    std::uint32_t network;
    int prefix;
    const char* reason;
};

constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
    return (a << 24) | (b << 16) | (c << 8) | d;
}

// IANA special-purpose registry entries a fetch has no business reaching.
constexpr std::array<V4Range, 15> kV4Ranges = {{
    {ip4(0, 0, 0, 0), 8, "unspecified (0.0.0.0/8)"},
    {ip4(10, 0, 0, 0), 8, "private (RFC 1918)"},
    {ip4(100, 64, 0, 0), 10, "shared carrier-grade NAT (100.64.0.0/10)"},
    {ip4(127, 0, 0, 0), 8, "loopback"},
    {ip4(169, 254, 0, 0), 16, "link-local"},
    {ip4(172, 16, 0, 0), 12, "private (RFC 1918)"},
    {ip4(192, 0, 0, 0), 24, "IETF protocol assignments (192.0.0.0/24)"},
    {ip4(192, 0, 2, 0), 24, "documentation (TEST-NET-1)"},
    {ip4(192, 88, 99, 0), 24, "6to4 relay anycast"},
    {ip4(192, 168, 0, 0), 16, "private (RFC 1918)"},
    {ip4(198, 18, 0, 0), 15, "benchmarking (198.18.0.0/15)"},
    {ip4(198, 51, 100, 0), 24, "documentation (TEST-NET-2)"},
    {ip4(203, 0, 113, 0), 24, "documentation (TEST-NET-3)"},
    {ip4(224, 0, 0, 0), 4, "multicast"},
    {ip4(240, 0, 0, 0), 4, "reserved or broadcast (240.0.0.0/4)"},
}};

std::optional<std::string> v4_reason(std::uint32_t a) {
    for (const V4Range& r : kV4Ranges) {
        std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - r.prefix);
        if ((a & mask) == r.network) {
            return std::string(r.reason);
        }
    }
    return std::nullopt;
}

std::uint32_t v4_at(const std::uint8_t* b) {
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           std::uint32_t{b[3]};
}

std::string v4_text(std::uint32_t a) {
    return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
           std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

bool all_zero(const std::uint8_t* b, int n) {
    for (int i = 0; i < n; ++i) {
        if (b[i] != 0) {
            return false;
        }
    }
    return true;
}

// An IPv6 address that carries an IPv4 address reaches that IPv4 host: judge the embedded one.
std::optional<std::string> embedded_v4(const char* form, std::uint32_t v4) {
    if (auto why = v4_reason(v4)) {
        return std::string(form) + " of " + v4_text(v4) + ": " + *why;
    }
    return std::nullopt;
}

std::optional<std::string> v6_reason(const std::uint8_t* b) {
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static constexpr std::uint8_t kNat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (all_zero(b, 16)) {
        return "unspecified (::)";
    }
    if (all_zero(b, 15) && b[15] == 1) {
        return "loopback";
    }
    if (std::memcmp(b, kMapped, 12) == 0) {
        return embedded_v4("IPv4-mapped IPv6", v4_at(b + 12));
    }
    if (all_zero(b, 12)) {
        // ::a.b.c.d, the deprecated IPv4-compatible form; never public.
        return "IPv4-compatible IPv6 (deprecated)";
    }
    if (std::memcmp(b, kNat64, 12) == 0) {
        return embedded_v4("NAT64 IPv6", v4_at(b + 12));
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
        return embedded_v4("6to4 IPv6", v4_at(b + 2));
    }
    if (b[0] == 0xff) {
        return "multicast";
    }
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) {
        return "link-local";
    }
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return "site-local (deprecated)";
    }
    if ((b[0] & 0xfe) == 0xfc) {
        return "unique local (private, fc00::/7)";
    }
    if (b[0] == 0x01 && b[1] == 0x00 && all_zero(b + 2, 6)) {
        return "discard-only (100::/64)";
    }
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) {
        return "documentation (2001:db8::/32)";
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> non_public_reason(const sockaddr* address) {
    if (address == nullptr) {
        return "no address";
    }
    if (address->sa_family == AF_INET) {
        sockaddr_in in4{};
        std::memcpy(&in4, address, sizeof in4);
        return v4_reason(ntohl(in4.sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        sockaddr_in6 in6{};
        std::memcpy(&in6, address, sizeof in6);
        return v6_reason(in6.sin6_addr.s6_addr);
    }
    return "not an IPv4 or IPv6 address (family " + std::to_string(address->sa_family) + ")";
}

std::optional<std::string> non_public_reason(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        text = text.substr(1, text.size() - 2);
    }
    std::string s(text.substr(0, text.find('%')));  // drop an IPv6 zone id
    in_addr a4{};
    if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
        return v4_reason(ntohl(a4.s_addr));
    }
    in6_addr a6{};
    if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
        return v6_reason(a6.s6_addr);
    }
    return std::nullopt;
}

std::string address_text(const sockaddr* address) {
    char buf[INET6_ADDRSTRLEN] = {};
    if (address != nullptr && address->sa_family == AF_INET) {
        sockaddr_in in4{};
        std::memcpy(&in4, address, sizeof in4);
        inet_ntop(AF_INET, &in4.sin_addr, buf, sizeof buf);
    } else if (address != nullptr && address->sa_family == AF_INET6) {
        sockaddr_in6 in6{};
        std::memcpy(&in6, address, sizeof in6);
        inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof buf);
    } else {
        return "?";
    }
    return buf;
}

}  // namespace gigscout::fetch
