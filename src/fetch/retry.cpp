#include "fetch/retry.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace gigscout::fetch {

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
        value.remove_suffix(1);
    }
    if (value.empty()) {
        return std::nullopt;
    }
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // Saturate absurd values instead of overflowing; the caller caps them anyway.
        if (value.size() > 9) {
            return std::chrono::milliseconds(std::int64_t{999'999'999} * 1000);
        }
        return std::chrono::milliseconds(std::stoll(std::string(value)) * 1000);
    }
    // libcurl's date parser knows the three HTTP-date forms (RFC 9110 section 5.6.7).
    std::string text(value);
    time_t when = curl_getdate(text.c_str(), nullptr);
    if (when == -1) {
        return std::nullopt;
    }
    auto delta = std::chrono::system_clock::from_time_t(when) - now;
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(delta));
}

bool is_retryable(const FetchError& error, HttpMethod method) {
    switch (error.kind) {
        // A name that does not resolve, or no route from this machine, is what being offline
        // looks like; retrying seconds later at the platform's politeness pace only made an
        // offline `fetch` take minutes. The next refresh tries again.
        case FetchErrorKind::Dns:
        case FetchErrorKind::NoNetwork:
            return false;
        case FetchErrorKind::Connect:
            return true;
        case FetchErrorKind::Timeout:
        case FetchErrorKind::LowSpeed:
        case FetchErrorKind::ConnectionLost:
            return method != HttpMethod::Post;
        case FetchErrorKind::HttpStatus:
            if (error.http_status == 429 || error.http_status == 503) {
                return true;
            }
            return error.http_status >= 500 && error.http_status <= 599 &&
                   method != HttpMethod::Post;
        default:
            return false;
    }
}

std::chrono::milliseconds backoff_delay(const FetchPolicy& policy, int attempt, double random01) {
    double d = static_cast<double>(std::max(0L, policy.backoff_initial_ms)) *
               std::pow(std::max(1.0, policy.backoff_multiplier), std::max(0, attempt - 1));
    d = std::min(d, static_cast<double>(std::max(0L, policy.backoff_max_ms)));
    double jittered = d / 2 + d / 2 * std::clamp(random01, 0.0, 1.0);
    return std::chrono::milliseconds(static_cast<std::int64_t>(jittered));
}

}  // namespace gigscout::fetch
