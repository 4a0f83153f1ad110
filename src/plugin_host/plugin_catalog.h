// Which plugins exist: the bundled folder (plugins/) and the user's folder
// (Paths::user_plugins_dir()), where a user plugin overrides a bundled one with the same id.
// A plugin that fails to load, needs another API version or shares its id with another is
// listed as disabled, with the reason.
// Manifests are read by several workers at once, and remembered in a cache file (when given:
// the standard catalog's is in the cache dir) keyed by each plugin's source text, so an
// unchanged plugin costs no worker at startup and one that loops while loading is refused once
// until its file changes (manifest_cache.h).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/paths.h"
#include "plugin_host/plugin_limits.h"
#include "plugin_host/plugin_manifest.h"
#include "plugin_host/plugin_session.h"

namespace gigscout {

struct PluginEntry {
    std::filesystem::path path;              // the .lua file or the plugin folder
    bool user = false;                       // from the user's folder
    std::optional<PluginManifest> manifest;  // when it loaded
    std::string disabled_reason;  // empty when usable: "needs API 2; ...", "overridden by ..."
    bool usable() const { return manifest.has_value() && disabled_reason.empty(); }
};

// How the last reload() got its manifests.
struct CatalogLoadCounts {
    std::size_t from_cache = 0;  // answers read from the cache file (no worker started)
    std::size_t loaded = 0;      // plugins a worker loaded
};

// What reload() does with a refusal the cache remembers: keep it (every start), or load the
// plugin again (the user's "Reload plugins": a load that ran out of wall time on a busy
// machine must not stay refused until the file changes).
enum class CachedRefusals { kept, retried };

// Not thread-safe: one owner (the app's or the CLI's main flow) discovers and reloads.
class PluginCatalog {
  public:
    // `cache_file`: where load answers are remembered; none: every reload loads every plugin.
    PluginCatalog(std::filesystem::path bundled_dir, std::optional<std::filesystem::path> user_dir,
                  PluginLimits limits = {},
                  std::optional<std::filesystem::path> cache_file = std::nullopt,
                  CachedRefusals refusals = CachedRefusals::kept);
    // bundled_plugins_dir() and paths.user_plugins_dir(), remembered in
    // paths.plugin_manifest_cache_file().
    static PluginCatalog standard(const Paths& paths, PluginLimits limits = {},
                                  CachedRefusals refusals = CachedRefusals::kept);

    // Workers loading manifests at once.
    static constexpr std::size_t kParallelLoads = 6;

    // Looks at both folders again and reloads every plugin that changed (no restart needed
    // after an edit).
    void reload(CachedRefusals refusals = CachedRefusals::kept);
    const CatalogLoadCounts& last_load_counts() const { return counts_; }

    // All plugins found, bundled first, each folder in file name order.
    const std::vector<PluginEntry>& entries() const { return entries_; }
    // The usable plugin with this id, or nullptr.
    const PluginEntry* find(std::string_view id) const;
    // Usable plugins whose url_patterns match a board address the user pasted.
    std::vector<const PluginEntry*> matching_url(std::string_view url) const;
    // A session for a usable plugin (nullptr otherwise), with the catalog's limits.
    std::unique_ptr<PluginSession> open(std::string_view id) const;

  private:
    std::filesystem::path bundled_dir_;
    std::optional<std::filesystem::path> user_dir_;
    PluginLimits limits_;
    std::optional<std::filesystem::path> cache_file_;
    std::vector<PluginEntry> entries_;
    CatalogLoadCounts counts_;
};

// The plugin files and folders directly in `dir`: *.lua and folders holding init.lua, sorted
// by name; hidden names are skipped.
std::vector<std::filesystem::path> plugin_paths_in(const std::filesystem::path& dir);

}  // namespace gigscout
