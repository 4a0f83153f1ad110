// The Fetcher against real servers on 127.0.0.1: every failure mode the refresh pipeline must
// survive, each with its error kind, a message naming the URL, and a deadline only to catch
// hangs.
#include "fetch/fetcher.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "fetch/support/compression.h"
#include "fetch/support/raw_tcp_server.h"
#include "fetch/support/test_http_server.h"
#include "support/test_support.h"

namespace gigscout::fetch {
namespace {

using namespace std::chrono_literals;
using gigscout::testing::contains;
using gigscout::testing::RawTcpServer;
using gigscout::testing::TempDir;
using gigscout::testing::TestHttpServer;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

long ms_since(Clock::time_point t0) {
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count());
}

// Loopback servers need http and local addresses; times are shrunk so failures take seconds.
FetchPolicy local_policy() {
    FetchPolicy p;
    p.allowed_hosts = {"127.0.0.1", "localhost"};
    p.allow_http = true;
    p.allow_local_addresses = true;
    p.connect_timeout_ms = 2000;
    p.total_timeout_ms = 10'000;
    p.low_speed_time_ms = 5000;
    p.max_attempts = 3;
    p.backoff_initial_ms = 20;
    p.backoff_max_ms = 100;
    p.retry_after_max_ms = 5000;
    return p;
}

HttpRequest get(std::string url) {
    HttpRequest r;
    r.url = std::move(url);
    return r;
}

std::string kind_of(const FetchResult& r) {
    return r.ok() ? "ok" : std::string(to_string(r.error().kind)) + ": " + r.error().message;
}

class FetcherTest : public ::testing::Test {
  protected:
    FetcherTest() {
        // Every server answers /ok quickly: used to show other fetches still get through
        // while one is stuck on a hostile response.
        server.http().Get("/ok", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("fine", "text/plain");
        });
    }

    // Runs a good fetch on another thread while `body` runs; checks it delivered.
    template <class F>
    void while_others_fetch(F body) {
        auto other = std::async(std::launch::async, [&] {
            std::this_thread::sleep_for(100ms);
            return fetcher.fetch(get(server.url("/ok")), local_policy(), token);
        });
        body();
        FetchResult r = other.get();
        ASSERT_TRUE(r.ok()) << kind_of(r);
        EXPECT_EQ(r.value().body, "fine");
    }

    TestHttpServer server;
    Fetcher fetcher;
    CancelToken token;
};

TEST_F(FetcherTest, ReturnsStatusHeadersAndBodyOfA200) {
    std::string user_agent;
    server.http().Get("/jobs", [&](const httplib::Request& req, httplib::Response& res) {
        user_agent = req.get_header_value("User-Agent");
        std::this_thread::sleep_for(100ms);  // a little latency
        res.set_header("X-Page", "1");
        res.set_content("{\"jobs\":[1,2,3]}", "application/json");
    });
    server.start();
    auto t0 = Clock::now();
    FetchResult r = fetcher.fetch(get(server.url("/jobs")), local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().status, 200);
    EXPECT_EQ(r.value().body, "{\"jobs\":[1,2,3]}");
    EXPECT_EQ(find_header(r.value().headers, "x-page").value_or(""), "1");
    EXPECT_EQ(find_header(r.value().headers, "Content-Type").value_or(""), "application/json");
    EXPECT_EQ(r.value().url, server.url("/jobs"));
    EXPECT_EQ(r.value().attempts, 1);
    EXPECT_EQ(r.value().redirects, 0);
    EXPECT_FALSE(r.value().not_modified);
    EXPECT_EQ(user_agent, default_user_agent());
    EXPECT_TRUE(contains(user_agent, "GigScout/"));
    EXPECT_LT(ms_since(t0), 10'000);
}

TEST_F(FetcherTest, APolicyUserAgentReplacesTheFetchersOwnAndOneWithALineBreakIsRefused) {
    std::vector<std::string> seen;
    server.http().Get("/ua", [&](const httplib::Request& req, httplib::Response& res) {
        seen.push_back(req.get_header_value("User-Agent"));
        res.set_content("ok", "text/plain");
    });
    server.start();
    FetchPolicy policy = local_policy();
    policy.user_agent = "me@example.org";
    ASSERT_TRUE(fetcher.fetch(get(server.url("/ua")), policy, token).ok());
    policy.user_agent.clear();
    ASSERT_TRUE(fetcher.fetch(get(server.url("/ua")), policy, token).ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"me@example.org", default_user_agent()}));

    policy.user_agent = "me@example.org\r\nX-Injected: 1";
    FetchResult bad = fetcher.fetch(get(server.url("/ua")), policy, token);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(
        contains(bad.error().message, "FetchPolicy::user_agent contains a control character"))
        << bad.error().message;
    EXPECT_EQ(seen.size(), 2u);
}

TEST_F(FetcherTest, SendsCallerHeadersAndPostBodies) {
    std::string seen;
    server.http().Post("/search", [&](const httplib::Request& req, httplib::Response& res) {
        seen = req.method + " " + req.get_header_value("X-Api-Version") + " " +
               req.get_header_value("Content-Type") + " " + req.body;
        res.set_content("found", "text/plain");
    });
    server.start();
    HttpRequest req = get(server.url("/search"));
    req.method = HttpMethod::Post;
    req.headers = {{"X-Api-Version", "2"}, {"Content-Type", "application/json"}};
    req.body = "{\"q\":\"opencv\"}";
    FetchResult r = fetcher.fetch(req, local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().body, "found");
    EXPECT_EQ(seen, "POST 2 application/json {\"q\":\"opencv\"}");
}

