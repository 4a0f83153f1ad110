#include "app/main_frame.h"
#include "app/app_icon.h"

#include <algorithm>
#include <set>

#include <wx/aboutdlg.h>
#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/config.h>
#include <wx/dataview.h>
#include <wx/datetime.h>
#include <wx/html/htmlwin.h>
#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/notifmsg.h>
#include <wx/panel.h>
#include <wx/persist/dataview.h>
#include <wx/persist/splitter.h>
#include <wx/persist/toplevel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>
#include <wx/toolbar.h>
#include <wx/utils.h>
#include <wx/wrapsizer.h>

#include "app/demo_data.h"
#include "app/insights_panel.h"
#include "app/listing_html.h"
#include "app/listing_list_model.h"
#include "app/profile_dialog.h"
#include "app/sources_dialog.h"
#include "app/sources_list.h"
#include "app/tray_icon.h"
#include "app/wx_text.h"
#include "base/iso_time.h"
#include "views/display_text.h"
#include "views/new_match_alert.h"
#include "workspace/build_info.h"
#include "workspace/first_run.h"

namespace gigscout {
namespace {

// The details pane never loads anything itself: the page names no resource, and a link opens
// in the user's browser (https only), never in the pane.
class DetailsHtml : public wxHtmlWindow {
  public:
    explicit DetailsHtml(wxWindow* parent) : wxHtmlWindow(parent, wxID_ANY) {}

