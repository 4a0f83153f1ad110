// Politeness: requests to one key (a host or a source) are spaced at least 60 s / rpm apart.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "fetch/cancel_token.h"

namespace gigscout::fetch {

// Minimum spacing rather than a bursty token bucket: job boards see an even trickle, which
// is what their rate limits are written for. Thread-safe; one per Fetcher.
class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    // Waits for this request's slot; false when cancelled first (the slot is then given up
    // if no later request has queued behind it). rpm <= 0: no limit, returns at once.
    bool acquire(const std::string& key, double requests_per_minute, const CancelToken& cancel);

    // Books the next slot for `key` at or after `now` and returns it (acquire() then sleeps
    // until it). Exposed for tests.
    Clock::time_point reserve(const std::string& key, double requests_per_minute,
                              Clock::time_point now);

  private:
    void release(const std::string& key, Clock::time_point slot, double requests_per_minute);

    std::mutex mutex_;
    std::map<std::string, Clock::time_point> next_free_;
};

}  // namespace gigscout::fetch
