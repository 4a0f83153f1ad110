// The store with 100,000 real-sized listings (~3 KB descriptions) on the real disk, with the
// targets from the store's issue:
//  * upsert: a refresh of 20 sources storing them new, then again unchanged, then again with
//    every description changed (target < 2 s each);
//  * load and rank: loading all of them ready for display and ranking them against a bundled
//    profile, then explaining the 50 rows a view shows first (target < 1 s). Two ways:
//      - the list view (load_listing_view, what `gigscout-cli list` and the app run): every
//        listing is read through Store::visit_listings and scored with ScoreDetail::Numbers
//        as it is read into a small row; the rows shown are then loaded whole (description
//        included) and explained (load_shown);
//      - whole rows (Store::load_listings): every row kept with every field, then
//        rank(listings, scorer, ScoreDetail::Numbers), the way before the view existed;
//    each in a fresh process, as a command or the app's first view would run, and both must
//    give the same order;
//  * one mark (one durable transaction) and the database size per listing.
//   bench_store [--quick]        (--quick: 20,000 listings)
// The database goes in $GIGSCOUT_BENCH_DIR, else the system temporary directory; a tmpfs
// there would hide the cost of fsync, so its file system type is printed.
#include <sqlite3.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/paths.h"
#include "model/currency.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "support/bench_listings.h"
#include "taxonomy/taxonomy.h"
#include "views/listing_view.h"

using namespace gigscout;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1795132800;  // 2026-11-20
constexpr int kSources = 20;
constexpr std::size_t kShown = 50;  // rows a view shows first, and explains

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Wall and CPU time since construction.
struct Stopwatch {
    Clock::time_point wall = Clock::now();
    double cpu = cpu_seconds();
    double wall_s() const { return std::chrono::duration<double>(Clock::now() - wall).count(); }
    double cpu_s() const { return cpu_seconds() - cpu; }
};

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "bench_store: %s\n", message.c_str());
    std::exit(1);
}

// Real-sized listings (~3 KB of description, as real postings; bench/support/bench_listings.h)
// from kSources sources, skills extracted once per title as on entry.
std::vector<Listing> generate(int count) {
    std::mt19937 random(42);
    return bench::bench_listings(count, 0, random, kNow, kSources);
}

std::string file_system_of(const fs::path& dir) {
    struct statfs s {};
    if (statfs(dir.c_str(), &s) != 0) {
        return "unknown";
    }
    switch (static_cast<unsigned long>(s.f_type)) {
        case 0x01021994UL:
            return "tmpfs (fsync is free here: figures are optimistic)";
        case 0xEF53UL:
            return "ext4";
        case 0x9123683EUL:
            return "btrfs";
        case 0x58465342UL:
            return "xfs";
        case 0x794C7630UL:
            return "overlayfs";
        default:
            return "type 0x" + std::to_string(static_cast<unsigned long>(s.f_type));
    }
}

Store open_store(const fs::path& db) {
    auto opened = Store::open(db);
    if (!opened) {
        die(opened.error().message);
    }
    return std::move(opened).value();
}

Scorer bundled_scorer() {
    auto profile = load_profile(resources_dir() / "profiles" / "advanced-cv-engineer.json");
    if (!profile) {
        die(profile.error().message);
    }
    return Scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), kNow);
}

// FNV-1a over the ranked ids: both ways of ranking must give the same fingerprint.
std::uint64_t fingerprint(const std::vector<const std::string*>& ids) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const std::string* id : ids) {
        for (char c : *id + '\n') {
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        }
    }
    return h;
}

void write_fingerprint(const fs::path& file, std::uint64_t h) {
    std::ofstream(file) << h << '\n';
}

void print_total(const char* what, double wall, double cpu) {
    std::printf("store:   %s: %.2f s wall, %.2f s CPU (target < 1 s)\n", what, wall, cpu);
}