    wxHtmlOpeningStatus OnOpeningURL(wxHtmlURLType, const wxString&, wxString*) const override {
        return wxHTML_BLOCK;
    }
    void OnLinkClicked(const wxHtmlLinkInfo& link) override {
        const wxString href = link.GetHref();
        if (href.StartsWith("https://")) {
            wxLaunchDefaultBrowser(href);
        }
    }
};

const std::pair<const char*, std::optional<int>> kPostedChoices[] = {
    {"any time", std::nullopt}, {"1 day", 1}, {"3 days", 3}, {"7 days", 7}, {"30 days", 30}};

}  // namespace

MainFrame::MainFrame(AppOptions options, Result<Workspace> workspace)
    : wxFrame(nullptr, wxID_ANY, "GigScout", wxDefaultPosition, wxSize(1280, 800)),
      options_(std::move(options)),
      controller_(*this, options_.paths) {
    SetMinSize(FromDIP(wxSize(760, 480)));
    SetIcons(app_icon_sizes());
    build_menus();
    build_toolbar();
    CreateStatusBar(2);
    const int widths[] = {-3, -2};
    GetStatusBar()->SetStatusWidths(2, widths);

    auto* root = new wxPanel(this);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    info_ = new wxInfoBar(root);
    sizer->Add(info_, 0, wxEXPAND);
    book_ = new wxNotebook(root, wxID_ANY);
    outer_ = new wxSplitterWindow(book_, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxSP_LIVE_UPDATE | wxSP_3DSASH);
    sources_ = new SourcesList(outer_);
    sources_->on_resume = [this](const std::string& id) { resume_source(id); };
    sources_->on_manage = [this] { manage_sources(); };
    info_->Bind(
        wxEVT_BUTTON, [this](wxCommandEvent&) { resume_source(banner_resume_); }, kIdResumeSource);
    inner_ = new wxSplitterWindow(outer_, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxSP_LIVE_UPDATE | wxSP_3DSASH);
    inner_->SplitVertically(build_list_panel(inner_), build_details_panel(inner_));
    inner_->SetSashGravity(0.6);
    inner_->SetMinimumPaneSize(FromDIP(200));
    outer_->SplitHorizontally(inner_, sources_);
    outer_->SetSashGravity(1.0);
    outer_->SetMinimumPaneSize(FromDIP(60));
    book_->AddPage(outer_, _("Listings"));
    build_insights_tab();
    sizer->Add(book_, 1, wxEXPAND);
    root->SetSizer(sizer);
    bind_keys();
    setup_background();

    const bool restored = wxPersistentRegisterAndRestore(this, "MainFrame");
    if (!wxPersistentRegisterAndRestore(outer_, "SourcesSplitter") ||
        !wxPersistentRegisterAndRestore(inner_, "DetailsSplitter") || !restored) {
        // First start: the splitters learn their size only after the first layout.
        CallAfter([this] {
            inner_->SetSashPosition(inner_->GetClientSize().x * 62 / 100);
            outer_->SetSashPosition(outer_->GetClientSize().y - FromDIP(110));
        });
    }
    wxPersistentRegisterAndRestore(list_, "Listings");
    // The restored sort column (wx/persist/dataview.h) is the table's sort too.
    if (wxDataViewColumn* col = list_->GetSortingColumn()) {
        table_.set_sort({sort_column_of(col->GetModelColumn()), col->IsSortOrderAscending()
                                                                    ? SortDirection::Ascending
                                                                    : SortDirection::Descending});
    }

    if (!workspace) {
        show_banner(text_of(_("GigScout cannot open its data: ")) + workspace.error().message,
                    wxICON_ERROR);
        details_->SetPage(utf8(placeholder_html(
            "Nothing can be shown until the problem above is fixed; nothing was changed.")));
        update_actions();
        update_status();
        return;
    }
    workspace_.emplace(std::move(workspace).value());
    load_profiles();
    details_->SetPage(utf8(placeholder_html("Reading your listings…")));
    update_actions();
    start_load(true);
    if (options_.refresh_on_start) {
        CallAfter([this] { refresh(); });
    }
}

MainFrame::~MainFrame() {
    // What was shown this session is no longer new next time (views/listing_table.h).
    if (workspace_ && loaded_ && !demo_) {
        (void)table_.mark_looked(workspace_->store(), now_epoch_seconds());
    }
    // The notebook deletes its pages outright, so the listing page's destroy event — which
    // saves the layout of its persistent splitters and columns — would come from ~wxWindow,
    // after the splitter part of the object is gone (UBSan: a bad downcast). Taken out of the
    // notebook and destroyed as any child is, it sends the event while whole.
    book_->RemovePage(static_cast<std::size_t>(book_->FindPage(outer_)));
    outer_->Destroy();
}

// --- building --------------------------------------------------------------------------------

void MainFrame::build_menus() {
    auto* file = new wxMenu;
    file->Append(kIdRefresh, _("&Refresh\tCtrl+R"), _("Refresh every enabled source"));
    file->Append(kIdStop, _("&Stop refresh\tCtrl+."), _("Cancel the running refresh"));
    file->AppendSeparator();
    build_background_menu(file);
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
    auto* edit = new wxMenu;
    edit->Append(wxID_UNDO, _("&Undo\tCtrl+Z"), _("Undo the last save, hide or applied"));
    edit->Append(kIdFind, _("&Find…\tCtrl+F"), _("Search titles, companies and skills"));
    auto* listing = new wxMenu;
    listing->Append(kIdOpen, _("&Open in browser\tCtrl+O"));
    listing->Append(kIdSave, _("&Save\tCtrl+S"));
    listing->Append(kIdHide, _("&Hide\tCtrl+H"));
    listing->Append(kIdApplied, _("Mark &applied…\tCtrl+Shift+A"));
    listing->Append(kIdBackToNew, _("&Back to new"));
    listing->AppendSeparator();
    listing->Append(kIdNext, _("&Next\tCtrl+J"));
    listing->Append(kIdPrevious, _("&Previous\tCtrl+K"));
    auto* profile = new wxMenu;
    profile->Append(kIdEditProfile, _("&Edit profile…\tCtrl+P"),
                    _("Skills and levels, pay, job types, search terms"));
    profile->Append(kIdNewProfile, _("&New profile…"));
    auto* sources = new wxMenu;
    sources->Append(kIdManageSources, _("&Manage sources…\tCtrl+Shift+S"),
                    _("Add, set up, enable, disable, resume or remove sources; plugins"));
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, _("&About GigScout"));
    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(edit, _("&Edit"));
    bar->Append(listing, _("&Listing"));
    bar->Append(profile, _("&Profile"));
    bar->Append(sources, _("S&ources"));
    bar->Append(help, _("&Help"));
    SetMenuBar(bar);

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { refresh(); }, kIdRefresh);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { stop(); }, kIdStop);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { undo(); }, wxID_UNDO);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { search_->SetFocus(); }, kIdFind);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { open_selected_in_browser(); }, kIdOpen);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { act(RowAction::Save); }, kIdSave);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { act(RowAction::Hide); }, kIdHide);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { act(RowAction::BackToNew); }, kIdBackToNew);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxTextEntryDialog ask(this, _("A note for yourself (optional):"), _("Mark applied"));
            if (ask.ShowModal() == wxID_OK) {
                act(RowAction::Apply, text_of(ask.GetValue()));
            }
        },
        kIdApplied);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { move_selection(1); }, kIdNext);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { move_selection(-1); }, kIdPrevious);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { show_about(); }, wxID_ABOUT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { manage_sources(); }, kIdManageSources);
}

void MainFrame::build_toolbar() {
    wxToolBar* bar = CreateToolBar(wxTB_HORIZONTAL | wxTB_TEXT | wxTB_HORZ_LAYOUT);
    bar->AddTool(kIdRefresh, _("Refresh"),
                 wxArtProvider::GetBitmapBundle(wxART_REDO, wxART_TOOLBAR),
                 _("Refresh every enabled source (Ctrl+R)"));
    bar->AddTool(kIdStop, _("Stop"),
                 wxArtProvider::GetBitmapBundle(wxART_CROSS_MARK, wxART_TOOLBAR),
                 _("Cancel the running refresh"));
    bar->AddSeparator();
    bar->AddControl(new wxStaticText(bar, wxID_ANY, _("Profile: ")));
    profile_choice_ = new wxChoice(bar, kIdProfile, wxDefaultPosition, FromDIP(wxSize(200, -1)));
    bar->AddControl(profile_choice_);
    bar->AddStretchableSpace();
    search_ =
        new wxSearchCtrl(bar, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(280, -1)));
    search_->SetDescriptiveText(_("Search titles, companies, skills"));
    search_->ShowCancelButton(true);
    bar->AddControl(search_);
    bar->Realize();
    Bind(
        wxEVT_TOOL, [this](wxCommandEvent&) { refresh(); }, kIdRefresh);
    Bind(
        wxEVT_TOOL, [this](wxCommandEvent&) { stop(); }, kIdStop);
    profile_choice_->Bind(wxEVT_CHOICE,
                          [this](wxCommandEvent& e) { choose_profile(text_of(e.GetString())); });
    search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { apply_filter(); });
    search_->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        search_->Clear();
        apply_filter();
    });
}

