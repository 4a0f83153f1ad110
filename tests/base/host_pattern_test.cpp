#include "base/host_pattern.h"

#include <gtest/gtest.h>

#include "support/host_pattern_cases.h"

namespace gigscout {
namespace {

TEST(HostPattern, EveryCaseOfTheSharedTable) {
    for (const auto& c : testing::kHostPatternCases) {
        EXPECT_EQ(host_pattern_matches(c.pattern, c.host), c.matches)
            << "pattern \"" << c.pattern << "\", host \"" << c.host << "\"";
    }
}

}  // namespace
}  // namespace gigscout
