// bench_catalog: what `gigscout-cli plugin list` and every `fetch` pay at startup to know their
// plugins (PluginCatalog with the standard limits and a manifest cache file): 50 plugins (the
// bundled ones copied round-robin under new ids), one at a time as before (a worker each, no
// cache), cold (no cache: every manifest loaded by a
// worker, up to PluginCatalog::kParallelLoads at once) and warm (nothing changed: every
// answer from the cache); then 6 plugins that loop while loading, cold (each runs into the 2 s
// load limit) and warm (their refusals remembered). Before the cache and the parallel loads,
// the 6 looping plugins cost 6 × 2 s = 12 s at every start (issue 19).
//   bench_catalog [--quick]     (--quick: the 50 plugins only)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "plugin_host/plugin_catalog.h"

namespace gigscout {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Timed {
    double seconds = 0;
    CatalogLoadCounts counts;
    std::size_t usable = 0;
};

Timed time_catalog(const fs::path& plugins, const fs::path& cache) {
    auto start = Clock::now();
    PluginCatalog catalog(plugins, std::nullopt, PluginLimits{}, cache);
    Timed t;
    t.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    t.counts = catalog.last_load_counts();
    for (const auto& e : catalog.entries()) {
        t.usable += e.usable() ? 1 : 0;
    }
    return t;
}

void print_timed(const char* name, const Timed& t) {
    std::printf("  %-34s %8.3f s  (%zu loaded by a worker, %zu from the cache, %zu usable)\n", name,
                t.seconds, t.counts.loaded, t.counts.from_cache, t.usable);
}

// What reload() did before the cache and the parallel loads: each plugin loaded by its own
// worker, one after the other.
double serial_loads(const fs::path& plugins) {
    auto start = Clock::now();
    for (const auto& p : plugin_paths_in(plugins)) {
        PluginSession session(p);
        (void)session.load();
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Best of `runs` warm catalogs (the first run may still find the cache file cold on disk).
Timed best_warm(const fs::path& plugins, const fs::path& cache, int runs) {
    Timed best = time_catalog(plugins, cache);
    for (int i = 1; i < runs; ++i) {
        Timed t = time_catalog(plugins, cache);
        if (t.seconds < best.seconds) {
            best = t;
        }
    }
    return best;
}

}  // namespace
}  // namespace gigscout

int main(int argc, char** argv) {
    using namespace gigscout;
    bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    fs::path bundled = fs::path(GIGSCOUT_SOURCE_DIR) / "plugins";
    fs::path dir =
        fs::temp_directory_path() / ("gigscout-bench-catalog-" + std::to_string(::getpid()));
    fs::path fifty = dir / "fifty";
    fs::path looping = dir / "looping";
    fs::create_directories(fifty);
    fs::create_directories(looping);

    // Each bundled plugin's one loaded file (a folder's init.lua, or a flat .lua file).
    std::vector<fs::path> sources;
    for (const auto& p : plugin_paths_in(bundled)) {
        sources.push_back(fs::is_directory(p) ? p / "init.lua" : p);
    }
    if (sources.empty()) {
        std::fprintf(stderr, "bench_catalog: no plugins in %s\n", bundled.c_str());
        return 1;
    }
    // The manifest's `id = "name",` line, at two spaces of indentation.
    const std::regex id_line("\n  id = \"([a-z0-9_-]+)\",");
    for (int i = 0; i < 50; ++i) {
        const fs::path& from = sources[static_cast<std::size_t>(i) % sources.size()];
        std::string text = read_all(from);
        std::string id = "bench" + std::to_string(i);
        text = std::regex_replace(text, id_line, "\n  id = \"" + id + "\",",
                                  std::regex_constants::format_first_only);
        std::ofstream(fifty / (id + ".lua"), std::ios::binary) << text;
    }
    for (int i = 0; i < 6; ++i) {
        std::string id = "loop" + std::to_string(i);
        std::ofstream(looping / (id + ".lua"), std::ios::binary)
            << "while true do end\nreturn { id = \"" << id
            << "\", name = \"Loop\", version = \"1\", api_version = 1,\n"
               "  requests = function() return {} end, parse = function() return {} end }\n";
    }

    std::printf("plugin catalog (what `plugin list` and `fetch` pay at startup), %zu at once:\n",
                PluginCatalog::kParallelLoads);
    double serial = serial_loads(fifty);
    Timed cold = time_catalog(fifty, dir / "fifty-cache.json");
    Timed warm = best_warm(fifty, dir / "fifty-cache.json", 5);
    std::printf("  %-34s %8.3f s  (before: no cache, one worker at a time)\n",
                "50 plugins, one at a time", serial);
    print_timed("50 plugins, cold (no cache)", cold);
    print_timed("50 plugins, warm (best of 5)", warm);
    std::printf(
        "  ratio: cold %.1fx, warm %.0fx faster than one at a time; target: warm well "
        "under 1 s: %s\n",
        serial / cold.seconds, serial / warm.seconds, warm.seconds < 0.25 ? "met" : "NOT met");
    if (!quick) {
        Timed loop_cold = time_catalog(looping, dir / "looping-cache.json");
        Timed loop_warm = best_warm(looping, dir / "looping-cache.json", 5);
        print_timed("6 plugins looping at load, cold", loop_cold);
        print_timed("6 plugins looping at load, warm", loop_warm);
        std::printf("  ratio: cold %.1fx faster than one at a time (12 s before); warm %.1f ms\n",
                    12.0 / loop_cold.seconds, loop_warm.seconds * 1000);
    }
    fs::remove_all(dir);
    return 0;
}
