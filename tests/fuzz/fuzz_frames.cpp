// A hostile worker's side of the wire: the input is what the host reads from the worker's end
// of the pipe. The host reads a frame under its caps, parses the header as the reply, reads the
// requests a `build_requests` reply carries and the listings a `parse` reply carries.
#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include "base/json_reader.h"
#include "model/listing_json.h"
#include "plugin_host/frame_io.h"
#include "plugin_host/plugin_request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace frame = gigscout::frame;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        std::perror("fuzz: pipe");
        std::abort();
    }
    // A pipe holds 64 KiB: the input is written whole, then the end closed, so the reader sees
    // every byte and then end of file (a short frame must read as Closed, never hang).
    std::size_t n = std::min<std::size_t>(size, 60000);
    if (n > 0 && write(fds[1], data, n) != static_cast<ssize_t>(n)) {
        std::perror("fuzz: write");
        std::abort();
    }
    close(fds[1]);
    frame::Frame in;
    auto status = frame::read_frame(fds[0], in, {16u << 10, 32u << 10},
                                    frame::Clock::now() + std::chrono::seconds(5));
    close(fds[0]);
    if (status != frame::IoStatus::Ok) {
        return 0;
    }
    auto header = gigscout::json::parse(in.header, "worker reply");
    if (header && header.value().IsObject()) {
        const auto& doc = header.value();
        auto requests = doc.FindMember("requests");
        if (requests != doc.MemberEnd() && requests->value.IsArray()) {
            for (const auto& request : requests->value.GetArray()) {
                (void)gigscout::request_from_json(request);
            }
        }
    }
    (void)gigscout::parse_listings(in.payload, "worker reply", 1764806400);
    return 0;
}
