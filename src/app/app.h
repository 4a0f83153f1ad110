// The GigScout application object: reads the command line, finds the user's files (Paths),
// installs the layout config, opens the workspace, runs the first-run dialog for a new user,
// and opens the main window. The GUI tests derive from it to drive the real window.
#pragma once

#include <optional>
#include <string>

#include <wx/app.h>

#include "app/main_frame.h"

namespace gigscout {

class GigScoutApp : public wxApp {
  public:
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;
    // Asserts go to stderr: the default dialog would stop a user's work, and hang a headless
    // run (../shared/GUI-NOTES.md §1).
    void OnAssertFailure(const wxChar* file, int line, const wxChar* func, const wxChar* cond,
                         const wxChar* msg) override;

  protected:
    // Tests point Refresh at a local server here, before the window is made.
    virtual void adjust(AppOptions&) {}
    // Called once the window is shown (tests run their script from here).
    virtual void started(MainFrame&) {}
    // The first-run dialog is modal; tests that prepare their own profile turn it off.
    virtual bool first_run_allowed() const { return true; }

  private:
    std::optional<std::string> data_dir_;
    bool refresh_on_start_ = false;
};

}  // namespace gigscout
