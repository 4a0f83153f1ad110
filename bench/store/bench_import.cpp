// bench_import: the peak memory of `gigscout-cli import` on real-sized files (docs/store.md,
// "Export and import"): a JSON array of 50,000 listings with ~3 KB descriptions, then the state
// export of the store it made (another 50,000), each imported into a fresh data directory by the
// real binary under /usr/bin/time -v. Target: peak < 300 MB, whatever the size of the file.
// Then a copy of the array damaged in the middle and cut short at its end (docs/store.md).
//   bench_import [--quick] [--listings N]        (--quick: 5,000 listings)
// Files and stores go in $GIGSCOUT_BENCH_DIR, else the system temporary directory.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

#include "model/listing_json.h"
#include "support/bench_listings.h"

namespace fs = std::filesystem;
using namespace gigscout;

namespace {

constexpr std::int64_t kNow = 1'764'000'000;
constexpr double kTargetMb = 300;

// Writes the listings as one JSON array, one at a time (the bench's own memory is not measured).
// `damaged`: the listing in the middle is cut inside a string (and the text goes on with the next
// listing), and the file ends inside the last listing — as a disk that filled up leaves it.
void write_array(const fs::path& file, int count, bool damaged = false) {
    std::mt19937 random(42);
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (out == nullptr) {
        std::perror(file.c_str());
        std::exit(1);
    }
    std::fputc('[', out);
    constexpr int kChunk = 1000;
    for (int first = 0; first < count; first += kChunk) {
        auto listings =
            bench::bench_listings(std::min(kChunk, count - first), first, random, kNow, 20);
        for (std::size_t i = 0; i < listings.size(); ++i) {
            rapidjson::StringBuffer buf;
            rapidjson::Writer<rapidjson::StringBuffer> w(buf);
            write_listing_json(w, listings[i], false);
            if (first > 0 || i > 0) {
                std::fputs(",\n", out);
            }
            const int index = first + static_cast<int>(i);
            std::size_t size = buf.GetSize();
            if (damaged && (index == count / 2 || index == count - 1)) {
                size /= 2;
            }
            std::fwrite(buf.GetString(), 1, size, out);
        }
    }
    if (!damaged) {
        std::fputs("]\n", out);
    }
    std::fclose(out);
}

struct Run {
    int exit_code = -1;
    double peak_mb = 0;
    std::string wall;
};

// Runs the command under /usr/bin/time -v; its own output is discarded.
Run measure(const std::string& command) {
    Run run;
    std::string line = "/usr/bin/time -v " + command + " 2>&1 >/dev/null";
    std::FILE* p = ::popen(line.c_str(), "r");
    if (p == nullptr) {
        return run;
    }
    char buf[512];
    const std::string rss = "Maximum resident set size (kbytes): ";
    const std::string wall = "Elapsed (wall clock) time (h:mm:ss or m:ss): ";
    const std::string code = "Exit status: ";
    while (std::fgets(buf, sizeof buf, p) != nullptr) {
        std::string s(buf);
        while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
            s.pop_back();
        }
        s.erase(0, s.find_first_not_of(" \t"));
        if (s.rfind(rss, 0) == 0) {
            run.peak_mb = std::stod(s.substr(rss.size())) / 1024.0;
        } else if (s.rfind(wall, 0) == 0) {
            run.wall = s.substr(wall.size());
        } else if (s.rfind(code, 0) == 0) {
            run.exit_code = std::stoi(s.substr(code.size()));
        }
    }
    ::pclose(p);
    return run;
}

double file_mb(const fs::path& f) {
    std::error_code ec;
    return static_cast<double>(fs::file_size(f, ec)) / (1024.0 * 1024.0);
}

void report(const char* what, const fs::path& file, int count, const Run& run) {
    std::printf(
        "import: %s of %d listings (%.0f MiB): peak %.0f MiB (target < %.0f MB: %s), %s wall, "
        "exit %d\n",
        what, count, file_mb(file), run.peak_mb, kTargetMb,
        run.peak_mb * 1.048576 < kTargetMb ? "met" : "NOT MET", run.wall.c_str(), run.exit_code);
}

}  // namespace

int main(int argc, char** argv) {
    int count = 50'000;
    // --listings N: another size (100,000 makes the damaged file larger than the 256 MiB the
    // import once read whole).
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--quick") {
            count = 5'000;
        } else if (arg == "--listings" && i + 1 < argc) {
            count = std::atoi(argv[++i]);
        }
    }
    if (count < 2) {
        std::fprintf(stderr, "bench_import: --listings needs at least 2\n");
        return 2;
    }
    const char* base = std::getenv("GIGSCOUT_BENCH_DIR");
    const fs::path root = fs::path(base ? base : fs::temp_directory_path().string()) /
                          ("gigscout-bench-import-" + std::to_string(::getpid()));
    fs::create_directories(root);
    // GIGSCOUT_BENCH_CLI measures another build (an older one, for a before/after figure).
    const char* other_cli = std::getenv("GIGSCOUT_BENCH_CLI");
    const std::string cli = other_cli ? other_cli : GIGSCOUT_CLI_PATH;
    const fs::path array = root / "listings.json";
    const fs::path state = root / "export.json";
    write_array(array, count);

    Run a = measure(cli + " --data-dir " + (root / "a").string() + " import " + array.string());
    report("a JSON array", array, count, a);
    int exported = std::system((cli + " --data-dir " + (root / "a").string() + " export " +
                                state.string() + " >/dev/null 2>&1")
                                   .c_str());
    if (exported != 0) {
        std::printf("import: export failed (%d)\n", exported);
        fs::remove_all(root);
        return 1;
    }
    Run b = measure(cli + " --data-dir " + (root / "b").string() + " import " + state.string());
    report("a state export", state, count, b);
    fs::remove(state);
    // The damaged copy is read element by element, damaged ones skipped: exit 2 (entries were
    // skipped), every other listing stored.
    const fs::path damaged = root / "damaged.json";
    write_array(damaged, count, true);
    Run c = measure(cli + " --data-dir " + (root / "c").string() + " import " + damaged.string());
    report("a damaged JSON array (two listings cut)", damaged, count, c);
    fs::remove_all(root);
    return a.exit_code == 0 && b.exit_code == 0 && c.exit_code == 2 ? 0 : 1;
}
