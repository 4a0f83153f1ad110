#include "plugin_host/plugin_catalog.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "plugin_host/manifest_cache.h"
#include "plugin_host/worker_process.h"

namespace gigscout {
namespace fs = std::filesystem;

std::vector<fs::path> plugin_paths_in(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return out;
    }
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') {
            continue;
        }
        std::error_code ec2;
        if (e.is_directory(ec2)) {
            if (fs::is_regular_file(e.path() / "init.lua", ec2)) {
                out.push_back(e.path());
            }
        } else if (e.path().extension() == ".lua") {
            out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

PluginCatalog::PluginCatalog(fs::path bundled_dir, std::optional<fs::path> user_dir,
                             PluginLimits limits, std::optional<fs::path> cache_file,
                             CachedRefusals refusals)
    : bundled_dir_(std::move(bundled_dir)),
      user_dir_(std::move(user_dir)),
      limits_(limits),
      cache_file_(std::move(cache_file)) {
    reload(refusals);
}

PluginCatalog PluginCatalog::standard(const Paths& paths, PluginLimits limits,
                                      CachedRefusals refusals) {
    return PluginCatalog(bundled_plugins_dir(), paths.user_plugins_dir(), limits,
                         paths.plugin_manifest_cache_file(), refusals);
}

namespace {

// One plugin a worker must load: its source, and where its answer goes.
struct PendingLoad {
    PluginEntry* entry = nullptr;
    PluginSource source;
    std::string key;  // empty: not remembered
};

void set_outcome(PluginEntry& e, Result<PluginManifest> m) {
    if (m) {
        e.manifest = std::move(m).value();
    } else {
        e.disabled_reason = m.error().message;
    }
}

}  // namespace

void PluginCatalog::reload(CachedRefusals refusals) {
    entries_.clear();
    counts_ = {};
    auto add_folder = [&](const fs::path& dir, bool user) {
        for (const auto& p : plugin_paths_in(dir)) {
            PluginEntry e;
            e.path = p;
            e.user = user;
            entries_.push_back(std::move(e));
        }
    };
    add_folder(bundled_dir_, false);
    if (user_dir_) {
        add_folder(*user_dir_, true);
    }
    std::optional<ManifestCache> cache;
    std::string worker;
    if (cache_file_) {
        worker = worker_identity(find_worker_executable());
        if (!worker.empty()) {
            cache.emplace(*cache_file_);
            cache->read();
        }
    }
    // The text is read once, here: the key hashes exactly what the worker loads.
    std::vector<PendingLoad> pending;
    for (auto& e : entries_) {
        auto source = read_plugin_source(e.path, limits_.max_source_bytes);
        if (!source) {
            e.disabled_reason = source.error().message;
            continue;
        }
        PendingLoad load{&e, std::move(source).value(), {}};
        if (cache) {
            load.key = manifest_cache_key(load.source, limits_, worker);
            if (auto answer = cache->find(load.key)) {
                auto outcome = manifest_from_answer(*answer, load.source.chunkname);
                if (outcome || refusals == CachedRefusals::kept) {
                    set_outcome(e, std::move(outcome));
                    ++counts_.from_cache;
                    continue;
                }
            }
        }
        pending.push_back(std::move(load));
    }
    // Loads wait on their workers (starting, or a plugin running into its time limit), so
    // several run at once; each load writes only its own slots.
    std::vector<std::optional<LoadAnswer>> answers(pending.size());
    std::vector<std::optional<Result<PluginManifest>>> outcomes(pending.size());
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < pending.size(); i = next++) {
            PluginSession session(pending[i].source, limits_);
            outcomes[i] = session.load();
            answers[i] = session.load_answer();
        }
    };
    std::vector<std::thread> threads;
    std::size_t n = std::min(kParallelLoads, pending.size());
    for (std::size_t t = 1; t < n; ++t) {
        threads.emplace_back(work);
    }
    work();
    for (auto& t : threads) {
        t.join();
    }
    for (std::size_t i = 0; i < pending.size(); ++i) {
        set_outcome(*pending[i].entry, std::move(*outcomes[i]));
        ++counts_.loaded;
        if (cache && answers[i] && !pending[i].key.empty()) {
            cache->put(pending[i].key, std::move(*answers[i]));
        }
    }
    if (cache) {
        // The cache only saves time: a cache dir that cannot be written costs a reload.
        (void)cache->write_if_changed();
    }
    // Same id twice in one folder: neither wins. A user plugin overrides a bundled one.
    std::map<std::string, std::vector<PluginEntry*>> by_id;
    for (auto& e : entries_) {
        if (e.manifest) {
            by_id[e.manifest->id].push_back(&e);
        }
    }
    for (auto& [id, list] : by_id) {
        bool has_user = std::any_of(list.begin(), list.end(), [](auto* e) { return e->user; });
        for (auto* e : list) {
            if (has_user && !e->user) {
                for (auto* u : list) {
                    if (u->user) {
                        e->disabled_reason = "overridden by the user plugin " + u->path.string();
                        break;
                    }
                }
                continue;
            }
            for (auto* other : list) {
                if (other != e && other->user == e->user) {
                    e->disabled_reason =
                        "duplicate id `" + id + "`: also declared by " + other->path.string();
                    break;
                }
            }
        }
    }
}

const PluginEntry* PluginCatalog::find(std::string_view id) const {
    for (const auto& e : entries_) {
        if (e.usable() && e.manifest->id == id) {
            return &e;
        }
    }
    return nullptr;
}

std::vector<const PluginEntry*> PluginCatalog::matching_url(std::string_view url) const {
    std::vector<const PluginEntry*> out;
    for (const auto& e : entries_) {
        if (e.usable() && e.manifest->matches_url(url)) {
            out.push_back(&e);
        }
    }
    return out;
}

std::unique_ptr<PluginSession> PluginCatalog::open(std::string_view id) const {
    const PluginEntry* e = find(id);
    if (e == nullptr) {
        return nullptr;
    }
    return std::make_unique<PluginSession>(e->path, limits_);
}

}  // namespace gigscout
