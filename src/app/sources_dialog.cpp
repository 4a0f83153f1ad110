#include "app/sources_dialog.h"

#include <memory>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include "app/wx_text.h"
#include "workspace/source_settings.h"

namespace gigscout {
namespace {

const wxColour kProblemColour(200, 40, 40);

// A number setting whose default is a whole number gets a spin control; any other stays text,
// so a blank (no value) and a wrong value can be told apart and said so.
bool whole_number(const SettingSpec& spec) {
    if (spec.type != SettingType::Number || !spec.default_value) {
        return false;
    }
    const double d = std::get<double>(*spec.default_value);
    return d == static_cast<double>(static_cast<long>(d)) && d > -1e9 && d < 1e9;
}

// GTK measures a wrapped label by its longest line alone (an address does not break), so the
// sizer is told the height of every line.
void wrap_label(wxStaticText* label, int width) {
    label->Wrap(width);
    const int lines = static_cast<int>(label->GetLabel().Freq('\n')) + 1;
    label->SetMinSize(wxSize(-1, lines * label->GetCharHeight() + 2));
}

}  // namespace

SourcesDialog::SourcesDialog(wxWindow* parent, Workspace& workspace, std::function<void()> changed,
                             std::function<void()> closed)
    : wxDialog(parent, wxID_ANY, _("Sources"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      workspace_(workspace),
      changed_(std::move(changed)),
      closed_(std::move(closed)) {
    if (auto secrets = SecretStore::open(workspace_.paths()); secrets) {
        secrets_.emplace(std::move(secrets).value());
    } else {
        secrets_problem_ = secrets.error().message;
    }
    build();
    reload();
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
        if (closed_) {
            closed_();
        }
        Destroy();
    });
}

SourcesDialog::~SourcesDialog() {
    // A call it posted and not yet run is discarded with the dialog (wx drops a gone
    // handler's queued calls).
    if (catalog_reader_.joinable()) {
        catalog_reader_.join();
    }
    if (sign_in_thread_.joinable()) {
        sign_in_cancel_->cancel();
        sign_in_thread_.join();
    }
}

void SourcesDialog::read_catalog(bool reloaded) {
    if (reading_catalog_) {
        return;
    }
    if (catalog_reader_.joinable()) {
        catalog_reader_.join();  // the last read, its result already handed over
    }
    reading_catalog_ = true;
    status_->SetLabel(_("Reading the plugins…"));
    catalog_reader_ = std::thread([this, paths = workspace_.paths(), reloaded] {
        // Shared: CallAfter copies what it is given.
        auto catalog = std::make_shared<PluginCatalog>(
            plugin_catalog(paths, reloaded ? CachedRefusals::retried : CachedRefusals::kept));
        CallAfter([this, catalog, reloaded] {
            reading_catalog_ = false;
            workspace_.adopt_catalog(std::move(*catalog));
            reload();
            if (!reloaded) {
                status_->SetLabel(utf8(message_));
                return;
            }
            std::size_t problems = 0;
            for (const PluginItem& p : model_->plugins()) {
                problems += p.load_error.empty() ? 0 : 1;
            }
            say("Reloaded " + std::to_string(model_->plugins().size()) + " plugins" +
                    (problems ? ", " + std::to_string(problems) + " cannot load (see their reason)"
                              : std::string()),
                problems > 0);
            if (changed_) {
                changed_();
            }
        });
    });
}

// --- building --------------------------------------------------------------------------------

void SourcesDialog::build() {
    auto* root = new wxBoxSizer(wxVERTICAL);

    // Paste a board's address: what it makes is said before anything is added.
    auto* paste = new wxBoxSizer(wxHORIZONTAL);
    paste->Add(new wxStaticText(this, wxID_ANY, _("Add from a board's address:")), 0,
               wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    address_ = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                              wxTE_PROCESS_ENTER);
    address_->SetHint(_("https://boards.greenhouse.io/… , a feed's address, a careers page"));
    paste->Add(address_, 1, wxALIGN_CENTER_VERTICAL);
    find_ = new wxButton(this, wxID_ANY, _("&Find"));
    paste->Add(find_, 0, wxLEFT, FromDIP(6));
    root->Add(paste, 0, wxEXPAND | wxALL, FromDIP(8));
    auto* found = new wxBoxSizer(wxHORIZONTAL);
    found_text_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    found->Add(found_text_, 1, wxALIGN_CENTER_VERTICAL);
    add_found_ = new wxButton(this, wxID_ANY, _("&Add this source"));
    found->Add(add_found_, 0, wxLEFT, FromDIP(6));
    root->Add(found, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));

