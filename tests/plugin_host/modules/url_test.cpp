// url.* and the RFC 3986 code under it.
#include <gtest/gtest.h>

#include "lua_test_state.h"
#include "plugin_host/modules/url_parts.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

TEST(UrlModule, EncodeKeepsOnlyUnreservedCharacters) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return url.encode('a b&c=d/é~._-')"), "a%20b%26c%3Dd%2F%C3%A9~._-");
    EXPECT_EQ(lua.eval("return url.encode('')"), "");
}

TEST(UrlModule, DecodeReversesEncodeAndLeavesMalformedEscapesAndPlusAlone) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return url.decode('a%20b%26c%3dd%2F%C3%A9')"), "a b&c=d/é");
    EXPECT_EQ(lua.eval("return url.decode('100%25 %zz %4 a+b %')"), "100% %zz %4 a+b %");
}

TEST(UrlModule, QuerySortsKeysRepeatsListValuesAndEncodes) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return url.query({q='computer vision', page=2, tags={'c++','opencv'}, "
                       "remote=true, rate=12.5})"),
              "page=2&q=computer%20vision&rate=12.5&remote=true&tags=c%2B%2B&tags=opencv");
    EXPECT_EQ(lua.eval("return url.query({})"), "");
}

TEST(UrlModule, QueryRaisesOnValuesItCannotWrite) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return select(2, pcall(url.query, {a=print}))"),
              "url.query: value of `a` is a function; expected a string, number, boolean or a "
              "list of them");
    EXPECT_EQ(lua.eval("return select(2, pcall(url.query, {[1]='x'}))"),
              "url.query: keys must be strings, got a number");
}

TEST(UrlModule, ResolveFollowsRfc3986Section5Examples) {
    LuaTestState lua;
    lua.set_string("base", "http://a/b/c/d;p?q");
    struct Case {
        const char* ref;
        const char* expected;
    };
    // RFC 3986 §5.4.1 and §5.4.2
    const Case cases[] = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {";x", "http://a/b/c/;x"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../g", "http://a/g"},
        {"../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
    };
    for (const Case& c : cases) {
        lua.set_string("ref", c.ref);
        EXPECT_EQ(lua.eval("return url.resolve(base, ref)"), c.expected) << "ref " << c.ref;
    }
}

TEST(UrlModule, ResolveNeedsAnAbsoluteBase) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("return url.resolve('/jobs/1', 'x')"),
              "nil | url.resolve: base URL \"/jobs/1\" is not absolute (it has no scheme)");
    EXPECT_EQ(lua.eval("return url.resolve('https://weworkremotely.com/remote-jobs', "
                       "'/remote-jobs/mathmo-maths-coach')"),
              "https://weworkremotely.com/remote-jobs/mathmo-maths-coach");
}

TEST(UrlModule, ParseSplitsEveryPart) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return url.parse('HTTPS://user@Example.COM:8443/a/b?x=1&y=2#frag')"),
              "{fragment=frag,host=example.com,path=/a/b,port=8443,query=x=1&y=2,scheme=https,"
              "userinfo=user}");
    EXPECT_EQ(lua.eval("return url.parse('/relative/path?q')"), "{path=/relative/path,query=q}");
    EXPECT_EQ(lua.eval("return url.parse('http://[::1]:80/')"),
              "{host=[::1],path=/,port=80,scheme=http}");
    EXPECT_EQ(lua.eval("return url.parse('mailto:jobs@example.com')"),
              "{path=jobs@example.com,scheme=mailto}");
}

TEST(UrlModule, ParseRejectsMalformedUrlsWithAReason) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("return url.parse('http://exa mple.com/')"),
              "nil | url.parse: URL host \"exa mple.com\" has an invalid character");
    EXPECT_EQ(lua.eval_all("return url.parse('http://example.com:99999/')"),
              "nil | url.parse: URL port \"99999\" is above 65535");
    EXPECT_EQ(lua.eval_all("return url.parse('http://example.com:8x/')"),
              "nil | url.parse: URL port \"8x\" is not a number");
    EXPECT_EQ(lua.eval_all("return url.parse('http://a/\\0b')"),
              "nil | url.parse: URL contains a control character");
    EXPECT_EQ(lua.eval_all("return url.parse('1http://a/')"),
              "nil | url.parse: URL scheme \"1http\" does not start with a letter");
    EXPECT_EQ(lua.eval_all("return url.parse('http://[::1/')"),
              "nil | url.parse: URL host \"[::1\" lacks its closing ']'");
    EXPECT_EQ(lua.eval("return select(2, url.parse(string.rep('a', 70000)))"),
              "url.parse: URL is 70000 bytes, more than the 65536-byte limit");
}

TEST(UrlModule, HostIsLowerCaseAndMissingHostIsAnError) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return url.host(' https://WWW.Upwork.com/jobs ')"), "www.upwork.com");
    EXPECT_EQ(lua.eval_all("return url.host('/jobs')"), "nil | url.host: the URL has no host");
}

TEST(UrlParts, RemoveDotSegmentsHandlesEdgeCases) {
    EXPECT_EQ(url::remove_dot_segments("/a/b/c/./../../g"), "/a/g");
    EXPECT_EQ(url::remove_dot_segments("mid/content=5/../6"), "mid/6");
    EXPECT_EQ(url::remove_dot_segments("/.."), "/");
    EXPECT_EQ(url::remove_dot_segments(""), "");
}

}  // namespace
}  // namespace gigscout
