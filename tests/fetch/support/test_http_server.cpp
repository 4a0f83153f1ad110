#include "fetch/support/test_http_server.h"

#include <sys/socket.h>

#include <csignal>
#include <stdexcept>

namespace gigscout::testing {

TestHttpServer::TestHttpServer() : TestHttpServer(Options{}) {}

namespace {

// cpp-httplib 0.11 listens with a backlog of 5: a burst of concurrent clients then waits for
// a SYN retransmit (1 s). This exposes the listening socket so start() can raise it.
template <class Base>
class OpenServer : public Base {
  public:
    using Base::Base;
    int listening_socket() const { return this->svr_sock_; }
};

}  // namespace

TestHttpServer::TestHttpServer(Options options) : options_(std::move(options)) {
    // A client that hangs up mid-body (the point of several tests) must not kill the test
    // process through a write on the server's TLS socket.
    std::signal(SIGPIPE, SIG_IGN);
    if (options_.tls) {
        auto tls = std::make_unique<OpenServer<httplib::SSLServer>>(options_.tls->cert.c_str(),
                                                                    options_.tls->key.c_str());
        listening_socket_ = [s = tls.get()] { return s->listening_socket(); };
        // An idle TLS keep-alive connection holds stop() for the whole keep-alive timeout.
        tls->set_keep_alive_max_count(1);
        server_ = std::move(tls);
    } else {
        auto plain = std::make_unique<OpenServer<httplib::Server>>();
        listening_socket_ = [s = plain.get()] { return s->listening_socket(); };
        server_ = std::move(plain);
    }
    if (!server_->is_valid()) {
        throw std::runtime_error("test server: cannot load the TLS certificate or key");
    }
    int threads = options_.threads;
    server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle holds the body
    // until the client's delayed ACK (40 ms), a latency no real server adds.
    server_->set_tcp_nodelay(true);
    server_->set_keep_alive_timeout(2);
    server_->set_read_timeout(5, 0);
    server_->set_write_timeout(5, 0);
    server_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
        std::lock_guard lock(mutex_);
        ++hits_[req.path];
        return httplib::Server::HandlerResponse::Unhandled;
    });
}

TestHttpServer::~TestHttpServer() {
    stop();
}

void TestHttpServer::start() {
    port_ = server_->bind_to_any_port(options_.host);
    if (port_ <= 0) {
        throw std::runtime_error("test server: cannot bind " + options_.host);
    }
    ::listen(listening_socket_(), 512);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    for (int i = 0; i < 5000 && !server_->is_running(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!server_->is_running()) {
        throw std::runtime_error("test server: did not start");
    }
}

void TestHttpServer::stop() {
    stopping_ = true;
    if (thread_.joinable()) {
        server_->stop();
        thread_.join();
    }
}

std::string TestHttpServer::url(std::string_view path) const {
    return std::string(options_.tls ? "https://" : "http://") + options_.host + ":" +
           std::to_string(port_) + std::string(path);
}

bool TestHttpServer::sleep_for(std::chrono::milliseconds d) const {
    auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
        if (stopping_) {
            return false;
        }
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(10), until - std::chrono::steady_clock::now()));
    }
    return !stopping_;
}

int TestHttpServer::hits(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = hits_.find(path);
    return it == hits_.end() ? 0 : it->second;
}

}  // namespace gigscout::testing