    auto* body = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("Configured sources")), 0, wxBOTTOM, FromDIP(3));
    sources_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(440, 200)),
                                   wxLC_REPORT | wxLC_SINGLE_SEL);
    sources_list_->AppendColumn(_("Source"), wxLIST_FORMAT_LEFT, FromDIP(150));
    sources_list_->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(280));
    left->Add(sources_list_, 1, wxEXPAND);
    left->Add(new wxStaticText(this, wxID_ANY, _("Available plugins")), 0, wxTOP | wxBOTTOM,
              FromDIP(3));
    plugins_list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(440, 200)),
                                   wxLC_REPORT | wxLC_SINGLE_SEL);
    plugins_list_->AppendColumn(_("Plugin"), wxLIST_FORMAT_LEFT, FromDIP(150));
    plugins_list_->AppendColumn(_("About"), wxLIST_FORMAT_LEFT, FromDIP(420));
    left->Add(plugins_list_, 1, wxEXPAND);
    body->Add(left, 0, wxEXPAND | wxRIGHT, FromDIP(8));

    auto* right = new wxBoxSizer(wxVERTICAL);
    details_ = new wxStaticText(this, wxID_ANY, _("Select a source or a plugin."));
    right->Add(details_, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
    form_panel_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(460, 300)),
                                       wxVSCROLL | wxBORDER_THEME);
    form_panel_->SetScrollRate(0, FromDIP(10));
    right->Add(form_panel_, 1, wxEXPAND);
    save_ = new wxButton(this, wxID_ANY, _("&Save settings"));
    right->Add(save_, 0, wxALIGN_RIGHT | wxTOP, FromDIP(6));
    body->Add(right, 1, wxEXPAND);
    root->Add(body, 1, wxEXPAND | wxALL, FromDIP(8));

    status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    root->Add(status_, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    enable_ = new wxButton(this, wxID_ANY, _("&Enable"));
    disable_ = new wxButton(this, wxID_ANY, _("&Disable"));
    resume_ = new wxButton(this, wxID_ANY, _("&Resume"));
    remove_ = new wxButton(this, wxID_ANY, _("Re&move"));
    sign_in_ = new wxButton(this, wxID_ANY, _("Sign &in…"));
    auto* reload_button = new wxButton(this, wxID_ANY, _("Reload &plugins"));
    auto* open_folder = new wxButton(this, wxID_ANY, _("Open plugin &folder"));
    auto* close = new wxButton(this, wxID_CLOSE, _("&Close"));
    for (wxButton* b : {enable_, disable_, resume_, remove_, sign_in_}) {
        buttons->Add(b, 0, wxRIGHT, FromDIP(4));
    }
    buttons->AddStretchSpacer();
    buttons->Add(reload_button, 0, wxRIGHT, FromDIP(4));
    buttons->Add(open_folder, 0, wxRIGHT, FromDIP(12));
    buttons->Add(close);
    root->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(8));
    SetEscapeId(wxID_CLOSE);
    SetSizerAndFit(root);
    SetSize(FromDIP(wxSize(1040, 640)));

    find_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { find_address(); });
    address_->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { find_address(); });
    address_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        found_.reset();
        found_text_->SetLabel(wxEmptyString);
        update_buttons();
    });
    add_found_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_found(); });
    sources_list_->Bind(wxEVT_LIST_ITEM_SELECTED, &SourcesDialog::on_source_selected, this);
    plugins_list_->Bind(wxEVT_LIST_ITEM_SELECTED, &SourcesDialog::on_plugin_selected, this);
    save_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_settings(); });
    enable_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_enabled(true); });
    disable_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { set_enabled(false); });
    resume_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { resume(); });
    sign_in_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { sign_in(); });
    remove_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        const SourceRow* s = model_ ? model_->selected_source() : nullptr;
        if (s == nullptr) {
            return;
        }
        wxMessageDialog ask(
            this,
            wxString::Format(_("Remove the source %s? Its stored listings stay."), utf8(s->id)),
            _("Remove source"), wxYES_NO | wxNO_DEFAULT);
        if (ask.ShowModal() == wxID_YES) {
            remove();
        }
    });
    reload_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload_plugins(); });
    open_folder->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_plugin_folder(); });
    close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
}

