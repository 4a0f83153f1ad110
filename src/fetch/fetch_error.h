// Why a fetch failed, typed so the pipeline can decide (retry later, tell the user, disable a
// source), with a message a person can act on.
#pragma once

#include <cassert>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/result.h"
#include "fetch/http_message.h"

namespace gigscout::fetch {

enum class FetchErrorKind {
    InvalidRequest,    // bad URL, method, header or body: the plugin's mistake
    Dns,               // the host name did not resolve
    Connect,           // no TCP connection (refused, connect timeout)
    NoNetwork,         // this machine has no route to the host ("Network is unreachable")
    Tls,               // handshake or certificate verification failed
    Timeout,           // FetchPolicy::total_timeout_ms passed
    LowSpeed,          // fewer than low_speed_limit_bytes per second for low_speed_time_ms
    ConnectionLost,    // reset or closed mid-response, or shorter than Content-Length
    HttpStatus,        // a status other than 2xx (or 304 with a cached copy)
    TooLarge,          // body, decoded body or headers over their cap
    Blocked,           // scheme, host or connected address not allowed by the policy
    TooManyRedirects,  // more than FetchPolicy::max_redirects
    Cancelled,         // the CancelToken fired
    Protocol,          // a malformed response, bad redirect, or another transfer failure
};

// "dns", "too-large", ... (stable names for logs and the CLI).
std::string_view to_string(FetchErrorKind kind);

struct FetchError {
    FetchErrorKind kind = FetchErrorKind::Protocol;
    // Names the URL (secrets in the query redacted) and what went wrong, e.g.
    // "GET https://api.example.com/jobs: server answered HTTP 503: <body snippet>".
    std::string message;
    int http_status = 0;  // HttpStatus only
    // From the server's Retry-After (HttpStatus 429/503), also when it asked for longer than
    // FetchPolicy::retry_after_max_ms so the caller can schedule the next refresh.
    std::optional<std::chrono::milliseconds> retry_after;
    int attempts = 0;  // HTTP requests made before giving up

    Error to_error() const { return Error{message}; }
};

// An HttpResponse or a FetchError (Result<T> carries only a message; the pipeline needs the
// kind, the status and Retry-After).
class [[nodiscard]] FetchResult {
  public:
    FetchResult(HttpResponse response) : state_(std::move(response)) {}
    FetchResult(FetchError error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    HttpResponse& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    const HttpResponse& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    HttpResponse&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    const FetchError& error() const {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<HttpResponse, FetchError> state_;
};

}  // namespace gigscout::fetch
