// One HTTP request/response over libcurl with every safety option set (internal to the
// fetcher: redirects, retries, politeness and the cache are the Fetcher's job).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fetch/cancel_token.h"
#include "fetch/fetch_error.h"
#include "fetch/fetch_policy.h"
#include "fetch/http_message.h"
#include "fetch/progress.h"

namespace gigscout::fetch::detail {

struct ExchangeSpec {
    HttpMethod method = HttpMethod::Get;
    std::string url;      // already checked against the policy's scheme and host rules
    HttpHeaders headers;  // validated caller headers plus the fetcher's own
    std::string body;
    std::optional<std::string> proxy;  // nullopt: direct
    // Refuse non-public connected addresses (unless the policy allows them); off through a
    // proxy or a connect_to route.
    bool check_addresses = true;
    std::string user_agent;
};

// The response of one request, whatever its status (redirects and errors included).
struct Exchange {
    int status = 0;
    HttpHeaders headers;
    std::string body;
};

struct ExchangeOutcome {
    std::optional<Exchange> exchange;  // set on success
    FetchError error;                  // meaningful when exchange is empty
};

// Owns a pool of libcurl handles (each an easy handle with its own multi handle, so idle
// connections stay alive between fetches) and a shared DNS cache. Thread-safe: each call
// takes a handle of its own from the pool.
class CurlSession {
  public:
    explicit CurlSession(std::size_t max_idle_handles);
    ~CurlSession();
    CurlSession(const CurlSession&) = delete;
    CurlSession& operator=(const CurlSession&) = delete;

    ExchangeOutcome exchange(const ExchangeSpec& spec, const FetchPolicy& policy,
                             const CancelToken& cancel, const ProgressFn& progress);

  private:
    struct Handle;
    struct Share;

    std::unique_ptr<Handle> take();
    void give_back(std::unique_ptr<Handle> handle);

    std::unique_ptr<Share> share_;
    std::size_t max_idle_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Handle>> idle_;
};

}  // namespace gigscout::fetch::detail