// --- the lists -------------------------------------------------------------------------------

void SourcesDialog::reload() {
    std::string source;
    std::string plugin;
    if (model_) {
        if (const SourceRow* s = model_->selected_source()) {
            source = s->id;
        } else if (const PluginItem* p = model_->selected_plugin()) {
            plugin = p->id;
        }
    }
    if (!workspace_.has_catalog()) {
        if (!model_) {
            model_.emplace(std::vector<SourceRow>{}, std::vector<PluginItem>{});
            fill_lists();
            show_selection();
        }
        read_catalog(false);
        return;
    }
    auto loaded = load_sources_dialog(workspace_, secrets_ ? &*secrets_ : nullptr);
    if (!loaded) {
        model_.emplace(std::vector<SourceRow>{}, std::vector<PluginItem>{});
        say(loaded.error().message, true);
    } else {
        model_.emplace(std::move(loaded).value());
    }
    fill_lists();
    if (!source.empty()) {
        select_source(source);
    } else if (!plugin.empty()) {
        select_plugin(plugin);
    } else {
        show_selection();
    }
}

void SourcesDialog::fill_lists() {
    filling_ = true;
    sources_list_->DeleteAllItems();
    long row = 0;
    for (const SourceRow& s : model_->sources()) {
        sources_list_->InsertItem(row, utf8(s.id));
        std::string state = s.state_text;
        if (!s.deprecated.empty()) {
            state += " (deprecated: " + s.deprecated + ")";
        }
        sources_list_->SetItem(row, 1, utf8(state));
        const bool problem = s.health == SourceHealth::Failing ||
                             s.health == SourceHealth::Paused ||
                             s.health == SourceHealth::Unusable || s.suspicious;
        if (problem) {
            sources_list_->SetItemTextColour(row, kProblemColour);
        }
        ++row;
    }
    plugins_list_->DeleteAllItems();
    row = 0;
    for (const PluginItem& p : model_->plugins()) {
        plugins_list_->InsertItem(row, utf8(p.id + (p.user ? " (yours)" : "")));
        plugins_list_->SetItem(row, 1, utf8(SourcesDialogModel::plugin_note(p)));
        if (!p.load_error.empty() || !p.deprecated.empty()) {
            plugins_list_->SetItemTextColour(row, kProblemColour);
        }
        ++row;
    }
    filling_ = false;
}

void SourcesDialog::on_source_selected(wxListEvent& event) {
    if (filling_) {
        return;
    }
    const auto index = static_cast<std::size_t>(event.GetIndex());
    if (index < model_->sources().size()) {
        select_source(model_->sources()[index].id);
    }
}

void SourcesDialog::on_plugin_selected(wxListEvent& event) {
    if (filling_) {
        return;
    }
    const auto index = static_cast<std::size_t>(event.GetIndex());
    if (index < model_->plugins().size()) {
        select_plugin(model_->plugins()[index].id);
    }
}

// One selection across both lists: the chosen row (none: -1) in `chosen`, nothing in `other`;
// these programmatic changes are not the user's clicks.
void SourcesDialog::mark_selected(wxListCtrl* chosen, long row, wxListCtrl* other) {
    filling_ = true;
    for (wxListCtrl* list : {chosen, other}) {
        for (long i = 0; i < list->GetItemCount(); ++i) {
            const bool on = list == chosen && i == row;
            list->SetItemState(i, on ? wxLIST_STATE_SELECTED : 0, wxLIST_STATE_SELECTED);
        }
    }
    if (row >= 0) {
        chosen->EnsureVisible(row);
    }
    filling_ = false;
    show_selection();
}

