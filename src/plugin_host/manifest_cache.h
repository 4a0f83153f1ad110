// What the plugin catalog remembers between runs: each plugin's load answer (its manifest as the
// worker sent it, or the refusal), keyed by a hash of everything that decides that answer, so
// an unchanged plugin needs no worker at startup and a plugin that loops while loading is
// refused once, not at every start. The file lives in the cache dir and is untrusted input like
// any other: a damaged file or entry is ignored (the plugins are loaded again), and a manifest
// read from it goes through the same checks as the worker's (manifest_from_answer).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "base/result.h"
#include "plugin_host/plugin_limits.h"
#include "plugin_host/plugin_session.h"

namespace gigscout {

class ManifestCache {
  public:
    explicit ManifestCache(std::filesystem::path file);

    // Reads the file; a missing, oversized or damaged file is an empty cache, a damaged entry is
    // skipped.
    void read();
    // The answer remembered under `key` (marks the entry as still wanted).
    std::optional<LoadAnswer> find(const std::string& key);
    void put(const std::string& key, LoadAnswer answer);
    // Writes the entries found or put since read() (the others belong to plugins that are gone
    // or changed) when that differs from what was read. Errors name the file.
    Status write_if_changed();

    const std::filesystem::path& file() const { return file_; }

  private:
    std::filesystem::path file_;
    std::map<std::string, LoadAnswer> entries_;
    std::set<std::string> wanted_;
    bool changed_ = false;
};

// The key of one plugin's answer: SHA-256 over its source text and chunk name (a .lua file or a
// folder's init.lua: the one file the worker loads), the limits a load runs under, and
// `worker_identity` (a rebuilt worker may answer differently).
std::string manifest_cache_key(const PluginSource& source, const PluginLimits& limits,
                               const std::string& worker_identity);

// The worker executable's size and modification time, as text ("" when it cannot be read).
std::string worker_identity(const std::filesystem::path& worker_executable);

}  // namespace gigscout
