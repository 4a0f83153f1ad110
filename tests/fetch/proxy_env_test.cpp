#include "fetch/proxy_env.h"

#include <gtest/gtest.h>

#include <map>

namespace gigscout::fetch {
namespace {

GetEnv env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

TEST(ProxyEnv, NoVariablesMeansDirect) {
    EXPECT_FALSE(proxy_for("https", "remoteok.com", env({})));
}

TEST(ProxyEnv, HttpsUsesHttpsProxyThenAllProxy) {
    EXPECT_EQ(proxy_for("https", "remoteok.com", env({{"https_proxy", "http://p:3128"}})),
              "http://p:3128");
    EXPECT_EQ(proxy_for("https", "remoteok.com", env({{"HTTPS_PROXY", "http://P:3128"}})),
              "http://P:3128");
    EXPECT_EQ(proxy_for("https", "remoteok.com", env({{"ALL_PROXY", "socks5://s:1080"}})),
              "socks5://s:1080");
    EXPECT_FALSE(proxy_for("https", "remoteok.com", env({{"http_proxy", "http://p:3128"}})));
}

TEST(ProxyEnv, HttpIgnoresUpperCaseHttpProxy) {
    // HTTP_PROXY can be set by a CGI request header ("Proxy:"), so libcurl ignores it too.
    EXPECT_FALSE(proxy_for("http", "example.com", env({{"HTTP_PROXY", "http://evil:1"}})));
    EXPECT_EQ(proxy_for("http", "example.com", env({{"http_proxy", "http://p:3128"}})),
              "http://p:3128");
}

TEST(ProxyEnv, NoProxyMatchesHostsAndSubdomains) {
    auto e = env(
        {{"https_proxy", "http://p:3128"}, {"no_proxy", "internal.net, .corp.example ,10.0.0.5"}});
    EXPECT_FALSE(proxy_for("https", "internal.net", e));
    EXPECT_FALSE(proxy_for("https", "api.internal.net", e));
    EXPECT_FALSE(proxy_for("https", "x.corp.example", e));
    EXPECT_FALSE(proxy_for("https", "10.0.0.5", e));
    EXPECT_TRUE(proxy_for("https", "notinternal.net", e));
    EXPECT_TRUE(proxy_for("https", "remoteok.com", e));
    EXPECT_FALSE(proxy_for("https", "remoteok.com",
                           env({{"https_proxy", "http://p:3128"}, {"NO_PROXY", "*"}})));
}

TEST(ProxyEnv, LoopbackNeverUsesAProxy) {
    auto e = env({{"all_proxy", "http://p:3128"}});
    EXPECT_FALSE(proxy_for("http", "127.0.0.1", e));
    EXPECT_FALSE(proxy_for("http", "localhost", e));
    EXPECT_FALSE(proxy_for("http", "[::1]", e));
}

}  // namespace
}  // namespace gigscout::fetch
