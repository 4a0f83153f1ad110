// The profile editor: find skills by any spelling and add them with a level, set pay
// minimums, job types, remote only, search terms, excluded keywords and the score's weights;
// import skills from a CV (each ticked by the user before it is added). It binds
// views/profile_editor.h; Save checks the profile as every reader reads it and, when the check
// fails, shows the field and the reason and saves nothing.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include <wx/dialog.h>

#include "views/profile_editor.h"

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxStaticBoxSizer;
class wxChoice;
class wxListBox;
class wxListCtrl;
class wxSearchCtrl;
class wxSpinCtrlDouble;
class wxStaticText;
class wxTextCtrl;

namespace gigscout {

class ProfileDialog : public wxDialog {
  public:
    // `name`: the stored profile's name (a new one when empty).
    ProfileDialog(wxWindow* parent, Store& store, std::string name, Profile profile);

    // What the buttons do (tests call them too).
    void search(const std::string& text);
    bool add_found(std::size_t index, SkillLevel level);
    // Checks and saves; false with the reason shown (and in error()) when the check fails.
    bool save();

    // "Import skills from a CV…": reads a text or Markdown file (false with the reason shown
    // when it cannot) and offers what the extractor finds, as import_cv_text does.
    bool import_cv_file(const std::filesystem::path& file);
    // The skills the extractor (workspace/first_run.h suggest_skills) finds in `text` that the
    // profile lacks, in a checklist, none ticked; returns how many are offered.
    std::size_t import_cv_text(const std::string& text);
    // Ticks or unticks an offered skill as a click in the checklist does.
    void tick_offered(std::size_t index, bool ticked);
    // "Add ticked skills": the ticked ones join the profile at the chosen level; how many.
    std::size_t add_ticked();
    wxCheckListBox* offered_list() const { return offered_; }
    // "You live in": typed into as a person types (tests too).
    wxTextCtrl* based_in_field() const { return based_in_; }

    ProfileEditor& editor() { return editor_; }
    const std::vector<SkillMatch>& found() const { return found_; }
    const std::string& error() const { return error_; }
    const std::string& name() const { return name_; }

  private:
    void show_skills();
    void read_fields();
    void show_offer();

    Store& store_;
    std::string name_;
    ProfileEditor editor_;
    std::vector<SkillMatch> found_;
    std::string error_;

    wxTextCtrl* name_field_ = nullptr;
    wxSearchCtrl* search_ = nullptr;
    wxChoice* category_ = nullptr;
    std::vector<std::string> category_ids_;
    wxListBox* results_ = nullptr;
    wxChoice* level_ = nullptr;
    wxListCtrl* skills_ = nullptr;
    wxSpinCtrlDouble* min_hourly_ = nullptr;
    wxTextCtrl* hourly_currency_ = nullptr;
    wxSpinCtrlDouble* min_fixed_ = nullptr;
    wxTextCtrl* fixed_currency_ = nullptr;
    std::vector<wxCheckBox*> job_types_;
    wxCheckBox* remote_only_ = nullptr;
    wxTextCtrl* based_in_ = nullptr;
    wxTextCtrl* search_terms_ = nullptr;
    wxTextCtrl* excluded_ = nullptr;
    wxStaticText* problem_ = nullptr;
    wxStaticBoxSizer* offer_box_ = nullptr;
    wxCheckListBox* offered_ = nullptr;
    // skill, level, budget, recency, client, search terms, then the excluded-word penalty
    std::array<wxSpinCtrlDouble*, 7> weights_{};
};

}  // namespace gigscout
