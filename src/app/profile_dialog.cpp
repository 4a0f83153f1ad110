#include "app/profile_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "app/wx_text.h"
#include "base/file_io.h"
#include "base/iso_time.h"
#include "taxonomy/taxonomy.h"
#include "views/display_text.h"
#include "workspace/first_run.h"

namespace gigscout {
namespace {

const JobType kJobTypes[] = {JobType::Freelance, JobType::Contract, JobType::FullTime,
                             JobType::PartTime};
const SkillLevel kLevels[] = {SkillLevel::Beginner, SkillLevel::Intermediate, SkillLevel::Advanced};
// A CV larger than this is not a CV.
constexpr std::uintmax_t kMaxCvBytes = 2 << 20;

double* weight_field(ScoreWeights& w, std::size_t i) {
    double* fields[] = {&w.skill,
                        &w.level,
                        &w.budget,
                        &w.recency,
                        &w.client,
                        &w.search_terms,
                        &w.excluded_keyword_penalty};
    return fields[i];
}

}  // namespace

ProfileDialog::ProfileDialog(wxWindow* parent, Store& store, std::string name, Profile profile)
    : wxDialog(parent, wxID_ANY, _("Edit profile"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      store_(store),
      name_(name.empty() ? "me" : std::move(name)),
      editor_(std::move(profile)) {
    const int gap = FromDIP(6);
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* name_row = new wxBoxSizer(wxHORIZONTAL);
    name_row->Add(new wxStaticText(this, wxID_ANY, _("Profile name")), 0,
                  wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
    name_field_ = new wxTextCtrl(this, wxID_ANY, utf8(name_));
    name_row->Add(name_field_, 1);
    top->Add(name_row, 0, wxEXPAND | wxALL, gap);

    // Skills: search on the left, the profile's on the right.
    auto* skills_row = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    search_ = new wxSearchCtrl(this, wxID_ANY);
    search_->SetDescriptiveText(_("Find a skill (name or any spelling: cv2, tf.keras…)"));
    left->Add(search_, 0, wxEXPAND);
    category_ = new wxChoice(this, wxID_ANY);
    category_->Append(_("every category"));
    category_ids_.push_back("");
    for (const auto& c : Taxonomy::bundled().categories()) {
        category_->Append(utf8(c.name));
        category_ids_.push_back(c.id);
    }
    category_->SetSelection(0);
    left->Add(category_, 0, wxEXPAND | wxTOP, gap);
    results_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 220)));
    left->Add(results_, 1, wxEXPAND | wxTOP, gap);
    auto* add_row = new wxBoxSizer(wxHORIZONTAL);
    level_ = new wxChoice(this, wxID_ANY);
    for (SkillLevel l : kLevels) {
        level_->Append(utf8(std::string(to_string(l))));
    }
    level_->SetSelection(1);
    add_row->Add(level_, 0, wxRIGHT, gap);
    auto* add = new wxButton(this, wxID_ANY, _("Add ▸"));
    add_row->Add(add, 0, wxRIGHT, gap);
    auto* import = new wxButton(this, wxID_ANY, _("Import skills from a CV…"));
    import->SetToolTip(_("Read a CV or portfolio (text or Markdown) and tick the skills to add"));
    add_row->Add(import, 0);
    left->Add(add_row, 0, wxTOP, gap);
    // The CV's skills wait here, unticked, until the user picks the ones to add.
    offer_box_ = new wxStaticBoxSizer(wxVERTICAL, this, _("Found in your CV: tick what to add"));
    offered_ = new wxCheckListBox(offer_box_->GetStaticBox(), wxID_ANY, wxDefaultPosition,
                                  FromDIP(wxSize(220, 200)));
    offer_box_->Add(offered_, 1, wxEXPAND);
    auto* add_ticked_button =
        new wxButton(offer_box_->GetStaticBox(), wxID_ANY, _("Add ticked skills ▸"));
    offer_box_->Add(add_ticked_button, 0, wxTOP, gap);
    skills_row->Add(left, 1, wxEXPAND | wxRIGHT, gap);

    auto* right = new wxBoxSizer(wxVERTICAL);
    skills_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(300, 260)),
                             wxLC_REPORT | wxLC_SINGLE_SEL);
    skills_->AppendColumn(_("Your skill"), wxLIST_FORMAT_LEFT, FromDIP(190));
    skills_->AppendColumn(_("Level"), wxLIST_FORMAT_LEFT, FromDIP(100));
    right->Add(skills_, 1, wxEXPAND);
    auto* remove = new wxButton(this, wxID_ANY, _("Remove"));
    right->Add(remove, 0, wxTOP, gap);
    skills_row->Add(right, 1, wxEXPAND);
    // A third column while a CV's skills wait: the dialog grows sideways, not off the screen.
    skills_row->Add(offer_box_, 1, wxEXPAND | wxLEFT, gap);
    top->Add(skills_row, 1, wxEXPAND | wxLEFT | wxRIGHT, gap);

    // Pay, work, terms.
    const Profile& p = editor_.profile();
    auto* grid = new wxFlexGridSizer(2, gap, gap);
    grid->AddGrowableCol(1);
    auto money_row = [&](const wxString& label, const std::optional<Money>& m,
                         wxSpinCtrlDouble*& amount, wxTextCtrl*& currency) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        amount = new wxSpinCtrlDouble(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                      wxSP_ARROW_KEYS, 0, 1'000'000, m ? m->amount : 0, 5);
        currency = new wxTextCtrl(this, wxID_ANY, utf8(m ? m->currency : "USD"), wxDefaultPosition,
                                  FromDIP(wxSize(70, -1)));
        row->Add(amount, 0, wxRIGHT, gap);
        row->Add(currency, 0);
        grid->Add(row);
    };
    money_row(_("Least per hour (0: none)"), p.min_hourly, min_hourly_, hourly_currency_);
    money_row(_("Least per fixed project"), p.min_fixed, min_fixed_, fixed_currency_);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Job types (none: any)")), 0,
              wxALIGN_CENTER_VERTICAL);
    auto* types = new wxBoxSizer(wxHORIZONTAL);
    for (JobType t : kJobTypes) {
        auto* box = new wxCheckBox(this, wxID_ANY, utf8(std::string(to_string(t))));
        box->SetValue(std::find(p.job_types.begin(), p.job_types.end(), t) != p.job_types.end());
        types->Add(box, 0, wxRIGHT, gap);
        job_types_.push_back(box);
    }
    grid->Add(types);
    grid->AddSpacer(0);
    remote_only_ = new wxCheckBox(this, wxID_ANY, _("Remote work only"));
    remote_only_->SetValue(p.remote_only);
    grid->Add(remote_only_);
    // Remote listings open only to people elsewhere ("Remote (US)") are filtered by it.
    grid->Add(new wxStaticText(this, wxID_ANY, _("You live in (a country; empty: not said)")), 0,
              wxALIGN_CENTER_VERTICAL);
    based_in_ = new wxTextCtrl(this, wxID_ANY, utf8(editor_.based_in_name()));
    grid->Add(based_in_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Search terms (comma-separated)")), 0,
              wxALIGN_CENTER_VERTICAL);
    search_terms_ = new wxTextCtrl(this, wxID_ANY, utf8(join_list(p.search_terms)));
    grid->Add(search_terms_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Words that cost points")), 0,
              wxALIGN_CENTER_VERTICAL);
    excluded_ = new wxTextCtrl(this, wxID_ANY, utf8(join_list(p.excluded_keywords)));
    grid->Add(excluded_, 1, wxEXPAND);
    // The score's weights (docs/scoring.md): the most points each part can add, 100 in all.
    grid->Add(new wxStaticText(this, wxID_ANY, _("Weights (points, 100 in all)")), 0,
              wxALIGN_CENTER_VERTICAL);
    auto* weights = new wxFlexGridSizer(8, FromDIP(2), FromDIP(3));
    const wxString weight_names[] = {_("skills"),
                                     _("level"),
                                     _("pay"),
                                     _("recency"),
                                     _("client"),
                                     _("search terms"),
                                     _("off per unwanted word")};
    ScoreWeights current = p.weights;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
        weights->Add(new wxStaticText(this, wxID_ANY, weight_names[i]), 0,
                     wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT | wxLEFT, gap);
        weights_[i] =
            new wxSpinCtrlDouble(this, wxID_ANY, "", wxDefaultPosition, FromDIP(wxSize(115, -1)),
                                 wxSP_ARROW_KEYS, 0, 100, *weight_field(current, i), 1);
        weights_[i]->SetDigits(0);
        weights->Add(weights_[i], 0);
    }
    grid->Add(weights);
    top->Add(grid, 0, wxEXPAND | wxALL, gap);

    problem_ = new wxStaticText(this, wxID_ANY, "");
    problem_->SetForegroundColour(wxColour(200, 40, 40));
    top->Add(problem_, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
    top->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, gap);
    offer_box_->ShowItems(false);
    SetSizerAndFit(top);

    search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search(text_of(search_->GetValue())); });
    category_->Bind(wxEVT_CHOICE,
                    [this](wxCommandEvent&) { search(text_of(search_->GetValue())); });
    auto add_selected = [this] {
        const int at = results_->GetSelection();
        if (at != wxNOT_FOUND) {
            add_found(static_cast<std::size_t>(at), kLevels[std::max(0, level_->GetSelection())]);
        }
    };
    add->Bind(wxEVT_BUTTON, [add_selected](wxCommandEvent&) { add_selected(); });
    results_->Bind(wxEVT_LISTBOX_DCLICK, [add_selected](wxCommandEvent&) { add_selected(); });
    import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxFileDialog pick(this, _("Import skills from a CV"), "", "",
                          _("Text or Markdown (*.txt;*.md)|*.txt;*.md;*.TXT;*.MD|All files|*"),
                          wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (pick.ShowModal() == wxID_OK) {
        import_cv_file(std::filesystem::path(text_of(pick.GetPath())));
    }
});
offered_->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent& e) {
    const int at = e.GetInt();
    if (at >= 0) {
        editor_.confirm(static_cast<std::size_t>(at),
                        offered_->IsChecked(static_cast<unsigned>(at)));
    }
});
add_ticked_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_ticked(); });
remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const long at = skills_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (at >= 0 && static_cast<std::size_t>(at) < editor_.profile().skills.size()) {
        editor_.remove_skill(editor_.profile().skills[static_cast<std::size_t>(at)].skill);
        show_skills();
    }
});
Bind(
    wxEVT_BUTTON,
    [this](wxCommandEvent&) {
        if (save()) {
            EndModal(wxID_OK);
        }
    },
    wxID_OK);