bool SourcesDialog::select_source(const std::string& id) {
    const bool ok = model_->select_source(id);
    long row = -1;
    for (std::size_t i = 0; ok && i < model_->sources().size(); ++i) {
        row = model_->sources()[i].id == id ? static_cast<long>(i) : row;
    }
    mark_selected(sources_list_, row, plugins_list_);
    return ok;
}

bool SourcesDialog::select_plugin(const std::string& id) {
    const bool ok = model_->select_plugin(id);
    long row = -1;
    if (const PluginItem* p = model_->selected_plugin()) {
        row = static_cast<long>(p - model_->plugins().data());
    }
    mark_selected(plugins_list_, row, sources_list_);
    return ok;
}

// --- the details and the settings form ---------------------------------------------------------

void SourcesDialog::show_selection() {
    form_.reset();
    if (const SourceRow* s = model_->selected_source()) {
        auto form = source_settings_form(workspace_, s->id, secrets_ ? &*secrets_ : nullptr);
        if (form) {
            form_.emplace(std::move(form).value());
        }
    } else if (const PluginItem* p = model_->selected_plugin(); p && p->manifest) {
        form_.emplace(new_source_form(*p->manifest));
    }
    std::string details = model_->details();
    if (model_->selected_plugin() && form_) {
        details += "\nFill in its settings and press “Add as source”.";
    }
    details_->SetLabel(utf8(details));
    wrap_label(details_, FromDIP(520));
    save_->SetLabel(model_->selected_plugin() ? _("Add as &source") : _("&Save settings"));
    build_form();
    update_buttons();
    Layout();
}

void SourcesDialog::build_form() {
    form_panel_->DestroyChildren();
    controls_.clear();
    auto* grid = new wxFlexGridSizer(2, FromDIP(4), FromDIP(8));
    grid->AddGrowableCol(1, 1);
    if (!form_) {
        form_panel_->SetSizer(grid, true);
        form_panel_->FitInside();
        return;
    }
    if (form_->fields().empty()) {
        grid->Add(new wxStaticText(form_panel_, wxID_ANY, _("This plugin has no settings.")));
    }
    const wxColour help_colour = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
    for (const SettingField& f : form_->fields()) {
        const std::string label =
            (f.spec.label.empty() ? f.spec.key : f.spec.label) + (f.required ? " *" : "");
        auto* name = new wxStaticText(form_panel_, wxID_ANY, utf8(label));
        wrap_label(name, FromDIP(170));
        grid->Add(name, 0, wxALIGN_TOP | wxTOP, FromDIP(4));
        auto* column = new wxBoxSizer(wxVERTICAL);
        wxWindow* control = nullptr;
        if (f.spec.secret) {
            // Never the value: an empty password field that says where the value is kept.
            auto* text = new wxTextCtrl(form_panel_, wxID_ANY, wxEmptyString, wxDefaultPosition,
                                        wxDefaultSize, wxTE_PASSWORD);
            text->SetHint(utf8(secret_place_text(f.stored)));
            control = text;
        } else if (f.spec.type == SettingType::Boolean) {
            auto* box = new wxCheckBox(form_panel_, wxID_ANY, wxEmptyString);
            box->SetValue(f.text == "true");
            control = box;
        } else if (whole_number(f.spec)) {
            long value = 0;
            const bool parsed = utf8(f.text).ToLong(&value);
            auto* spin = new wxSpinCtrl(form_panel_, wxID_ANY, wxEmptyString, wxDefaultPosition,
                                        wxDefaultSize, wxSP_ARROW_KEYS, 0, 1'000'000,
                                        parsed ? static_cast<int>(value) : 0);
            control = spin;
        } else {
            control = new wxTextCtrl(form_panel_, wxID_ANY, utf8(f.text));
        }
        column->Add(control, 0, wxEXPAND);
        if (f.spec.secret) {
            auto* where = new wxStaticText(
                form_panel_, wxID_ANY,
                utf8(secret_place_text(f.stored) +
                     (f.stored == SecretPlace::None ? ": type it here, it is kept in the keyring "
                                                      "or the secrets file"
                                                    : " — type a new value to replace it") +
                     (secrets_ ? "" : " (no secret store: " + secrets_problem_ + ")")));
            wrap_label(where, FromDIP(300));
            where->SetForegroundColour(help_colour);
            column->Add(where, 0, wxTOP, FromDIP(2));
        }
        if (!f.spec.help.empty()) {
            auto* help = new wxStaticText(form_panel_, wxID_ANY, utf8(f.spec.help));
            help->SetForegroundColour(help_colour);
            wrap_label(help, FromDIP(300));
            column->Add(help, 0, wxTOP, FromDIP(2));
        }
        auto* error = new wxStaticText(form_panel_, wxID_ANY, wxEmptyString);
        error->SetForegroundColour(kProblemColour);
        error->Hide();
        column->Add(error, 0, wxTOP, FromDIP(2));
        grid->Add(column, 1, wxEXPAND);
        controls_.push_back({f.spec.key, control, error});
    }
    auto* outer = new wxBoxSizer(wxVERTICAL);
    outer->Add(grid, 1, wxEXPAND | wxALL, FromDIP(8));
    form_panel_->SetSizer(outer, true);
    form_panel_->FitInside();
    form_panel_->Scroll(0, 0);
}

