// The first-run dialog: choose a starter profile or seed one from a CV / portfolio text (each
// skill found is confirmed by the user before it is added), and choose the sources. The
// choices become the active stored profile and sources.json (workspace/first_run.h).
#pragma once

#include <wx/dialog.h>

#include "workspace/workspace.h"

class wxRadioBox;
class wxTextCtrl;
class wxCheckListBox;

namespace gigscout {

class FirstRunDialog : public wxDialog {
  public:
    FirstRunDialog(wxWindow* parent, Workspace& workspace);

    // Saves the choices; false (with `error` set) when they could not be saved.
    bool apply(std::string& error);

  private:
    void on_find_skills();

    Workspace& workspace_;
    wxRadioBox* level_ = nullptr;
    wxTextCtrl* cv_ = nullptr;
    wxCheckListBox* skills_ = nullptr;
    wxCheckListBox* sources_ = nullptr;
    std::vector<std::string> skill_ids_;
    std::vector<std::string> source_ids_;
};

}  // namespace gigscout
