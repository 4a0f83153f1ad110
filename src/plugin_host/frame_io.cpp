#include "plugin_host/frame_io.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

namespace gigscout::frame {
namespace {

// Waits for `events` on fd; Ok when ready (or hung up: the read/write reports it).
IoStatus wait_for(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        int timeout_ms = -1;
        if (deadline != Clock::time_point::max()) {
            auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) {
                return IoStatus::Timeout;
            }
            timeout_ms = static_cast<int>(std::min<std::int64_t>(left.count(), 60'000));
        }
        pollfd p{fd, events, 0};
        int n = ::poll(&p, 1, timeout_ms);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return IoStatus::Failed;
        }
        if (n > 0) {
            return IoStatus::Ok;
        }
    }
}

IoStatus write_all(int fd, const char* data, std::size_t size, Clock::time_point deadline) {
    bool is_socket = true;
    while (size > 0) {
        if (IoStatus s = wait_for(fd, POLLOUT, deadline); s != IoStatus::Ok) {
            return s;
        }
        ssize_t n = is_socket ? ::send(fd, data, size, MSG_NOSIGNAL) : ::write(fd, data, size);
        if (n < 0 && errno == ENOTSOCK) {
            is_socket = false;  // a pipe (someone driving the worker by hand)
            continue;
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
                continue;
            }
            return errno == EPIPE || errno == ECONNRESET ? IoStatus::Closed : IoStatus::Failed;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return IoStatus::Ok;
}

IoStatus read_all(int fd, char* data, std::size_t size, Clock::time_point deadline) {
    while (size > 0) {
        if (IoStatus s = wait_for(fd, POLLIN, deadline); s != IoStatus::Ok) {
            return s;
        }
        ssize_t n = ::read(fd, data, size);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
                continue;
            }
            return errno == ECONNRESET ? IoStatus::Closed : IoStatus::Failed;
        }
        if (n == 0) {
            return IoStatus::Closed;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return IoStatus::Ok;
}

void put_u32(char* out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    }
}

std::uint32_t get_u32(const char* in) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << (8 * i);
    }
    return v;
}

IoStatus read_part(int fd, std::string& out, std::size_t cap, Clock::time_point deadline) {
    char len[4];
    if (IoStatus s = read_all(fd, len, 4, deadline); s != IoStatus::Ok) {
        return s;
    }
    std::uint32_t n = get_u32(len);
    if (n > cap) {
        return IoStatus::TooLarge;
    }
    out.resize(n);
    return read_all(fd, out.data(), n, deadline);
}

}  // namespace

IoStatus write_frame(int fd, std::string_view header, std::string_view payload,
                     Clock::time_point deadline) {
    if (header.size() > UINT32_MAX || payload.size() > UINT32_MAX) {
        return IoStatus::TooLarge;
    }
    char len[4];
    put_u32(len, static_cast<std::uint32_t>(header.size()));
    IoStatus s = write_all(fd, len, 4, deadline);
    if (s == IoStatus::Ok)
        s = write_all(fd, header.data(), header.size(), deadline);
    put_u32(len, static_cast<std::uint32_t>(payload.size()));
    if (s == IoStatus::Ok)
        s = write_all(fd, len, 4, deadline);
    if (s == IoStatus::Ok)
        s = write_all(fd, payload.data(), payload.size(), deadline);
    return s;
}

IoStatus read_frame(int fd, Frame& out, const Caps& caps, Clock::time_point deadline) {
    IoStatus s = read_part(fd, out.header, caps.header_bytes, deadline);
    if (s == IoStatus::Ok) {
        s = read_part(fd, out.payload, caps.payload_bytes, deadline);
    }
    return s;
}

}  // namespace gigscout::frame