std::string SourcesDialog::field_text(const std::string& key) const {
    for (const FieldControl& c : controls_) {
        if (c.key != key) {
            continue;
        }
        if (c.control->IsKindOf(wxCLASSINFO(wxCheckBox))) {
            return static_cast<wxCheckBox*>(c.control)->GetValue() ? "true" : "false";
        }
        if (c.control->IsKindOf(wxCLASSINFO(wxSpinCtrl))) {
            return std::to_string(static_cast<wxSpinCtrl*>(c.control)->GetValue());
        }
        return text_of(static_cast<wxTextCtrl*>(c.control)->GetValue());
    }
    return "";
}

bool SourcesDialog::set_field_text(const std::string& key, const std::string& text) {
    for (const FieldControl& c : controls_) {
        if (c.key != key) {
            continue;
        }
        if (c.control->IsKindOf(wxCLASSINFO(wxCheckBox))) {
            static_cast<wxCheckBox*>(c.control)->SetValue(text == "true");
        } else if (c.control->IsKindOf(wxCLASSINFO(wxSpinCtrl))) {
            static_cast<wxSpinCtrl*>(c.control)->SetValue(utf8(text));
        } else {
            static_cast<wxTextCtrl*>(c.control)->SetValue(utf8(text));
        }
        return true;
    }
    return false;
}

void SourcesDialog::read_form() {
    for (const FieldControl& c : controls_) {
        const SettingField* f = form_->field(c.key);
        if (f != nullptr && f->spec.secret) {
            form_->set_secret(c.key, field_text(c.key));
        } else {
            form_->set_text(c.key, field_text(c.key));
        }
    }
}

void SourcesDialog::show_errors(const std::vector<FieldError>& errors) {
    wxWindow* first_wrong = nullptr;
    for (const FieldControl& c : controls_) {
        std::string reason;
        for (const FieldError& e : errors) {
            if (e.key == c.key) {
                reason = e.reason;
            }
        }
        c.error->SetLabel(utf8(reason));
        wrap_label(c.error, FromDIP(300));
        c.error->Show(!reason.empty());
        if (first_wrong == nullptr && !reason.empty()) {
            first_wrong = c.control;
        }
    }
    form_panel_->FitInside();
    form_panel_->Layout();
    // Focused, the scrolled form brings it into view: a long form (the host's fields come
    // last) would otherwise hide the field its message names.
    if (first_wrong != nullptr) {
        first_wrong->SetFocus();
    }
}

