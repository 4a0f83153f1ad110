// A real HTTP(S) server on 127.0.0.1 with an ephemeral port, for end-to-end tests of the
// fetcher and of anything built on it (refresh pipeline, CLI). Wraps cpp-httplib.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <httplib.h>

namespace gigscout::testing {

struct TlsIdentity {
    std::filesystem::path cert;  // PEM certificate (chain)
    std::filesystem::path key;   // PEM private key
};

class TestHttpServer {
  public:
    struct Options {
        std::string host = "127.0.0.1";  // any 127.x.y.z works on Linux
        int threads = 16;                // concurrent connections served
        std::optional<TlsIdentity> tls;  // set: HTTPS
    };

    TestHttpServer();
    explicit TestHttpServer(Options options);
    ~TestHttpServer();
    TestHttpServer(const TestHttpServer&) = delete;
    TestHttpServer& operator=(const TestHttpServer&) = delete;

    // Register handlers here before start(). Note: cpp-httplib compresses (brotli or gzip,
    // whatever the client accepts) bodies typed text/*, exactly "application/json", XML or
    // JavaScript, and ignores a Content-Encoding already set; to send bytes as they are use
    // another type, e.g. "application/json; charset=utf-8" or "application/octet-stream".
    httplib::Server& http() { return *server_; }

    // Binds an ephemeral port and serves on a background thread; throws std::runtime_error
    // when it cannot bind.
    void start();
    // Also done by the destructor. Handlers that wait should use sleep_for() so they end.
    void stop();

    int port() const { return port_; }
    const std::string& host() const { return options_.host; }
    // "http://127.0.0.1:PORT/path" (https when serving TLS).
    std::string url(std::string_view path) const;

    // For slow handlers: sleeps `d` in small steps; false as soon as the server is stopping.
    bool sleep_for(std::chrono::milliseconds d) const;
    bool stopping() const { return stopping_.load(); }

    // Requests seen for `path` (counted before routing, so 404s count too).
    int hits(const std::string& path) const;

  private:
    Options options_;
    std::unique_ptr<httplib::Server> server_;
    std::function<int()> listening_socket_;
    std::thread thread_;
    int port_ = -1;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::map<std::string, int> hits_;
};

}  // namespace gigscout::testing
