#include "base/paths.h"

#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace gigscout {
namespace fs = std::filesystem;

namespace {

std::optional<fs::path> env_path(const char* name) {
    const char* v = std::getenv(name);
    // XDG says relative paths are invalid and must be ignored.
    if (v == nullptr || *v == '\0' || v[0] != '/') {
        return std::nullopt;
    }
    return fs::path(v);
}

fs::path first_existing(const char* env_name, const fs::path& beside_program,
                        const fs::path& source_tree, const fs::path& installed) {
    if (auto p = env_path(env_name)) {
        return *p;
    }
    std::error_code ec;
    // An installed program reads its own copy even when a source tree is still on disk.
    if (fs::path own = installed_beside_executable(beside_program);
        !own.empty() && fs::is_directory(own, ec)) {
        return own;
    }
    if (fs::is_directory(source_tree, ec)) {
        return source_tree;
    }
    return installed;
}

}  // namespace

Result<Paths> Paths::resolve(const std::optional<fs::path>& data_dir_override) {
    Paths p;
    if (data_dir_override) {
        if (data_dir_override->empty()) {
            return Error{"--data-dir: the directory name is empty"};
        }
        fs::path root = fs::absolute(*data_dir_override);
        p.data_dir = root / "data";
        p.config_dir = root / "config";
        p.cache_dir = root / "cache";
        return p;
    }
    auto home = env_path("HOME");
    auto base = [&](const char* var, const char* fallback) -> std::optional<fs::path> {
        if (auto v = env_path(var)) {
            return *v / "gigscout";
        }
        if (home) {
            return *home / fallback / "gigscout";
        }
        return std::nullopt;
    };
    auto data = base("XDG_DATA_HOME", ".local/share");
    auto config = base("XDG_CONFIG_HOME", ".config");
    auto cache = base("XDG_CACHE_HOME", ".cache");
    if (!data || !config || !cache) {
        return Error{
            "cannot find a home for GigScout's files: HOME is not set; "
            "set HOME or XDG_DATA_HOME/XDG_CONFIG_HOME/XDG_CACHE_HOME, or pass --data-dir"};
    }
    p.data_dir = *data;
    p.config_dir = *config;
    p.cache_dir = *cache;
    return p;
}

Status Paths::ensure_exist() const {
    for (const fs::path& d : {data_dir, config_dir, cache_dir}) {
        std::error_code ec;
        fs::create_directories(d, ec);
        if (ec) {
            return Error{"cannot create directory " + d.string() + ": " + ec.message()};
        }
    }
    return Ok{};
}

fs::path installed_beside_executable(const fs::path& relative) {
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec || !self.has_parent_path()) {
        return {};
    }
    return self.parent_path().parent_path() / relative;
}

fs::path resources_dir() {
    return first_existing("GIGSCOUT_RESOURCES", "share/gigscout/resources",
                          GIGSCOUT_SOURCE_RESOURCES, GIGSCOUT_INSTALLED_RESOURCES);
}

Error bundled_resource_error(const std::string& what, const Error& cause) {
    return Error{"cannot load " + what + ": " + cause.message +
                 " (GigScout's bundled resources are missing, unreadable or damaged: reinstall "
                 "GigScout, or set GIGSCOUT_RESOURCES to a copy of its resources folder)"};
}

void exit_for_bundled_resource(const Error& error) {
    std::fprintf(stderr, "gigscout: %s\n", error.message.c_str());
    std::fflush(stderr);
    // _Exit, not exit: other threads may be running (a refresh), and static destructors must
    // not run under them.
    std::_Exit(1);
}

fs::path bundled_plugins_dir() {
    return first_existing("GIGSCOUT_PLUGINS", "share/gigscout/plugins", GIGSCOUT_SOURCE_PLUGINS,
                          GIGSCOUT_INSTALLED_PLUGINS);
}

}  // namespace gigscout