bool SourcesDialog::save_settings() {
    if (!form_) {
        return false;
    }
    read_form();
    const auto errors = form_->validate();
    show_errors(errors);
    auto edit = form_->edit();
    if (!edit) {
        say(edit.error().message, true);
        return false;
    }
    SecretStore* secrets = secrets_ ? &*secrets_ : nullptr;
    std::string id;
    Status saved = Ok{};
    if (const SourceRow* s = model_->selected_source()) {
        id = s->id;
        saved = save_source_settings(workspace_, id, edit.value(), secrets);
    } else if (const PluginItem* p = model_->selected_plugin()) {
        SourceConfig source;
        source.id = source.plugin = p->id;
        id = p->id;
        saved = add_source_with_settings(workspace_, source, edit.value(), secrets);
    }
    if (!saved) {
        say(saved.error().message, true);
        return false;
    }
    say("Saved " + id +
        (edit.value().secrets.empty()
             ? std::string()
             : "; its secrets are kept in " +
                   (secrets ? secrets->describe() : std::string("no store"))));
    reload();
    select_source(id);
    if (changed_) {
        changed_();
    }
    return true;
}

// --- the actions -----------------------------------------------------------------------------

bool SourcesDialog::find_address() {
    found_.reset();
    if (reading_catalog_) {
        say("The plugins are still being read; try again in a moment.", true);
        return false;
    }
    const std::string url = text_of(address_->GetValue());
    auto made = source_from_url(workspace_.catalog(), url);
    if (!made) {
        found_text_->SetLabel(utf8(made.error().message));
        found_text_->SetForegroundColour(kProblemColour);
    } else {
        found_ = std::move(made).value();
        found_text_->SetLabel(utf8("Found " + found_->source.id + ": " + found_->how));
        found_text_->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    }
    wrap_label(found_text_, FromDIP(880));
    update_buttons();
    Layout();
    return found_.has_value();
}

std::string SourcesDialog::found_text() const {
    return text_of(found_text_->GetLabel());
}

bool SourcesDialog::add_found() {
    if (!found_) {
        return false;
    }
    if (auto added = add_source(workspace_, found_->source); !added) {
        say(added.error().message, true);
        return false;
    }
    const std::string id = found_->source.id;
    say("Added " + id + ": " + found_->how + ". The next refresh brings its listings.");
    found_.reset();
    address_->ChangeValue(wxEmptyString);
    found_text_->SetLabel(wxEmptyString);
    reload();
    select_source(id);
    if (changed_) {
        changed_();
    }
    return true;
}

bool SourcesDialog::set_enabled(bool enabled) {
    const SourceRow* s = model_->selected_source();
    if (s == nullptr) {
        return false;
    }
    const std::string id = s->id;
    if (auto done = set_source_enabled(workspace_, id, enabled); !done) {
        say(done.error().message, true);
        return false;
    }
    say((enabled ? "Enabled " : "Disabled ") + id + ".");
    reload();
    if (changed_) {
        changed_();
    }
    return true;
}

bool SourcesDialog::resume() {
    const SourceRow* s = model_->selected_source();
    if (s == nullptr) {
        return false;
    }
    const std::string id = s->id;
    auto resumed = resume_source(workspace_, id);
    if (!resumed) {
        say(resumed.error().message, true);
        return false;
    }
    say(resumed.value() ? "Resumed " + id + ": the next refresh runs it."
                        : id + " is not paused; nothing to resume.");
    reload();
    if (changed_) {
        changed_();
    }
    return resumed.value();
}

bool SourcesDialog::remove() {
    const SourceRow* s = model_->selected_source();
    if (s == nullptr) {
        return false;
    }
    const std::string id = s->id;
    auto removed = remove_source_and_secrets(workspace_, id, secrets_ ? &*secrets_ : nullptr);
    if (!removed) {
        say(removed.error().message, true);
        return false;
    }
    say("Removed " + id + "; its stored listings stay.");
    model_->clear_selection();
    reload();
    if (changed_) {
        changed_();
    }
    return true;
}

void SourcesDialog::reload_plugins() {
    read_catalog(true);
}

