// The host <-> worker wire format: each message is one frame,
//   u32 little-endian header length, header (JSON text), u32 little-endian payload length,
//   payload (raw bytes: a response body going in, the listings JSON coming back).
// Bodies travel as raw bytes so they need neither escaping nor valid UTF-8.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace gigscout::frame {

using Clock = std::chrono::steady_clock;

struct Frame {
    std::string header;
    std::string payload;
};

enum class IoStatus {
    Ok,
    Timeout,   // the deadline passed
    Closed,    // the other end closed (or died)
    TooLarge,  // a length above the caller's cap
    Failed,    // an unexpected system error
};

struct Caps {
    std::size_t header_bytes;
    std::size_t payload_bytes;
};

// Both work on blocking and non-blocking descriptors (they poll first), retry on EINTR and
// never raise SIGPIPE on sockets. Clock::time_point::max() means no deadline.
IoStatus write_frame(int fd, std::string_view header, std::string_view payload,
                     Clock::time_point deadline);
IoStatus read_frame(int fd, Frame& out, const Caps& caps, Clock::time_point deadline);

}  // namespace gigscout::frame
