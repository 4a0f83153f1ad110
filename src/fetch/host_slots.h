// A counting semaphore per host: at most N requests in flight to one host, whatever the
// number of worker threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "fetch/cancel_token.h"

namespace gigscout::fetch {

class HostSlots {
  public:
    explicit HostSlots(std::size_t per_host);

    // Changing the limit applies to later acquisitions; leases already held stay valid.
    void set_limit(std::size_t per_host);
    std::size_t limit() const;

    // Returns the slot on destruction.
    class Lease {
      public:
        Lease() = default;
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease();
        explicit operator bool() const { return owner_ != nullptr; }

      private:
        friend class HostSlots;
        Lease(HostSlots* owner, std::string host) : owner_(owner), host_(std::move(host)) {}
        void reset();
        HostSlots* owner_ = nullptr;
        std::string host_;
    };

    // Waits for a free slot; an empty lease when `cancel` fires first (noticed within 50 ms).
    Lease acquire(const std::string& host, const CancelToken& cancel);

    std::size_t in_use(const std::string& host) const;

  private:
    void release(const std::string& host);

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::size_t per_host_;
    std::map<std::string, std::size_t> in_use_;
};

}  // namespace gigscout::fetch