wxWindow* MainFrame::build_list_panel(wxWindow* parent) {
    auto* panel = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* filters = new wxWrapSizer(wxHORIZONTAL);
    // Each label stays beside its control when the row wraps.
    auto field = [&](const wxString& text, wxWindow* control) {
        auto* pair = new wxBoxSizer(wxHORIZONTAL);
        pair->Add(new wxStaticText(panel, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                  FromDIP(4));
        pair->Add(control, 0, wxALIGN_CENTER_VERTICAL);
        filters->Add(pair, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, FromDIP(10));
    };
    min_score_ = new wxSpinCtrl(panel, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize,
                                wxSP_ARROW_KEYS, 0, 100, 0);
    field(_("Min score"), min_score_);
    state_ = new wxChoice(panel, wxID_ANY);
    for (const char* s : {"open", "new", "saved", "applied", "hidden", "all"}) {
        state_->Append(wxGetTranslation(s));
    }
    state_->SetSelection(0);
    field(_("State"), state_);
    source_ = new wxChoice(panel, wxID_ANY);
    source_->Append(_("all"));
    source_->SetSelection(0);
    field(_("Source"), source_);
    job_type_ = new wxChoice(panel, wxID_ANY);
    for (const char* s : {"any", "freelance", "contract", "full_time", "part_time"}) {
        job_type_->Append(s);
    }
    job_type_->SetSelection(0);
    field(_("Type"), job_type_);
    posted_ = new wxChoice(panel, wxID_ANY);
    for (const auto& [text, days] : kPostedChoices) {
        posted_->Append(text);
    }
    posted_->SetSelection(0);
    field(_("Posted within"), posted_);
    // Pay in US dollars (converted), per hour or as a fixed price; 0 leaves an end open.
    pay_basis_ = new wxChoice(panel, wxID_ANY);
    pay_basis_->Append(_("$ per hour"));
    pay_basis_->Append(_("$ fixed"));
    pay_basis_->SetSelection(0);
    min_rate_ = new wxSpinCtrl(panel, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize,
                               wxSP_ARROW_KEYS, 0, 1'000'000, 0);
    max_rate_ = new wxSpinCtrl(panel, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize,
                               wxSP_ARROW_KEYS, 0, 1'000'000, 0);
    field(_("Pay"), pay_basis_);
    field(_("from"), min_rate_);
    field(_("to"), max_rate_);
    refused_ = new wxCheckBox(panel, wxID_ANY, _("Show refused"));
    refused_->SetToolTip(_("Also show listings your profile refuses, with the reason"));
    filters->Add(refused_, 0, wxALIGN_CENTER_VERTICAL | wxBOTTOM, FromDIP(10));
    skill_chip_ = new wxButton(panel, wxID_ANY, wxEmptyString, wxDefaultPosition, wxDefaultSize,
                               wxBU_EXACTFIT);
    skill_chip_->SetToolTip(_("Show the listings asking for any skill again"));
    skill_chip_->Hide();
    skill_chip_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        skill_filter_.reset();
        skill_chip_->Hide();
        skill_chip_->GetParent()->Layout();
        apply_filter();
    });
    filters->Add(skill_chip_, 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxBOTTOM, FromDIP(10));
    sizer->Add(filters, 0, wxEXPAND | wxALL, FromDIP(4));

    for (wxWindow* w :
         std::initializer_list<wxWindow*>{state_, source_, job_type_, posted_, pay_basis_}) {
        w->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { apply_filter(); });
    }
    min_score_->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { apply_filter(); });
    min_rate_->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { apply_filter(); });
    max_rate_->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { apply_filter(); });
    refused_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { apply_filter(); });

    list_ = new wxDataViewCtrl(panel, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                               wxDV_SINGLE | wxDV_ROW_LINES);
    model_ = new ListingListModel(table_);
    list_->AssociateModel(model_);
    model_->DecRef();  // the control holds the model now
    // Fixed widths: an auto-sized column measures every row after each Reset (seconds at
    // 100,000 rows, ../shared/GUI-NOTES.md §1).
    auto add_text = [&](const wxString& title, unsigned column, int width) {
        auto* col = new wxDataViewColumn(title, new wxDataViewTextRenderer("string"), column,
                                         FromDIP(width), wxALIGN_LEFT,
                                         wxDATAVIEW_COL_RESIZABLE | wxDATAVIEW_COL_SORTABLE);
        list_->AppendColumn(col);
    };
    list_->AppendColumn(new wxDataViewColumn(_("Score"), new ScoreBarRenderer, kColScore,
                                             FromDIP(70), wxALIGN_LEFT,
                                             wxDATAVIEW_COL_RESIZABLE | wxDATAVIEW_COL_SORTABLE));
    add_text(_("Title"), kColTitle, 280);
    add_text(_("Source"), kColSources, 90);
    add_text(_("Pay"), kColPay, 130);
    add_text(_("Posted"), kColPosted, 75);
    add_text(_("Client"), kColCountry, 60);
    add_text(_("State"), kColState, 70);
    list_->GetColumn(0)->SetSortOrder(false);  // best first
    list_->Bind(wxEVT_DATAVIEW_COLUMN_SORTED, &MainFrame::on_sorted, this);
    list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, &MainFrame::on_selection, this);
    list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED,
                [this](wxDataViewEvent&) { open_selected_in_browser(); });
    sizer->Add(list_, 1, wxEXPAND);
    panel->SetSizer(sizer);
    return panel;
}

