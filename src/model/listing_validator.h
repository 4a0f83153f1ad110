// The one validator every part uses before a listing is kept, scored or shown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "model/listing.h"

namespace gigscout {

struct ListingLimits {
    static constexpr std::size_t kIdBytes = 256;
    static constexpr std::size_t kSourceBytes = 128;
    static constexpr std::size_t kUrlBytes = 2048;
    static constexpr std::size_t kTitleBytes = 300;
    static constexpr std::size_t kDescriptionBytes = 64 * 1024;
    static constexpr std::size_t kShortTextBytes = 200;  // company, location, country
    static constexpr std::size_t kTagBytes = 64;
    static constexpr std::size_t kTags = 100;
    static constexpr std::int64_t kEarliestPosted = 788918400;  // 1995-01-01T00:00:00Z
    static constexpr std::int64_t kFutureSlackSeconds = 2 * 86400;
    static constexpr double kMaxAmount = 1e9;
    static constexpr double kMaxHourly = 10000;
    static constexpr std::int64_t kMaxCount = 10'000'000;  // proposals, reviews
};

// Ok, or an error listing every problem, each naming its field:
// "field `url`: must be an http or https URL, got \"javascript:alert(1)\"; field `title`: ...".
// `now` (epoch seconds) bounds posted_at.
Status validate_listing(const Listing& listing, std::int64_t now);

// What is wrong with a posting time ("is before 1995-01-01"), or empty when it is plausible.
// validate_listing refuses a listing for it; the plugin session drops the time instead and
// keeps the listing (docs/plugin-api.md, `parse(response, ctx)`).
std::string posted_at_problem(std::int64_t posted_at, std::int64_t now);

// True for an absolute http(s) URL with a host and no whitespace or control characters.
bool is_http_url(std::string_view url);

}  // namespace gigscout
