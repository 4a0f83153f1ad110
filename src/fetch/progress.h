// Progress of one fetch, for per-source progress in the CLI and the app.
#pragma once

#include <cstdint>
#include <functional>

namespace gigscout::fetch {

struct FetchProgress {
    std::uint64_t bytes_received = 0;  // body bytes of the current HTTP request, as received
    std::uint64_t bytes_expected = 0;  // from Content-Length; 0 when unknown
};

// Called on the fetching thread, only when bytes_received changed; keep it cheap.
using ProgressFn = std::function<void(const FetchProgress&)>;

}  // namespace gigscout::fetch