wxWindow* MainFrame::build_details_panel(wxWindow* parent) {
    auto* panel = new wxPanel(parent);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    details_ = new DetailsHtml(panel);
    sizer->Add(details_, 1, wxEXPAND);
    auto* buttons = new wxWrapSizer(wxHORIZONTAL);
    auto add = [&](const wxString& label, const wxString& tip, std::function<void()> run) {
        auto* b =
            new wxButton(panel, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
        b->SetToolTip(tip);
        b->Bind(wxEVT_BUTTON, [run](wxCommandEvent&) { run(); });
        buttons->Add(b, 0, wxALL, FromDIP(3));
        return b;
    };
    open_ = add(_("Open (O)"), _("Open the listing in your browser"),
                [this] { open_selected_in_browser(); });
    save_ = add(_("Save (S)"), _("Keep it on your saved list"), [this] { act(RowAction::Save); });
    hide_ = add(_("Hide (H)"), _("Out of sight; find it again under State: hidden"),
                [this] { act(RowAction::Hide); });
    applied_ = add(_("Applied… (A)"), _("Mark applied, with a note"), [this] {
        wxCommandEvent e(wxEVT_MENU, kIdApplied);
        ProcessWindowEvent(e);
    });
    undo_ = add(_("Undo (Ctrl+Z)"), _("Undo the last action"), [this] { undo(); });
    sizer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(4));
    panel->SetSizer(sizer);
    return panel;
}

// Single keys triage the list — but never while the user types in a text field.
void MainFrame::bind_keys() {
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        wxWindow* focus = wxWindow::FindFocus();
        // IsKindOf, not wxDynamicCast: wx's class info may call a control a text control that
        // C++ does not, and the cast is then undefined (UBSan caught it on the search box).
        const bool typing = focus != nullptr && (focus->IsKindOf(wxCLASSINFO(wxTextCtrl)) ||
                                                 focus->IsKindOf(wxCLASSINFO(wxSpinCtrl)) ||
                                                 focus == search_ || focus->GetParent() == search_);
        if (typing || e.HasAnyModifiers()) {
            if (e.GetKeyCode() == WXK_ESCAPE && focus == search_ && search_->IsEmpty()) {
                list_->SetFocus();
                return;
            }
            e.Skip();
            return;
        }
        switch (e.GetKeyCode()) {
            case 'S':
                act(RowAction::Save);
                return;
            case 'H':
            case WXK_DELETE:
                act(RowAction::Hide);
                return;
            case 'A': {
                wxCommandEvent ask(wxEVT_MENU, kIdApplied);
                ProcessWindowEvent(ask);
                return;
            }
            case 'U':
                act(RowAction::BackToNew);
                return;
            case 'O':
            case WXK_RETURN:
                open_selected_in_browser();
                return;
            case 'J':
                move_selection(1);
                return;
            case 'K':
                move_selection(-1);
                return;
            case '/':
                search_->SetFocus();
                return;
            case WXK_ESCAPE:
                stop();
                return;
            default:
                e.Skip();
        }
    });
}

// --- loading and refreshing ------------------------------------------------------------------

void MainFrame::load_profiles() {
    profile_choice_->Clear();
    details_key_.clear();
    profile_.reset();
    scorer_.reset();
    profile_label_.clear();
    auto stored = workspace_->store().profiles();
    auto chosen = workspace_->profile(std::nullopt);
    if (!stored || !chosen) {
        show_banner(!stored ? stored.error().message : chosen.error().message, wxICON_ERROR);
        return;
    }
    for (const auto& p : stored.value()) {
        profile_choice_->Append(utf8(p.name));
    }
    if (chosen.value()) {
        profile_ = chosen.value()->profile;
        profile_label_ = chosen.value()->label;
        scorer_.emplace(make_scorer(*profile_, now_epoch_seconds()));
        auto active = workspace_->store().active_profile();
        if (active && active.value()) {
            profile_choice_->SetStringSelection(utf8(active.value()->name));
        }
    }
}

void MainFrame::choose_profile(const std::string& name) {
    if (!workspace_) {
        return;
    }
    if (auto s = workspace_->store().set_active_profile(name); !s) {
        show_banner(s.error().message, wxICON_ERROR);
        return;
    }
    load_profiles();
    start_load();  // the list re-ranks against the new profile
}

