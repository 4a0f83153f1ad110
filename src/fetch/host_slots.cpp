#include "fetch/host_slots.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <utility>

namespace gigscout::fetch {

HostSlots::HostSlots(std::size_t per_host) : per_host_(std::max<std::size_t>(per_host, 1)) {}

void HostSlots::set_limit(std::size_t per_host) {
    {
        std::lock_guard lock(mutex_);
        per_host_ = std::max<std::size_t>(per_host, 1);
    }
    cv_.notify_all();
}

std::size_t HostSlots::limit() const {
    std::lock_guard lock(mutex_);
    return per_host_;
}

HostSlots::Lease HostSlots::acquire(const std::string& host, const CancelToken& cancel) {
    std::unique_lock lock(mutex_);
    // The token has its own condition variable, so poll it in short steps instead of
    // coupling the two; 50 ms is far below the 1 s cancellation promise.
    while (in_use_[host] >= per_host_) {
        if (cancel.cancelled()) {
            return {};
        }
        cv_.wait_for(lock, std::chrono::milliseconds(50));
    }
    if (cancel.cancelled()) {
        return {};
    }
    ++in_use_[host];
    return Lease(this, host);
}

std::size_t HostSlots::in_use(const std::string& host) const {
    std::lock_guard lock(mutex_);
    auto it = in_use_.find(host);
    return it == in_use_.end() ? 0 : it->second;
}

void HostSlots::release(const std::string& host) {
    {
        std::lock_guard lock(mutex_);
        auto it = in_use_.find(host);
        assert(it != in_use_.end() && it->second > 0);
        if (--it->second == 0) {
            in_use_.erase(it);
        }
    }
    cv_.notify_all();
}

HostSlots::Lease::Lease(Lease&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), host_(std::move(other.host_)) {}

HostSlots::Lease& HostSlots::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        reset();
        owner_ = std::exchange(other.owner_, nullptr);
        host_ = std::move(other.host_);
    }
    return *this;
}

HostSlots::Lease::~Lease() {
    reset();
}

void HostSlots::Lease::reset() {
    if (owner_ != nullptr) {
        std::exchange(owner_, nullptr)->release(host_);
    }
}

}  // namespace gigscout::fetch
