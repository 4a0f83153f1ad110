// HTTPS with verification on: a test CA made at test time, the platforms' real host names sent
// to the local server through connect_to.
#include <gtest/gtest.h>

#include <memory>

#include "fetch/fetcher.h"
#include "fetch/support/test_http_server.h"
#include "fetch/support/test_pki.h"
#include "support/test_support.h"

namespace gigscout::fetch {
namespace {

using gigscout::testing::contains;
using gigscout::testing::TestHttpServer;
using gigscout::testing::TestPki;

class FetcherTlsTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new gigscout::testing::TempDir();
        pki_ = new TestPki(gigscout::testing::make_test_pki(
            dir_->path(), {"www.freelancer.com", "remoteok.com", "weworkremotely.com"}));
    }
    static void TearDownTestSuite() {
        delete pki_;
        delete dir_;
    }

    std::unique_ptr<TestHttpServer> start_server(const gigscout::testing::TlsIdentity& identity) {
        TestHttpServer::Options options;
        options.tls = identity;
        auto server = std::make_unique<TestHttpServer>(options);
        server->http().Get(
            "/api/projects", [](const httplib::Request& req, httplib::Response& res) {
                res.set_content("projects for " + req.get_header_value("Host"), "application/json");
            });
        server->http().Get("/downgrade", [](const httplib::Request&, httplib::Response& res) {
            res.set_redirect("http://www.freelancer.com/api/projects", 301);
        });
        server->start();
        return server;
    }

    // Real host names, routed to the local server; local addresses stay refused (the
    // connect_to target is the caller's choice, not the plugin's).
    FetchPolicy policy(const TestHttpServer& server) {
        FetchPolicy p;
        p.allowed_hosts = {"www.freelancer.com", "remoteok.com"};
        p.ca_file = pki_->ca_cert.string();
        for (const char* host : {"www.freelancer.com", "remoteok.com", "evil.example.org"}) {
            p.connect_to.push_back(std::string(host) +
                                   ":443:127.0.0.1:" + std::to_string(server.port()));
        }
        p.connect_timeout_ms = 2000;
        p.total_timeout_ms = 10'000;
        p.max_attempts = 1;
        return p;
    }

    HttpRequest get(std::string url) {
        HttpRequest r;
        r.url = std::move(url);
        return r;
    }

    static gigscout::testing::TempDir* dir_;
    static TestPki* pki_;
    Fetcher fetcher;
    CancelToken token;
};

gigscout::testing::TempDir* FetcherTlsTest::dir_ = nullptr;
TestPki* FetcherTlsTest::pki_ = nullptr;

TEST_F(FetcherTlsTest, VerifiesTheServerThroughTheTestCa) {
    auto server = start_server(pki_->server);
    FetchResult r =
        fetcher.fetch(get("https://www.freelancer.com/api/projects"), policy(*server), token);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r.value().body, "projects for www.freelancer.com");
    FetchResult other =
        fetcher.fetch(get("https://remoteok.com/api/projects"), policy(*server), token);
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_EQ(other.value().body, "projects for remoteok.com");
}

TEST_F(FetcherTlsTest, AnUntrustedCertificateFailsVerification) {
    auto server = start_server(pki_->untrusted);
    FetchResult r =
        fetcher.fetch(get("https://www.freelancer.com/api/projects"), policy(*server), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Tls) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "GET https://www.freelancer.com/api/projects: TLS"))
        << r.error().message;
}

TEST_F(FetcherTlsTest, WithoutTheTestCaTheSystemStoreRejectsTheServer) {
    auto server = start_server(pki_->server);
    FetchPolicy p = policy(*server);
    p.ca_file.clear();
    FetchResult r = fetcher.fetch(get("https://www.freelancer.com/api/projects"), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Tls) << r.error().message;
}

TEST_F(FetcherTlsTest, ACertificateForOtherNamesFailsVerification) {
    auto server = start_server(pki_->server);
    FetchPolicy p = policy(*server);
    p.allowed_hosts.push_back("evil.example.org");
    FetchResult r = fetcher.fetch(get("https://evil.example.org/api/projects"), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Tls) << r.error().message;
}

TEST_F(FetcherTlsTest, ARedirectDowngradingToHttpIsBlocked) {
    auto server = start_server(pki_->server);
    FetchResult r =
        fetcher.fetch(get("https://www.freelancer.com/downgrade"), policy(*server), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Blocked);
    EXPECT_EQ(r.error().message,
              "GET https://www.freelancer.com/downgrade: redirect to "
              "http://www.freelancer.com/api/projects refused: scheme `http` is not allowed (https "
              "only; http needs FetchPolicy::allow_http)");
}

}  // namespace
}  // namespace gigscout::fetch
