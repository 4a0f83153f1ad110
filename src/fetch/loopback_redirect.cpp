#include "fetch/loopback_redirect.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fetch/oauth2_client.h"

namespace gigscout::fetch {
namespace {

constexpr std::size_t kMaxRequestBytes = 16 * 1024;

void send_all(int fd, const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
        const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(n);
    }
}

void answer(int fd, int status, const std::string& text) {
    send_all(fd, "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Not Found") +
                     "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                     std::to_string(text.size()) + "\r\nConnection: close\r\n\r\n" + text);
}

// The request head of one connection, read within `deadline`; empty when it never came.
std::string read_head(int fd, std::chrono::steady_clock::time_point deadline) {
    std::string head;
    char buffer[2048];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < kMaxRequestBytes) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return {};
        }
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000))) <= 0) {
            continue;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            break;
        }
        head.append(buffer, static_cast<std::size_t>(n));
    }
    return head;
}

}  // namespace

Result<LoopbackRedirect> LoopbackRedirect::listen(int port) {
    if (port < 0 || port > 65535) {
        return Error{"redirect port " + std::to_string(port) + ": expected 1 to 65535", true};
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return Error{std::string("cannot open a socket: ") + std::strerror(errno)};
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 8) != 0) {
        const int e = errno;
        ::close(fd);
        return Error{"cannot listen on 127.0.0.1:" + std::to_string(port) + " (" +
                     std::strerror(e) +
                     "): choose another port with --port (and register that redirect URI), or "
                     "paste the address the browser shows with --code"};
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    return LoopbackRedirect(fd, ntohs(addr.sin_port));
}

LoopbackRedirect::LoopbackRedirect(LoopbackRedirect&& other) noexcept
    : fd_(other.fd_), port_(other.port_) {
    other.fd_ = -1;
}

LoopbackRedirect& LoopbackRedirect::operator=(LoopbackRedirect&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = other.fd_;
        port_ = other.port_;
        other.fd_ = -1;
    }
    return *this;
}

LoopbackRedirect::~LoopbackRedirect() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

std::string LoopbackRedirect::redirect_uri() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/callback";
}

Result<std::map<std::string, std::string>> LoopbackRedirect::wait(std::chrono::milliseconds timeout,
                                                                  const CancelToken& cancel) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (cancel.cancelled()) {
            return Error{"cancelled"};
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return Error{"no sign-in reached " + redirect_uri() + " within " +
                         std::to_string(timeout.count() / 1000) +
                         " s; run the command again, or paste the address the browser shows "
                         "with --code"};
        }
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 200))) <= 0) {
            continue;
        }
        const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            continue;
        }
        const auto head = read_head(
            client, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(5)));
        // "GET /callback?code=…&state=… HTTP/1.1"
        const auto line_end = head.find("\r\n");
        const std::string line = head.substr(0, line_end);
        const std::string prefix = "GET /callback";
        if (line.rfind(prefix, 0) != 0 ||
            (line.size() > prefix.size() && line[prefix.size()] != '?' &&
             line[prefix.size()] != ' ')) {
            answer(client, 404, "not found");
            ::close(client);
            continue;
        }
        std::string target = line.substr(4, line.rfind(' ') - 4);
        const auto q = target.find('?');
        auto params = parse_query(q == std::string::npos ? std::string_view()
                                                         : std::string_view(target).substr(q + 1));
        answer(client, 200,
               params.count("code") != 0
                   ? "GigScout received the sign-in. You can close this tab and go back to "
                     "GigScout.\n"
                   : "The sign-in did not give GigScout a code. Go back to GigScout to see "
                     "why.\n");
        ::close(client);
        return params;
    }
}

}  // namespace gigscout::fetch
