#include "plugin_host/plugin_request.h"

#include <gtest/gtest.h>

#include "base/json_reader.h"

namespace gigscout {
namespace {

PluginManifest manifest() {
    PluginManifest m;
    m.id = "remoteok";
    m.hosts = {"remoteok.com", "*.remoteok.com"};
    return m;
}

PluginRequest get(std::string url) {
    PluginRequest r;
    r.url = std::move(url);
    return r;
}

TEST(PluginRequest, AllowedHostsPass) {
    EXPECT_TRUE(check_request(get("https://remoteok.com/api"), manifest()).ok());
    EXPECT_TRUE(check_request(get("https://api.remoteok.com/x?y=1"), manifest()).ok());
}

PluginManifest feed_manifest() {
    PluginManifest m;
    m.id = "rss";
    m.settings = {{"url", "Feed address", SettingType::String, {}, false, false, "", ""},
                  {"mirror", "Mirror", SettingType::String, {}, false, true, "", ""}};
    m.hosts_from_settings = {"url", "mirror"};
    return m;
}

TEST(PluginRequest, EachSourceReachesTheHostOfItsOwnUrlSetting) {
    auto a = source_hosts(feed_manifest(),
                          {{"url", std::string("https://Feeds.Example-Board.test:8443/jobs.rss")}});
    ASSERT_TRUE(a.ok()) << a.error().message;
    EXPECT_EQ(a.value().rules(), (std::vector<std::string>{"feeds.example-board.test"}));
    EXPECT_TRUE(check_request(get("https://feeds.example-board.test/other"), a.value()).ok());

    auto b = source_hosts(feed_manifest(), {{"url", std::string(" http://jobs.other.test/a ")},
                                            {"mirror", std::string("")}});
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b.value().rules(), (std::vector<std::string>{"jobs.other.test"}));
    // Source b's URL does not open source a's host.
    auto st = check_request(get("https://feeds.example-board.test/jobs.rss"), b.value());
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().message,
              "url \"https://feeds.example-board.test/jobs.rss\" is not allowed: host "
              "feeds.example-board.test is not in the plugin's hosts (the plugin declares none) "
              "nor the host of this source's setting `url` (jobs.other.test)");

    // With fixed hosts as well, and two settings.
    PluginManifest m = feed_manifest();
    m.hosts = {"*.feedhub.test"};
    auto both = source_hosts(
        m, {{"url", std::string("https://a.test/")}, {"mirror", std::string("https://b.test/")}});
    ASSERT_TRUE(both.ok()) << both.error().message;
    EXPECT_TRUE(check_request(get("https://x.feedhub.test/"), both.value()).ok());
    EXPECT_TRUE(check_request(get("https://b.test/feed"), both.value()).ok());
    EXPECT_EQ(check_request(get("https://c.test/"), both.value()).error().message,
              "url \"https://c.test/\" is not allowed: host c.test is not in the plugin's hosts "
              "(*.feedhub.test) nor the hosts of this source's settings `url` (a.test), `mirror` "
              "(b.test)");
    // The manifest alone (no source) allows no setting's host.
    EXPECT_FALSE(check_request(get("https://a.test/"), m).ok());
}

TEST(PluginRequest, AUrlSettingThatNamesNoHostIsAnErrorNamingTheSetting) {
    for (const char* bad : {"feeds.example-board.test/jobs.rss", "ftp://feeds.example/x",
                            "https://user@feeds.example/x", "https:///jobs.rss", "javascript:x"}) {
        auto h = source_hosts(feed_manifest(), {{"url", std::string(bad)}});
        ASSERT_FALSE(h.ok()) << bad;
        EXPECT_EQ(h.error().message,
                  "setting `url`: expected an http or https URL with a host name (the only host "
                  "this source may reach besides the plugin's own), got \"" +
                      std::string(bad) + "\"");
    }
}

