#include "workspace/workspace.h"

#include "model/currency.h"
#include "taxonomy/taxonomy.h"
#include "workspace/source_selection.h"

namespace gigscout {

Workspace::Workspace(Paths paths, Store store)
    : paths_(std::move(paths)), store_(std::move(store)) {}

const PluginCatalog& Workspace::catalog() const {
    if (!catalog_) {
        catalog_.emplace(plugin_catalog(paths_));
    }
    return *catalog_;
}

Result<Workspace> Workspace::open(const Paths& paths, StoreOptions store_options) {
    if (auto s = paths.ensure_exist(); !s) {
        return s.error();
    }
    auto store = Store::open(paths.database_file(), store_options);
    if (!store) {
        return store.error();
    }
    return Workspace(paths, std::move(store).value());
}

Result<std::vector<SourceConfig>> Workspace::sources() const {
    return configured_sources(paths_, catalog());
}

Result<std::vector<SourceDescription>> Workspace::source_descriptions() const {
    auto configured = sources();
    if (!configured) {
        return configured.error();
    }
    std::vector<SourceDescription> out;
    for (const auto& c : configured.value()) {
        SourceDescription d;
        d.id = c.id;
        d.plugin = c.plugin;
        d.enabled = c.enabled;
        d.refresh_interval = std::int64_t{c.refresh_minutes.value_or(kDefaultRefreshMinutes)} * 60;
        const PluginEntry* entry = catalog().find(c.plugin);
        if (entry == nullptr) {
            d.unusable_reason = "no plugin `" + c.plugin + "` is installed";
            for (const auto& e : catalog().entries()) {
                if (e.manifest && e.manifest->id == c.plugin && !e.disabled_reason.empty()) {
                    d.unusable_reason = e.disabled_reason;
                }
            }
        } else {
            d.deprecated = entry->manifest->deprecated;
            d.min_interval = entry->manifest->politeness.min_refresh_interval.value_or(0);
        }
        out.push_back(std::move(d));
    }
    return out;
}

Result<std::optional<ChosenProfile>> Workspace::profile(const std::optional<std::string>& wanted) {
    return choose_profile(store_, wanted);
}

PluginCatalog plugin_catalog(const Paths& paths, CachedRefusals refusals) {
    return PluginCatalog::standard(paths, {}, refusals);
}

Scorer make_scorer(const Profile& profile, std::int64_t now) {
    return Scorer(profile, Taxonomy::bundled(), CurrencyTable::bundled(), now);
}

}  // namespace gigscout