void MainFrame::edit_profile(bool fresh) {
    if (!workspace_) {
        return;
    }
    std::string name;
    Profile profile;
    auto active = workspace_->store().active_profile();
    if (!fresh && active && active.value()) {
        auto parsed =
            profile_from_json(active.value()->json, "profile `" + active.value()->name + "`");
        if (!parsed) {
            show_banner(parsed.error().message, wxICON_ERROR);
            return;
        }
        name = active.value()->name;
        profile = std::move(parsed).value();
    } else if (auto starter = starter_profile("intermediate"); starter) {
        profile = std::move(starter).value();
        name = fresh ? "new profile" : "me";
    }
    ProfileDialog dialog(this, workspace_->store(), name, profile);
    if (dialog.ShowModal() == wxID_OK) {
        profile_saved();
    }
}

void MainFrame::profile_saved() {
    load_profiles();
    start_load();  // the list re-ranks against the saved profile
}

void MainFrame::start_load(bool with_sources) {
    std::function<void(SourcesInfo)> sources;
    if (with_sources) {
        sources = [this](SourcesInfo info) { on_sources(std::move(info)); };
    }
    controller_.start_load(
        profile_, true, [this](LoadedRows rows) { on_loaded(std::move(rows)); }, sources);
    update_status();
}

void MainFrame::on_sources(SourcesInfo info) {
    if (!info.rows) {
        show_banner(info.rows.error().message, wxICON_WARNING);
    } else {
        sources_->set_rows(info.rows.value(), now_epoch_seconds());
        schedule_.update(info.rows.value());
        paused_.clear();
        for (const auto& r : info.rows.value()) {
            if (r.health == SourceHealth::Paused && r.consecutive_failures > 0) {
                paused_.emplace_back(
                    r.id,
                    r.state_text + (r.last_error.empty() ? std::string()
                                                         : " (last error: " + r.last_error + ")"));
            }
        }
    }
    for (const auto& problem : info.plugin_problems) {
        show_banner("A plugin could not be loaded: " + problem, wxICON_WARNING);
    }
    show_paused_banner();
}

void MainFrame::adopt(LoadedRows& rows) {
    if (!rows.rows) {
        show_banner("Your listings could not be read: " + rows.rows.error().message, wxICON_ERROR);
        return;
    }
    demo_ = rows.demo;
    demo_store_.reset();
    if (demo_) {
        auto demo = Store::open(demo_store_file(options_.paths));
        if (demo) {
            demo_store_.emplace(std::move(demo).value());
        }
        show_banner(
            "[DEMO] Your store is empty, so GigScout shows made-up demo listings. Press "
            "Refresh to fetch real ones.",
            wxICON_INFORMATION);
    } else if (banner_.rfind("[DEMO]", 0) == 0) {
        hide_banner();
    }
    table_.adopt(std::move(rows.rows).value(), rows.now);
    loaded_ = true;
    // Sources seen in the rows feed the source filter.
    std::set<std::string> sources;
    for (std::size_t i = 0; i < table_.size(); ++i) {
        sources.insert(table_.at(i).sources.begin(), table_.at(i).sources.end());
    }
    const wxString chosen = source_->GetStringSelection();
    source_->Clear();
    source_->Append(_("all"));
    for (const auto& s : sources) {
        source_->Append(utf8(s));
    }
    if (!source_->SetStringSelection(chosen)) {
        source_->SetSelection(0);
    }
    update_insights({sources.begin(), sources.end()});
}

void MainFrame::on_loaded(LoadedRows rows) {
    adopt(rows);
    if (!table_.selected_position() && table_.size() > 0) {
        table_.select_at(0);
    }
    reset_list();
    // Not while the user works in the sources dialog: focusing the list brings the window in
    // front of it.
    if (sources_dialog_ == nullptr) {
        list_->SetFocus();
    }
}

void MainFrame::refresh(const std::vector<std::string>& sources) {
    if (!workspace_ || refreshing_) {
        return;
    }
    RefreshRequest request = options_.refresh;
    if (!sources.empty()) {
        request.sources = sources;
    }
    if (profile_) {
        request.options.query = profile_->search_terms;
    }
    refresh_summary_ = sources.empty() ? "Refreshing…" : "Refreshing on schedule…";
    refreshing_ = true;
    refresh_started_ = now_epoch_seconds();
    update_status();
    update_actions();
    controller_.start_refresh(
        request, profile_,
        [this](const SourceProgress& p) {
            sources_->update(p, now_epoch_seconds());
            update_status();
        },
        [this](RefreshDone done) { on_refreshed(std::move(done)); });
    update_actions();
}

void MainFrame::stop() {
    if (refreshing_) {
        controller_.cancel();
        refresh_summary_ = "Stopping…";
        update_status();
    }
}

void MainFrame::on_refreshed(RefreshDone done) {
    refreshing_ = false;
    sources_->end_all(now_epoch_seconds());
    if (done.sources.rows) {
        on_sources(std::move(done.sources));
    }
    if (!done.result) {
        refresh_summary_ = "Refresh could not start";
        show_banner(done.result.error().message, wxICON_ERROR);
    } else {
        const RefreshResult& r = done.result.value();
        std::size_t failed = 0;
        for (const auto& o : r.report.sources) {
            failed += o.progress.state == SourceState::Failed ? 1 : 0;
        }
        const std::size_t n = r.report.sources.size();
        refresh_summary_ =
            r.cancelled ? "Refresh cancelled"
                        : "Refreshed " + std::to_string(n) + (n == 1 ? " source" : " sources") +
                              (failed ? ", " + std::to_string(failed) + " failed" : std::string());
        if (r.report.no_network) {
            show_banner(*r.report.no_network, wxICON_WARNING);
        }
        for (const auto& e : r.store_errors) {
            show_banner("Not stored: " + e, wxICON_ERROR);
        }
    }
    // Nothing stored yet (every source failed, offline): the demo stays.
    if (done.rows.rows && done.rows.rows.value().size() == 0 && demo_) {
        update_status();
        update_actions();
        show_paused_banner();
        return;
    }
    adopt(done.rows);
    if (!table_.selected_position() && table_.size() > 0) {
        table_.select_at(0);  // the kept selection is gone (the demo's, or a closed listing)
    }
    reset_list();
    alert_new_matches();
    show_paused_banner();  // a source this refresh paused outranks the other news
}