search("");
show_skills();
}  // namespace gigscout

void ProfileDialog::search(const std::string& text) {
    const std::size_t at = static_cast<std::size_t>(std::max(0, category_->GetSelection()));
    found_ = search_skills(text, at < category_ids_.size() ? category_ids_[at] : "", 200);
    results_->Clear();
    for (const auto& f : found_) {
        results_->Append(
            utf8(f.name + (f.via.empty() ? "" : " (\"" + f.via + "\")") + " — " + f.category));
    }
}

bool ProfileDialog::add_found(std::size_t index, SkillLevel level) {
    if (index >= found_.size() || !editor_.add_skill(found_[index].id, level)) {
        return false;
    }
    show_skills();
    return true;
}

bool ProfileDialog::import_cv_file(const std::filesystem::path& file) {
    auto text = read_text_file(file, kMaxCvBytes);
    // A PDF or a word processor's file: the extractor reads text only.
    if (text && text.value().find('\0') != std::string::npos) {
        text = Error{file.string() + ": not a text file (save the CV as plain text or Markdown)"};
    }
    if (!text) {
        error_ = text.error().message;
        problem_->SetLabel(utf8(error_));
        Layout();
        return false;
    }
    if (import_cv_text(text.value()) == 0) {
        error_ = file.filename().string() + ": no skill found that your profile lacks";
        problem_->SetLabel(utf8(error_));
        Layout();
    }
    return true;
}