TEST_F(FetcherTest, HeadReturnsHeadersWithoutBody) {
    server.http().Get("/page", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("a body HEAD must not return", "text/plain");
    });
    server.start();
    HttpRequest req = get(server.url("/page"));
    req.method = HttpMethod::Head;
    FetchResult r = fetcher.fetch(req, local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().status, 200);
    EXPECT_EQ(r.value().body, "");
}

TEST_F(FetcherTest, DecodesGzipAndDeflateBodies) {
    std::string accept_encoding;
    server.http().Get("/gz", [&](const httplib::Request& req, httplib::Response& res) {
        accept_encoding = req.get_header_value("Accept-Encoding");
        res.set_header("Content-Encoding", "gzip");
        res.set_content(gigscout::testing::gzip("compressed listing"), "application/octet-stream");
    });
    server.http().Get("/deflate", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Encoding", "deflate");
        res.set_content(gigscout::testing::deflate("deflated listing"), "application/octet-stream");
    });
    server.start();
    FetchResult gz = fetcher.fetch(get(server.url("/gz")), local_policy(), token);
    ASSERT_TRUE(gz.ok()) << kind_of(gz);
    EXPECT_EQ(gz.value().body, "compressed listing");
    EXPECT_TRUE(contains(accept_encoding, "gzip")) << accept_encoding;
    EXPECT_TRUE(contains(accept_encoding, "deflate")) << accept_encoding;
    FetchResult df = fetcher.fetch(get(server.url("/deflate")), local_policy(), token);
    ASSERT_TRUE(df.ok()) << kind_of(df);
    EXPECT_EQ(df.value().body, "deflated listing");
}

TEST_F(FetcherTest, Retries500ThenSucceeds) {
    std::atomic<int> calls{0};
    server.http().Get("/flaky", [&](const httplib::Request&, httplib::Response& res) {
        if (calls++ == 0) {
            res.status = 500;
            res.set_content("oops", "text/plain");
        } else {
            res.set_content("recovered", "text/plain");
        }
    });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/flaky")), local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().body, "recovered");
    EXPECT_EQ(r.value().attempts, 2);
    EXPECT_EQ(server.hits("/flaky"), 2);
}

TEST_F(FetcherTest, HonoursRetryAfterOn429) {
    std::atomic<int> calls{0};
    server.http().Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
        if (calls++ == 0) {
            res.status = 429;
            res.set_header("Retry-After", "1");
            res.set_content("slow down", "text/plain");
        } else {
            res.set_content("thanks for waiting", "text/plain");
        }
    });
    server.start();
    auto t0 = Clock::now();
    FetchResult r = fetcher.fetch(get(server.url("/limited")), local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().body, "thanks for waiting");
    EXPECT_EQ(r.value().attempts, 2);
    EXPECT_GE(ms_since(t0), 1000);  // waited as asked, not just the 20 ms backoff
    EXPECT_LT(ms_since(t0), 10'000);
}

TEST_F(FetcherTest, RetryAfterBeyondTheCapStopsAndReportsTheDelay) {
    server.http().Get("/limited", [&](const httplib::Request&, httplib::Response& res) {
        res.status = 429;
        res.set_header("Retry-After", "3600");
        res.set_content("come back in an hour", "text/plain");
    });
    server.start();
    auto t0 = Clock::now();
    FetchResult r = fetcher.fetch(get(server.url("/limited")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::HttpStatus);
    EXPECT_EQ(r.error().http_status, 429);
    ASSERT_TRUE(r.error().retry_after);
    EXPECT_EQ(*r.error().retry_after, 3600s);
    EXPECT_EQ(r.error().attempts, 1);
    EXPECT_TRUE(contains(r.error().message, "retry_after_max_ms")) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "come back in an hour")) << r.error().message;
    EXPECT_LT(ms_since(t0), 5000);
}

TEST_F(FetcherTest, GivesUpAfterMaxAttemptsOn503) {
    server.http().Get("/down", [](const httplib::Request&, httplib::Response& res) {
        res.status = 503;
        res.set_content("<html>\n  <b>Maintenance</b>\n</html>", "text/html");
    });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/down")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::HttpStatus);
    EXPECT_EQ(r.error().http_status, 503);
    EXPECT_EQ(r.error().attempts, 3);
    EXPECT_EQ(server.hits("/down"), 3);
    EXPECT_EQ(r.error().message, "GET " + server.url("/down") +
                                     ": server answered HTTP 503: \"<html> <b>Maintenance</b> "
                                     "</html>\" (gave up after 3 tries)");
}

TEST_F(FetcherTest, DoesNotRetryA404) {
    server.http().Get("/missing", [](const httplib::Request&, httplib::Response& res) {
        res.status = 404;
        res.set_content("no such page", "text/plain");
    });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/missing")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::HttpStatus);
    EXPECT_EQ(r.error().http_status, 404);
    EXPECT_EQ(r.error().attempts, 1);
    EXPECT_EQ(server.hits("/missing"), 1);
    EXPECT_EQ(r.error().message,
              "GET " + server.url("/missing") + ": server answered HTTP 404: \"no such page\"");
}

