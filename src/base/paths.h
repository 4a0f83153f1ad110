// The one place that decides where GigScout's files live (XDG base directories).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

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
    // What each plugin's load answered, keyed by its file's content (plugin_host/manifest_cache.h).
    std::filesystem::path plugin_manifest_cache_file() const {
        return cache_dir / "plugin-manifests.json";
    }

    // With an override (`--data-dir D`) everything lives under D: D/data, D/config, D/cache,
    // so a test or a portable install touches nothing else. Without one, XDG_DATA_HOME,
    // XDG_CONFIG_HOME and XDG_CACHE_HOME (or their ~/.local/share, ~/.config, ~/.cache
    // defaults) each get a `gigscout` folder.
    static Result<Paths> resolve(const std::optional<std::filesystem::path>& data_dir_override);

    // Creates the directories if missing; the error names the directory that failed.
    Status ensure_exist() const;
};

// Where an installed file sits relative to the running program: `relative` under the prefix the
// executable was installed into (<prefix>/bin/gigscout-cli → <prefix>/`relative`), so a package
// unpacked anywhere (dpkg -x into a temporary root) finds its own data. Empty when the running
// program cannot be named.
std::filesystem::path installed_beside_executable(const std::filesystem::path& relative);

// Read-only data shipped with GigScout: the taxonomy, starter profiles, currency rates.
// GIGSCOUT_RESOURCES overrides; then share/gigscout/resources under the program's own prefix
// (an installed copy), then the source tree (run from a build), then the configured prefix.
std::filesystem::path resources_dir();
// Wraps the error of loading a shipped resource ("the bundled skill taxonomy") into the message
// a user can act on: what failed, why, and how to give GigScout its resources back.
Error bundled_resource_error(const std::string& what, const Error& cause);
// The last resort of a `bundled()` accessor whose front end did not check its resource first:
// prints the message and ends the process with exit status 1 (never abort(): this is a broken
// installation, not a bug, and must not look like a crash).
[[noreturn]] void exit_for_bundled_resource(const Error& error);
// Plugins shipped with GigScout (same search order; GIGSCOUT_PLUGINS overrides).
std::filesystem::path bundled_plugins_dir();

}  // namespace gigscout