std::size_t ProfileDialog::import_cv_text(const std::string& text) {
    std::vector<OfferedSkill> offer;
    for (const auto& s : suggest_skills(text, editor_.profile())) {
        offer.push_back({s.id, s.name, false});
    }
    editor_.offer_skills(std::move(offer));
    show_offer();
    return editor_.offered().size();
}

void ProfileDialog::tick_offered(std::size_t index, bool ticked) {
    if (editor_.confirm(index, ticked)) {
        offered_->Check(static_cast<unsigned>(index), ticked);
    }
}

std::size_t ProfileDialog::add_ticked() {
    const std::size_t added = editor_.add_confirmed(kLevels[std::max(0, level_->GetSelection())]);
    show_offer();
    show_skills();
    return added;
}

void ProfileDialog::show_offer() {
    offered_->Clear();
    for (const auto& o : editor_.offered()) {
        offered_->Append(utf8(o.name));
    }
    offer_box_->ShowItems(!editor_.offered().empty());
    // Grow to fit the checklist when it appears; never shrink what the user sized.
    const wxSize need = GetSizer()->ComputeFittingWindowSize(this);
    wxSize size = GetSize();
    size.IncTo(need);
    if (size != GetSize()) {
        SetSize(size);
        CentreOnParent();
    }
    Layout();
}