TEST_F(FetcherTest, PostIsNotRetriedAfterA500) {
    server.http().Post("/apply",
                       [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
    server.start();
    HttpRequest req = get(server.url("/apply"));
    req.method = HttpMethod::Post;
    req.body = "x=1";
    FetchResult r = fetcher.fetch(req, local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().http_status, 500);
    EXPECT_EQ(server.hits("/apply"), 1);
}

TEST_F(FetcherTest, Status999IsAnErrorNotSuccess) {
    RawTcpServer raw([](int fd, const std::string&) {
        RawTcpServer::send_all(fd,
                               "HTTP/1.1 999 Request denied\r\nContent-Length: 6\r\n\r\ndenied");
    });
    FetchResult r = fetcher.fetch(get(raw.url("/")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::HttpStatus);
    EXPECT_EQ(r.error().http_status, 999);
    EXPECT_TRUE(contains(r.error().message, "HTTP 999: \"denied\"")) << r.error().message;
}

TEST_F(FetcherTest, BodyShorterThanContentLengthIsConnectionLost) {
    RawTcpServer raw([](int fd, const std::string&) {
        RawTcpServer::send_all(
            fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(500, 'x'));
    });
    FetchPolicy p = local_policy();
    p.max_attempts = 2;
    FetchResult r = fetcher.fetch(get(raw.url("/short")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::ConnectionLost) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, raw.url("/short"))) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "500 bytes remaining")) << r.error().message;
    EXPECT_EQ(r.error().attempts, 2);  // retried once, as a transient failure
    EXPECT_EQ(raw.connections(), 2);
}

TEST_F(FetcherTest, ConnectionResetMidBodyIsConnectionLost) {
    RawTcpServer raw([](int fd, const std::string&) {
        RawTcpServer::send_all(
            fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + std::string(2000, 'x'));
        std::this_thread::sleep_for(50ms);
        RawTcpServer::reset(fd);
    });
    FetchPolicy p = local_policy();
    p.max_attempts = 1;
    FetchResult r = fetcher.fetch(get(raw.url("/reset")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::ConnectionLost) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "the connection was lost")) << r.error().message;
}

TEST_F(FetcherTest, ConnectionRefusedIsAConnectError) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);  // nothing listens on this port now
    std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
    FetchPolicy p = local_policy();
    p.max_attempts = 2;
    FetchResult r = fetcher.fetch(get(url), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Connect) << r.error().message;
    EXPECT_EQ(r.error().attempts, 2);
    EXPECT_TRUE(contains(r.error().message, "cannot connect")) << r.error().message;
}

TEST_F(FetcherTest, TricklingBodyIsCutOffByTheLowSpeedLimit) {
    server.http().Get("/trickle", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider("text/plain", [&](size_t, httplib::DataSink& sink) {
            if (!server.sleep_for(1s)) {
                return false;
            }
            return sink.write("x", 1);
        });
    });
    server.start();
    FetchPolicy p = local_policy();
    p.low_speed_limit_bytes = 100;
    p.low_speed_time_ms = 1000;
    p.max_attempts = 1;
    while_others_fetch([&] {
        auto t0 = Clock::now();
        FetchResult r = fetcher.fetch(get(server.url("/trickle")), p, token);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().kind, FetchErrorKind::LowSpeed) << r.error().message;
        EXPECT_TRUE(contains(r.error().message, "fewer than 100 bytes per second for 1 s"))
            << r.error().message;
        EXPECT_LT(ms_since(t0), 8000);
    });
}

TEST_F(FetcherTest, TotalTimeoutCutsOffASlowResponse) {
    server.http().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
        server.sleep_for(5s);
        res.set_content("too late", "text/plain");
    });
    server.start();
    FetchPolicy p = local_policy();
    p.total_timeout_ms = 500;
    p.max_attempts = 1;
    auto t0 = Clock::now();
    FetchResult r = fetcher.fetch(get(server.url("/slow")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Timeout) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "within 500 ms (FetchPolicy::total_timeout_ms)"))
        << r.error().message;
    EXPECT_LT(ms_since(t0), 4000);
}

constexpr std::size_t kGiB = std::size_t{1} << 30;

void serve_zeros(httplib::Response& res, TestHttpServer& server, bool announce_length) {
    auto provider = [&server](size_t offset, httplib::DataSink& sink) {
        static const std::string chunk(64 * 1024, '\0');
        if (server.stopping() || offset >= kGiB) {
            return false;
        }
        return sink.write(chunk.data(), chunk.size());
    };
    if (announce_length) {
        res.set_content_provider(kGiB, "application/octet-stream",
                                 [provider](size_t offset, size_t, httplib::DataSink& sink) {
                                     return provider(offset, sink);
                                 });
    } else {
        res.set_chunked_content_provider("application/octet-stream", provider);
    }
}

