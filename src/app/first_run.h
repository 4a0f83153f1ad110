// The first-run dialog: choose a starter profile or seed one from a CV / portfolio text (each
// skill found is confirmed by the user before it is added), and choose the sources. The
// choices become the active stored profile and sources.json (workspace/first_run.h).
#pragma once

#include <string>
#include <thread>
#include <vector>

#include <wx/dialog.h>

#include "workspace/workspace.h"

class wxButton;
class wxCheckListBox;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace gigscout {

class FirstRunDialog : public wxDialog {
  public:
    FirstRunDialog(wxWindow* parent, Workspace& workspace);
    // Waits for the catalog reader (its queued hand-off is dropped with the dialog).
    ~FirstRunDialog() override;

    // Saves the choices; false (with `error` set) when they could not be saved.
    bool apply(std::string& error);

    // For the GUI test: the sources offered, and OK (enabled once they are known).
    wxCheckListBox* sources_list() const { return sources_; }
    wxButton* ok_button() const { return ok_; }
    wxTextCtrl* based_in_field() const { return based_in_; }

  private:
    void on_find_skills();
    // The sources offered come from the plugin catalog, read on catalog_reader_ (a cold read
    // starts a worker per plugin) and handed back through CallAfter, the app's one hand-off
    // (docs/app.md); then the list is filled and OK enabled.
    void read_catalog();
    void fill_sources();

    Workspace& workspace_;
    wxRadioBox* level_ = nullptr;
    wxTextCtrl* cv_ = nullptr;
    wxCheckListBox* skills_ = nullptr;
    wxCheckListBox* sources_ = nullptr;
    wxTextCtrl* based_in_ = nullptr;
    std::vector<std::string> skill_ids_;
    std::vector<std::string> source_ids_;
    wxStaticText* sources_note_ = nullptr;
    wxButton* ok_ = nullptr;
    std::thread catalog_reader_;  // joined before the dialog goes
};

}  // namespace gigscout