// The list view, in a fresh process, as the app and `gigscout-cli list` run it
// (views/listing_view.h): rows scored with numbers and ranked, then the rows shown loaded
// whole and explained.
int run_view(const fs::path& db, const fs::path& fingerprint_file) {
    Scorer scorer = bundled_scorer();
    Store store = open_store(db);
    Stopwatch all;
    Stopwatch watch;
    ListingViewQuery query;
    query.scorer = &scorer;
    query.include_filtered = true;  // every listing, as run_rows ranks them
    auto view = load_listing_view(store, query);
    if (!view) {
        die(view.error().message);
    }
    const ListingView& rows = view.value();
    std::printf(
        "store:   load_listing_view: %zu rows read, scored (Numbers) and ranked: %.2f s wall, "
        "%.2f s CPU\n",
        rows.size(), watch.wall_s(), watch.cpu_s());

    watch = Stopwatch{};
    std::vector<std::string> shown_ids;
    for (std::size_t i = 0; i < std::min(kShown, rows.size()); ++i) {
        shown_ids.push_back(rows.at(i).id);
    }
    auto shown = load_shown(store, shown_ids, &scorer);
    if (!shown) {
        die(shown.error().message);
    }
    std::size_t reasons = 0;
    for (std::size_t i = 0; i < shown.value().size(); ++i) {
        const ShownListing& s = shown.value()[i];
        if (s.row.listing.id != rows.at(i).id || s.score->exact != rows.at(i).score->exact) {
            die("the full score of " + s.row.listing.id + " differs from its row's");
        }
        for (const auto& c : s.score->components) {
            reasons += c.reason.empty() ? 0 : 1;
        }
    }
    if (shown.value().size() != shown_ids.size()) {
        die("load_shown gave " + std::to_string(shown.value().size()) + " of " +
            std::to_string(shown_ids.size()) + " rows");
    }
    std::printf(
        "store:   load_shown: the %zu rows shown, whole and explained (Full): %.3f s wall, "
        "%.3f s CPU (%zu reasons)\n",
        shown.value().size(), watch.wall_s(), watch.cpu_s(), reasons);
    print_total("list view: load, rank and explain the rows shown", all.wall_s(), all.cpu_s());

    std::vector<const std::string*> ids;
    ids.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        ids.push_back(&rows.at(i).id);
    }
    write_fingerprint(fingerprint_file, fingerprint(ids));
    return 0;
}

// Whole rows, in a fresh process: every field of every listing kept, then rank().
int run_rows(const fs::path& db, const fs::path& fingerprint_file) {
    Scorer scorer = bundled_scorer();
    Store store = open_store(db);
    Stopwatch all;
    Stopwatch watch;
    auto loaded = store.load_listings();
    if (!loaded) {
        die(loaded.error().message);
    }
    auto& rows = loaded.value().rows;
    std::printf("store:   load_listings: %zu whole rows: %.2f s wall, %.2f s CPU\n", rows.size(),
                watch.wall_s(), watch.cpu_s());
    watch = Stopwatch{};
    // As `list` does: the listings move out of the rows to the ranker.
    std::vector<Listing> listings;
    listings.reserve(rows.size());
    for (auto& row : rows) {
        listings.push_back(std::move(row.listing));
    }
    auto ranked = rank(listings, scorer, ScoreDetail::Numbers);
    std::size_t reasons = 0;
    for (std::size_t i = 0; i < std::min(kShown, ranked.size()); ++i) {
        Score full = scorer.score(listings[ranked[i].index], ScoreDetail::Full);
        for (const auto& c : full.components) {
            reasons += c.reason.empty() ? 0 : 1;
        }
    }
    std::printf(
        "store:   move the listings out, rank(Numbers), explain the first %zu (Full): %.2f s "
        "wall, %.2f s CPU\n",
        kShown, watch.wall_s(), watch.cpu_s());
    print_total("whole rows: load, rank and explain the rows shown", all.wall_s(), all.cpu_s());
    std::vector<const std::string*> ids;
    ids.reserve(ranked.size());
    for (const auto& r : ranked) {
        ids.push_back(&listings[r.index].id);
    }
    write_fingerprint(fingerprint_file, fingerprint(ids));
    return 0;
}