TEST_F(FetcherTest, OneGibBodyIsCutAtTheCap) {
    server.http().Get("/huge", [&](const httplib::Request&, httplib::Response& res) {
        serve_zeros(res, server, false);  // chunked: no length to refuse up front
    });
    server.start();
    FetchPolicy p = local_policy();
    p.max_body_bytes = 1u << 20;
    p.max_decoded_bytes = 1u << 20;
    std::uint64_t last_progress = 0;
    while_others_fetch([&] {
        auto t0 = Clock::now();
        FetchResult r =
            fetcher.fetch(get(server.url("/huge")), p, token,
                          [&](const FetchProgress& pr) { last_progress = pr.bytes_received; });
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().kind, FetchErrorKind::TooLarge) << r.error().message;
        EXPECT_TRUE(contains(r.error().message, "cap of 1 MiB")) << r.error().message;
        EXPECT_EQ(r.error().attempts, 1);    // never retried
        EXPECT_LT(last_progress, 4u << 20);  // stopped near the cap, not at 1 GiB
        EXPECT_LT(ms_since(t0), 20'000);
    });
}

TEST_F(FetcherTest, AnnouncedLengthOverTheCapIsRefusedBeforeDownloading) {
    server.http().Get("/huge", [&](const httplib::Request&, httplib::Response& res) {
        serve_zeros(res, server, true);
    });
    server.start();
    FetchPolicy p = local_policy();
    p.max_body_bytes = 1u << 20;
    FetchResult r = fetcher.fetch(get(server.url("/huge")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::TooLarge) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "announces a body larger than the cap of 1 MiB"))
        << r.error().message;
}

TEST_F(FetcherTest, GzipBombIsCutAtTheDecodedCap) {
    static const std::string bomb = gigscout::testing::gzip_zeros(10'000'000);
    ASSERT_LT(bomb.size(), 64u * 1024);
    server.http().Get("/bomb", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Encoding", "gzip");
        res.set_content(bomb, "application/octet-stream");
    });
    server.start();
    FetchPolicy p = local_policy();
    p.max_decoded_bytes = 1u << 20;
    while_others_fetch([&] {
        FetchResult r = fetcher.fetch(get(server.url("/bomb")), p, token);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().kind, FetchErrorKind::TooLarge) << r.error().message;
        EXPECT_TRUE(
            contains(r.error().message, "decoded response body is larger than the cap of 1 MiB"))
            << r.error().message;
    });
}

TEST_F(FetcherTest, GzipOfGzipBombIsCutAtTheDecodedCap) {
    static const std::string bomb =
        gigscout::testing::gzip(gigscout::testing::gzip_zeros(100'000'000));
    ASSERT_LT(bomb.size(), 16u * 1024);
    server.http().Get("/bomb2", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Encoding", "gzip, gzip");
        res.set_content(bomb, "application/octet-stream");
    });
    server.start();
    FetchPolicy p = local_policy();
    p.max_decoded_bytes = 1u << 20;
    FetchResult r = fetcher.fetch(get(server.url("/bomb2")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::TooLarge) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "FetchPolicy::max_decoded_bytes")) << r.error().message;
}

TEST_F(FetcherTest, HugeHeadersAreRefused) {
    server.http().Get("/headers", [](const httplib::Request&, httplib::Response& res) {
        for (int i = 0; i < 100; ++i) {
            res.set_header("X-Filler-" + std::to_string(i), std::string(1000, 'h'));
        }
        res.set_content("body", "text/plain");
    });
    server.start();
    FetchPolicy p = local_policy();
    p.max_header_bytes = 16u << 10;
    FetchResult r = fetcher.fetch(get(server.url("/headers")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::TooLarge) << r.error().message;
    EXPECT_TRUE(contains(r.error().message,
                         "response headers are larger than the cap of 16 KiB "
                         "(FetchPolicy::max_header_bytes)"))
        << r.error().message;
    // The same response passes under the default 256 KiB cap.
    FetchResult ok = fetcher.fetch(get(server.url("/headers")), local_policy(), token);
    EXPECT_TRUE(ok.ok()) << kind_of(ok);
}

TEST_F(FetcherTest, AHeaderLineLongerThanLibcurlsLimitIsNamed) {
    RawTcpServer raw([](int fd, const std::string&) {
        RawTcpServer::send_all(fd, "HTTP/1.1 200 OK\r\nX-Long: " + std::string(150'000, 'a') +
                                       "\r\nContent-Length: 2\r\n\r\nok");
    });
    FetchPolicy p = local_policy();
    p.max_attempts = 1;
    FetchResult r = fetcher.fetch(get(raw.url("/long")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::TooLarge) << r.error().message;
    EXPECT_EQ(r.error().message, "GET " + raw.url("/long") +
                                     ": a response header line is longer than 102400 bytes "
                                     "(libcurl's limit)");
}

TEST_F(FetcherTest, FollowsRedirectsWithinTheAllowList) {
    server.http().Get("/old", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/new", 301);
    });
    server.http().Get("/new", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("moved here", "text/plain");
    });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/old")), local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().body, "moved here");
    EXPECT_EQ(r.value().url, server.url("/new"));
    EXPECT_EQ(r.value().redirects, 1);
    EXPECT_EQ(r.value().attempts, 2);
}

TEST_F(FetcherTest, ARedirectToAnotherOriginCarriesOnlyTheHeadersMarkedSafe) {
    // Two servers on 127.0.0.1: another port is another origin.
    TestHttpServer other;
    std::mutex m;
    std::map<std::string, std::string> seen;  // header -> value at the other origin
    other.http().Get("/land", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(m);
        for (const char* h : {"Authorization", "X-Custom", "X-Api-Version", "Accept",
                              "Accept-Language", "User-Agent"}) {
            if (req.has_header(h)) {
                seen[h] = req.get_header_value(h);
            }
        }
        res.set_content("landed", "text/plain");
    });
    other.start();
    std::string same_origin_auth;
    server.http().Get("/same", [&](const httplib::Request& req, httplib::Response& res) {
        same_origin_auth = req.get_header_value("Authorization");
        res.set_content("same", "text/plain");
    });
    server.http().Get("/hop", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(other.url("/land"), 302);
    });
    server.http().Get("/hop-here", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/same", 302);
    });
    server.start();
    HttpRequest req = get(server.url("/hop"));
    req.headers = {{"Authorization", "Bearer s3cret"},
                   {"X-Custom", "mine"},
                   {"X-Api-Version", "2"},
                   {"Accept", "application/json"},
                   {"Accept-Language", "de"}};
    req.forward_on_redirect = {"x-api-version"};
    FetchResult r = fetcher.fetch(req, local_policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().body, "landed");
    std::lock_guard lock(m);
    EXPECT_EQ(seen.count("Authorization"), 0u);
    EXPECT_EQ(seen.count("X-Custom"), 0u);
    EXPECT_EQ(seen["X-Api-Version"], "2");
    EXPECT_EQ(seen["Accept"], "application/json");
    EXPECT_EQ(seen["Accept-Language"], "de");
    EXPECT_TRUE(contains(seen["User-Agent"], "GigScout/")) << seen["User-Agent"];

    // Within the origin every header goes on.
    req.url = server.url("/hop-here");
    ASSERT_TRUE(fetcher.fetch(req, local_policy(), token).ok());
    EXPECT_EQ(same_origin_auth, "Bearer s3cret");
}

