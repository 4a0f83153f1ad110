// The sources dialog as plain values: every configured source (its health as the sources panel
// words it) and every plugin found (name, description, deprecated with its note, or why it
// cannot load), the selected one, what can be done to it (enable, disable, resume, remove, add
// a source of a plugin) and its details in words. The app's dialog binds it; the actions
// themselves are the workspace's (source_from_url.h, source_settings.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugin_host/plugin_catalog.h"
#include "views/sources_panel.h"

namespace gigscout {

struct PluginItem {
    std::string id;  // the manifest's id, else the file's name
    std::string name;
    std::string description;
    std::string deprecated;  // the manifest's note; empty when not deprecated
    std::string load_error;  // why it cannot be used; empty when it can
    std::string file;        // the .lua file or folder
    bool user = false;       // from the user's plugin folder
    bool multi_source = false;
    std::optional<PluginManifest> manifest;  // when it loaded
};

// One item per catalog entry, in the catalog's order.
std::vector<PluginItem> plugin_items(const std::vector<PluginEntry>& entries);

// An OAuth2 source's sign-in as the secret store holds it (workspace/source_auth.h).
struct SignIn {
    std::optional<std::int64_t> expires_at;  // the access token's end; none when not told
    bool renewable = false;                  // a refresh token is kept
};

enum class SourceAction { Enable, Disable, Resume, Remove, AddSource };

class SourcesDialogModel {
  public:
    SourcesDialogModel(std::vector<SourceRow> sources, std::vector<PluginItem> plugins);

    const std::vector<SourceRow>& sources() const { return sources_; }
    const std::vector<PluginItem>& plugins() const { return plugins_; }

    // The plugins list's second column: "deprecated: …", "cannot load: …", or the description.
    static std::string plugin_note(const PluginItem& plugin);

    // Selects a configured source or a plugin by id; false (and nothing selected) when there is
    // none such.
    bool select_source(const std::string& id);
    bool select_plugin(const std::string& id);
    void clear_selection();
    const SourceRow* selected_source() const;
    const PluginItem* selected_plugin() const;
    // The plugin of the selected source, or the selected plugin.
    const PluginItem* selected_plugins_item() const;

    // The OAuth2 sources holding a sign-in (workspace/source_auth.h's source_sign_in); the
    // others of an OAuth2 plugin read as not signed in.
    void set_signed_in(std::map<std::string, SignIn> sources) { signed_in_ = std::move(sources); }
    // For the selected source of a plugin declaring `oauth2`: the command that signs it in
    // ("gigscout-cli source auth upwork"); nullopt for any other selection.
    std::optional<std::string> sign_in_command() const;

    // For configured source `id` of a plugin declaring `oauth2`, its sign-in at `now` in words:
    // "signed in", "signed in; token expires in 23 h", "not signed in: run gigscout-cli source
    // auth upwork"; nullopt for any other source.
    std::optional<std::string> sign_in_text(const std::string& id, std::int64_t now) const;

    bool can(SourceAction action) const;
    // The details pane's words for the selection: the state, the last error, the deprecation
    // note, the plugin's description or why it cannot load; for an OAuth2 source its sign-in
    // and the steps to sign in; for a plugin that sends a setting as User-Agent, why.
    std::string details() const;

  private:
    const PluginItem* plugin(const std::string& id) const;

    std::vector<SourceRow> sources_;
    std::vector<PluginItem> plugins_;
    std::optional<std::size_t> source_;
    std::optional<std::size_t> plugin_;
    std::map<std::string, SignIn> signed_in_;
};

}  // namespace gigscout
