// The main window: toolbar (Refresh, Stop, profile, search), the sources panel, the listing
// list with its filters, and the details pane with the actions. It binds view-models
// (views/listing_table.h) and runs the workspace's work off the GUI thread
// (refresh_controller.h); what a listing is worth and what an action does are decided there.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/frame.h>
#include <wx/timer.h>

#include "app/refresh_controller.h"
#include "views/listing_table.h"
#include "views/refresh_schedule.h"
#include "workspace/refresh_job.h"
#include "workspace/workspace.h"

class wxChoice;
class wxCheckBox;
class wxDataViewCtrl;
class wxDataViewEvent;
class wxInfoBar;
class wxSearchCtrl;
class wxSpinCtrl;
class wxSplitterWindow;
class wxHtmlWindow;
class wxButton;
class wxNotificationMessage;
class wxMenu;
class wxCloseEvent;
class wxNotebook;

namespace gigscout {

class InsightsPanel;
class ListingListModel;
class SourcesDialog;
class SourcesList;
class TrayIcon;

struct AppOptions {
    Paths paths;
    // What Refresh asks for; the profile's search terms are added. Tests point its policy at
    // a local server (connect_to, ca_file).
    RefreshRequest refresh;
    // Start a refresh as soon as the window is up (the morning routine).
    bool refresh_on_start = false;
    // How often the refresh schedule is asked which sources are due (tests: much shorter).
    std::chrono::milliseconds schedule_tick{30'000};
    // Whether a system tray runs; none: ask wxTaskBarIcon::IsAvailable() (a test sets it).
    std::optional<bool> tray_available;
};

class MainFrame : public wxFrame {
  public:
    // Menu and toolbar command ids (tests post them as a click would).
    enum Command : int {
        kIdRefresh = wxID_HIGHEST + 1,
        kIdStop,
        kIdSave,
        kIdHide,
        kIdApplied,
        kIdBackToNew,
        kIdOpen,
        kIdNext,
        kIdPrevious,
        kIdFind,
        kIdProfile,
        kIdEditProfile,
        kIdNewProfile,
        kIdAutoRefresh,
        kIdTrayStart,
        kIdTrayKeep,
        kIdManageSources,
        kIdResumeSource,  // the info bar's Resume button on a paused source's banner
    };

    // `workspace` may be an error (a locked or foreign database, an unwritable folder): the
    // window then opens and says so instead of showing an empty list.
    MainFrame(AppOptions options, Result<Workspace> workspace);
    ~MainFrame() override;

    // --- what the menus, keys and buttons do (tests call them too) -------------------------
    // Every enabled source, or exactly `sources` (a scheduled refresh of the due ones).
    void refresh(const std::vector<std::string>& sources = {});
    void stop();
    void act(RowAction action, const std::optional<std::string>& note = std::nullopt);
    void undo();
    void open_selected_in_browser();
    void select_position(std::size_t position);
    void move_selection(int delta);
    void choose_profile(const std::string& name);
    // Opens the profile editor on the active profile (or, `fresh`, a new one from the
    // intermediate starter); a saved profile becomes active and the list re-ranks.
    void edit_profile(bool fresh);
    // After a profile was saved elsewhere (the editor, a test): read the profiles again and
    // re-rank.
    void profile_saved();
    Store* store() { return workspace_ ? &workspace_->store() : nullptr; }
    // Sources ▸ Manage sources… (Ctrl+Shift+S): opens the sources dialog, or raises it.
    void manage_sources();
    // Resumes a source the health rules paused (the banner's Resume, the sources panel's
    // context menu); the sources panel reads its state again.
    void resume_source(const std::string& id);
    // As a click on a column header does: `column` is a ListColumn.
    void sort_by(unsigned column, bool ascending);
    // The Insights tab (insights_panel.h), and what a click on one of its skills does: the
    // list shows only the listings asking for the skill, until its filter button is clicked.
    void show_insights();
    void filter_by_skill(const std::string& skill);
    InsightsPanel* insights() const { return insights_; }

    // --- what a test or the status bar reads ------------------------------------------------
    const ListingTable& table() const { return table_; }
    // A refresh runs, or its result has not been shown yet.
    bool busy() const { return controller_.busy() || refreshing_; }
    bool loaded() const { return loaded_; }
    bool showing_demo() const { return demo_; }
    std::string details_text() const;  // the details pane's page as plain text
    std::string banner_text() const { return banner_; }
    // The last refresh's alert title ("2 new matches scoring 70 or more"); empty: none.
    std::string alert_text() const { return alert_; }
    std::string source_state(const std::string& source) const;
    SourcesDialog* sources_dialog() const { return sources_dialog_; }
    wxInfoBar* info_bar() const { return info_; }
    // The paused source the banner offers to resume; empty: none.
    std::string banner_resumes() const { return banner_resume_; }
    wxDataViewCtrl* list() const { return list_; }
    wxSearchCtrl* search() const { return search_; }

