#include "views/sources_dialog_model.h"

#include <algorithm>

#include "views/display_text.h"

namespace gigscout {

std::vector<PluginItem> plugin_items(const std::vector<PluginEntry>& entries) {
    std::vector<PluginItem> out;
    out.reserve(entries.size());
    for (const PluginEntry& e : entries) {
        PluginItem& p = out.emplace_back();
        p.file = e.path.string();
        p.user = e.user;
        p.load_error = e.disabled_reason;
        if (e.manifest) {
            p.id = e.manifest->id;
            p.name = e.manifest->name;
            p.description = e.manifest->description;
            p.deprecated = e.manifest->deprecated;
            p.multi_source = e.manifest->multi_source;
            p.manifest = e.manifest;
        } else {
            p.id = e.path.stem().string();
            p.name = e.path.filename().string();
        }
    }
    return out;
}

SourcesDialogModel::SourcesDialogModel(std::vector<SourceRow> sources,
                                       std::vector<PluginItem> plugins)
    : sources_(std::move(sources)), plugins_(std::move(plugins)) {}

std::string SourcesDialogModel::plugin_note(const PluginItem& plugin) {
    if (!plugin.load_error.empty()) {
        return "cannot load: " + plugin.load_error;
    }
    if (!plugin.deprecated.empty()) {
        return "deprecated: " + plugin.deprecated;
    }
    return plugin.description;
}

bool SourcesDialogModel::select_source(const std::string& id) {
    clear_selection();
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        if (sources_[i].id == id) {
            source_ = i;
            return true;
        }
    }
    return false;
}

bool SourcesDialogModel::select_plugin(const std::string& id) {
    clear_selection();
    for (std::size_t i = 0; i < plugins_.size(); ++i) {
        if (plugins_[i].id == id) {
            plugin_ = i;
            return true;
        }
    }
    return false;
}

void SourcesDialogModel::clear_selection() {
    source_.reset();
    plugin_.reset();
}

const SourceRow* SourcesDialogModel::selected_source() const {
    return source_ ? &sources_[*source_] : nullptr;
}

const PluginItem* SourcesDialogModel::selected_plugin() const {
    return plugin_ ? &plugins_[*plugin_] : nullptr;
}

const PluginItem* SourcesDialogModel::plugin(const std::string& id) const {
    // A usable entry wins over one a user plugin overrides (both carry the id).
    const PluginItem* found = nullptr;
    for (const PluginItem& p : plugins_) {
        if (p.id == id && (found == nullptr || p.load_error.empty())) {
            found = &p;
        }
    }
    return found;
}

const PluginItem* SourcesDialogModel::selected_plugins_item() const {
    if (const SourceRow* s = selected_source()) {
        return plugin(s->plugin);
    }
    return selected_plugin();
}

bool SourcesDialogModel::can(SourceAction action) const {
    const SourceRow* s = selected_source();
    switch (action) {
        case SourceAction::Enable:
            return s != nullptr && s->health == SourceHealth::Disabled;
        case SourceAction::Disable:
            return s != nullptr && s->health != SourceHealth::Disabled;
        case SourceAction::Resume:
            // Only a pause the health rules made (failures in a row): a platform's minimum
            // interval is waited out, not resumed.
            return s != nullptr && s->health == SourceHealth::Paused && s->consecutive_failures > 0;
        case SourceAction::Remove:
            return s != nullptr;
        case SourceAction::AddSource: {
            const PluginItem* p = selected_plugin();
            return p != nullptr && p->load_error.empty() && p->manifest.has_value();
        }
    }
    return false;
}

std::optional<std::string> SourcesDialogModel::sign_in_command() const {
    const SourceRow* s = selected_source();
    const PluginItem* p = selected_plugins_item();
    if (s == nullptr || p == nullptr || !p->manifest || !p->manifest->oauth2) {
        return std::nullopt;
    }
    return "gigscout-cli source auth " + s->id;
}

