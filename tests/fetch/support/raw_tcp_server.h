// A bare TCP server on 127.0.0.1 for responses no HTTP library will send: a Content-Length
// that lies, a connection reset mid-body, status 999, malformed headers.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace gigscout::testing {

class RawTcpServer {
  public:
    // Called on a thread of its own per connection with the socket and the request head
    // (up to the blank line); the socket is closed after it returns.
    using Handler = std::function<void(int fd, const std::string& request_head)>;

    explicit RawTcpServer(Handler handler);  // listening when constructed; throws on failure
    ~RawTcpServer();
    RawTcpServer(const RawTcpServer&) = delete;
    RawTcpServer& operator=(const RawTcpServer&) = delete;

    int port() const { return port_; }
    std::string url(std::string_view path) const;  // "http://127.0.0.1:PORT/path"
    int connections() const { return connections_.load(); }

    static bool send_all(int fd, std::string_view data);
    // Sets SO_LINGER 0, so the close after the handler returns sends a reset (the client sees
    // "connection reset by peer"), not an orderly end.
    static void reset(int fd);

  private:
    void accept_loop();

    Handler handler_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    std::thread acceptor_;
    std::mutex mutex_;
    std::vector<std::thread> workers_;
};

}  // namespace gigscout::testing