// One notification per refresh for the strong new matches (views/new_match_alert.h); where no
// notification can be shown (no notification service, quiet hours) the info bar says it.
void MainFrame::alert_new_matches() {
    alert_.clear();
    if (demo_ || !profile_) {
        return;
    }
    wxConfigBase* config = wxConfigBase::Get();
    AlertSettings settings;
    settings.min_score = static_cast<int>(config->ReadLong("Alerts/MinScore", 70));
    const long quiet_from = config->ReadLong("Alerts/QuietFrom", -1);
    const long quiet_to = config->ReadLong("Alerts/QuietTo", -1);
    if (quiet_from >= 0 && quiet_to >= 0) {
        settings.quiet_hours = std::pair{static_cast<int>(quiet_from), static_cast<int>(quiet_to)};
    }
    auto alert = new_match_alert(table_, refresh_started_, settings, wxDateTime::Now().GetHour());
    if (!alert) {
        return;
    }
    alert_ = alert->title;
    bool delivered = false;
    if (!alert->quiet) {
        notification_ =
            std::make_unique<wxNotificationMessage>(utf8(alert->title), utf8(alert->body), this);
        const std::string best = alert->ids.front();
        notification_->Bind(wxEVT_NOTIFICATION_MESSAGE_CLICK,
                            [this, best](wxCommandEvent&) { show_listing(best); });
        delivered = notification_->Show();
    }
    if (!delivered) {
        show_banner(alert->title + ": " + alert->body.substr(0, alert->body.find('\n')),
                    wxICON_INFORMATION);
    }
}

// --- the list --------------------------------------------------------------------------------

void MainFrame::apply_filter() {
    TableFilter f;
    f.text = text_of(search_->GetValue());
    switch (state_->GetSelection()) {
        case 1:
            f.state = ListingState::New;
            break;
        case 2:
            f.state = ListingState::Saved;
            break;
        case 3:
            f.state = ListingState::Applied;
            break;
        case 4:
            f.state = ListingState::Hidden;
            break;
        case 5:
            f.show_hidden = true;
            f.show_closed = true;
            break;
        default:
            break;
    }
    if (source_->GetSelection() > 0) {
        f.source = text_of(source_->GetStringSelection());
    }
    if (min_score_->GetValue() > 0) {
        f.min_score = min_score_->GetValue();
    }
    if (job_type_->GetSelection() > 0) {
        f.job_type = job_type_from_string(text_of(job_type_->GetStringSelection()));
    }
    if (posted_->GetSelection() > 0) {
        f.posted_within_days = kPostedChoices[posted_->GetSelection()].second;
    }
    if (min_rate_->GetValue() > 0 || max_rate_->GetValue() > 0) {
        PayRange pay;
        pay.basis = pay_basis_->GetSelection() == 1 ? PayBasis::Fixed : PayBasis::PerHour;
        if (min_rate_->GetValue() > 0) {
            pay.min = min_rate_->GetValue();
        }
        if (max_rate_->GetValue() > 0) {
            pay.max = max_rate_->GetValue();
        }
        f.pay = pay;
    }
    f.refused = refused_->GetValue() ? RefusedRows::Show : RefusedRows::Hide;
    f.skill = skill_filter_;
    table_.set_filter(f);
    reset_list();
}

// GTK never sorts a virtual model: the click only flips the header's arrow, and the table
// sorts (../shared/GUI-NOTES.md §1).
void MainFrame::on_sorted(wxDataViewEvent&) {
    wxDataViewColumn* col = list_->GetSortingColumn();
    if (col == nullptr) {
        return;
    }
    table_.set_sort({sort_column_of(col->GetModelColumn()), col->IsSortOrderAscending()
                                                                ? SortDirection::Ascending
                                                                : SortDirection::Descending});
    reset_list();
}

void MainFrame::sort_by(unsigned column, bool ascending) {
    for (unsigned i = 0; i < list_->GetColumnCount(); ++i) {
        wxDataViewColumn* col = list_->GetColumn(i);
        if (col->GetModelColumn() == column) {
            col->SetSortOrder(ascending);
        }
    }
    table_.set_sort(
        {sort_column_of(column), ascending ? SortDirection::Ascending : SortDirection::Descending});
    reset_list();
}

void MainFrame::on_selection(wxDataViewEvent&) {
    const wxDataViewItem item = list_->GetSelection();
    if (!item.IsOk()) {
        return;  // Reset clears the selection; reset_list selects the kept row again
    }
    table_.select_at(model_->GetRow(item));
    show_details();
    update_actions();
}

