#include "fetch/fetch_policy.h"

namespace gigscout::fetch {
namespace {

Status positive(long value, const char* field) {
    if (value <= 0) {
        return Error{std::string("FetchPolicy::") + field + " must be positive, got " +
                     std::to_string(value)};
    }
    return Ok{};
}

}  // namespace

Status validate_policy(const FetchPolicy& p) {
    for (auto st : {positive(p.connect_timeout_ms, "connect_timeout_ms"),
                    positive(p.total_timeout_ms, "total_timeout_ms"),
                    positive(p.low_speed_time_ms, "low_speed_time_ms"),
                    positive(p.max_attempts, "max_attempts")}) {
        if (!st) {
            return st;
        }
    }
    if (p.max_body_bytes == 0 || p.max_decoded_bytes == 0 || p.max_header_bytes == 0) {
        return Error{
            "FetchPolicy: max_body_bytes, max_decoded_bytes and max_header_bytes must be "
            "positive"};
    }
    if (p.low_speed_limit_bytes < 0) {
        return Error{"FetchPolicy::low_speed_limit_bytes must be 0 (off) or positive"};
    }
    if (p.backoff_initial_ms < 0 || p.backoff_max_ms < 0 || p.retry_after_max_ms < 0) {
        return Error{
            "FetchPolicy: backoff_initial_ms, backoff_max_ms and retry_after_max_ms "
            "must not be negative"};
    }
    if (!(p.backoff_multiplier >= 1.0)) {
        return Error{"FetchPolicy::backoff_multiplier must be at least 1"};
    }
    if (p.max_redirects < 0) {
        return Error{"FetchPolicy::max_redirects must not be negative"};
    }
    if (!(p.requests_per_minute >= 0)) {
        return Error{"FetchPolicy::requests_per_minute must be 0 (no limit) or positive"};
    }
    for (const std::string& entry : p.connect_to) {
        if (entry.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) {
            return Error{"FetchPolicy::connect_to: entry contains a control character"};
        }
    }
    for (unsigned char c : p.user_agent) {
        if (c < 0x20 || c == 0x7f) {
            return Error{"FetchPolicy::user_agent contains a control character"};
        }
    }
    if (p.ca_file.find('\0') != std::string::npos) {
        return Error{"FetchPolicy::ca_file contains a NUL byte"};
    }
    return Ok{};
}

}  // namespace gigscout::fetch
