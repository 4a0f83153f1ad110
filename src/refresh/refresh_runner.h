// One refresh: every enabled source at once, each on its own thread — requests(ctx) -> fetch ->
// parse(response, ctx) -> next page ... -> validated listings with their skills — then dedupe
// across sources. One source's failure is reported with its cause and stops no other.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fetch/cancel_token.h"
#include "fetch/fetch_policy.h"
#include "fetch/fetcher.h"
#include "fetch/refresh_ledger.h"
#include "model/listing.h"
#include "plugin_host/plugin_limits.h"
#include "refresh/source_config.h"
#include "store/refresh_completeness.h"

namespace gigscout {

enum class SourceState {
    Queued,
    Loading,   // starting the plugin's sandbox
    Fetching,  // a request is in flight
    Parsing,   // the plugin reads a response
    Done,      // every page fetched and parsed
    Partial,   // some pages or listings could not be had; what came is kept
    Failed,    // nothing came; `error` says why
    Skipped,   // refreshed too recently for the platform's limits; `error` says when next
    Cancelled,
};
std::string_view to_string(SourceState s);

// A plain value, reported as it changes, for a progress line or a sources panel.
struct SourceProgress {
    std::string source;
    SourceState state = SourceState::Queued;
    int pages = 0;
    std::uint64_t bytes = 0;
    std::size_t listings = 0;
    std::string error;
    std::chrono::milliseconds elapsed{0};
};

struct SourceOutcome {
    SourceProgress progress;  // the final state
    std::string plugin;
    // How much the result says about what is gone (store/refresh_completeness.h).
    RefreshCompleteness completeness = RefreshCompleteness::Failed;
    bool page_limited = false;
    std::vector<Listing> listings;      // valid, with skills extracted
    std::vector<std::string> problems;  // listings the validator refused, plugin log warnings
    std::optional<std::int64_t> max_cache_age;  // the platform's keeping limit, seconds
    // Its first request found no network: the host name did not resolve or there was no route
    // (fetch::FetchErrorKind::Dns or NoNetwork). Not retried (docs/fetch.md).
    bool no_network = false;
};

struct RefreshSource {
    SourceConfig config;
    std::filesystem::path plugin_path;  // the .lua file or plugin folder
};

struct RefreshOptions {
    int max_pages = 10;  // per source and refresh
    // The most one source's refresh may take, all its pages together (0: no budget): a board
    // that trickles each page just under the per-request timeouts ends here, keeping the pages
    // it read (Partial), instead of holding the refresh for max_pages times those timeouts.
    // A source's own `time_budget_seconds` (sources.json) replaces it.
    std::chrono::milliseconds source_time_budget{kDefaultTimeBudgetSeconds * 1000};
    // Times, caps and retries for every request; per-source parts (hosts, http, local
    // addresses, rate) are filled in from the plugin's manifest and the source's config.
    fetch::FetchPolicy policy;
    bool allow_loopback =
        false;                // all sources may reach 127.0.0.0/8 etc. (tests, --allow-loopback)
    bool allow_http = false;  // all sources may use plain http (loopback tests)
    bool ignore_min_interval = false;           // a forced refresh (tests, benchmark)
    std::optional<double> requests_per_minute;  // overrides every manifest (tests, benchmark)
    PluginLimits limits;
    std::vector<std::string> query;  // the profile's search terms
    std::int64_t now = 0;            // 0: the current time
    // Ranks for choosing which copy of a cross-posted job keeps its id (lower wins; one per
    // listing, in the order given): the store passes first-seen times so the id a user saved
    // or hid stays. Unset (or a wrong size): the earliest posted, then the smallest id.
    std::function<std::vector<std::int64_t>(const std::vector<Listing>&)> dedupe_rank;
    // Secret settings: asked for by source id and key (environment, keyring, 0600 file).
    std::function<std::optional<std::string>(const std::string& source, const std::string& key)>
        secret;
    // Where an OAuth2 source's renewed tokens are written back (refresh/oauth2_tokens.h); null:
    // a renewed token serves this refresh only.
    std::function<Status(const std::string& source, const std::string& key,
                         const std::string& value)>
        store_secret;
};

struct RefreshReport {
    std::vector<SourceOutcome> sources;  // in the order given
    std::vector<Listing> listings;       // all sources, deduplicated (docs/dedupe.md)
    std::size_t duplicates_merged = 0;
    std::chrono::milliseconds elapsed{0};
    // Set when every source that asked for something found no network on its first request
    // (SourceOutcome::no_network): one message for the user instead of one error per source.
    std::optional<std::string> no_network;
    bool all_succeeded() const;
};

using ProgressCallback = std::function<void(const SourceProgress&)>;
// Called once per source when it ends, from that source's thread (calls are serialised), so
// the store can write each source's listings as soon as they are in.
using SourceDoneCallback = std::function<void(const SourceOutcome&)>;

class RefreshRunner {
  public:
    // The ledger (optional) keeps each source's last refresh for min_refresh_interval.
    RefreshRunner(fetch::Fetcher& fetcher, fetch::RefreshLedger* ledger, RefreshOptions options);

    // Blocks until every source has ended; returns within about a second of `cancel` firing.
    RefreshReport run(const std::vector<RefreshSource>& sources, const ProgressCallback& progress,
                      const fetch::CancelToken& cancel, const SourceDoneCallback& done = {});

  private:
    SourceOutcome run_source(const RefreshSource& source, const ProgressCallback& progress,
                             const fetch::CancelToken& cancel, class SessionRegistry& sessions);

    fetch::Fetcher& fetcher_;
    fetch::RefreshLedger* ledger_;
    RefreshOptions options_;
};

}  // namespace gigscout
