// The one place that decides where GigScout's files live (XDG base directories).
#pragma once

#include <filesystem>
#include <optional>

#include "base/result.h"

namespace gigscout {

struct Paths {
    std::filesystem::path data_dir;    // store, user plugins
    std::filesystem::path config_dir;  // sources.json, settings
    std::filesystem::path cache_dir;   // HTTP cache

    std::filesystem::path user_plugins_dir() const { return data_dir / "plugins"; }
    std::filesystem::path database_file() const { return data_dir / "gigscout.sqlite3"; }
    std::filesystem::path sources_file() const { return config_dir / "sources.json"; }
    std::filesystem::path http_cache_dir() const { return cache_dir / "http"; }
    std::filesystem::path secrets_file() const { return config_dir / "secrets.json"; }
    // When each source last ran, for the platforms' minimum refresh interval.
    std::filesystem::path refresh_ledger_file() const { return cache_dir / "refresh-ledger.json"; }

    // With an override (`--data-dir D`) everything lives under D: D/data, D/config, D/cache,
    // so a test or a portable install touches nothing else. Without one, XDG_DATA_HOME,
    // XDG_CONFIG_HOME and XDG_CACHE_HOME (or their ~/.local/share, ~/.config, ~/.cache
    // defaults) each get a `gigscout` folder.
    static Result<Paths> resolve(const std::optional<std::filesystem::path>& data_dir_override);

    // Creates the directories if missing; the error names the directory that failed.
    Status ensure_exist() const;
};

// Read-only data shipped with GigScout: the taxonomy, starter profiles, currency rates.
// GIGSCOUT_RESOURCES overrides; then the source tree (when run from a build), then the
// installed share directory.
std::filesystem::path resources_dir();
// Plugins shipped with GigScout (same search order; GIGSCOUT_PLUGINS overrides).
std::filesystem::path bundled_plugins_dir();

}  // namespace gigscout