void ProfileDialog::show_skills() {
    skills_->DeleteAllItems();
    long row = 0;
    for (const auto& s : editor_.profile().skills) {
        skills_->InsertItem(row, utf8(skill_name(s.skill)));
        skills_->SetItem(row, 1, utf8(std::string(to_string(s.level))));
        ++row;
    }
}

void ProfileDialog::read_fields() {
    auto money = [](wxSpinCtrlDouble* amount, wxTextCtrl* currency) -> std::optional<Money> {
        if (amount->GetValue() <= 0) {
            return std::nullopt;
        }
        return Money{amount->GetValue(), text_of(currency->GetValue())};
    };
    editor_.set_min_hourly(money(min_hourly_, hourly_currency_));
    editor_.set_min_fixed(money(min_fixed_, fixed_currency_));
    std::vector<JobType> types;
    for (std::size_t i = 0; i < job_types_.size(); ++i) {
        if (job_types_[i]->GetValue()) {
            types.push_back(kJobTypes[i]);
        }
    }
    editor_.set_job_types(types);
    editor_.set_remote_only(remote_only_->GetValue());
    editor_.set_based_in(text_of(based_in_->GetValue()));
    editor_.set_search_terms(text_of(search_terms_->GetValue()));
    editor_.set_excluded_keywords(text_of(excluded_->GetValue()));
    ScoreWeights w = editor_.profile().weights;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
        *weight_field(w, i) = weights_[i]->GetValue();
    }
    editor_.set_weights(w);
}

bool ProfileDialog::save() {
    read_fields();
    name_ = text_of(name_field_->GetValue());
    if (name_.empty()) {
        error_ = "the profile needs a name";
    } else if (auto s = editor_.save(store_, name_, true, now_epoch_seconds()); !s) {
        error_ = s.error().message;
    } else {
        error_.clear();
    }
    problem_->SetLabel(utf8(error_));
    Layout();
    return error_.empty();
}

}  // namespace gigscout
