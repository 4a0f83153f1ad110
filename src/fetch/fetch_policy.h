// Everything a source may tune about how its requests are made. Defaults are the production
// values; tests and benchmarks shrink the times (all in milliseconds) so they finish in seconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace gigscout::fetch {

struct FetchPolicy {
    // --- where requests may go -----------------------------------------------------------
    // Hosts this source may reach, on the first request and on every redirect: "example.com"
    // (exactly that host), "*.example.com" (any subdomain, not example.com itself) or "*"
    // (any host). Empty refuses every request.
    std::vector<std::string> allowed_hosts;
    // Plain http:// (first request and redirects). Off: https only.
    bool allow_http = false;
    // Connecting to loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast, reserved
    // or unspecified addresses, IPv4 and IPv6 (IPv4-mapped included). Off for every real
    // source; tests against 127.0.0.1 turn it on.
    bool allow_local_addresses = false;
    // libcurl CURLOPT_CONNECT_TO entries ("www.freelancer.com:443:127.0.0.1:8443"): sends a
    // real host name to another address with TLS verification still checking the name. Tests
    // only: the address a matching entry names is trusted (exempt from the local-address
    // check), since the caller chose it, not a plugin or DNS. Disables the proxy.
    std::vector<std::string> connect_to;
    // CA bundle to verify servers with (PEM); empty: the system's. Verification is always on.
    std::string ca_file;

    // --- times (milliseconds); each applies to one HTTP request --------------------------
    long connect_timeout_ms = 15'000;
    long total_timeout_ms = 60'000;
    // Cut off a response slower than low_speed_limit_bytes per second for low_speed_time_ms
    // (libcurl counts whole seconds: rounded up, at least 1 s).
    long low_speed_limit_bytes = 1024;
    long low_speed_time_ms = 30'000;

    // --- retries ---------------------------------------------------------------------------
    // Tries per request (1 = no retry) on timeouts, connection errors, 429 and 5xx. Delays grow
    // from backoff_initial_ms by backoff_multiplier up to backoff_max_ms, with jitter (each
    // delay is drawn from [d/2, d]); a Retry-After up to retry_after_max_ms is waited for
    // instead when longer; a longer one stops the retries and is reported in the error.
    int max_attempts = 3;
    long backoff_initial_ms = 1'000;
    double backoff_multiplier = 2.0;
    long backoff_max_ms = 30'000;
    long retry_after_max_ms = 120'000;

    // --- politeness ----------------------------------------------------------------------
    // Requests per minute to one rate key (each try and each redirect counts); 0: no limit.
    double requests_per_minute = 0;
    // Whose budget at each host: requests are spaced per (rate_key, host), so two sources of
    // one platform on one host share a budget while feeds on different hosts run side by
    // side; empty means per host alone.
    std::string rate_key;

    // --- sizes ---------------------------------------------------------------------------
    std::uint64_t max_body_bytes = 32u << 20;     // as received (compressed)
    std::uint64_t max_decoded_bytes = 32u << 20;  // after gzip/deflate decoding
    std::uint64_t max_header_bytes = 256u << 10;  // all response header lines of one response
    int max_redirects = 5;

    // --- cache ---------------------------------------------------------------------------
    // Conditional GETs through the Fetcher's HttpCache (when it has one).
    bool use_cache = true;
};

// Refuses settings that would disable a safeguard (a zero total timeout means "none" to
// libcurl) or make no sense; the message names the field.
Status validate_policy(const FetchPolicy& policy);

}  // namespace gigscout::fetch
