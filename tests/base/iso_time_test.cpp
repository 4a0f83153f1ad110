#include "base/iso_time.h"

#include <gtest/gtest.h>

namespace gigscout {
namespace {

TEST(IsoTime, FormatsEpochAsUtc) {
    EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_iso8601(1764064800), "2025-11-25T10:00:00Z");
    EXPECT_EQ(format_date(1764064800), "2025-11-25");
}

TEST(IsoTime, ParsesZuluOffsetsAndDates) {
    EXPECT_EQ(parse_iso8601("2025-11-25T10:00:00Z"), 1764064800);
    EXPECT_EQ(parse_iso8601("2025-11-25T11:00:00+01:00"), 1764064800);
    EXPECT_EQ(parse_iso8601("2025-11-25T05:00:00-0500"), 1764064800);
    EXPECT_EQ(parse_iso8601("2025-11-25T10:00:00.123Z"), 1764064800);
    EXPECT_EQ(parse_iso8601("2025-11-25T10:00"), 1764064800);
    EXPECT_EQ(parse_iso8601("2025-11-25"), 1764028800);
}

TEST(IsoTime, RefusesMalformedOrImpossibleTimes) {
    EXPECT_FALSE(parse_iso8601(""));
    EXPECT_FALSE(parse_iso8601("2025-13-01"));
    EXPECT_FALSE(parse_iso8601("2025-02-29"));
    EXPECT_TRUE(parse_iso8601("2024-02-29"));
    EXPECT_FALSE(parse_iso8601("2025-11-25T25:00:00Z"));
    EXPECT_FALSE(parse_iso8601("2025-11-25T10:00:00Zjunk"));
    EXPECT_FALSE(parse_iso8601("yesterday"));
}

TEST(IsoTime, RoundTripsAcrossCenturies) {
    for (std::int64_t t : {0LL, 951782400LL, 4102444799LL, 1234567890LL}) {
        EXPECT_EQ(parse_iso8601(format_iso8601(t)), t) << t;
    }
}

}  // namespace
}  // namespace gigscout
