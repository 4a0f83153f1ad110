#include "fetch/address_filter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace gigscout::fetch {
namespace {

std::string reason(const char* text) {
    return non_public_reason(text).value_or("public");
}

TEST(AddressFilter, PublicIpv4AddressesPass) {
    EXPECT_EQ(reason("8.8.8.8"), "public");
    EXPECT_EQ(reason("93.184.216.34"), "public");
    EXPECT_EQ(reason("172.32.0.1"), "public");   // just past 172.16.0.0/12
    EXPECT_EQ(reason("100.128.0.1"), "public");  // just past 100.64.0.0/10
}

TEST(AddressFilter, LoopbackPrivateLinkLocalAndSpecialIpv4AreRefused) {
    EXPECT_EQ(reason("127.0.0.1"), "loopback");
    EXPECT_EQ(reason("127.255.255.254"), "loopback");
    EXPECT_EQ(reason("10.1.2.3"), "private (RFC 1918)");
    EXPECT_EQ(reason("172.16.0.1"), "private (RFC 1918)");
    EXPECT_EQ(reason("172.31.255.255"), "private (RFC 1918)");
    EXPECT_EQ(reason("192.168.1.1"), "private (RFC 1918)");
    EXPECT_EQ(reason("169.254.169.254"), "link-local");  // cloud metadata endpoint
    EXPECT_EQ(reason("0.0.0.0"), "unspecified (0.0.0.0/8)");
    EXPECT_EQ(reason("224.0.0.1"), "multicast");
    EXPECT_EQ(reason("255.255.255.255"), "reserved or broadcast (240.0.0.0/4)");
    EXPECT_EQ(reason("100.64.0.1"), "shared carrier-grade NAT (100.64.0.0/10)");
}

TEST(AddressFilter, Ipv6SpecialRangesAreRefused) {
    EXPECT_EQ(reason("::1"), "loopback");
    EXPECT_EQ(reason("[::1]"), "loopback");
    EXPECT_EQ(reason("::"), "unspecified (::)");
    EXPECT_EQ(reason("fe80::1"), "link-local");
    EXPECT_EQ(reason("fe80::1%eth0"), "link-local");
    EXPECT_EQ(reason("fd12:3456::1"), "unique local (private, fc00::/7)");
    EXPECT_EQ(reason("ff02::1"), "multicast");
    EXPECT_EQ(reason("2001:db8::1"), "documentation (2001:db8::/32)");
    EXPECT_EQ(reason("2606:4700:4700::1111"), "public");
}

TEST(AddressFilter, Ipv6ThatEmbedsIpv4IsJudgedByTheIpv4Address) {
    EXPECT_EQ(reason("::ffff:127.0.0.1"), "IPv4-mapped IPv6 of 127.0.0.1: loopback");
    EXPECT_EQ(reason("::ffff:10.0.0.1"), "IPv4-mapped IPv6 of 10.0.0.1: private (RFC 1918)");
    EXPECT_EQ(reason("::ffff:8.8.8.8"), "public");
    EXPECT_EQ(reason("64:ff9b::a9fe:a9fe"), "NAT64 IPv6 of 169.254.169.254: link-local");
    EXPECT_EQ(reason("2002:7f00:1::"), "6to4 IPv6 of 127.0.0.1: loopback");
    EXPECT_EQ(reason("::127.0.0.1"), "IPv4-compatible IPv6 (deprecated)");
}

TEST(AddressFilter, TextThatIsNotAnAddressHasNoReason) {
    EXPECT_FALSE(non_public_reason(std::string_view("example.com")));
    EXPECT_FALSE(non_public_reason(std::string_view("")));
}

TEST(AddressFilter, SocketAddressesAreCheckedByFamily) {
    sockaddr_in in4{};
    in4.sin_family = AF_INET;
    inet_pton(AF_INET, "127.0.0.1", &in4.sin_addr);
    EXPECT_EQ(non_public_reason(reinterpret_cast<sockaddr*>(&in4)).value_or("public"), "loopback");
    EXPECT_EQ(address_text(reinterpret_cast<sockaddr*>(&in4)), "127.0.0.1");

    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    inet_pton(AF_INET6, "::ffff:192.168.0.1", &in6.sin6_addr);
    EXPECT_EQ(non_public_reason(reinterpret_cast<sockaddr*>(&in6)).value_or("public"),
              "IPv4-mapped IPv6 of 192.168.0.1: private (RFC 1918)");
    inet_pton(AF_INET6, "2a00:1450::1", &in6.sin6_addr);
    EXPECT_FALSE(non_public_reason(reinterpret_cast<sockaddr*>(&in6)));

    sockaddr_un un{};
    un.sun_family = AF_UNIX;
    auto why = non_public_reason(reinterpret_cast<sockaddr*>(&un));
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("not an IPv4 or IPv6 address"), std::string::npos);
}

}  // namespace
}  // namespace gigscout::fetch
