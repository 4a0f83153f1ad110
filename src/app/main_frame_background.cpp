// What the main window does in the background (docs/app.md, "Schedules and the tray"): the
// refresh schedule's timer, the tray icon and closing to it, and showing the listing a
// notification names. Kept apart from main_frame.cpp, which builds and binds the window.
#include "app/main_frame.h"

#include <wx/choice.h>
#include <wx/config.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>

#include "app/tray_icon.h"
#include "app/wx_text.h"
#include "base/iso_time.h"

namespace gigscout {
namespace {

// gigscout.conf keys (docs/app.md).
constexpr const char* kAutoRefreshKey = "Schedule/Auto";
constexpr const char* kTrayStartKey = "Tray/StartMinimised";
constexpr const char* kTrayKeepKey = "Tray/KeepRunning";

bool config_flag(const char* key, bool fallback) {
    return wxConfigBase::Get()->ReadBool(key, fallback);
}

void set_config_flag(const char* key, bool on) {
    wxConfigBase::Get()->Write(key, on);
    wxConfigBase::Get()->Flush();
}

}  // namespace

void MainFrame::setup_background() {
    auto_refresh_ = config_flag(kAutoRefreshKey, true);
    tray_available_ = options_.tray_available.value_or(wxTaskBarIcon::IsAvailable());
    GetMenuBar()->Check(kIdAutoRefresh, auto_refresh_);
    if (tray_available_) {
        GetMenuBar()->Check(kIdTrayStart, config_flag(kTrayStartKey, false));
        GetMenuBar()->Check(kIdTrayKeep, config_flag(kTrayKeepKey, false));
    }
    update_tray();
    Bind(wxEVT_CLOSE_WINDOW, &MainFrame::on_close, this);
    schedule_timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { (void)schedule_tick(); });
    schedule_timer_.Start(static_cast<int>(options_.schedule_tick.count()));
}

void MainFrame::build_background_menu(wxMenu* menu) {
    menu->AppendCheckItem(kIdAutoRefresh, _("Refresh &automatically"),
                          _("Refresh each source on its own schedule while GigScout runs"));
    const bool tray = options_.tray_available.value_or(wxTaskBarIcon::IsAvailable());
    // Where no tray runs the items say so and stay off: the window never hides with no way
    // back.
    const wxString no_tray = _(" (no system tray here)");
    menu->AppendCheckItem(kIdTrayStart, _("Start minimised to the tray") + (tray ? "" : no_tray),
                          tray ? _("Start with only the tray icon; refreshing goes on")
                               : _("No system tray is available on this desktop"));
    menu->AppendCheckItem(kIdTrayKeep,
                          _("Keep refreshing in the tray when closed") + (tray ? "" : no_tray),
                          tray ? _("Closing the window leaves the tray icon; Quit ends GigScout")
                               : _("No system tray is available on this desktop"));
    menu->Enable(kIdTrayStart, tray);
    menu->Enable(kIdTrayKeep, tray);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent& e) { set_auto_refresh(e.IsChecked()); }, kIdAutoRefresh);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& e) {
            set_config_flag(kTrayStartKey, e.IsChecked());
            update_tray();
        },
        kIdTrayStart);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& e) {
            set_config_flag(kTrayKeepKey, e.IsChecked());
            update_tray();
        },
        kIdTrayKeep);
}

void MainFrame::set_auto_refresh(bool on) {
    auto_refresh_ = on;
    GetMenuBar()->Check(kIdAutoRefresh, on);
    set_config_flag(kAutoRefreshKey, on);
}

std::vector<std::string> MainFrame::schedule_tick() {
    // The schedule's rows come with the sources (on_sources); until then nothing is due.
    if (!workspace_ || !auto_refresh_ || !loaded_ || busy()) {
        return {};
    }
    auto due = schedule_.due(now_epoch_seconds());
    if (!due.empty()) {
        refresh(due);
    }
    return due;
}

bool MainFrame::starts_hidden() const {
    return tray_ != nullptr && config_flag(kTrayStartKey, false);
}

// The icon is there while either tray setting is on (and a tray runs).
void MainFrame::update_tray() {
    const bool wanted =
        tray_available_ && (config_flag(kTrayStartKey, false) || config_flag(kTrayKeepKey, false));
    if (!wanted) {
        tray_.reset();
        return;
    }
    if (tray_) {
        return;
    }
    tray_ = std::make_unique<TrayIcon>(TrayIcon::Actions{[this] {
                                                             Show();
                                                             Iconize(false);
                                                             Raise();
                                                         },
                                                         [this] { refresh(); },
                                                         [this] { Close(true); }});
    if (!tray_->install(_("GigScout"))) {
        tray_.reset();
    }
}

void MainFrame::on_close(wxCloseEvent& event) {
    if (event.CanVeto() && tray_ && config_flag(kTrayKeepKey, false)) {
        // Closed, not quit: the schedule goes on behind the tray icon.
        Hide();
        event.Veto();
        return;
    }
    schedule_timer_.Stop();
    tray_.reset();  // a tray icon left behind would keep the process alive
    event.Skip();
}

void MainFrame::show_listing(const std::string& id) {
    Show();
    Iconize(false);
    Raise();
    widen_filters_to_show(id);
    table_.select(id);
    reset_list();
    list_->SetFocus();
}

// The notification named a listing the filters hide (a search typed since, a state chosen):
// back to the default view, where every open listing is shown.
void MainFrame::widen_filters_to_show(const std::string& id) {
    if (table_.position_of(id)) {
        return;
    }
    search_->ChangeValue("");
    for (wxChoice* c : {state_, source_, job_type_, posted_}) {
        c->SetSelection(0);
    }
    min_score_->SetValue(0);
    min_rate_->SetValue(0);
    max_rate_->SetValue(0);
    apply_filter();
}

}  // namespace gigscout