TEST_F(FetcherTest, RedirectToAFileUrlIsBlocked) {
    server.http().Get("/evil", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("file:///etc/passwd", 302);
    });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/evil")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Blocked);
    EXPECT_EQ(r.error().message, "GET " + server.url("/evil") +
                                     ": redirect to file:///etc/passwd refused: scheme `file` is "
                                     "not allowed (https only or http)");
}

TEST_F(FetcherTest, RedirectLoopStopsAfterMaxRedirects) {
    server.http().Get("/loop", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("/loop", 302);
    });
    server.start();
    auto t0 = Clock::now();
    FetchResult r = fetcher.fetch(get(server.url("/loop")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::TooManyRedirects);
    EXPECT_TRUE(contains(r.error().message, "more than 5 redirects (FetchPolicy::max_redirects)"))
        << r.error().message;
    EXPECT_EQ(server.hits("/loop"), 6);  // the first request and five redirects
    EXPECT_LT(ms_since(t0), 10'000);
}

TEST_F(FetcherTest, RedirectToAHostNotOnTheAllowListIsBlocked) {
    server.http().Get("/away", [](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("https://evil.example.net/steal", 302);
    });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/away")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Blocked);
    EXPECT_EQ(
        r.error().message,
        "GET " + server.url("/away") +
            ": redirect to https://evil.example.net/steal refused: host `evil.example.net` is "
            "not on this source's allowed hosts (127.0.0.1, localhost)");
}

// An allowed public-looking host (routed to the test server by connect_to, which the caller
// trusts) redirects to the loopback interface; local addresses are not allowed.
class RedirectToLoopbackTest : public FetcherTest {
  protected:
    FetchPolicy policy() {
        FetchPolicy p = local_policy();
        p.allow_local_addresses = false;
        p.allowed_hosts = {"jobs.example.com", "localhost", "127.0.0.1"};
        p.connect_to = {"jobs.example.com:" + std::to_string(server.port()) +
                        ":127.0.0.1:" + std::to_string(server.port())};
        return p;
    }
    std::string start_url() {
        return "http://jobs.example.com:" + std::to_string(server.port()) + "/start";
    }
};

TEST_F(RedirectToLoopbackTest, FirstHopReachesTheServerThroughConnectTo) {
    server.http().Get("/start", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("public page", "text/plain");
    });
    server.start();
    FetchResult r = fetcher.fetch(get(start_url()), policy(), token);
    ASSERT_TRUE(r.ok()) << kind_of(r);
    EXPECT_EQ(r.value().body, "public page");
}

TEST_F(RedirectToLoopbackTest, RedirectToALoopbackAddressIsBlocked) {
    server.http().Get("/start", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect(server.url("/admin"), 302);
    });
    server.start();
    FetchResult r = fetcher.fetch(get(start_url()), policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Blocked);
    EXPECT_TRUE(contains(r.error().message, "redirect to " + server.url("/admin") + " refused"))
        << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "host `127.0.0.1` is a loopback address"))
        << r.error().message;
    EXPECT_EQ(server.hits("/admin"), 0);
}

TEST_F(RedirectToLoopbackTest, RedirectToANameThatResolvesToLoopbackIsBlockedAtConnect) {
    server.http().Get("/start", [&](const httplib::Request&, httplib::Response& res) {
        res.set_redirect("http://localhost:" + std::to_string(server.port()) + "/admin", 302);
    });
    server.start();
    FetchResult r = fetcher.fetch(get(start_url()), policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Blocked) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "refused to connect to")) << r.error().message;
    EXPECT_TRUE(
        contains(r.error().message, "loopback address (FetchPolicy::allow_local_addresses is off)"))
        << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "(redirected from " + start_url() + ")"))
        << r.error().message;
    EXPECT_EQ(server.hits("/admin"), 0);
}

