// time.* and timeparse: dates as platforms print them.
#include <gtest/gtest.h>

#include "lua_test_state.h"
#include "plugin_host/modules/time_parse.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

constexpr std::int64_t kNow = 1721364110;  // 2024-07-19T04:41:50Z

std::int64_t parsed(std::string_view text) {
    auto r = timeparse::parse(text, kNow);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.value() : -1;
}

std::string failure(std::string_view text) {
    auto r = timeparse::parse(text, kNow);
    return r.ok() ? "parsed as " + std::to_string(r.value()) : r.error().message;
}

TEST(TimeParse, ReadsRfc3339AndIso8601Forms) {
    EXPECT_EQ(parsed("2025-10-16T06:06:47Z"), 1760594807);
    EXPECT_EQ(parsed("2025-10-16T06:06:47+0000"), 1760594807);
    EXPECT_EQ(parsed("2025-10-16T06:06:47+00:00"), 1760594807);
    EXPECT_EQ(parsed("2025-10-16T06:06:47.123456Z"), 1760594807);
    EXPECT_EQ(parsed("2025-10-16T06:06:47"), 1760594807);  // no zone: UTC
    EXPECT_EQ(parsed("2025-10-16 06:06:47 UTC"), 1760594807);
    EXPECT_EQ(parsed("2024-01-02T03:04:05+05:30"), 1704144845);
    EXPECT_EQ(parsed("2024-01-02T03:04:05+0530"), 1704144845);
    EXPECT_EQ(parsed("2024-07-19T04:41:50-05"), 1721382110);
    EXPECT_EQ(parsed("2026-07-01"), 1782864000);
    EXPECT_EQ(parsed("2024-07-19T04:41Z"), 1721364060);
}

TEST(TimeParse, ReadsRfc2822AndRfc822) {
    EXPECT_EQ(parsed("Fri, 19 Jul 2024 04:41:50 +0000"), 1721364110);
    EXPECT_EQ(parsed("Fri, 19 Jul 2024 04:41:50 GMT"), 1721364110);
    EXPECT_EQ(parsed("19 Jul 2024 04:41:50 -0500"), 1721382110);
    EXPECT_EQ(parsed("Fri, 19 Jul 2024 04:41:50 PST"), 1721392910);
    EXPECT_EQ(parsed("Fri, 19 Jul 24 04:41:50 UT"), 1721364110);  // two-digit year
    EXPECT_EQ(parsed("fri, 19 jul 2024 04:41:50 z"), 1721364110);
}

TEST(TimeParse, ReadsEnglishLongDates) {
    EXPECT_EQ(parsed("July 19, 2024 04:41 UTC"), 1721364060);  // Upwork RSS "Posted On"
    EXPECT_EQ(parsed("Jul 19, 2024"), 1721347200);
    EXPECT_EQ(parsed("19 July 2024"), 1721347200);
    EXPECT_EQ(parsed("July 19th, 2024 4:41 PM"), 1721407260);
    EXPECT_EQ(parsed("Fri Jul 19 04:41:50 2024"), 1721364110);  // asctime
    EXPECT_EQ(parsed("19-Jul-2024"), 1721347200);
    EXPECT_EQ(parsed("Sept 1, 2024"), 1725148800);
}

TEST(TimeParse, ReadsEpochSecondsAndMilliseconds) {
    EXPECT_EQ(parsed("1721364110"), 1721364110);
    EXPECT_EQ(parsed("1721364110123"), 1721364110);
    EXPECT_EQ(parsed("1721364110.75"), 1721364110);
    EXPECT_EQ(timeparse::from_number(1721364110123.0).value(), 1721364110);
    EXPECT_EQ(timeparse::from_number(0).value(), 0);
}

