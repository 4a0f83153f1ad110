// Work the window must not wait for — reading the stored rows and refreshing the sources —
// runs here, on one worker thread, one job at a time in the order asked (a Refresh clicked
// while the rows are still being read runs right after them).
//
// The one hand-off back to the GUI thread: every progress report and every result is posted
// with `owner.CallAfter(...)`, as plain values copied or moved into the call; the worker never
// touches a window, a wx object or the GUI thread's Store. Why CallAfter and not a queue the
// GUI polls: it needs no timer, keeps order, and wx discards calls still queued for a window
// that is gone (checked under ASan, ../shared/GUI-NOTES.md §5).
//
// Lifetime: the main frame owns its controller. The controller's destructor cancels the job
// and joins the thread (cancel takes effect within about a second), so the worker has stopped
// posting before the frame's event handler is torn down.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <wx/event.h>

#include "base/paths.h"
#include "fetch/cancel_token.h"
#include "scoring/profile.h"
#include "views/listing_table.h"
#include "views/sources_panel.h"
#include "workspace/refresh_job.h"
#include "workspace/workspace.h"

namespace gigscout {

// The rows to show, read on the worker thread (ListingTable::read_rows) for adopt() on the GUI
// thread.
struct LoadedRows {
    Result<TableRows> rows = Error{"not read"};
    std::int64_t now = 0;
    // The store was empty and the bundled demo listings are shown instead (demo_data.h).
    bool demo = false;
};

// What the sources panel shows, read on the worker thread: reading the plugin catalog starts
// every plugin's sandbox once.
struct SourcesInfo {
    Result<std::vector<SourceRow>> rows = Error{"not read"};
    std::vector<std::string> plugin_problems;  // "file.lua: why it cannot load"
};

struct RefreshDone {
    Result<RefreshResult> result = Error{"not run"};
    LoadedRows rows;      // read after the refresh stored what it brought
    SourcesInfo sources;  // likewise
};

class RefreshController {
  public:
    RefreshController(wxEvtHandler& owner, Paths paths);
    ~RefreshController();
    RefreshController(const RefreshController&) = delete;
    RefreshController& operator=(const RefreshController&) = delete;

    // Reads the stored rows, scored with `profile` (none: unscored), and posts them; then, with
    // `sources`, reads the sources and plugins and posts those. With `demo_when_empty`, an
    // empty store shows the demo listings.
    void start_load(std::optional<Profile> profile, bool demo_when_empty,
                    std::function<void(LoadedRows)> done,
                    std::function<void(SourcesInfo)> sources = {});

    // Refreshes (workspace/refresh_job.h), then reads the rows as start_load does.
    void start_refresh(RefreshRequest request, std::optional<Profile> profile,
                       std::function<void(const SourceProgress&)> progress,
                       std::function<void(RefreshDone)> done);

    // Cancels the job that runs and those waiting (a refresh ends within about a second; a
    // waiting one runs cancelled, so it reports each source as cancelled at once).
    void cancel();
    // A job runs or waits; false again before the last job's result is posted.
    bool busy() const { return pending_ > 0; }

  private:
    // Runs on the worker; returns what posts its result.
    using Job = std::function<std::function<void()>(const fetch::CancelToken&)>;
    void start(Job job);
    void run();
    LoadedRows read_rows(const std::optional<Profile>& profile, bool demo_when_empty);
    SourcesInfo read_sources(Workspace& workspace);

    wxEvtHandler& owner_;
    Paths paths_;
    std::mutex mutex_;
    std::condition_variable wake_;
    struct Queued {
        Job job;
        std::shared_ptr<fetch::CancelToken> cancel;
    };
    std::deque<Queued> jobs_;
    std::shared_ptr<fetch::CancelToken> running_;  // the running job's token
    bool stopping_ = false;
    std::atomic<int> pending_{0};
    std::thread thread_;  // last: starts once the members above exist
};

}  // namespace gigscout
