// The sources panel: one line per configured source — its state, when it last refreshed, how
// many listings the last run brought, and the last error in words — updated live from a
// refresh's progress reports. Its context menu resumes a paused source.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <wx/listctrl.h>

#include "refresh/refresh_runner.h"
#include "views/sources_panel.h"

namespace gigscout {

class SourcesList : public wxListCtrl {
  public:
    explicit SourcesList(wxWindow* parent);

    // The panel's rows as views/sources_panel.h words them.
    void set_rows(const std::vector<SourceRow>& rows, std::int64_t now);
    // A running refresh's report on one source, shown until the rows are read again.
    void update(const SourceProgress& progress, std::int64_t now);
    // Every source that is still queued or running ends as cancelled.
    void end_all(std::int64_t now);

    // For tests and the status bar: the state text shown for `source`.
    std::string state_of(const std::string& source) const;
    // The health rules paused it (failures in a row): Resume is offered.
    bool paused(const std::string& source) const;

    // The context menu's actions (a right click on a row): Resume for a paused source, and
    // Manage sources… for any.
    std::function<void(const std::string&)> on_resume;
    std::function<void()> on_manage;

  private:
    struct Line {
        std::string source;
        std::string state;
        std::string when;
        std::string listings;
        std::string error;
        bool failed = false;
        bool running = false;  // a refresh's report said it is not done yet
        bool paused = false;
    };
    void show();
    void context_menu(long row);

    std::vector<Line> lines_;
};

}  // namespace gigscout
