// The sources dialog's work on one user's sources (docs/app.md, "Sources"): what the dialog
// lists, a source's settings read into a form (views/source_settings_form.h) and a form saved —
// the non-secret settings into sources.json through the one writer (source_from_url.h), the
// secret ones into the secret store (keyring, else the 0600 file), never into sources.json — and
// resuming a source the health rules paused. The CLI's `source resume` uses the same.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "refresh/source_config.h"
#include "store/secret_store.h"
#include "views/source_settings_form.h"
#include "views/sources_dialog_model.h"
#include "workspace/workspace.h"

namespace gigscout {

// Every configured source with its health and every plugin the catalog found; with `secrets`,
// which OAuth2 sources hold a sign-in.
Result<SourcesDialogModel> load_sources_dialog(Workspace& workspace,
                                               const SecretStore* secrets = nullptr);

// The form for a configured source: its plugin's settings, its values from sources.json, and
// where each secret is (`secrets` may be null: none stored). Errors: an unknown id, a plugin
// that cannot load.
Result<SettingsForm> source_settings_form(Workspace& workspace, const std::string& id,
                                          const SecretStore* secrets);

// The host's settings a source's form shows after its plugin's (views HostSetting):
// `time_budget_seconds`, the most one refresh of the source may take.
std::vector<HostSetting> source_host_settings(const SourceConfig& source);

// The form for a new source of `manifest`: the plugin's settings and the host's, at their
// defaults.
SettingsForm new_source_form(const PluginManifest& manifest);

// Saves a form's edit for a configured source: secrets first (a secret that cannot be stored
// leaves sources.json as it was), then its settings in sources.json.
Status save_source_settings(Workspace& workspace, const std::string& id, const SettingsEdit& edit,
                            SecretStore* secrets);

// Adds `source` (id, plugin, instance) with a form's settings; its secrets are stored once the
// source is in sources.json.
Status add_source_with_settings(Workspace& workspace, SourceConfig source, const SettingsEdit& edit,
                                SecretStore* secrets);

// Removes the source from sources.json and its secrets from the store (its listings stay).
Result<SourceConfig> remove_source_and_secrets(Workspace& workspace, const std::string& id,
                                               SecretStore* secrets);

// The user resumes a source the health rules paused: its next refresh runs it. False when it
// was not paused (nothing done); an unknown id is an error listing the configured ones.
Result<bool> resume_source(Workspace& workspace, const std::string& id);

}  // namespace gigscout
