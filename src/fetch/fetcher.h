// The HTTP engine of the refresh pipeline: one synchronous, thread-safe call per page that
// applies a source's FetchPolicy (allowed hosts and addresses, caps, timeouts, retries,
// politeness, conditional requests) and returns the response or a typed error.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "fetch/cancel_token.h"
#include "fetch/fetch_error.h"
#include "fetch/fetch_policy.h"
#include "fetch/host_slots.h"
#include "fetch/http_cache.h"
#include "fetch/http_message.h"
#include "fetch/progress.h"
#include "fetch/rate_limiter.h"

namespace gigscout::fetch {

namespace detail {
class CurlSession;
}

// "GigScout/0.1.0 (+https://github.com/gigscout)"
std::string default_user_agent();

struct FetcherOptions {
    // Requests in flight to one host at a time, across all threads.
    std::size_t max_connections_per_host = 4;
    // Conditional-request cache (the app passes Paths::http_cache_dir()); empty: no cache.
    std::filesystem::path http_cache_dir;
    std::string user_agent = default_user_agent();
    // libcurl handles (with their idle connections) kept for reuse between fetches.
    std::size_t max_idle_handles = 16;
};

// Concurrency comes from the caller: the pipeline runs one worker thread per source, each
// calling fetch() for its pages in turn; the Fetcher is shared by all of them. It must
// outlive every call in progress.
class Fetcher {
  public:
    explicit Fetcher(FetcherOptions options = {});
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    // Follows up to policy.max_redirects redirects (each checked against the policy), retries
    // transient failures, waits for the rate limiter and the per-host cap, and answers 304s
    // from the cache. Returns within about 100 ms of `cancel` firing. `progress` (optional)
    // is called on this thread.
    FetchResult fetch(const HttpRequest& request, const FetchPolicy& policy,
                      const CancelToken& cancel, const ProgressFn& progress = {});

    void set_max_connections_per_host(std::size_t n) { slots_.set_limit(n); }
    std::size_t max_connections_per_host() const { return slots_.limit(); }

    RateLimiter& rate_limiter() { return rate_limiter_; }
    // nullopt when constructed without a cache directory.
    const std::optional<HttpCache>& cache() const { return cache_; }

  private:
    struct Hop;
    struct HopResult;
    HopResult request_with_retries(const Hop& hop, const FetchPolicy& policy,
                                   const CancelToken& cancel, const ProgressFn& progress);

    FetcherOptions options_;
    std::unique_ptr<detail::CurlSession> session_;
    HostSlots slots_;
    RateLimiter rate_limiter_;
    std::optional<HttpCache> cache_;
};

}  // namespace gigscout::fetch
