// One user's GigScout, put together once for both front ends: where the files are, the store,
// the plugin catalog, the configured sources, the chosen profile and the scorer built from it.
// The CLI opens one per command; the desktop app one on its GUI thread and another on the
// refresh thread (a Store is one connection, used from one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "plugin_host/plugin_catalog.h"
#include "refresh/source_config.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "views/sources_panel.h"
#include "workspace/profile_choice.h"

namespace gigscout {

class Workspace {
  public:
    // Creates the data directories when missing and opens (or creates) the store; the error
    // names the directory or file that failed.
    static Result<Workspace> open(const Paths& paths, StoreOptions store_options = {});

    const Paths& paths() const { return paths_; }
    Store& store() { return store_; }
    // Read on first use: loading each plugin's manifest starts its sandbox (tens of
    // milliseconds a plugin), which a window must not wait for at launch.
    const PluginCatalog& catalog() const;
    // A catalog read elsewhere (plugin_catalog(paths())), taken instead of the one held: a
    // window reads it on a worker thread and hands it over on the thread that owns the
    // workspace (the sources dialog, when it opens and on Reload plugins: an edited or new
    // plugin needs no restart).
    void adopt_catalog(PluginCatalog catalog) { catalog_.emplace(std::move(catalog)); }
    bool has_catalog() const { return catalog_.has_value(); }

    // sources.json, or the bundled defaults before the user wrote one (source_selection.h).
    Result<std::vector<SourceConfig>> sources() const;

    // What the sources panel needs to know of each configured source beyond the store's
    // records: whether its plugin can run and its deprecation note (views/sources_panel.h).
    // The platforms' minimum interval is not a pause: a refresh says when a source was
    // skipped for it.
    Result<std::vector<SourceDescription>> source_descriptions() const;

    // A stored profile's name or a profile file; nullopt: the active profile, if any.
    Result<std::optional<ChosenProfile>> profile(const std::optional<std::string>& wanted);

  private:
    Workspace(Paths paths, Store store);

    Paths paths_;
    Store store_;
    mutable std::optional<PluginCatalog> catalog_;
};

// The bundled plugins and the user's, read without opening the store (`plugin list`); what
// Workspace::catalog() reads. `retried`: the user asked to reload, so remembered refusals load
// again.
PluginCatalog plugin_catalog(const Paths& paths, CachedRefusals refusals = CachedRefusals::kept);

// The one way a front end builds a scorer: the bundled taxonomy and currency rates, recency
// measured from `now`.
Scorer make_scorer(const Profile& profile, std::int64_t now);

}  // namespace gigscout