TEST(PluginRequest, OtherHostIsRefusedNamingTheUrlAndTheRule) {
    auto st = check_request(get("https://evil.example/steal"), manifest());
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().message,
              "url \"https://evil.example/steal\" is not allowed: host evil.example is not in the "
              "plugin's hosts (remoteok.com, *.remoteok.com)");
}

TEST(PluginRequest, NonHttpUrlsAreRefused) {
    EXPECT_EQ(check_request(get("file:///etc/passwd"), manifest()).error().message,
              "field `url`: must be an http or https URL, got \"file:///etc/passwd\"");
    EXPECT_FALSE(check_request(get("javascript:alert(1)"), manifest()).ok());
    EXPECT_FALSE(check_request(get("ftp://remoteok.com/"), manifest()).ok());
    EXPECT_FALSE(check_request(get("https://user@remoteok.com/"), manifest()).ok());
}

TEST(PluginRequest, MethodHeadersAndBodyAreChecked) {
    PluginRequest r = get("https://remoteok.com/api");
    r.method = "DELETE";
    EXPECT_EQ(check_request(r, manifest()).error().message,
              "field `method`: must be GET, POST or HEAD, got \"DELETE\"");
    r.method = "GET";
    r.body = "x";
    EXPECT_EQ(check_request(r, manifest()).error().message,
              "field `body`: only a POST request may have a body");
    r.method = "POST";
    EXPECT_TRUE(check_request(r, manifest()).ok());
    r.headers = {{"Host", "evil.com"}};
    EXPECT_EQ(check_request(r, manifest()).error().message,
              "field `headers.Host`: this header is set by GigScout, not by plugins");
    r.headers = {{"X-Token", "a\r\nInjected: 1"}};
    EXPECT_EQ(check_request(r, manifest()).error().message,
              "field `headers.X-Token`: contains a control character (CR, LF or NUL)");
    r.headers = {{"Bad Name", "x"}};
    EXPECT_EQ(check_request(r, manifest()).error().message,
              "field `headers.Bad Name`: not a valid header name");
}

TEST(PluginRequest, FromJsonNamesTheBadField) {
    auto doc = json::parse(R"({"url": "https://remoteok.com", "headers": {"Accept": 5}})", "r");
    auto r = request_from_json(doc.value());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "field `headers.Accept`: expected a string, got a number");
    doc = json::parse(R"({"url": "https://remoteok.com", "verb": "GET"})", "r");
    EXPECT_EQ(request_from_json(doc.value()).error().message, "field `verb`: unknown field");
    doc = json::parse(R"({"url": "https://remoteok.com", "method": "POST", "body": "{}",
                          "headers": {"Content-Type": "application/json"}})",
                      "r");
    auto ok = request_from_json(doc.value());
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.value().method, "POST");
    EXPECT_EQ(ok.value().body, "{}");
    ASSERT_EQ(ok.value().headers.size(), 1u);
    EXPECT_EQ(ok.value().headers[0].first, "Content-Type");
}

TEST(PluginRequest, ForwardHeadersNameTheHeadersThatMayFollowARedirect) {
    auto doc = json::parse(R"({"url": "https://remoteok.com", "headers": {"X-Api-Version": "2"},
                               "forward_headers": ["X-Api-Version"]})",
                           "r");
    auto ok = request_from_json(doc.value());
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok.value().forward_headers, std::vector<std::string>{"X-Api-Version"});
    EXPECT_TRUE(check_request(ok.value(), manifest()).ok());
    doc = json::parse(R"({"url": "https://remoteok.com", "forward_headers": [5]})", "r");
    EXPECT_EQ(request_from_json(doc.value()).error().message,
              "field `forward_headers[1]`: expected a header name, got a number");
    PluginRequest bad = ok.value();
    bad.forward_headers = {"X-Api-Version", "Bad\r\nName"};
    EXPECT_EQ(check_request(bad, manifest()).error().message,
              "field `forward_headers[2]`: not a valid header name, got \"Bad\\r\\nName\"");
}

}  // namespace
}  // namespace gigscout
