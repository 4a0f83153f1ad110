#include "fetch/cancel_token.h"

namespace gigscout::fetch {

void CancelToken::cancel() {
    {
        // Under the lock so a waiter between its check and its wait cannot miss the notify.
        std::lock_guard lock(mutex_);
        cancelled_.store(true, std::memory_order_release);
    }
    cv_.notify_all();
}

bool CancelToken::wait_until(std::chrono::steady_clock::time_point deadline) const {
    std::unique_lock lock(mutex_);
    return !cv_.wait_until(lock, deadline, [this] { return cancelled(); });
}

bool CancelToken::wait_for(std::chrono::milliseconds duration) const {
    return wait_until(std::chrono::steady_clock::now() + duration);
}

}  // namespace gigscout::fetch
