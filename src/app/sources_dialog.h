// Sources ▸ Manage sources…: every configured source and every plugin found (deprecated ones
// with their note, those that cannot load with the reason), the selected one's settings as a
// form built from its manifest (views/source_settings_form.h; secrets as password fields that
// only say where the value is kept), a board's address pasted to add a source
// (workspace/source_from_url.h), enable, disable, resume, remove, reload plugins and open the
// user's plugin folder. Modeless: the main window's sources panel and list reload after each
// change (`changed`). What it does is the workspace's (workspace/source_settings.h).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <wx/dialog.h>

#include "store/secret_store.h"
#include "views/source_settings_form.h"
#include "views/sources_dialog_model.h"
#include "workspace/source_auth.h"
#include "workspace/source_from_url.h"
#include "workspace/workspace.h"

class wxButton;
class wxListCtrl;
class wxListEvent;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;

namespace gigscout {

class SourcesDialog : public wxDialog {
  public:
    // `changed`: sources.json or the store changed; `closed`: the dialog is going away.
    SourcesDialog(wxWindow* parent, Workspace& workspace, std::function<void()> changed,
                  std::function<void()> closed);
    // Waits for the catalog reader; stops a sign-in still waiting for the browser.
    ~SourcesDialog() override;

    // --- what the buttons do (tests call them too); each says how it went in message() ----
    // Reads the sources and plugins again, keeping the selection; the plugin catalog is read
    // once on a worker thread first (each plugin's sandbox starts), then the lists fill.
    void reload();
    bool select_source(const std::string& id);
    bool select_plugin(const std::string& id);
    // Find: what the address in the address box makes; true when it can be added.
    bool find_address();
    bool add_found();  // Add: the source find_address found
    bool set_enabled(bool enabled);
    bool resume();
    bool remove();
    bool save_settings();  // Save settings (a source) or Add as source (a plugin)
    void reload_plugins();
    void open_plugin_folder();
    // Sign in…: the selected OAuth2 source's sign-in (workspace/source_auth.h). The address
    // opens in the browser; a thread with its own workspace waits on the loopback redirect and
    // exchanges the code, then the dialog says how it went. False when it could not start.
    bool sign_in();

    // --- what a test reads ---------------------------------------------------------------------
    const SourcesDialogModel& model() const { return *model_; }
    const std::optional<SettingsForm>& form() const { return form_; }
    std::string message() const { return message_; }
    std::string found_text() const;
    wxTextCtrl* address() const { return address_; }
    wxButton* find_button() const { return find_; }
    wxButton* add_found_button() const { return add_found_; }
    wxButton* save_button() const { return save_; }
    // The value a form field's control holds now ("" for a secret: never shown).
    std::string field_text(const std::string& key) const;
    bool set_field_text(const std::string& key, const std::string& text);

  private:
    // Reads the plugin catalog on catalog_reader_ and hands it to the workspace through
    // CallAfter (the app's one hand-off back, docs/app.md), then reloads.
    void read_catalog(bool reloaded);
    void build();
    void fill_lists();
    void mark_selected(wxListCtrl* chosen, long row, wxListCtrl* other);
    void show_selection();
    void build_form();
    void read_form();
    void show_errors(const std::vector<FieldError>& errors);
    void update_buttons();
    void say(const std::string& text, bool error = false);
    void on_source_selected(wxListEvent& event);
    void on_plugin_selected(wxListEvent& event);

    Workspace& workspace_;
    std::function<void()> changed_;
    std::function<void()> closed_;
    std::optional<SecretStore> secrets_;
    std::string secrets_problem_;
    std::optional<SourcesDialogModel> model_;
    std::optional<SettingsForm> form_;
    std::optional<SourceFromUrl> found_;
    std::string message_;
    bool filling_ = false;  // lists being refilled: their selection events are not the user's
    bool reading_catalog_ = false;
    std::thread catalog_reader_;  // joined before the dialog goes

    wxListCtrl* sources_list_ = nullptr;
    wxListCtrl* plugins_list_ = nullptr;
    wxStaticText* details_ = nullptr;
    wxScrolledWindow* form_panel_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxTextCtrl* address_ = nullptr;
    wxButton* find_ = nullptr;
    wxStaticText* found_text_ = nullptr;
    wxButton* add_found_ = nullptr;
    wxButton* enable_ = nullptr;
    wxButton* disable_ = nullptr;
    wxButton* resume_ = nullptr;
    wxButton* remove_ = nullptr;
    wxButton* save_ = nullptr;
    wxButton* sign_in_ = nullptr;
    std::thread sign_in_thread_;
    std::unique_ptr<fetch::CancelToken> sign_in_cancel_;
    bool signing_in_ = false;
    struct FieldControl {
        std::string key;
        wxWindow* control = nullptr;
        wxStaticText* error = nullptr;
    };
    std::vector<FieldControl> controls_;
};

}  // namespace gigscout