TEST_F(FetcherTest, LoopbackIsBlockedUnlessThePolicyAllowsIt) {
    server.start();
    FetchPolicy p = local_policy();
    p.allow_local_addresses = false;
    FetchResult r = fetcher.fetch(get(server.url("/ok")), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Blocked);
    EXPECT_EQ(server.hits("/ok"), 0);
    p.allowed_hosts = {"*"};
    FetchResult obfuscated =
        fetcher.fetch(get("http://2130706433:" + std::to_string(server.port()) + "/ok"), p, token);
    ASSERT_FALSE(obfuscated.ok());
    EXPECT_EQ(obfuscated.error().kind, FetchErrorKind::Blocked);
    EXPECT_TRUE(contains(obfuscated.error().message, "host `127.0.0.1` is a loopback address"))
        << obfuscated.error().message;
    p.allowed_hosts = {"localhost"};
    FetchResult by_name =
        fetcher.fetch(get("http://localhost:" + std::to_string(server.port()) + "/ok"), p, token);
    ASSERT_FALSE(by_name.ok());
    EXPECT_EQ(by_name.error().kind, FetchErrorKind::Blocked) << by_name.error().message;
    EXPECT_EQ(server.hits("/ok"), 0);
}

TEST_F(FetcherTest, HostsAndSchemesOutsideThePolicyAreBlockedBeforeConnecting) {
    server.start();
    FetchPolicy p = local_policy();
    p.allowed_hosts = {"remoteok.com"};
    FetchResult host = fetcher.fetch(get(server.url("/ok")), p, token);
    ASSERT_FALSE(host.ok());
    EXPECT_EQ(host.error().kind, FetchErrorKind::Blocked);
    EXPECT_EQ(host.error().message, "GET " + server.url("/ok") +
                                        ": host `127.0.0.1` is not on this source's allowed hosts "
                                        "(remoteok.com)");
    p = local_policy();
    p.allow_http = false;
    FetchResult scheme = fetcher.fetch(get(server.url("/ok")), p, token);
    ASSERT_FALSE(scheme.ok());
    EXPECT_EQ(scheme.error().kind, FetchErrorKind::Blocked);
    EXPECT_TRUE(contains(scheme.error().message,
                         "scheme `http` is not allowed (https only; http "
                         "needs FetchPolicy::allow_http)"))
        << scheme.error().message;
    p = local_policy();
    p.allowed_hosts = {};
    FetchResult none = fetcher.fetch(get(server.url("/ok")), p, token);
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(contains(none.error().message, "allowed hosts (none)")) << none.error().message;
    EXPECT_EQ(server.hits("/ok"), 0);
}

TEST_F(FetcherTest, InvalidRequestsAreRefusedBeforeAnyTraffic) {
    server.start();
    HttpRequest req = get(server.url("/ok"));
    req.headers = {{"X-Search", "a\r\nX-Injected: 1"}};
    FetchResult r = fetcher.fetch(req, local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::InvalidRequest);
    EXPECT_TRUE(contains(r.error().message, "request header 1 `X-Search`")) << r.error().message;
    FetchResult bad_url = fetcher.fetch(get("https://exa mple.com/"), local_policy(), token);
    ASSERT_FALSE(bad_url.ok());
    EXPECT_EQ(bad_url.error().kind, FetchErrorKind::InvalidRequest);
    FetchPolicy p = local_policy();
    p.total_timeout_ms = 0;
    FetchResult bad_policy = fetcher.fetch(get(server.url("/ok")), p, token);
    ASSERT_FALSE(bad_policy.ok());
    EXPECT_TRUE(contains(bad_policy.error().message, "total_timeout_ms"))
        << bad_policy.error().message;
    EXPECT_EQ(server.hits("/ok"), 0);
}

TEST_F(FetcherTest, CancelFromAnotherThreadStopsASlowResponse) {
    server.http().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
        server.sleep_for(10s);
        res.set_content("late", "text/plain");
    });
    server.start();
    CancelToken cancel;
    Clock::time_point cancelled_at;
    std::thread canceller([&] {
        std::this_thread::sleep_for(300ms);
        cancelled_at = Clock::now();
        cancel.cancel();
    });
    FetchResult r = fetcher.fetch(get(server.url("/slow")), local_policy(), cancel);
    auto returned_at = Clock::now();
    canceller.join();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Cancelled);
    EXPECT_EQ(r.error().message, "GET " + server.url("/slow") + ": cancelled");
    EXPECT_LT(
        std::chrono::duration_cast<std::chrono::milliseconds>(returned_at - cancelled_at).count(),
        1500);
}