void SourcesDialog::open_plugin_folder() {
    const std::string dir = workspace_.paths().user_plugins_dir().string();
    if (!wxFileName::Mkdir(utf8(dir), wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL)) {
        say("Could not create the plugin folder " + dir, true);
        return;
    }
    say("Your plugin folder: " + dir + " (a plugin put there is read by Reload plugins).");
    wxLaunchDefaultApplication(utf8(dir));
}

bool SourcesDialog::sign_in() {
    const SourceRow* row = model_->selected_source();
    if (signing_in_ || row == nullptr || !model_->sign_in_command()) {
        return false;
    }
    if (!secrets_) {
        say("Cannot sign in: no secret store to keep the tokens in (" + secrets_problem_ + ").",
            true);
        return false;
    }
    const std::string id = row->id;
    std::string client_secret;
    if (!source_client_secret_known(*secrets_, id)) {
        wxPasswordEntryDialog ask(this,
                                  utf8("The secret of the API key (client secret) for " + id +
                                       "; it is kept in the secret store."),
                                  _("Sign in"));
        if (ask.ShowModal() != wxID_OK) {
            return false;
        }
        client_secret = ask.GetValue().utf8_string();
    }
    auto listener = fetch::LoopbackRedirect::listen(kDefaultRedirectPort);
    if (!listener) {
        say("Cannot sign in: " + listener.error().message + " (" + *model_->sign_in_command() +
                " --port N in a terminal)",
            true);
        return false;
    }
    auto start = begin_source_auth(workspace_, id, listener.value().redirect_uri(), *secrets_,
                                   client_secret);
    if (!start) {
        say(start.error().message, true);
        return false;
    }
    const std::string url = start.value().authorize_url;
    if (!wxLaunchDefaultBrowser(utf8(url))) {
        say("Open this address in a browser to sign in: " + url);
    } else {
        say("Sign in to " + start.value().platform + " in the browser; waiting for it at " +
            start.value().redirect_uri + " (five minutes).");
    }
    signing_in_ = true;
    update_buttons();
    if (sign_in_thread_.joinable()) {
        sign_in_thread_.join();  // the last one ended: it posted its result already
    }
    sign_in_cancel_ = std::make_unique<fetch::CancelToken>();
    // The dialog's workspace and store stay on the GUI thread: the wait and the code exchange
    // use their own (as the refresh thread does).
    sign_in_thread_ =
        std::thread([this, id, paths = workspace_.paths(), cancel = sign_in_cancel_.get(),
                     redirect = std::move(listener).value()]() mutable {
            std::string text;
            bool ok = false;
            auto workspace = Workspace::open(paths);
            auto secrets = SecretStore::open(paths);
            if (!workspace) {
                text = workspace.error().message;
            } else if (!secrets) {
                text = secrets.error().message;
            } else {
                auto done = await_source_auth(workspace.value(), id, redirect, secrets.value(),
                                              std::chrono::minutes(5), *cancel);
                ok = done.ok();
                text = ok ? "Signed " + id + " in to " + done.value().platform +
                                "; GigScout renews the sign-in with each refresh."
                          : done.error().message;
            }
            if (cancel->cancelled()) {
                return;  // the dialog is closing
            }
            CallAfter([this, ok, text] {
                signing_in_ = false;
                reload();
                say(text, !ok);
                if (ok && changed_) {
                    changed_();
                }
            });
        });
    return true;
}

void SourcesDialog::update_buttons() {
    enable_->Enable(model_->can(SourceAction::Enable));
    disable_->Enable(model_->can(SourceAction::Disable));
    resume_->Enable(model_->can(SourceAction::Resume));
    remove_->Enable(model_->can(SourceAction::Remove));
    sign_in_->Enable(!signing_in_ && model_->sign_in_command().has_value());
    save_->Enable(form_.has_value() &&
                  (model_->selected_source() || model_->can(SourceAction::AddSource)));
    add_found_->Enable(found_.has_value());
}

void SourcesDialog::say(const std::string& text, bool error) {
    message_ = text;
    status_->SetLabel(utf8(text));
    status_->SetForegroundColour(error ? kProblemColour
                                       : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    wrap_label(status_, FromDIP(1000));
    Layout();
}

}  // namespace gigscout
