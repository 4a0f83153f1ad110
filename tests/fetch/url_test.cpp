#include "fetch/url.h"

#include <gtest/gtest.h>

#include "support/host_pattern_cases.h"

namespace gigscout::fetch {
namespace {

TEST(Url, ParsesAndNormalisesSchemeHostAndPort) {
    auto u = parse_url("HTTPS://Jobs.Example.COM./search?q=opencv");
    ASSERT_TRUE(u) << u.error().message;
    EXPECT_EQ(u.value().scheme, "https");
    EXPECT_EQ(u.value().host, "jobs.example.com");
    EXPECT_EQ(u.value().port, 443);
    auto h = parse_url("http://127.0.0.1:8080/x");
    ASSERT_TRUE(h);
    EXPECT_EQ(h.value().port, 8080);
    auto v6 = parse_url("https://[::1]:8443/");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6.value().host, "[::1]");
}

TEST(Url, NumericIpv4FormsAreNormalisedSoAddressRulesSeeThem) {
    for (const char* url :
         {"http://2130706433/", "http://127.1/", "http://0x7f.1/", "http://0177.0.0.1/"}) {
        auto u = parse_url(url);
        ASSERT_TRUE(u) << url;
        EXPECT_EQ(u.value().host, "127.0.0.1") << url;
    }
}

TEST(Url, ParsesOtherSchemesSoTheyCanBeRefusedByName) {
    auto u = parse_url("file:///etc/passwd");
    ASSERT_TRUE(u) << u.error().message;
    EXPECT_EQ(u.value().scheme, "file");
    EXPECT_EQ(u.value().host, "");
}

TEST(Url, RefusesCredentialsWithoutRepeatingThem) {
    auto u = parse_url("https://alice:hunter2@example.com/");
    ASSERT_FALSE(u);
    EXPECT_NE(u.error().message.find("user name or password"), std::string::npos);
    EXPECT_EQ(u.error().message.find("hunter2"), std::string::npos) << u.error().message;
}

TEST(Url, ReportsMalformedUrls) {
    auto u = parse_url("https://exa mple.com/");
    ASSERT_FALSE(u);
    EXPECT_NE(u.error().message.find("is not valid"), std::string::npos) << u.error().message;
    EXPECT_FALSE(parse_url(""));
}

TEST(Url, ResolvesRedirectTargetsAgainstTheBase) {
    auto rel = resolve_url("https://a.example.com/jobs/list?page=2", "../item/7");
    ASSERT_TRUE(rel) << rel.error().message;
    EXPECT_EQ(rel.value().url, "https://a.example.com/item/7");
    auto net = resolve_url("https://a.example.com/x", "//b.example.com/y");
    ASSERT_TRUE(net);
    EXPECT_EQ(net.value().url, "https://b.example.com/y");
    auto file = resolve_url("https://a.example.com/x", "file:///etc/passwd");
    ASSERT_TRUE(file);
    EXPECT_EQ(file.value().scheme, "file");
}

TEST(Url, DisplayRedactsSecretLookingQueryValuesOnly) {
    EXPECT_EQ(display_url("https://api.example.com/v1?api_key=abc123&keywords=opencv&page=2"),
              "https://api.example.com/v1?api_key=REDACTED&keywords=opencv&page=2");
    EXPECT_EQ(display_url("https://x.com/?access_token=t&Sig=s#frag"),
              "https://x.com/?access_token=REDACTED&Sig=REDACTED#frag");
    EXPECT_EQ(display_url("https://bob:pw@x.com/p"), "https://REDACTED@x.com/p");
    EXPECT_EQ(display_url("https://x.com/plain"), "https://x.com/plain");
}

TEST(Url, SecretNamesAreWholeWords) {
    EXPECT_TRUE(looks_like_secret_name("Authorization"));
    EXPECT_TRUE(looks_like_secret_name("X-Api-Key"));
    EXPECT_TRUE(looks_like_secret_name("apikey"));
    EXPECT_FALSE(looks_like_secret_name("keywords"));
    EXPECT_FALSE(looks_like_secret_name("Accept"));
}

TEST(Url, HostAllowListFollowsTheOneHostRule) {
    for (const auto& c : gigscout::testing::kHostPatternCases) {
        EXPECT_EQ(host_allowed(c.host, {std::string(c.pattern)}), c.matches)
            << "rule \"" << c.pattern << "\", host \"" << c.host << "\"";
    }
}

TEST(Url, HostAllowListAllowsWhatAnyRuleMatches) {
    std::vector<std::string> rules = {"www.freelancer.com", "*.remoteok.com"};
    EXPECT_TRUE(host_allowed("WWW.Freelancer.COM.", rules));
    EXPECT_TRUE(host_allowed("a.b.remoteok.com", rules));
    EXPECT_FALSE(host_allowed("remoteok.com", rules));  // the wildcard does not cover the apex
    EXPECT_FALSE(host_allowed("anything.net", {}));
}

}  // namespace
}  // namespace gigscout::fetch
