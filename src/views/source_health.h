// The health rules of a source (docs/sources.md, "When a source breaks"): after N failed
// refreshes in a row it is paused, with why and what to do; a source that brought nothing where
// it used to bring many is suspicious. Plain functions of the store's records, so the sources
// panel, `gigscout-cli source list` and the refresh that skips a paused source say the same.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"
#include "store/store.h"

namespace gigscout {

struct HealthRules {
    // Failed refreshes in a row that pause a source (the App setting kPauseAfterFailures).
    int pause_after_failures = 3;
    // "Many": the average listings of the refreshes before the empty one that makes an empty
    // refresh suspicious.
    std::size_t many_listings = 5;
    // How many refreshes before the empty one the average is taken over (those that brought
    // listings or came back empty; failed and not-modified ones tell nothing).
    std::size_t history = 5;
};

// The store's App setting (Store::settings(SettingScope::App, "")) holding pause_after_failures.
inline constexpr const char* kPauseAfterFailures = "pause_after_failures";

// The rules with the user's setting; an error names the setting and the value it got.
Result<HealthRules> load_health_rules(Store& store);

struct SourceVerdict {
    bool paused = false;
    // "paused after 3 failed refreshes in a row: the server refused the credentials (HTTP
    // 401): check the token or key"
    std::string paused_reason;
    bool suspicious = false;
    // "0 listings where it used to bring ~40: the site may have changed"
    std::string suspicious_text;
};

SourceVerdict judge_source(const SourceRecord& record, const HealthRules& rules);

// What to do about a refresh that failed with `error`, from what kind of error it is: "check
// the token or key", "update the plugin", "the site may have changed"...
std::string failure_advice(std::string_view error);

}  // namespace gigscout
