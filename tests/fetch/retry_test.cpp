#include "fetch/retry.h"

#include <gtest/gtest.h>

namespace gigscout::fetch {
namespace {

using std::chrono::milliseconds;

// 2015-10-21T07:28:00Z
const auto kNow = std::chrono::system_clock::from_time_t(1445412480);

TEST(RetryAfter, ParsesDelaySeconds) {
    EXPECT_EQ(parse_retry_after("120", kNow), milliseconds(120'000));
    EXPECT_EQ(parse_retry_after(" 5 ", kNow), milliseconds(5'000));
    EXPECT_EQ(parse_retry_after("0", kNow), milliseconds(0));
}

TEST(RetryAfter, ParsesHttpDatesRelativeToNow) {
    EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", kNow), milliseconds(30'000));
    // A date already past means "now", never a negative wait.
    EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", kNow), milliseconds(0));
}

TEST(RetryAfter, RejectsGarbageAndSaturatesHugeNumbers) {
    EXPECT_FALSE(parse_retry_after("", kNow));
    EXPECT_FALSE(parse_retry_after("soon", kNow));
    EXPECT_FALSE(parse_retry_after("-5", kNow));
    auto huge = parse_retry_after("99999999999999999999999", kNow);
    ASSERT_TRUE(huge);
    EXPECT_GT(*huge, milliseconds(1'000'000'000));
}

FetchError status(int code) {
    FetchError e;
    e.kind = FetchErrorKind::HttpStatus;
    e.http_status = code;
    return e;
}

FetchError kind(FetchErrorKind k) {
    FetchError e;
    e.kind = k;
    return e;
}

TEST(Retry, TransientFailuresAreRetriedOthersAreNot) {
    for (auto k : {FetchErrorKind::Connect, FetchErrorKind::Timeout, FetchErrorKind::LowSpeed,
                   FetchErrorKind::ConnectionLost}) {
        EXPECT_TRUE(is_retryable(kind(k), HttpMethod::Get)) << to_string(k);
    }
    // Offline: seconds later the name still does not resolve and there is still no route.
    for (auto k :
         {FetchErrorKind::Dns, FetchErrorKind::NoNetwork, FetchErrorKind::Tls,
          FetchErrorKind::Blocked, FetchErrorKind::TooLarge, FetchErrorKind::TooManyRedirects,
          FetchErrorKind::Cancelled, FetchErrorKind::Protocol, FetchErrorKind::InvalidRequest}) {
        EXPECT_FALSE(is_retryable(kind(k), HttpMethod::Get)) << to_string(k);
    }
    EXPECT_TRUE(is_retryable(status(429), HttpMethod::Get));
    EXPECT_TRUE(is_retryable(status(500), HttpMethod::Get));
    EXPECT_TRUE(is_retryable(status(503), HttpMethod::Get));
    EXPECT_FALSE(is_retryable(status(404), HttpMethod::Get));
    EXPECT_FALSE(is_retryable(status(400), HttpMethod::Get));
    EXPECT_FALSE(is_retryable(status(999), HttpMethod::Get));
}

TEST(Retry, PostIsRetriedOnlyWhenTheServerCertainlyDidNotActOnIt) {
    EXPECT_TRUE(is_retryable(kind(FetchErrorKind::Connect), HttpMethod::Post));
    EXPECT_TRUE(is_retryable(status(429), HttpMethod::Post));
    EXPECT_TRUE(is_retryable(status(503), HttpMethod::Post));
    EXPECT_FALSE(is_retryable(status(500), HttpMethod::Post));
    EXPECT_FALSE(is_retryable(kind(FetchErrorKind::Timeout), HttpMethod::Post));
    EXPECT_FALSE(is_retryable(kind(FetchErrorKind::ConnectionLost), HttpMethod::Post));
}

TEST(Retry, BackoffGrowsExponentiallyWithJitterAndACap) {
    FetchPolicy p;
    p.backoff_initial_ms = 1000;
    p.backoff_multiplier = 2;
    p.backoff_max_ms = 5000;
    EXPECT_EQ(backoff_delay(p, 1, 0.0), milliseconds(500));
    EXPECT_EQ(backoff_delay(p, 1, 0.999999), milliseconds(999));
    EXPECT_EQ(backoff_delay(p, 2, 0.0), milliseconds(1000));
    EXPECT_EQ(backoff_delay(p, 3, 0.5), milliseconds(3000));
    EXPECT_EQ(backoff_delay(p, 10, 0.0), milliseconds(2500));  // capped at 5000, then jittered
}

}  // namespace
}  // namespace gigscout::fetch
