#include "fetch/rate_limiter.h"

#include <algorithm>

namespace gigscout::fetch {
namespace {

RateLimiter::Clock::duration spacing(double requests_per_minute) {
    return std::chrono::duration_cast<RateLimiter::Clock::duration>(
        std::chrono::duration<double>(60.0 / requests_per_minute));
}

}  // namespace

RateLimiter::Clock::time_point RateLimiter::reserve(const std::string& key,
                                                    double requests_per_minute,
                                                    Clock::time_point now) {
    if (requests_per_minute <= 0) {
        return now;
    }
    std::lock_guard lock(mutex_);
    auto [it, inserted] = next_free_.try_emplace(key, now);
    Clock::time_point slot = std::max(now, it->second);
    it->second = slot + spacing(requests_per_minute);
    return slot;
}

void RateLimiter::release(const std::string& key, Clock::time_point slot,
                          double requests_per_minute) {
    std::lock_guard lock(mutex_);
    auto it = next_free_.find(key);
    if (it != next_free_.end() && it->second == slot + spacing(requests_per_minute)) {
        it->second = slot;
    }
}

bool RateLimiter::acquire(const std::string& key, double requests_per_minute,
                          const CancelToken& cancel) {
    if (cancel.cancelled()) {
        return false;
    }
    Clock::time_point slot = reserve(key, requests_per_minute, Clock::now());
    if (cancel.wait_until(slot)) {
        return true;
    }
    release(key, slot, requests_per_minute);
    return false;
}

}  // namespace gigscout::fetch
