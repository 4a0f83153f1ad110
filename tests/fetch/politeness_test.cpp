// RateLimiter, HostSlots and CancelToken: the waiting parts, each interruptible.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fetch/cancel_token.h"
#include "fetch/host_slots.h"
#include "fetch/rate_limiter.h"

namespace gigscout::fetch {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

long ms_since(Clock::time_point t0) {
    return static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count());
}

TEST(CancelToken, WaitRunsToTheDeadlineWhenNotCancelled) {
    CancelToken token;
    auto t0 = Clock::now();
    EXPECT_TRUE(token.wait_for(50ms));
    EXPECT_GE(ms_since(t0), 50);
    EXPECT_FALSE(token.cancelled());
}

TEST(CancelToken, CancelWakesAWaiterOnAnotherThread) {
    CancelToken token;
    auto t0 = Clock::now();
    std::thread canceller([&] {
        std::this_thread::sleep_for(100ms);
        token.cancel();
    });
    EXPECT_FALSE(token.wait_for(60s));
    canceller.join();
    EXPECT_LT(ms_since(t0), 5000);  // only catches a hang
    EXPECT_TRUE(token.cancelled());
    EXPECT_FALSE(token.wait_for(60s));  // stays cancelled, returns at once
}

TEST(RateLimiter, SpacesSlotsPerKeyByTheRate) {
    RateLimiter limiter;
    auto now = Clock::now();
    EXPECT_EQ(limiter.reserve("a.com", 60, now), now);
    EXPECT_EQ(limiter.reserve("a.com", 60, now), now + 1s);
    EXPECT_EQ(limiter.reserve("a.com", 60, now), now + 2s);
    EXPECT_EQ(limiter.reserve("b.com", 60, now), now);  // keys are independent
    // Once the spacing has passed, no wait builds up.
    EXPECT_EQ(limiter.reserve("b.com", 60, now + 10s), now + 10s);
    EXPECT_EQ(limiter.reserve("c.com", 0, now), now);  // 0: unlimited
    EXPECT_EQ(limiter.reserve("c.com", 0, now), now);
}

TEST(RateLimiter, AcquireWaitsForTheSlot) {
    RateLimiter limiter;
    CancelToken token;
    auto t0 = Clock::now();
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(limiter.acquire("host", 600, token));  // one per 100 ms
    }
    EXPECT_GE(ms_since(t0), 200);
}

TEST(RateLimiter, CancelInterruptsTheWaitAndGivesTheSlotBack) {
    RateLimiter limiter;
    CancelToken token;
    ASSERT_TRUE(limiter.acquire("host", 1, token));  // next slot in 60 s
    auto t0 = Clock::now();
    std::thread canceller([&] {
        std::this_thread::sleep_for(100ms);
        token.cancel();
    });
    EXPECT_FALSE(limiter.acquire("host", 1, token));
    canceller.join();
    EXPECT_LT(ms_since(t0), 5000);
    // The cancelled request's slot is free again: the next one gets it, not the one after.
    auto now = Clock::now();
    auto slot = limiter.reserve("host", 1, now);
    EXPECT_LT(slot - now, 61s);
    EXPECT_GT(slot - now, 55s);
}

TEST(HostSlots, AtMostTheLimitPerHost) {
    HostSlots slots(2);
    CancelToken token;
    auto a = slots.acquire("h", token);
    auto b = slots.acquire("h", token);
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(slots.in_use("h"), 2u);
    auto other = slots.acquire("other", token);  // another host is not affected
    EXPECT_TRUE(other);

    std::atomic<bool> got_third{false};
    std::thread waiter([&] {
        auto c = slots.acquire("h", token);
        got_third = static_cast<bool>(c);
    });
    std::this_thread::sleep_for(100ms);
    EXPECT_FALSE(got_third);  // still waiting while two are held
    a = HostSlots::Lease();   // release one
    waiter.join();
    EXPECT_TRUE(got_third);
    EXPECT_EQ(slots.in_use("h"), 1u);  // the waiter's lease ended with its thread
}

TEST(HostSlots, CancelInterruptsAWaitingAcquire) {
    HostSlots slots(1);
    CancelToken token;
    auto held = slots.acquire("h", token);
    auto t0 = Clock::now();
    std::thread canceller([&] {
        std::this_thread::sleep_for(100ms);
        token.cancel();
    });
    auto lease = slots.acquire("h", token);
    canceller.join();
    EXPECT_FALSE(lease);
    EXPECT_LT(ms_since(t0), 5000);
    EXPECT_EQ(slots.in_use("h"), 1u);
}

TEST(HostSlots, RaisingTheLimitReleasesWaiters) {
    HostSlots slots(1);
    CancelToken token;
    auto held = slots.acquire("h", token);
    std::atomic<bool> got{false};
    std::thread waiter([&] { got = static_cast<bool>(slots.acquire("h", token)); });
    std::this_thread::sleep_for(50ms);
    slots.set_limit(2);
    waiter.join();
    EXPECT_TRUE(got);
    EXPECT_EQ(slots.limit(), 2u);
}

}  // namespace
}  // namespace gigscout::fetch