// Runs this bench again as `bench_store MODE DB FILE` and waits for it.
void run_child(const char* mode, const fs::path& db, const fs::path& file) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        die("fork failed");
    }
    if (pid == 0) {
        std::string m = mode;
        std::string d = db.string();
        std::string f = file.string();
        char* args[] = {const_cast<char*>("bench_store"), m.data(), d.data(), f.data(), nullptr};
        execv("/proc/self/exe", args);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        die(std::string(mode) + " run failed");
    }
}

std::string read_line(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--view") {
        return run_view(argv[2], argv[3]);
    }
    if (argc == 4 && std::string(argv[1]) == "--rows") {
        return run_rows(argv[2], argv[3]);
    }
    bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    const int count = quick ? 20'000 : 100'000;
    const char* base = std::getenv("GIGSCOUT_BENCH_DIR");
    fs::path root = fs::path(base ? base : fs::temp_directory_path().string()) /
                    ("gigscout-bench-store-" + std::to_string(::getpid()));
    fs::create_directories(root);
    const fs::path db = root / "gigscout.sqlite3";
    std::printf("store: %d listings, database in %s (%s), synchronous=FULL, WAL\n", count,
                root.c_str(), file_system_of(root).c_str());

    auto listings = generate(count);
    std::vector<std::vector<Listing>> per_source(kSources);
    for (auto& l : listings) {
        per_source[std::stoul(l.source.substr(6))].push_back(l);
    }

    auto opened = Store::open(db);
    if (!opened) {
        die(opened.error().message);
    }
    Store store = std::move(opened).value();

    auto upsert = [&](std::int64_t now, const char* what) {
        Stopwatch watch;
        for (int s = 0; s < kSources; ++s) {
            auto r = store.record_refresh("source" + std::to_string(s), per_source[s],
                                          RefreshCompleteness::Complete, now);
            if (!r) {
                die(r.error().message);
            }
        }
        double wall = watch.wall_s();
        std::printf(
            "store: upsert %d listings (%s): %.2f s wall, %.2f s CPU, %.0f listings/s "
            "(target < 2 s)\n",
            count, what, wall, watch.cpu_s(), count / wall);
    };
    upsert(kNow, "new");
    upsert(kNow + 3600, "all known, unchanged");
    for (auto& source : per_source) {
        for (auto& l : source) {
            l.description += "Updated.";
        }
    }
    upsert(kNow + 7200, "all known, every description changed");

    std::printf("store: load %d listings ready for display and rank them (fresh processes):\n",
                count);
    run_child("--view", db, root / "view.order");
    run_child("--rows", db, root / "rows.order");
    bool same = read_line(root / "view.order") == read_line(root / "rows.order");
    std::printf("store:   both give the same order: %s\n", same ? "yes" : "NO");

    Stopwatch watch;
    for (int i = 0; i < 200; ++i) {
        auto s = store.set_state(listings[static_cast<std::size_t>(i) * 37 % listings.size()].id,
                                 ListingState::Saved, "bench", kNow);
        if (!s) {
            die(s.error().message);
        }
    }
    std::printf("store: mark (one durable transaction each): %.1f ms\n",
                watch.wall_s() * 1000 / 200);

    store = Store::open(root / "other.sqlite3").value();  // closes the first
    // Fold the write-ahead log into the file so its size is the whole database.
    sqlite3* raw = nullptr;
    sqlite3_open(db.c_str(), &raw);
    sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    auto bytes = fs::file_size(db);
    std::printf(
        "store: database size %.1f MiB, %.0f bytes per listing (descriptions ~%zu "
        "bytes)\n",
        static_cast<double>(bytes) / (1 << 20), static_cast<double>(bytes) / count,
        listings[0].description.size());
    std::error_code ec;
    if (std::getenv("GIGSCOUT_BENCH_KEEP") == nullptr) {
        fs::remove_all(root, ec);
    }
    return same ? 0 : 1;
}
