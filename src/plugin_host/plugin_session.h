// One plugin, ready to be called: its own worker process (started on first use, kept between
// calls, restarted after a crash or a kill) and the host's checks on everything that comes
// back. The refresh pipeline, the app and `gigscout-cli plugin` all call plugins through this.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/listing.h"
#include "plugin_host/plugin_limits.h"
#include "plugin_host/plugin_manifest.h"
#include "plugin_host/plugin_request.h"

namespace gigscout {

class WorkerProcess;

// What a call tells the plugin about the source it runs for (`ctx` in Lua).
struct PluginContext {
    std::string source;              // "greenhouse:gitlab"; empty: "<plugin id>:default"
    SettingValues settings;          // the user's values; defaults are filled in from the manifest
    std::vector<std::string> query;  // the profile's search terms
    std::int64_t now = 0;            // UTC epoch seconds; 0: the current time
    int page = 1;  // 1 for the first response of a refresh, 2 for the next page...
};

// A response as parse() sees it; header names are lower-cased (repeats joined with ", ").
struct PluginResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string url;
};

struct PluginLogMessage {
    std::string level;  // "info", "warn", "error"
    std::string text;
};

struct ParseOutcome {
    std::vector<Listing> listings;  // valid ones, ids "<plugin id>:<platform id>", source set
    // Every listing refused, and a refused next request:
    // "remoteok: page 1: listing 7: field `url`: must be an http or https URL, got
    // \"javascript:...\""
    std::vector<std::string> problems;
    std::optional<PluginRequest> next;  // checked against the manifest like every request
    std::vector<PluginLogMessage> log;
    std::size_t returned = 0;  // listings the plugin returned, valid or not
};

// Where a plugin lives: a .lua file, or a folder with init.lua.
struct PluginSource {
    std::filesystem::path path;  // what was given
    std::filesystem::path file;  // the .lua file read
    std::string chunkname;       // "remoteok.lua" or "greenhouse/init.lua", as errors show it
    std::string text;
};
Result<PluginSource> read_plugin_source(const std::filesystem::path& path,
                                        std::size_t max_bytes = 1u << 20);

// What the worker answered when it loaded a plugin, before the host's checks: the plugin
// catalog keeps it (manifest_cache.h) so an unchanged file needs no worker next time.
struct LoadAnswer {
    std::string manifest_json;           // the plugin table without its functions, as sent
    std::vector<std::string> functions;  // the names of its function-valued fields
    // Fields the worker could not send (not UTF-8, not finite, too deep...), left out of
    // manifest_json: "field `name`: is not valid UTF-8 ...".
    std::vector<std::string> problems;
    // Not empty when the load was refused for a reason the same file meets again: an error
    // while loading, the time or an output limit. Never the host's own trouble (a worker that
    // could not start or crashed, a cancel).
    std::string refusal;
};

// The host's checks on an answer: the manifest, or the refusal, in the words load() uses
// ("plugin remoteok.lua: field `hosts[1]`: ...").
Result<PluginManifest> manifest_from_answer(const LoadAnswer& answer, const std::string& chunkname);

class PluginSession {
  public:
    explicit PluginSession(std::filesystem::path path, PluginLimits limits = {});
    // A plugin whose file was read already (the catalog hashes exactly the text it loads).
    explicit PluginSession(PluginSource source, PluginLimits limits = {});
    ~PluginSession();
    PluginSession(const PluginSession&) = delete;
    PluginSession& operator=(const PluginSession&) = delete;

    // Reads the file, starts the worker and reads the manifest (once; later calls return the
    // same). Errors: "plugin remoteok.lua: field `hosts[1]`: ...", "plugin x: needs API 2; ...".
    Result<PluginManifest> load();
    // Reads the file again (a plugin author's edit) and restarts the worker.
    Result<PluginManifest> reload();
    const std::optional<PluginManifest>& manifest() const { return manifest_; }
    // The worker's answer at the last load, when it was one worth remembering (see LoadAnswer).
    const std::optional<LoadAnswer>& load_answer() const { return load_answer_; }

    // The requests for one refresh, each checked against the manifest (http(s), `hosts`).
    Result<std::vector<PluginRequest>> requests(const PluginContext& ctx);
    // Listings from one response; a failed call ("plugin remoteok: error in parse(): ...",
    // "plugin remoteok: killed after 3.0 s (time limit) in parse()") yields no listings.
    Result<ParseOutcome> parse(const PluginResponse& response, const PluginContext& ctx);

    // Ends the call in flight, if any, at once: its worker is killed and it returns
    // "plugin X: cancelled". Safe from any thread; later calls start a new worker.
    void cancel();

    // Log lines of the last call (requests() has no other place for them).
    const std::vector<PluginLogMessage>& last_log() const { return last_log_; }

    // How often a worker was started, and what the last start plus load took (benchmark).
    int worker_starts() const { return worker_starts_; }
    std::chrono::microseconds last_start_time() const { return last_start_time_; }
    // The running worker's process id (tests read its /proc entry); nullopt when none runs.
    std::optional<pid_t> worker_pid();
    // CPU time the running worker has used so far (benchmark); nullopt when none runs.
    std::optional<std::chrono::nanoseconds> worker_cpu_time();

    const PluginLimits& limits() const { return limits_; }
    const std::filesystem::path& path() const { return path_; }

  private:
    struct Reply;
    // `op` completes messages: "while loading", "in parse()".
    Result<Reply> call(const char* op, const std::string& header, const std::string& payload);
    Status ensure_worker();
    Result<PluginManifest> load_locked();
    std::string name() const;
    void drop_worker();
    // Keeps `payload`'s memory for the next call's reply (see reply_buffer_).
    void keep_reply_buffer(std::string& payload);

    std::filesystem::path path_;
    PluginLimits limits_;
    std::optional<PluginSource> source_;
    std::optional<PluginManifest> manifest_;
    std::optional<LoadAnswer> load_answer_;
    // Set by call(): its error came from the plugin (an error, the time or output limit), not
    // from the host's side of the exchange.
    bool error_is_plugins_ = false;
    std::vector<PluginLogMessage> last_log_;
    // The last reply's payload buffer, reused by the next call (megabytes of listings need no
    // fresh, zero-filled memory each time); dropped when it grew past a few MiB.
    std::string reply_buffer_;
    int worker_starts_ = 0;
    std::chrono::microseconds last_start_time_{0};

    std::mutex call_mutex_;   // one call at a time
    std::mutex state_mutex_;  // worker_ and the cancel flag, shared with cancel()
    std::unique_ptr<WorkerProcess> worker_;
    bool in_call_ = false;
    bool cancel_requested_ = false;
};

}  // namespace gigscout
