#include "plugin_host/plugin_catalog.h"

#include <algorithm>
#include <map>

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
                             PluginLimits limits)
    : bundled_dir_(std::move(bundled_dir)), user_dir_(std::move(user_dir)), limits_(limits) {
    reload();
}

PluginCatalog PluginCatalog::standard(const Paths& paths, PluginLimits limits) {
    return PluginCatalog(bundled_plugins_dir(), paths.user_plugins_dir(), limits);
}

void PluginCatalog::reload() {
    entries_.clear();
    auto add_folder = [&](const fs::path& dir, bool user) {
        for (const auto& p : plugin_paths_in(dir)) {
            PluginEntry e;
            e.path = p;
            e.user = user;
            PluginSession session(p, limits_);
            auto m = session.load();
            if (m) {
                e.manifest = std::move(m).value();
            } else {
                e.disabled_reason = m.error().message;
            }
            entries_.push_back(std::move(e));
        }
    };
    add_folder(bundled_dir_, false);
    if (user_dir_) {
        add_folder(*user_dir_, true);
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