std::optional<std::string> SourcesDialogModel::sign_in_text(const std::string& id,
                                                            std::int64_t now) const {
    const auto row = std::find_if(sources_.begin(), sources_.end(),
                                  [&id](const SourceRow& r) { return r.id == id; });
    if (row == sources_.end()) {
        return std::nullopt;
    }
    const PluginItem* p = plugin(row->plugin);
    if (p == nullptr || !p->manifest || !p->manifest->oauth2) {
        return std::nullopt;
    }
    const std::string command = "gigscout-cli source auth " + id;
    const auto it = signed_in_.find(id);
    if (it == signed_in_.end()) {
        return "not signed in: run " + command;
    }
    const SignIn& s = it->second;
    // 0 or nothing: the platform never said, so the token is good until it is refused.
    if (!s.expires_at || *s.expires_at <= 0) {
        return std::string("signed in");
    }
    if (*s.expires_at > now) {
        return "signed in; token expires in " + span_text(*s.expires_at - now);
    }
    if (s.renewable) {
        return std::string("signed in; token expired, the next refresh renews it");
    }
    return "sign-in expired: run " + command;
}

namespace {

// The lines a plugin's manifest adds to the details: its User-Agent reason, its sign-in.
std::string manifest_notes(const PluginManifest& m) {
    std::string out;
    if (m.user_agent) {
        out += "\nSends your setting `" + m.user_agent->setting +
               "` as its User-Agent: " + m.user_agent->reason;
    }
    return out;
}

}  // namespace

std::string SourcesDialogModel::details() const {
    std::string out;
    if (const SourceRow* s = selected_source()) {
        out = "Source " + s->id + " (plugin " + s->plugin + "): " + s->state_text + ".";
        if (s->last_success_at) {
            out += "\nLast success: " + date_time_text(*s->last_success_at) + ".";
        }
        if (s->consecutive_failures > 0) {
            out += "\nFailed refreshes in a row: " + std::to_string(s->consecutive_failures) + ".";
        }
        if (!s->last_error.empty()) {
            out += "\nLast error: " + s->last_error;
        }
        if (s->suspicious) {
            out += "\n" + s->suspicious_text;
        }
        if (!s->deprecated.empty()) {
            out += "\nIts plugin is deprecated: " + s->deprecated;
        }
        const PluginItem* p = selected_plugins_item();
        if (p != nullptr && p->manifest) {
            out += manifest_notes(*p->manifest);
            if (const auto& o = p->manifest->oauth2) {
                if (signed_in_.count(s->id) != 0) {
                    out += "\nSigned in to " + p->name + "; GigScout renews the sign-in. To " +
                           "sign in again: press Sign in…, or run " + *sign_in_command();
                } else {
                    out += "\nNot signed in to " + p->name + ". To sign in: put the client id " +
                           p->name + " gave you in the setting `" + o->client_id_setting +
                           "`, register the redirect URI http://127.0.0.1:8765/callback with " +
                           p->name + ", then press Sign in… (or run " + *sign_in_command() +
                           " --client-secret-stdin, which prints the address to open)";
                }
            }
        }
        return out;
    }
    if (const PluginItem* p = selected_plugin()) {
        out = "Plugin " + p->id + (p->user ? " (yours, " : " (bundled, ") + p->file + ")";
        if (!p->load_error.empty()) {
            return out + "\nIt cannot be used: " + p->load_error;
        }
        out += ": " + p->description;
        if (!p->deprecated.empty()) {
            out += "\nDeprecated: " + p->deprecated;
        }
        if (p->manifest) {
            out += manifest_notes(*p->manifest);
            if (p->manifest->oauth2) {
                out += "\nSigns in to " + p->name +
                       " with OAuth2: add a source, then press Sign in… (or run gigscout-cli "
                       "source auth with its id)";
            }
        }
    }
    return out;
}

}  // namespace gigscout
