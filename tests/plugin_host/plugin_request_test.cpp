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

}  // namespace
}  // namespace gigscout
