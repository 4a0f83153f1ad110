#include "fetch/http_message.h"

#include <gtest/gtest.h>

#include "fetch/fetch_policy.h"

namespace gigscout::fetch {
namespace {

HttpRequest with_header(std::string name, std::string value) {
    HttpRequest r;
    r.url = "https://example.com/";
    r.headers.push_back({"Accept", "application/json"});
    r.headers.push_back({std::move(name), std::move(value)});
    return r;
}

std::string problem(const HttpRequest& r) {
    auto st = validate_request(r);
    return st ? "ok" : st.error().message;
}

TEST(HttpMessage, OrdinaryHeadersPass) {
    EXPECT_EQ(problem(with_header("Authorization", "Bearer abc")), "ok");
    EXPECT_EQ(problem(with_header("X-Empty", "")), "ok");
}

TEST(HttpMessage, LineBreaksAndNulInValuesAreRefusedNamingTheHeader) {
    EXPECT_EQ(problem(with_header("X-Search", "a\r\nX-Injected: 1")),
              "request header 2 `X-Search`: the value contains a control character (CR, LF, NUL, "
              "...): `a\\x0d\\x0aX-Injected: 1`");
    EXPECT_NE(problem(with_header("X-Search", std::string("a\0b", 3))).find("control character"),
              std::string::npos);
}

TEST(HttpMessage, NamesMustBeTokens) {
    EXPECT_NE(problem(with_header("X Bad", "1")).find("may only contain"), std::string::npos);
    EXPECT_NE(problem(with_header("X-Bad:", "1")).find("may only contain"), std::string::npos);
    EXPECT_NE(problem(with_header("", "1")).find("name is empty"), std::string::npos);
}

TEST(HttpMessage, HostOwnedHeadersAreReservedInAnyCase) {
    for (const char* name : {"Host", "content-length", "USER-AGENT", "Accept-Encoding",
                             "Transfer-Encoding", "Cookie", "If-None-Match", "Range"}) {
        EXPECT_NE(problem(with_header(name, "x")).find("set by GigScout"), std::string::npos)
            << name;
    }
}

TEST(HttpMessage, OnlyPostCarriesABody) {
    HttpRequest r;
    r.url = "https://example.com/";
    r.body = "q=1";
    EXPECT_EQ(problem(r), "a GET request cannot have a body");
    r.method = HttpMethod::Post;
    EXPECT_EQ(problem(r), "ok");
}

TEST(HttpMessage, MethodsAreGetPostHeadOnly) {
    EXPECT_EQ(parse_method("GET"), HttpMethod::Get);
    EXPECT_EQ(parse_method("POST"), HttpMethod::Post);
    EXPECT_EQ(parse_method("HEAD"), HttpMethod::Head);
    EXPECT_FALSE(parse_method("DELETE"));
    EXPECT_FALSE(parse_method("get"));
    EXPECT_EQ(method_name(HttpMethod::Head), "HEAD");
}

TEST(HttpMessage, FindHeaderIgnoresCase) {
    HttpHeaders h = {{"Content-Type", "text/html"}, {"ETag", "\"v1\""}};
    EXPECT_EQ(find_header(h, "etag").value_or(""), "\"v1\"");
    EXPECT_EQ(find_header(h, "CONTENT-TYPE").value_or(""), "text/html");
    EXPECT_FALSE(find_header(h, "Location"));
}

TEST(FetchPolicy, DefaultsAreValidAndUnsafeValuesAreRefusedByName) {
    EXPECT_TRUE(validate_policy(FetchPolicy{}));
    FetchPolicy p;
    p.total_timeout_ms = 0;
    auto st = validate_policy(p);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().message, "FetchPolicy::total_timeout_ms must be positive, got 0");
    p = FetchPolicy{};
    p.max_attempts = 0;
    EXPECT_FALSE(validate_policy(p));
    p = FetchPolicy{};
    p.max_decoded_bytes = 0;
    EXPECT_FALSE(validate_policy(p));
    p = FetchPolicy{};
    p.connect_to = {"a:443:b:1\r\n"};
    EXPECT_FALSE(validate_policy(p));
}

}  // namespace
}  // namespace gigscout::fetch