TEST_F(FetcherTest, CancelInterruptsTheWaitBeforeARetry) {
    server.http().Get("/busy", [](const httplib::Request&, httplib::Response& res) {
        res.status = 503;
        res.set_header("Retry-After", "4");
    });
    server.start();
    CancelToken cancel;
    Clock::time_point cancelled_at;
    std::thread canceller([&] {
        std::this_thread::sleep_for(300ms);
        cancelled_at = Clock::now();
        cancel.cancel();
    });
    FetchResult r = fetcher.fetch(get(server.url("/busy")), local_policy(), cancel);
    auto returned_at = Clock::now();
    canceller.join();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Cancelled);
    EXPECT_EQ(server.hits("/busy"), 1);
    EXPECT_LT(
        std::chrono::duration_cast<std::chrono::milliseconds>(returned_at - cancelled_at).count(),
        1500);
}

TEST_F(FetcherTest, ETagRevalidationServesTheCachedBodyOn304) {
    TempDir cache_dir;
    Fetcher cached(FetcherOptions{.http_cache_dir = cache_dir.path() / "http"});
    std::vector<std::string> seen_validators;
    std::mutex mutex;
    server.http().Get("/feed", [&](const httplib::Request& req, httplib::Response& res) {
        std::string inm = req.get_header_value("If-None-Match");
        {
            std::lock_guard lock(mutex);
            seen_validators.push_back(inm);
        }
        res.set_header("ETag", "\"v1\"");
        if (inm == "\"v1\"") {
            res.status = 304;
            return;
        }
        res.set_content("[listing 1, listing 2]", "application/json");
    });
    server.start();
    HttpRequest req = get(server.url("/feed"));
    req.headers = {{"Authorization", "Bearer s3cret-token"}};

    FetchResult first = cached.fetch(req, local_policy(), token);
    ASSERT_TRUE(first.ok()) << kind_of(first);
    EXPECT_EQ(first.value().status, 200);
    EXPECT_FALSE(first.value().not_modified);

    FetchResult second = cached.fetch(req, local_policy(), token);
    ASSERT_TRUE(second.ok()) << kind_of(second);
    EXPECT_EQ(second.value().status, 304);
    EXPECT_TRUE(second.value().not_modified);
    EXPECT_EQ(second.value().body, "[listing 1, listing 2]");
    EXPECT_EQ(find_header(second.value().headers, "content-type").value_or(""), "application/json");

    // Another Authorization is another cache entry: no validator sent, full body.
    req.headers = {{"Authorization", "Bearer other"}};
    FetchResult third = cached.fetch(req, local_policy(), token);
    ASSERT_TRUE(third.ok()) << kind_of(third);
    EXPECT_FALSE(third.value().not_modified);

    ASSERT_EQ(seen_validators.size(), 3u);
    EXPECT_EQ(seen_validators[0], "");
    EXPECT_EQ(seen_validators[1], "\"v1\"");
    EXPECT_EQ(seen_validators[2], "");

    int entries = 0;
    for (const auto& f : fs::directory_iterator(cache_dir.path() / "http")) {
        ++entries;
        EXPECT_FALSE(contains(gigscout::testing::read_file(f.path()), "s3cret-token"));
    }
    EXPECT_EQ(entries, 2);
}

TEST_F(FetcherTest, LastModifiedRevalidationAndDamagedEntries) {
    TempDir cache_dir;
    Fetcher cached(FetcherOptions{.http_cache_dir = cache_dir.path()});
    const std::string stamp = "Wed, 21 Oct 2015 07:28:00 GMT";
    std::atomic<int> full_bodies{0};
    server.http().Get("/rss", [&](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Last-Modified", stamp);
        if (req.get_header_value("If-Modified-Since") == stamp) {
            res.status = 304;
            return;
        }
        ++full_bodies;
        res.set_content("<rss/>", "application/xml");
    });
    server.start();
    ASSERT_TRUE(cached.fetch(get(server.url("/rss")), local_policy(), token).ok());
    FetchResult again = cached.fetch(get(server.url("/rss")), local_policy(), token);
    ASSERT_TRUE(again.ok()) << kind_of(again);
    EXPECT_TRUE(again.value().not_modified);
    EXPECT_EQ(again.value().body, "<rss/>");
    EXPECT_EQ(full_bodies, 1);

    // A damaged entry is a miss: the full body is fetched again and the entry rewritten.
    for (const auto& f : fs::directory_iterator(cache_dir.path())) {
        gigscout::testing::write_file(f.path(), "GIGSCOUT-HTTP-CACHE 1\nkey nonsense\n");
    }
    FetchResult after_damage = cached.fetch(get(server.url("/rss")), local_policy(), token);
    ASSERT_TRUE(after_damage.ok()) << kind_of(after_damage);
    EXPECT_FALSE(after_damage.value().not_modified);
    EXPECT_EQ(full_bodies, 2);
    FetchResult repaired = cached.fetch(get(server.url("/rss")), local_policy(), token);
    ASSERT_TRUE(repaired.ok());
    EXPECT_TRUE(repaired.value().not_modified);
}

TEST_F(FetcherTest, A304WithoutACachedCopyIsAnError) {
    server.http().Get("/odd",
                      [](const httplib::Request&, httplib::Response& res) { res.status = 304; });
    server.start();
    FetchResult r = fetcher.fetch(get(server.url("/odd")), local_policy(), token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::HttpStatus);
    EXPECT_EQ(r.error().http_status, 304);
}

