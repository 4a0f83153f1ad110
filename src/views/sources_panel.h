// The sources panel a front end shows: one row per configured source with its state, when it
// last refreshed and last succeeded, how many refreshes in a row failed, the last error in
// words and why it is disabled, deprecated or paused. Plain values from the store's refresh
// records (Store::source_records) and what the caller knows of each source from its
// configuration and the plugin catalog (SourceDescription), so views needs neither.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/store.h"
#include "views/source_health.h"

namespace gigscout {

// One configured source as the caller knows it (sources config, plugin catalog, refresh
// ledger): the workspace fills these; views reads no plugin or config file itself.
struct SourceDescription {
    std::string id;      // "remoteok", "greenhouse:gitlab"
    std::string plugin;  // plugin id
    bool enabled = true;
    // Why the plugin cannot run (PluginEntry::disabled_reason, or "no plugin `x` is
    // installed"); empty when it can.
    std::string unusable_reason;
    std::string deprecated;  // the manifest's deprecation note; empty when not deprecated
    // Why it will not refresh now although enabled (the platform's minimum interval, a missing
    // secret...); empty when it may.
    std::string paused_reason;
    // Seconds between the app's scheduled refreshes (sources.json `refresh_minutes`, default an
    // hour) and the plugin's politeness limit (its manifest's min_refresh_interval); the
    // schedule waits the longer (refresh_schedule.h).
    std::int64_t refresh_interval = 3600;
    std::int64_t min_interval = 0;
};

// What a source's row says first, most pressing first.
enum class SourceHealth {
    Unusable,  // its plugin cannot run
    Disabled,  // turned off by the user
    Failing,   // the last refresh failed
    Paused,    // enabled but waiting: failed too often in a row (source_health.h), or the
               // description's paused_reason
    Never,     // never refreshed
    Partial,   // the last refresh ended early (page limit, a page failed)
    Ok,        // the last refresh was complete or not modified
};

struct SourceRow {
    std::string id;
    std::string plugin;
    SourceHealth health = SourceHealth::Never;
    // The state in words: "ok", "failing: 3 refreshes in a row", "disabled", "plugin unusable:
    // needs API 2", "paused: …", "never refreshed", "partial: …".
    std::string state_text;
    std::optional<std::int64_t> last_refresh_at;
    std::optional<std::int64_t> last_success_at;
    int consecutive_failures = 0;
    std::string last_error;  // the last error given, in the refresh's words
    std::optional<std::int64_t> last_error_at;
    std::string deprecated;  // shown beside the state whatever it is
    std::size_t open_listings = 0;
    // Listings the last refresh brought (none before the first, or when it failed).
    std::optional<std::size_t> last_listings;
    // An empty refresh where it used to bring many (source_health.h): the text says so.
    bool suspicious = false;
    std::string suspicious_text;
    // The description's, for the schedule (refresh_schedule.h).
    std::int64_t refresh_interval = 3600;
    std::int64_t min_interval = 0;
};

// One row per description, in the given order, each joined with the store's record of that
// source (none yet: Never), judged by the health rules with the user's setting.
Result<std::vector<SourceRow>> load_sources_panel(Store& store,
                                                  const std::vector<SourceDescription>& sources);

// The same from records already read (tests, or a caller holding them).
std::vector<SourceRow> sources_panel(const std::vector<SourceRecord>& records,
                                     const std::vector<SourceDescription>& sources,
                                     const HealthRules& rules = {});

}  // namespace gigscout