TEST(TimeParse, ReadsRelativePhrasesAgainstNow) {
    EXPECT_EQ(parsed("just now"), kNow);
    EXPECT_EQ(parsed("Posted just now"), kNow);
    EXPECT_EQ(parsed("3 hours ago"), kNow - 3 * 3600);
    EXPECT_EQ(parsed("an hour ago"), kNow - 3600);
    EXPECT_EQ(parsed("a week ago"), kNow - 7 * 86400);
    EXPECT_EQ(parsed("2 days ago"), kNow - 2 * 86400);
    EXPECT_EQ(parsed("30+ days ago"), kNow - 30 * 86400);
    EXPECT_EQ(parsed("yesterday"), kNow - 86400);
    EXPECT_EQ(parsed("Yesterday"), kNow - 86400);
    EXPECT_EQ(parsed("5 minutes ago"), kNow - 300);
    EXPECT_EQ(parsed("about 1 month ago"), kNow - 30 * 86400);
    EXPECT_EQ(parsed("2d ago"), kNow - 2 * 86400);
    EXPECT_EQ(parsed("3h ago"), kNow - 3 * 3600);
    EXPECT_EQ(parsed("Posted 10 minutes ago"), kNow - 600);
    EXPECT_EQ(parsed("a year ago"), kNow - 365 * 86400);
}

TEST(TimeParse, RefusesAbsurdYearsAndNonsenseWithAMessage) {
    EXPECT_EQ(failure("1969-12-31T23:59:59Z"),
              "year 1969 in \"1969-12-31T23:59:59Z\" is outside 1970-2100");
    EXPECT_EQ(failure("2101-01-01"), "year 2101 in \"2101-01-01\" is outside 1970-2100");
    EXPECT_EQ(failure("2024-02-30"), "\"2024-02-30\" is not a valid calendar date/time");
    EXPECT_EQ(failure("2024-13-01"), "\"2024-13-01\" is not a valid calendar date/time");
    EXPECT_EQ(failure("2024-07-19T25:00:00Z"),
              "\"2024-07-19T25:00:00Z\" is not a valid calendar date/time");
    EXPECT_EQ(failure("soon"), "cannot read \"soon\" as a date/time");
    EXPECT_EQ(failure("July 2024"), "cannot read \"July 2024\" as a date/time");
    EXPECT_EQ(failure("Fri, 19 Jul 2024 04:41:50 +9999"),
              "cannot read \"Fri, 19 Jul 2024 04:41:50 +9999\" as a date/time");
    EXPECT_EQ(failure(""), "empty date/time text");
    EXPECT_EQ(failure("99999999999999999"), "cannot read \"99999999999999999\" as a date/time");
    EXPECT_EQ(failure("4133980800"), "time value 4133980800 is after 2100");
    EXPECT_EQ(failure("60 years ago"), "\"60 years ago\" counts back to before 1970");
    EXPECT_EQ(failure(std::string(300, '1')), "date/time text is 300 bytes, more than 256");
    auto extreme = timeparse::parse("2 days ago", INT64_MIN);
    ASSERT_FALSE(extreme.ok());
    EXPECT_EQ(extreme.error().message,
              "the reference time for \"2 days ago\" is outside 1970-2100");
}

TEST(TimeModule, ParseTakesStringsNumbersAndAnOptionalNow) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return time.parse('Fri, 19 Jul 2024 04:41:50 +0000')"), "1721364110");
    EXPECT_EQ(lua.eval("return time.parse(1721364110123)"), "1721364110");
    EXPECT_EQ(lua.eval("return time.parse('2 days ago', 1000000000)"), "999827200");
    EXPECT_EQ(lua.eval_all("return time.parse('2200-01-01')"),
              "nil | time: year 2200 in \"2200-01-01\" is outside 1970-2100");
    EXPECT_EQ(lua.eval_all("return time.parse(-5)"),
              "nil | time: time value is negative (before 1970)");
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return time.parse({}) end))"),
              "test:1: bad argument #1 to 'parse' (string or number expected, got table)");
}

TEST(TimeModule, NowIsAnIntegerCloseToTheClock) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("local t = time.now(); return math.type(t) == 'integer' and "
                       "t > 1700000000"),
              "true");
}

TEST(TimeModule, FormatWritesRfc3339InUtc) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return time.format(1721364110)"), "2024-07-19T04:41:50Z");
    EXPECT_EQ(lua.eval("return time.format(0)"), "1970-01-01T00:00:00Z");
    EXPECT_EQ(lua.eval("return time.format(1721364110.9)"), "2024-07-19T04:41:50Z");
    EXPECT_EQ(lua.eval_all("return time.format(-1)"),
              "nil | time.format: the value is outside 1970-2100");
    EXPECT_EQ(lua.eval_all("return time.format(0/0)"),
              "nil | time.format: the value is outside 1970-2100");
}

}  // namespace
}  // namespace gigscout