TEST_F(FetcherTest, ProgressReportsBytesReceived) {
    server.http().Get("/page", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(200'000, 'p'), "application/octet-stream");
    });
    server.start();
    std::vector<std::uint64_t> seen;
    std::uint64_t expected = 0;
    FetchResult r =
        fetcher.fetch(get(server.url("/page")), local_policy(), token, [&](const FetchProgress& p) {
            seen.push_back(p.bytes_received);
            expected = p.bytes_expected;
        });
    ASSERT_TRUE(r.ok()) << kind_of(r);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.back(), 200'000u);
    EXPECT_EQ(expected, 200'000u);  // from Content-Length
}

TEST_F(FetcherTest, RateLimitSpacesRequestsToAHost) {
    server.start();
    FetchPolicy p = local_policy();
    p.requests_per_minute = 600;  // one per 100 ms
    auto t0 = Clock::now();
    for (int i = 0; i < 3; ++i) {
        FetchResult r = fetcher.fetch(get(server.url("/ok")), p, token);
        ASSERT_TRUE(r.ok()) << kind_of(r);
    }
    EXPECT_GE(ms_since(t0), 200);
    EXPECT_EQ(server.hits("/ok"), 3);
}

// A plugin's rate limit holds per (plugin, host): one platform's sources on one host share it,
// while ten feeds of one generic plugin on ten hosts (feed1.example ... feed10.example, each
// routed to the test server by connect_to) do not queue behind each other.
TEST_F(FetcherTest, RateLimitOfAKeyIsPerHost) {
    server.start();
    FetchPolicy p = local_policy();
    p.rate_key = "rss";
    p.requests_per_minute = 6;  // one per 10 s at each host
    std::string port = std::to_string(server.port());
    auto url_on = [&](int n) {
        return "http://feed" + std::to_string(n) + ".example:" + port + "/ok";
    };
    for (int n = 1; n <= 10; ++n) {
        std::string host = "feed" + std::to_string(n) + ".example";
        p.allowed_hosts.push_back(host);
        p.connect_to.push_back(host + ":" + port + ":127.0.0.1:" + port);
    }
    auto t0 = Clock::now();
    for (int n = 1; n <= 10; ++n) {
        FetchResult r = fetcher.fetch(get(url_on(n)), p, token);
        ASSERT_TRUE(r.ok()) << url_on(n) << ": " << kind_of(r);
    }
    // Per plugin alone, the ten would take 90 s; per host none waits. Generous: only a hang or
    // a shared budget reaches it.
    EXPECT_LT(ms_since(t0), 8'000);
    EXPECT_EQ(server.hits("/ok"), 10);

    // The same plugin at the same host again: its budget there is spent, so it waits — and
    // the wait gives way to a cancel.
    CancelToken cancel_soon;
    auto canceller = std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(300ms);
        cancel_soon.cancel();
    });
    auto t1 = Clock::now();
    FetchResult again = fetcher.fetch(get(url_on(1)), p, cancel_soon);
    EXPECT_FALSE(again.ok());
    EXPECT_GE(ms_since(t1), 250);
    canceller.get();
    EXPECT_EQ(server.hits("/ok"), 10);
}

TEST_F(FetcherTest, ConcurrentFetchesFromEightThreads) {
    server.http().Get(R"(/item/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
        std::this_thread::sleep_for(20ms);
        res.set_content("item " + std::string(req.matches[1]), "text/plain");
    });
    server.start();
    fetcher.set_max_connections_per_host(8);
    std::vector<std::thread> threads;
    std::atomic<int> delivered{0};
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                int n = t * 100 + i;
                FetchResult r = fetcher.fetch(get(server.url("/item/" + std::to_string(n))),
                                              local_policy(), token);
                if (r.ok() && r.value().body == "item " + std::to_string(n)) {
                    ++delivered;
                } else {
                    ADD_FAILURE() << kind_of(r);
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(delivered, 40);
}

TEST_F(FetcherTest, PerHostCapLimitsRequestsInFlight) {
    std::atomic<int> in_flight{0};
    std::atomic<int> peak{0};
    server.http().Get("/busy", [&](const httplib::Request&, httplib::Response& res) {
        int now = ++in_flight;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(100ms);
        --in_flight;
        res.set_content("done", "text/plain");
    });
    server.start();
    fetcher.set_max_connections_per_host(2);
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&] {
            FetchResult r = fetcher.fetch(get(server.url("/busy")), local_policy(), token);
            EXPECT_TRUE(r.ok()) << kind_of(r);
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_LE(peak, 2);
    EXPECT_GE(peak, 1);
    EXPECT_EQ(server.hits("/busy"), 6);
}

TEST_F(FetcherTest, UnresolvableHostIsADnsErrorAndIsNotRetried) {
    FetchPolicy p = local_policy();
    p.allowed_hosts = {"*.invalid"};
    p.max_attempts = 3;
    p.backoff_initial_ms = 5'000;
    p.backoff_max_ms = 5'000;
    auto t0 = Clock::now();
    FetchResult r = fetcher.fetch(get("http://no-such-host.invalid/"), p, token);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, FetchErrorKind::Dns) << r.error().message;
    EXPECT_TRUE(contains(r.error().message, "no-such-host.invalid")) << r.error().message;
    EXPECT_EQ(r.error().attempts, 1);
    EXPECT_LT(ms_since(t0), 2'500);
}

}  // namespace
}  // namespace gigscout::fetch
