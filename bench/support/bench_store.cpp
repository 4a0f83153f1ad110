#include "support/bench_store.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace gigscout::bench {
namespace {

[[noreturn]] void stop(const std::string& bench, const std::string& message) {
    std::fprintf(stderr, "%s: %s\n", bench.c_str(), message.c_str());
    std::exit(1);
}

}  // namespace

std::filesystem::path bench_folder(const std::string& bench) {
    const char* base = std::getenv("GIGSCOUT_BENCH_DIR");
    const std::filesystem::path folder =
        std::filesystem::path(base ? base : std::filesystem::temp_directory_path().string()) /
        ("gigscout-" + bench + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    return folder;
}

Store open_bench_store(const std::filesystem::path& folder, const std::string& bench) {
    auto opened = Store::open(folder / "gigscout.sqlite3");
    if (!opened) {
        stop(bench, opened.error().message);
    }
    return std::move(opened).value();
}

std::vector<std::vector<Listing>> by_source(std::vector<Listing> listings, int sources) {
    std::vector<std::vector<Listing>> per_source(static_cast<std::size_t>(sources));
    for (auto& l : listings) {
        per_source[std::stoul(l.source.substr(6))].push_back(std::move(l));
    }
    return per_source;
}

void store_by_source(Store& store, const std::vector<std::vector<Listing>>& per_source,
                     std::int64_t seen_at, const std::string& bench) {
    for (std::size_t s = 0; s < per_source.size(); ++s) {
        auto r = store.record_refresh("source" + std::to_string(s), per_source[s],
                                      RefreshCompleteness::Complete, seen_at);
        if (!r) {
            stop(bench, r.error().message);
        }
    }
}

}  // namespace gigscout::bench
