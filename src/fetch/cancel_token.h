// A flag one thread raises and others notice within a fraction of a second, including while
// they sleep (backoff, rate limiting).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gigscout::fetch {

// Shared by reference between the thread that cancels (GUI, CLI on Ctrl-C) and the workers;
// it must outlive every call it was passed to. Cancelling is permanent.
class CancelToken {
  public:
    CancelToken() = default;
    CancelToken(const CancelToken&) = delete;
    CancelToken& operator=(const CancelToken&) = delete;

    void cancel();
    bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

    // Sleeps until `deadline` or cancellation; true when the deadline came (not cancelled).
    bool wait_until(std::chrono::steady_clock::time_point deadline) const;
    bool wait_for(std::chrono::milliseconds duration) const;

  private:
    std::atomic<bool> cancelled_{false};
    mutable std::mutex mutex_;
    mutable std::condition_variable cv_;
};

}  // namespace gigscout::fetch
