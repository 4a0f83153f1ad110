#include "workspace/source_selection.h"

#include <algorithm>

namespace gigscout {
namespace {

SourceOutcome cannot_run(const SourceConfig& c, const PluginCatalog& catalog) {
    SourceOutcome o;
    o.plugin = c.plugin;
    o.progress.source = c.id;
    o.progress.state = SourceState::Failed;
    o.progress.error = "plugin `" + c.plugin + "` is not installed or is disabled";
    for (const auto& e : catalog.entries()) {
        if (e.manifest && e.manifest->id == c.plugin && !e.disabled_reason.empty()) {
            o.progress.error = "plugin `" + c.plugin + "` is disabled: " + e.disabled_reason;
        }
        // A plugin that failed to load has no manifest, so no id: its file is named after it
        // (x.lua, or x/init.lua).
        std::string file_id =
            e.path.filename() == "init.lua" ? e.path.parent_path().filename() : e.path.stem();
        if (!e.manifest && file_id == c.plugin) {
            o.progress.error = "plugin `" + c.plugin + "` failed to load: " + e.disabled_reason;
        }
    }
    return o;
}

}  // namespace

Result<std::vector<SourceConfig>> configured_sources(const Paths& paths,
                                                     const PluginCatalog& catalog) {
    auto file = load_sources(paths.sources_file());
    if (!file) {
        return file.error();
    }
    if (file.value().exists) {
        return file.value().sources;
    }
    std::vector<SourceConfig> out;
    for (const auto& entry : catalog.entries()) {
        if (!entry.usable() || !entry.manifest->enabled_by_default) {
            continue;
        }
        const PluginManifest& m = *entry.manifest;
        bool needs_more = false;
        for (const auto& s : m.settings) {
            needs_more = needs_more || (!s.optional && !s.default_value);
        }
        if (needs_more) {
            continue;
        }
        SourceConfig c;
        c.id = m.id;
        c.plugin = m.id;
        out.push_back(std::move(c));
    }
    return out;
}

std::string source_ids_text(const std::vector<SourceConfig>& sources) {
    std::string out;
    for (const auto& s : sources) {
        out += (out.empty() ? "" : ", ") + s.id;
    }
    return out.empty() ? "none" : out;
}

Result<SourceSelection> select_sources(const std::vector<SourceConfig>& configured,
                                       const PluginCatalog& catalog,
                                       const std::vector<std::string>& requested,
                                       const std::filesystem::path& sources_file) {
    for (const auto& id : requested) {
        bool known = std::any_of(configured.begin(), configured.end(),
                                 [&](const SourceConfig& c) { return c.id == id; });
        if (!known) {
            return Error{"no configured source named `" + id + "` (see " + sources_file.string() +
                         "); the configured sources are: " + source_ids_text(configured)};
        }
    }
    SourceSelection out;
    for (const auto& c : configured) {
        bool asked = std::find(requested.begin(), requested.end(), c.id) != requested.end();
        if (requested.empty() ? !c.enabled : !asked) {
            continue;
        }
        if (const PluginEntry* entry = catalog.find(c.plugin)) {
            out.runnable.push_back({c, entry->path});
        } else {
            out.not_runnable.push_back(cannot_run(c, catalog));
        }
    }
    return out;
}

}  // namespace gigscout
