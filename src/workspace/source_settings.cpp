#include "workspace/source_settings.h"

#include <algorithm>
#include <map>

#include "refresh/oauth2_tokens.h"
#include "workspace/source_auth.h"
#include "workspace/source_from_url.h"
#include "workspace/source_selection.h"

namespace gigscout {
namespace {

Result<SourceConfig> configured(Workspace& workspace, const std::string& id) {
    auto sources = workspace.sources();
    if (!sources) {
        return sources.error();
    }
    for (const auto& s : sources.value()) {
        if (s.id == id) {
            return s;
        }
    }
    return Error{"no configured source named `" + id +
                 "`; the configured sources are: " + source_ids_text(sources.value())};
}

Status store_secrets(const std::string& id, const SettingsEdit& edit, SecretStore* secrets) {
    if (edit.secrets.empty() && edit.erase_secrets.empty()) {
        return Ok{};
    }
    if (secrets == nullptr) {
        return Error{"source " + id + ": no secret store could be opened, so its secret " +
                     "settings were not saved (set them as GIGSCOUT_" + source_env_prefix(id) +
                     "_<KEY> instead)"};
    }
    for (const auto& [key, value] : edit.secrets) {
        if (auto s = secrets->set(id, key, value); !s) {
            return s.error();
        }
    }
    for (const auto& key : edit.erase_secrets) {
        if (auto s = secrets->erase(id, key); !s) {
            return s.error();
        }
    }
    return Ok{};
}

}  // namespace

Result<SourcesDialogModel> load_sources_dialog(Workspace& workspace, const SecretStore* secrets) {
    auto descriptions = workspace.source_descriptions();
    if (!descriptions) {
        return descriptions.error();
    }
    auto rows = load_sources_panel(workspace.store(), descriptions.value());
    if (!rows) {
        return rows.error();
    }
    std::map<std::string, SignIn> signed_in;
    for (const SourceRow& row : rows.value()) {
        const PluginEntry* entry = workspace.catalog().find(row.plugin);
        if (entry == nullptr || !entry->manifest || !entry->manifest->oauth2) {
            continue;
        }
        const std::string& token = entry->manifest->oauth2->token_setting;
        if (secrets != nullptr) {
            if (auto s = source_sign_in(*secrets, row.id, token)) {
                signed_in[row.id] = *s;
            }
        } else if (secret_from_environment(row.id, token)) {
            signed_in[row.id] = SignIn{};
        }
    }
    SourcesDialogModel model(std::move(rows).value(), plugin_items(workspace.catalog().entries()));
    model.set_signed_in(std::move(signed_in));
    return model;
}

Result<SettingsForm> source_settings_form(Workspace& workspace, const std::string& id,
                                          const SecretStore* secrets) {
    auto source = configured(workspace, id);
    if (!source) {
        return source.error();
    }
    const PluginEntry* entry = workspace.catalog().find(source.value().plugin);
    if (entry == nullptr) {
        return Error{"source " + id + ": plugin `" + source.value().plugin +
                     "` is not installed or cannot load, so its settings are unknown"};
    }
    std::map<std::string, SecretPlace> places;
    for (const SettingSpec& spec : entry->manifest->settings) {
        if (!spec.secret) {
            continue;
        }
        if (secret_from_environment(id, spec.key)) {
            places[spec.key] = SecretPlace::Environment;
        } else if (secrets != nullptr) {
            auto value = secrets->get(id, spec.key);
            if (value && value.value()) {
                places[spec.key] = secrets->backend() == SecretBackend::Keyring
                                       ? SecretPlace::Keyring
                                       : SecretPlace::File;
            }
        }
    }
    return SettingsForm(*entry->manifest, source.value().settings, places,
                        source_host_settings(source.value()));
}

std::vector<HostSetting> source_host_settings(const SourceConfig& source) {
    HostSetting budget;
    budget.spec.key = kTimeBudgetSettingKey;  // its name in sources.json too
    budget.spec.label = "Time budget (seconds)";
    budget.spec.type = SettingType::Number;
    budget.spec.default_value = double{kDefaultTimeBudgetSeconds};
    budget.spec.help =
        "The most one refresh of this source may take, all its pages together; "
        "the pages read by then are kept.";
    budget.min = 1;
    budget.max = kMaxTimeBudgetSeconds;
    budget.value = source.time_budget_seconds;
    return {budget};
}

SettingsForm new_source_form(const PluginManifest& manifest) {
    return SettingsForm(manifest, {}, {}, source_host_settings(SourceConfig{}));
}

namespace {

// The host settings of a form's edit into the source (absent: back to the default).
void apply_host_settings(SourceConfig& source, const SettingsEdit& edit) {
    const auto budget = edit.host.find(std::string(kTimeBudgetSettingKey));
    source.time_budget_seconds =
        budget == edit.host.end() ? std::nullopt : std::optional<int>(budget->second);
}

}  // namespace

Status save_source_settings(Workspace& workspace, const std::string& id, const SettingsEdit& edit,
                            SecretStore* secrets) {
    if (auto known = configured(workspace, id); !known) {
        return known.error();
    }
    if (auto s = store_secrets(id, edit, secrets); !s) {
        return s;
    }
    return edit_source(workspace, id, [&edit](SourceConfig& source) {
        source.settings = edit.settings;
        apply_host_settings(source, edit);
    });
}

Status add_source_with_settings(Workspace& workspace, SourceConfig source, const SettingsEdit& edit,
                                SecretStore* secrets) {
    source.settings = edit.settings;
    apply_host_settings(source, edit);
    if (auto s = add_source(workspace, source); !s) {
        return s;
    }
    return store_secrets(source.id, edit, secrets);
}

Result<SourceConfig> remove_source_and_secrets(Workspace& workspace, const std::string& id,
                                               SecretStore* secrets) {
    auto removed = remove_source(workspace, id);
    if (!removed || secrets == nullptr) {
        return removed;
    }
    if (const PluginEntry* entry = workspace.catalog().find(removed.value().plugin)) {
        for (const SettingSpec& spec : entry->manifest->settings) {
            if (spec.secret) {
                if (auto s = secrets->erase(id, spec.key); !s) {
                    return s.error();
                }
            }
        }
    }
    for (const char* key :
         {kOAuth2ClientSecretKey, kOAuth2RefreshTokenKey, kOAuth2ExpiresAtKey, kOAuth2PendingKey}) {
        if (auto s = secrets->erase(id, key); !s) {
            return s.error();
        }
    }
    return removed;
}

Result<bool> resume_source(Workspace& workspace, const std::string& id) {
    auto descriptions = workspace.source_descriptions();
    if (!descriptions) {
        return descriptions.error();
    }
    std::vector<std::string> known;
    for (const auto& d : descriptions.value()) {
        known.push_back(d.id);
    }
    if (std::find(known.begin(), known.end(), id) == known.end()) {
        std::string list;
        for (const auto& k : known) {
            list += (list.empty() ? "" : ", ") + k;
        }
        return Error{"no configured source named `" + id +
                     "`; the configured sources are: " + (list.empty() ? "none" : list)};
    }
    auto rows = load_sources_panel(workspace.store(), descriptions.value());
    if (!rows) {
        return rows.error();
    }
    bool paused = false;
    for (const auto& r : rows.value()) {
        paused = paused ||
                 (r.id == id && r.health == SourceHealth::Paused && r.consecutive_failures > 0);
    }
    if (!paused) {
        return false;
    }
    if (auto resumed = workspace.store().resume_source(id); !resumed) {
        return resumed.error();
    }
    return true;
}

}  // namespace gigscout
