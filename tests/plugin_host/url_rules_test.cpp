#include "plugin_host/url_rules.h"

#include <gtest/gtest.h>

#include "plugin_host/plugin_manifest.h"
#include "plugin_host/plugin_request.h"
#include "support/host_pattern_cases.h"

namespace gigscout {
namespace {

TEST(UrlHost, IsTheLowerCaseHostWithoutPortOrTrailingDot) {
    EXPECT_EQ(url_host("https://RemoteOK.com/api?x=1"), "remoteok.com");
    EXPECT_EQ(url_host("http://example.com:8080/x"), "example.com");
    EXPECT_EQ(url_host("https://example.com./x"), "example.com");
    EXPECT_EQ(url_host("https://127.0.0.1:9/"), "127.0.0.1");
    EXPECT_EQ(url_host("https://[::1]:8080/"), "[::1]");
    EXPECT_EQ(url_host("https://example.com#frag"), "example.com");
}

TEST(UrlHost, RefusesOtherSchemesEscapesAndCredentials) {
    EXPECT_EQ(url_host("file:///etc/passwd"), std::nullopt);
    EXPECT_EQ(url_host("javascript:alert(1)"), std::nullopt);
    EXPECT_EQ(url_host("https://%65xample.com/"), std::nullopt);
    EXPECT_EQ(url_host("https://user:pw@example.com/"), std::nullopt);
    EXPECT_EQ(url_host("https://example.com\\@evil.com/"), std::nullopt);
    EXPECT_EQ(url_host("https://example.com:99999999/"), std::nullopt);
    EXPECT_EQ(url_host("https://example.com:/"), std::nullopt);
    EXPECT_EQ(url_host("https:///path"), std::nullopt);
}

TEST(HostPattern, ManifestHostsFollowTheOneHostRule) {
    for (const auto& c : testing::kHostPatternCases) {
        PluginManifest m;
        m.hosts = {std::string(c.pattern)};
        EXPECT_EQ(m.allowing_host_rule(c.host) != nullptr, c.matches)
            << "hosts entry \"" << c.pattern << "\", host \"" << c.host << "\"";
        SourceHosts hosts{m.hosts, {}};
        EXPECT_EQ(hosts.allows(c.host), c.matches)
            << "hosts entry \"" << c.pattern << "\", host \"" << c.host << "\"";
    }
}

TEST(HostPattern, MalformedEntriesAreExplained) {
    EXPECT_EQ(host_pattern_problem("example.com"), std::nullopt);
    EXPECT_EQ(host_pattern_problem("*.example.com"), std::nullopt);
    EXPECT_NE(host_pattern_problem("https://example.com"), std::nullopt);
    EXPECT_NE(host_pattern_problem("example.com/path"), std::nullopt);
    EXPECT_NE(host_pattern_problem("Example.com"), std::nullopt);
    EXPECT_NE(host_pattern_problem("*"), std::nullopt);
    EXPECT_NE(host_pattern_problem(""), std::nullopt);
    EXPECT_NE(host_pattern_problem("a..b"), std::nullopt);
}

TEST(UrlGlob, StarMatchesAnyRunIgnoringCase) {
    EXPECT_TRUE(
        url_glob_matches("https://boards.greenhouse.io/*", "https://boards.greenhouse.io/gitlab"));
    EXPECT_TRUE(
        url_glob_matches("https://boards.greenhouse.io/*", "HTTPS://Boards.Greenhouse.io/x/y"));
    EXPECT_FALSE(url_glob_matches("https://boards.greenhouse.io/*",
                                  "https://example.com/boards.greenhouse.io/"));
    EXPECT_TRUE(url_glob_matches("https://*.lever.co/*", "https://jobs.lever.co/acme"));
    EXPECT_TRUE(url_glob_matches("https://remoteok.com", "https://remoteok.com"));
    EXPECT_FALSE(url_glob_matches("https://remoteok.com", "https://remoteok.com/x"));
    EXPECT_TRUE(url_glob_matches("*a*a*a*b", "xaaaaaaaaaaaaaab"));
    EXPECT_FALSE(url_glob_matches("*a*a*a*b", std::string(5000, 'a')));
}

TEST(UrlPatternCaptures, EachKeyTakesOnePathPartAsLongAsItFits) {
    using Captures = std::map<std::string, std::string>;
    EXPECT_EQ(url_pattern_captures("https://jobs.lever.co/{site}*",
                                   "https://jobs.lever.co/spotify/abc-123?lever-source=x"),
              (Captures{{"site", "spotify"}}));
    EXPECT_EQ(url_pattern_captures("https://boards.greenhouse.io/embed/job_board?for={board}*",
                                   "HTTPS://BOARDS.greenhouse.io/embed/job_board?for=Skydio&b=x"),
              (Captures{{"board", "Skydio"}}));
    EXPECT_EQ(url_pattern_captures("https://{a}.example/{b}", "https://x.example/y"),
              (Captures{{"a", "x"}, {"b", "y"}}));
    EXPECT_FALSE(url_pattern_captures("https://jobs.lever.co/{site}*", "https://jobs.lever.co/"))
        << "a key takes at least one character";
    EXPECT_FALSE(
        url_pattern_captures("https://jobs.lever.co/{site}", "https://jobs.lever.co/spotify/abc"));
    EXPECT_FALSE(url_pattern_captures("https://jobs.lever.co/{site}*",
                                      "https://jobs.lever.co.evil.example/spotify"));
    EXPECT_FALSE(url_pattern_captures("https://x/{site}*", "https://x/" + std::string(3000, 'a')))
        << "longer than 2048 bytes";
    EXPECT_FALSE(url_pattern_captures("https://x/{site*", "https://x/a")) << "an unclosed brace";
}

TEST(UrlPatternKeys, NamesTheKeysOrRefusesABrokenPattern) {
    EXPECT_EQ(url_pattern_keys("https://{a}.x/{b}*"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(url_pattern_keys("https://x/*"), (std::vector<std::string>{}));
    EXPECT_FALSE(url_pattern_keys("https://x/{}"));
    EXPECT_FALSE(url_pattern_keys("https://x/{a"));
    EXPECT_FALSE(url_pattern_keys("https://x/a}"));
    EXPECT_FALSE(url_pattern_keys("https://x/{a{b}}"));
}

}  // namespace
}  // namespace gigscout
