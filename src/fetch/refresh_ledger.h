// When each source last refreshed, kept on disk so "at most once every N minutes" survives
// restarts and holds between the CLI and the app.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gigscout::fetch {

struct RefreshDecision {
    bool allowed = true;
    // When the source may refresh next (now when allowed).
    std::chrono::system_clock::time_point next_allowed;
    std::chrono::seconds wait{0};  // next_allowed - now, 0 when allowed
};

// A JSON file ({"version": 1, "sources": {"remoteok": {"last_refresh": "2026-11-25T10:00:00Z"}}})
// re-read on every call, so two processes sharing it agree; written atomically. A missing,
// unreadable or damaged file counts as "never refreshed" (politeness data, not user data) and
// is replaced on the next record(). Thread-safe.
class RefreshLedger {
  public:
    using Clock = std::chrono::system_clock;

    explicit RefreshLedger(std::filesystem::path file);

    // May `source` refresh at `now` if it must wait `min_interval` between refreshes?
    // A recorded time in the future (the clock went back) is ignored.
    RefreshDecision check(std::string_view source, std::chrono::seconds min_interval,
                          Clock::time_point now = Clock::now()) const;

    // Records a refresh of `source` at `when`; the error names the file.
    Status record(std::string_view source, Clock::time_point when = Clock::now());

    std::optional<Clock::time_point> last_refresh(std::string_view source) const;

    const std::filesystem::path& file() const { return file_; }

  private:
    std::map<std::string, Clock::time_point, std::less<>> read() const;

    std::filesystem::path file_;
    mutable std::mutex mutex_;
};

}  // namespace gigscout::fetch
