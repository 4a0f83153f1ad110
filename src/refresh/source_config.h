// Which sources are enabled and with what settings: sources.json in the config directory
// (docs/sources.md). Secrets never live in this file.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace gigscout {

struct SourceConfig {
    std::string id;        // "remoteok", or "greenhouse:gitlab" for a named instance
    std::string plugin;    // plugin id
    std::string instance;  // empty for a plugin's only source
    bool enabled = true;
    // Non-secret settings as text, typed later by the plugin's schema (a JSON list becomes
    // "a,b", as a person would type it).
    std::map<std::string, std::string> settings;
    // Plain http and loopback/private addresses are refused unless the user allows them for
    // this source (a board on the LAN, a local test server).
    bool allow_http = false;
    bool allow_private_network = false;
    // Minutes between the app's scheduled refreshes of this source; none: kDefaultRefreshMinutes.
    // Never below the plugin's politeness limit (views/refresh_schedule.h).
    std::optional<int> refresh_minutes;
    // The most one refresh of this source may take, all its pages together; none:
    // RefreshOptions::source_time_budget (60 s). A board that is slow on purpose can get more.
    std::optional<int> time_budget_seconds;
};

inline constexpr int kDefaultRefreshMinutes = 60;
// A week: a longer wait is no schedule.
inline constexpr int kMaxRefreshMinutes = 7 * 24 * 60;
// RefreshOptions::source_time_budget unless a front end sets its own.
inline constexpr int kDefaultTimeBudgetSeconds = 60;
// An hour: one source must not hold a refresh longer.
inline constexpr int kMaxTimeBudgetSeconds = 3600;

struct SourcesFile {
    std::vector<SourceConfig> sources;
    bool exists = false;  // false: no file yet; callers fall back to the bundled defaults
};

// Missing file -> exists=false and no sources. Errors name the file and field:
// "sources.json: field `sources[2].plugin`: is required".
Result<SourcesFile> load_sources(const std::filesystem::path& file);
Result<SourcesFile> parse_sources(std::string_view text, std::string_view what);
std::string sources_to_json(const SourcesFile& file);

// Adds to `into` each source of `incoming` whose id `into` lacks (an import on another machine:
// the user's own sources win). Returns how many were added.
std::size_t merge_sources(SourcesFile& into, const SourcesFile& incoming);

// "greenhouse:gitlab" -> "GREENHOUSE_GITLAB", used in GIGSCOUT_<SOURCE>_<KEY>.
std::string source_env_prefix(const std::string& source_id);

// GIGSCOUT_<SOURCE>_<KEY> from the environment, or nullopt.
std::optional<std::string> secret_from_environment(const std::string& source_id,
                                                   const std::string& key);

}  // namespace gigscout
