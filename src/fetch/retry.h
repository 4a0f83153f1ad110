// When to try a request again and how long to wait first.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "fetch/fetch_error.h"
#include "fetch/fetch_policy.h"
#include "fetch/http_message.h"

namespace gigscout::fetch {

// A Retry-After value: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00
// GMT", relative to `now`, never negative). nullopt when neither.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

// Transient failures: timeouts, connection failures and losses, 429 and 5xx. A POST is only
// retried when the server certainly did not act on it (no connection, 429, 503). DNS failures
// and an unreachable network are not retried: seconds later they are still there.
bool is_retryable(const FetchError& error, HttpMethod method);

// The wait before try number `attempt` + 1 (attempt counts from 1): backoff_initial_ms *
// multiplier^(attempt-1), capped at backoff_max_ms, then drawn from [d/2, d] with `random01`
// in [0, 1) so concurrent sources don't retry in lockstep.
std::chrono::milliseconds backoff_delay(const FetchPolicy& policy, int attempt, double random01);

}  // namespace gigscout::fetch