// Reset(n) clears the selection without an event (GUI-NOTES §1): the table's selected id is
// selected again and shown, so the user's place survives sorting, filtering and refreshing.
void MainFrame::reset_list() {
    model_->Reset(static_cast<unsigned>(table_.size()));
    if (auto position = table_.selected_position()) {
        const wxDataViewItem item = model_->GetItem(static_cast<unsigned>(*position));
        list_->Select(item);
        list_->EnsureVisible(item);
    }
    show_details();
    update_status();
    update_actions();
}

void MainFrame::select_position(std::size_t position) {
    table_.select_at(position);
    reset_list();
}

void MainFrame::move_selection(int delta) {
    if (table_.size() == 0) {
        return;
    }
    std::size_t at = table_.selected_position().value_or(0);
    if (delta > 0 && at + 1 < table_.size()) {
        ++at;
    } else if (delta < 0 && at > 0) {
        --at;
    }
    table_.select_at(at);
    const wxDataViewItem item = model_->GetItem(static_cast<unsigned>(at));
    list_->Select(item);
    list_->EnsureVisible(item);
    show_details();
    update_actions();
}

Store* MainFrame::shown_store() {
    if (demo_) {
        return demo_store_ ? &*demo_store_ : nullptr;
    }
    return workspace_ ? &workspace_->store() : nullptr;
}

void MainFrame::act(RowAction action, const std::optional<std::string>& note) {
    Store* store = shown_store();
    const std::string id = table_.selected_id();
    if (store == nullptr || id.empty() || !table_.selected_position()) {
        return;
    }
    if (auto s = table_.act(*store, id, action, now_epoch_seconds(), note); !s) {
        show_banner(s.error().message, wxICON_ERROR);
        return;
    }
    reset_list();
}

void MainFrame::undo() {
    Store* store = shown_store();
    if (store == nullptr || !table_.can_undo()) {
        return;
    }
    if (auto s = table_.undo(*store, now_epoch_seconds()); !s) {
        show_banner(s.error().message, wxICON_ERROR);
        return;
    }
    reset_list();
}

void MainFrame::open_selected_in_browser() {
    auto position = table_.selected_position();
    if (!position) {
        return;
    }
    const std::string& url = table_.at(*position).url;
    if (url.rfind("https://", 0) == 0) {
        wxLaunchDefaultBrowser(utf8(url));
    }
}

// --- details, status, banner -----------------------------------------------------------------

void MainFrame::show_details() {
    Store* store = shown_store();
    auto position = table_.selected_position();
    if (store == nullptr || !position) {
        details_key_.clear();
        details_->SetPage(utf8(placeholder_html(
            table_.size() == 0 ? (loaded_ ? "No listing matches the filters. Widen them, or "
                                            "tick “Show refused” to see what your profile "
                                            "refuses and why."
                                          : "Reading your listings…")
                               : "Select a listing to see why it scores what it scores.")));
        return;
    }
    // A sort or a filter keeps the selected row: its page stays as it is.
    const ListingRow& row = table_.at(*position);
    std::string key = row.id + '\n' + std::string(to_string(row.state)) + '\n' + row.note + '\n' +
                      std::to_string(table_.now()) + (scorer_ ? "\nscored" : "");
    if (key == details_key_) {
        return;
    }
    details_key_ = key;
    auto shown = load_shown(*store, {row.id}, scorer_ ? &*scorer_ : nullptr);
    if (!shown || shown.value().empty()) {
        details_->SetPage(utf8(placeholder_html(shown ? "This listing is gone from the store."
                                                      : shown.error().message)));
        return;
    }
    DetailsStyle style;
    style.dark = wxSystemSettings::GetAppearance().IsDark();
    details_->SetPage(utf8(listing_details_html(shown.value()[0], table_.now(), style)));
}

std::string MainFrame::details_text() const {
    return text_of(details_->ToText());
}

std::string MainFrame::source_state(const std::string& source) const {
    return sources_->state_of(source);
}

void MainFrame::update_status() {
    std::string left;
    if (loaded_) {
        left = std::to_string(table_.size()) + " shown of " + std::to_string(table_.loaded()) +
               " · " + std::to_string(table_.new_shown()) + " new";
        if (table_.refused_loaded() > 0 && !refused_->GetValue()) {
            left += " · " + std::to_string(table_.refused_loaded()) + " refused by the profile";
        }
        left += profile_ ? " · ranked against " + profile_label_
                         : " · no profile: newest first, unscored";
        if (demo_) {
            left = "[DEMO] " + left;
        }
    }
    SetStatusText(utf8(left), 0);
    SetStatusText(utf8(refresh_summary_), 1);
}

void MainFrame::update_actions() {
    const bool selected = table_.selected_position().has_value();
    const bool busy = this->busy();
    for (wxButton* b : {open_, save_, hide_, applied_}) {
        b->Enable(selected);
    }
    undo_->Enable(table_.can_undo());
    GetToolBar()->EnableTool(kIdRefresh, workspace_.has_value() && !busy);
    GetToolBar()->EnableTool(kIdStop, busy);
}