    // --- in the background: schedule, tray, alerts (main_frame_background.cpp) -------------
    // "Refresh automatically" (gigscout.conf Schedule/Auto, on by default).
    void set_auto_refresh(bool on);
    bool auto_refresh() const { return auto_refresh_; }
    // What each timer tick does: when no refresh runs, a background refresh of the sources the
    // schedule says are due. Returns the sources it queued (none: nothing due, or busy).
    std::vector<std::string> schedule_tick();
    const RefreshSchedule& schedule() const { return schedule_; }
    // What a click on the new-match notification does: the window comes up (from the tray
    // too) with the listing selected and its details shown, the filters widened if they hid it.
    void show_listing(const std::string& id);
    wxNotificationMessage* notification() const { return notification_.get(); }
    // "Start minimised to the tray": the app does not show the window; only where a tray runs.
    bool starts_hidden() const;
    bool tray_available() const { return tray_available_; }
    TrayIcon* tray() const { return tray_.get(); }

  private:
    void build_menus();
    void build_toolbar();
    wxWindow* build_list_panel(wxWindow* parent);
    wxWindow* build_details_panel(wxWindow* parent);
    void bind_keys();

    void load_profiles();
    void start_load(bool with_sources = false);
    void on_loaded(LoadedRows rows);
    void on_sources(SourcesInfo info);
    void on_refreshed(RefreshDone done);
    void adopt(LoadedRows& rows);
    void apply_filter();
    void on_sorted(wxDataViewEvent& event);
    void on_selection(wxDataViewEvent& event);
    void reset_list();
    void show_details();
    void update_status();
    void update_actions();
    void show_banner(const std::string& message, int flags);
    void hide_banner();
    void show_paused_banner();
    void show_about();
    void alert_new_matches();
    Store* shown_store();
    // main_frame_background.cpp
    void setup_background();
    void build_background_menu(wxMenu* menu);
    void update_tray();
    void on_close(wxCloseEvent& event);
    void widen_filters_to_show(const std::string& id);
    void build_insights_tab();
    void update_insights(std::vector<std::string> sources);

    AppOptions options_;
    std::optional<Workspace> workspace_;
    std::optional<Store> demo_store_;
    std::optional<Profile> profile_;
    std::string profile_label_;
    std::optional<Scorer> scorer_;  // on the GUI thread, for the details pane's explanation
    ListingTable table_;
    bool loaded_ = false;
    bool refreshing_ = false;
    bool demo_ = false;
    std::string banner_;
    std::string details_key_;  // what the details pane shows (id, state, note, time, profile)
    RefreshController controller_;
    std::string refresh_summary_;
    std::int64_t refresh_started_ = 0;
    std::string alert_;
    std::unique_ptr<wxNotificationMessage> notification_;
    RefreshSchedule schedule_;
    wxTimer schedule_timer_;
    bool auto_refresh_ = true;
    bool tray_available_ = false;
    std::unique_ptr<TrayIcon> tray_;
    // Sources the health rules paused, with their state in words (on_sources).
    std::vector<std::pair<std::string, std::string>> paused_;
    std::string banner_resume_;
    SourcesDialog* sources_dialog_ = nullptr;  // modeless; a child of this frame
    std::optional<std::string> skill_filter_;  // from the Insights tab

    wxChoice* profile_choice_ = nullptr;
    wxSearchCtrl* search_ = nullptr;
    wxInfoBar* info_ = nullptr;
    wxNotebook* book_ = nullptr;  // Listings | Insights
    InsightsPanel* insights_ = nullptr;
    wxButton* skill_chip_ = nullptr;  // "asking for OpenCV ✕": clears the skill filter
    wxSplitterWindow* outer_ = nullptr;
    wxSplitterWindow* inner_ = nullptr;
    SourcesList* sources_ = nullptr;
    wxDataViewCtrl* list_ = nullptr;
    ListingListModel* model_ = nullptr;  // owned by list_ (ref-counted)
    wxHtmlWindow* details_ = nullptr;
    wxSpinCtrl* min_score_ = nullptr;
    wxChoice* state_ = nullptr;
    wxChoice* source_ = nullptr;
    wxChoice* job_type_ = nullptr;
    wxChoice* posted_ = nullptr;
    wxChoice* pay_basis_ = nullptr;
    wxSpinCtrl* min_rate_ = nullptr;
    wxSpinCtrl* max_rate_ = nullptr;
    wxCheckBox* refused_ = nullptr;
    wxButton* open_ = nullptr;
    wxButton* save_ = nullptr;
    wxButton* hide_ = nullptr;
    wxButton* applied_ = nullptr;
    wxButton* undo_ = nullptr;
};

}  // namespace gigscout
