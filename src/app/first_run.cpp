#include "app/first_run.h"
#include "app/wx_text.h"

#include <memory>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/intl.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "base/iso_time.h"
#include "plugin_host/plugin_catalog.h"
#include "views/profile_editor.h"
#include "workspace/first_run.h"

namespace gigscout {

FirstRunDialog::FirstRunDialog(wxWindow* parent, Workspace& workspace)
    : wxDialog(parent, wxID_ANY, _("Welcome to GigScout"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      workspace_(workspace) {
    auto* top = new wxBoxSizer(wxVERTICAL);
    top->Add(new wxStaticText(this, wxID_ANY,
                              _("Pick the profile closest to you; GigScout ranks every listing "
                                "against it. You can edit it later.")),
             0, wxALL, FromDIP(10));
    wxString levels[] = {_("Beginner image-recognition engineer"),
                         _("Intermediate image-recognition engineer"),
                         _("Advanced image-recognition engineer")};
    level_ = new wxRadioBox(this, wxID_ANY, _("Starter profile"), wxDefaultPosition, wxDefaultSize,
                            3, levels, 1);
    level_->SetSelection(1);
    top->Add(level_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

    top->Add(new wxStaticText(this, wxID_ANY,
                              _("Optional: paste your CV or portfolio text to add the skills it "
                                "names. Tick the ones you really have.")),
             0, wxALL, FromDIP(10));
    auto* cv_row = new wxBoxSizer(wxHORIZONTAL);
    cv_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                         FromDIP(wxSize(360, 120)), wxTE_MULTILINE);
    cv_row->Add(cv_, 1, wxEXPAND);
    skills_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(220, 120)));
    cv_row->Add(skills_, 0, wxEXPAND | wxLEFT, FromDIP(6));
    top->Add(cv_row, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));
    auto* find = new wxButton(this, wxID_ANY, _("Find skills in the text"));
    find->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_find_skills(); });
    top->Add(find, 0, wxALL, FromDIP(6));

    // Remote listings open only to people elsewhere ("Remote (US)") are filtered by it.
    auto* home_row = new wxBoxSizer(wxHORIZONTAL);
    home_row->Add(new wxStaticText(this, wxID_ANY,
                                   _("Optional: the country you live in (hides remote jobs open "
                                     "only to other countries):")),
                  0, wxALIGN_CENTER_VERTICAL);
    based_in_ =
        new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(140, -1)));
    home_row->Add(based_in_, 0, wxLEFT, FromDIP(6));
    top->Add(home_row, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(10));

    auto* sources_row = new wxBoxSizer(wxHORIZONTAL);
    sources_row->Add(new wxStaticText(this, wxID_ANY, _("Sources to refresh:")));
    sources_note_ = new wxStaticText(this, wxID_ANY, _("Reading the plugins…"));
    sources_row->Add(sources_note_, 0, wxLEFT, FromDIP(6));
    top->Add(sources_row, 0, wxLEFT | wxTOP, FromDIP(10));
    sources_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 110)));
    top->Add(sources_, 0, wxEXPAND | wxALL, FromDIP(10));
    auto* buttons = new wxStdDialogButtonSizer;
    ok_ = new wxButton(this, wxID_OK);
    buttons->AddButton(ok_);
    buttons->AddButton(new wxButton(this, wxID_CANCEL));
    buttons->Realize();
    top->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
    SetSizerAndFit(top);
    if (workspace_.has_catalog()) {
        fill_sources();
    } else {
        read_catalog();
    }
}

FirstRunDialog::~FirstRunDialog() {
    if (catalog_reader_.joinable()) {
        catalog_reader_.join();
    }
}

void FirstRunDialog::read_catalog() {
    ok_->Disable();
    catalog_reader_ = std::thread([this, paths = workspace_.paths()] {
        // Shared: CallAfter copies what it is given.
        auto catalog = std::make_shared<PluginCatalog>(plugin_catalog(paths));
        CallAfter([this, catalog] {
            workspace_.adopt_catalog(std::move(*catalog));
            fill_sources();
        });
    });
}

void FirstRunDialog::fill_sources() {
    sources_->Clear();
    source_ids_.clear();
    auto configured = workspace_.sources();
    if (configured) {
        for (const auto& s : configured.value()) {
            source_ids_.push_back(s.id);
            sources_->Check(sources_->Append(utf8(s.id)), s.enabled);
        }
        sources_note_->SetLabel(wxEmptyString);
    } else {
        sources_note_->SetLabel(utf8(configured.error().message));
    }
    Layout();
    ok_->Enable();
}

void FirstRunDialog::on_find_skills() {
    auto starter = starter_profile(
        starter_levels()[static_cast<std::size_t>(std::max(0, level_->GetSelection()))]);
    Profile profile = starter ? starter.value() : Profile{};
    skills_->Clear();
    skill_ids_.clear();
    for (const auto& s : suggest_skills(text_of(cv_->GetValue()), profile)) {
        if (s.in_profile) {
            continue;
        }
        skill_ids_.push_back(s.id);
        skills_->Check(skills_->Append(utf8(s.name)), false);
    }
}

bool FirstRunDialog::apply(std::string& error) {
    const std::string level =
        starter_levels()[static_cast<std::size_t>(std::max(0, level_->GetSelection()))];
    auto profile = starter_profile(level);
    if (!profile) {
        error = profile.error().message;
        return false;
    }
    std::vector<std::string> confirmed;
    for (unsigned i = 0; i < skills_->GetCount() && i < skill_ids_.size(); ++i) {
        if (skills_->IsChecked(i)) {
            confirmed.push_back(skill_ids_[i]);
        }
    }
    // The starter levels are the skill levels' own words.
    add_skills(profile.value(), confirmed,
               skill_level_from_string(level).value_or(SkillLevel::Intermediate));
    ProfileEditor editor(std::move(profile).value());
    editor.set_based_in(text_of(based_in_->GetValue()));
    auto checked = editor.checked();
    if (!checked) {
        error = checked.error().message;
        return false;
    }
    if (auto s =
            save_active_profile(workspace_.store(), "me", checked.value(), now_epoch_seconds());
        !s) {
        error = s.error().message;
        return false;
    }
    std::vector<std::string> enabled;
    for (unsigned i = 0; i < sources_->GetCount() && i < source_ids_.size(); ++i) {
        if (sources_->IsChecked(i)) {
            enabled.push_back(source_ids_[i]);
        }
    }
    if (!std::filesystem::exists(workspace_.paths().sources_file())) {
        if (auto s = write_first_sources(workspace_.paths(), workspace_.catalog(), enabled); !s) {
            error = s.error().message;
            return false;
        }
    }
    return true;
}

}  // namespace gigscout