void MainFrame::show_banner(const std::string& message, int flags) {
    if (!banner_resume_.empty()) {
        info_->RemoveButton(kIdResumeSource);
        info_->RemoveButton(wxID_CLOSE);
        banner_resume_.clear();
    }
    banner_ = message;
    info_->ShowMessage(utf8(message), flags);
}

void MainFrame::hide_banner() {
    if (!banner_resume_.empty()) {
        info_->RemoveButton(kIdResumeSource);
        info_->RemoveButton(wxID_CLOSE);
        banner_resume_.clear();
    }
    banner_.clear();
    info_->Dismiss();
}

// A source the health rules paused says so where the user looks: which, why, what to do, and
// a Resume button (docs/sources.md, "When a source breaks").
void MainFrame::show_paused_banner() {
    if (paused_.empty()) {
        if (!banner_resume_.empty()) {
            hide_banner();
        }
        return;
    }
    const auto& [id, state] = paused_.front();
    std::string text = "Source " + id + " is " + state + ". Fix that, then Resume it.";
    if (paused_.size() > 1) {
        text += " " + std::to_string(paused_.size() - 1) +
                " more paused (see the sources panel or Sources ▸ Manage sources…).";
    }
    show_banner(text, wxICON_WARNING);
    // A button of its own replaces GTK's close button: give that back beside it.
    info_->AddButton(kIdResumeSource, _("Resume"));
    info_->AddButton(wxID_CLOSE);
    banner_resume_ = id;
}

void MainFrame::resume_source(const std::string& source) {
    // A copy: `source` may be banner_resume_ itself, which hiding the banner clears.
    const std::string id = source;
    if (!workspace_ || id.empty()) {
        return;
    }
    if (auto resumed = workspace_->store().resume_source(id); !resumed) {
        show_banner(resumed.error().message, wxICON_ERROR);
        return;
    }
    paused_.erase(std::remove_if(paused_.begin(), paused_.end(),
                                 [&](const auto& p) { return p.first == id; }),
                  paused_.end());
    if (!banner_resume_.empty()) {
        hide_banner();
    }
    show_paused_banner();  // the next paused one, if any
    // The status bar, not the info bar: reading the rows again may put the demo notice there.
    refresh_summary_ = "Resumed " + id + ": the next refresh runs it";
    update_status();
    if (sources_dialog_ != nullptr) {
        sources_dialog_->reload();
    }
    start_load(true);
}

void MainFrame::manage_sources() {
    if (!workspace_) {
        return;
    }
    if (sources_dialog_ == nullptr) {
        sources_dialog_ = new SourcesDialog(
            this, *workspace_, [this] { start_load(true); }, [this] { sources_dialog_ = nullptr; });
    }
    sources_dialog_->Show();
    sources_dialog_->Raise();
}

void MainFrame::show_about() {
    wxAboutDialogInfo info;
    info.SetName("GigScout");
    info.SetVersion(GIGSCOUT_VERSION);
    // The versions a bug report needs, as `gigscout-cli --version --verbose` prints them, with
    // the toolkit this process actually loaded.
    wxString versions;
    for (const auto& c : component_versions()) {
        if (c.name != "GigScout" && c.name != "wxWidgets") {
            versions += utf8(c.name + " " + c.version + "\n");
        }
    }
    versions += wxGetLibraryVersionInfo().GetVersionString();
    info.SetDescription(
        _("Finds freelance gigs and remote jobs for self-taught engineers and explains every "
          "score.") +
        "\n\n" + versions);
    info.SetLicence(
        "GigScout uses: wxWidgets 3.2 (wxWindows Library Licence), libcurl (curl licence), "
        "RapidJSON (MIT), Lua 5.4 (MIT), SQLite (public domain), pugixml (MIT), expat (MIT), "
        "gumbo (Apache 2.0), CLI11 (BSD 3-clause), fmt (MIT), libsecret (LGPL 2.1+).");
    wxAboutBox(info, this);
}

// --- the Insights tab ------------------------------------------------------------------------

void MainFrame::build_insights_tab() {
    insights_ = new InsightsPanel(book_);
    book_->AddPage(insights_, _("Insights"));
    insights_->on_skill = [this](const std::string& skill) { filter_by_skill(skill); };
    book_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (book_->GetPage(static_cast<std::size_t>(e.GetSelection())) == insights_) {
            insights_->shown();
        }
        e.Skip();
    });
}

// The figures are read from the store the list shows, against the profile that ranks it.
void MainFrame::update_insights(std::vector<std::string> sources) {
    InsightContext context;
    context.paths = options_.paths;
    context.demo = demo_;
    context.profile = profile_;
    context.profile_label = profile_label_;
    context.sources = std::move(sources);
    insights_->set_context(std::move(context));
}

void MainFrame::show_insights() {
    book_->SetSelection(static_cast<std::size_t>(book_->FindPage(insights_)));
}

void MainFrame::filter_by_skill(const std::string& skill) {
    skill_filter_ = skill;
    skill_chip_->SetLabel(utf8("asking for " + skill_name(skill) + "  ✕"));
    skill_chip_->Show();
    skill_chip_->GetParent()->Layout();
    book_->SetSelection(static_cast<std::size_t>(book_->FindPage(outer_)));
    apply_filter();
    list_->SetFocus();
}

}  // namespace gigscout
