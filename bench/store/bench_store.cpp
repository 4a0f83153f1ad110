// The store with 100,000 listings on the real disk: upserting them (a refresh of 20 sources,
// then the same again as updates), loading them ready for display, ranking what was loaded
// against a bundled profile, and the database size per listing. Prints plain figure lines with
// the targets from the store's issue (upsert < 2 s, load and rank < 1 s).
//   bench_store [--quick]        (--quick: 20,000 listings)
// The database goes in $GIGSCOUT_BENCH_DIR, else the system temporary directory; a tmpfs
// there would hide the cost of fsync, so its file system type is printed.
#include <sqlite3.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/paths.h"
#include "model/currency.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "taxonomy/skill_extractor.h"
#include "taxonomy/taxonomy.h"

using namespace gigscout;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kNow = 1795132800;  // 2026-11-20
constexpr int kSources = 20;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

const char* kTitles[] = {"Computer vision engineer",     "Senior ML engineer (PyTorch)",
                         "Robotics perception engineer", "YOLOv8 object detection expert",
                         "Edge AI developer (Jetson)",   "Backend engineer (Go)",
                         "React frontend developer",     "Data engineer (Spark, Airflow)",
                         "3D reconstruction researcher", "OCR pipeline for invoices"};

const char* kSentences[] = {
    "We build perception for warehouse robots using OpenCV, PyTorch and ROS 2.",
    "You will train and deploy YOLO models with TensorRT on NVIDIA Jetson devices.",
    "Experience with CUDA, C++17 and real-time video pipelines (GStreamer) is required.",
    "Our stack is Python, FastAPI, PostgreSQL and Docker on Kubernetes.",
    "The role covers SLAM, point clouds and multi-camera calibration.",
    "You will label data, run experiments and write clean, tested code.",
    "Remote-first team across Europe; async communication; flexible hours.",
    "Knowledge of transformers, ViT and self-supervised learning is a plus.",
    "Build React and TypeScript dashboards for our analytics product.",
    "We pay a competitive salary, equity and a yearly learning budget."};

// About 1.2 KB of text per listing; skills extracted once per distinct text, as on entry.
std::vector<Listing> generate(int count) {
    std::mt19937 random(42);
    std::vector<Listing> out;
    out.reserve(static_cast<std::size_t>(count));
    const SkillExtractor& extractor = SkillExtractor::bundled();
    std::vector<std::vector<ListingSkill>> skills_of_title;
    for (const char* title : kTitles) {
        Listing l;
        l.title = title;
        l.description = std::string(kSentences[0]) + " " + kSentences[1] + " " + kSentences[2];
        l.tags = {"opencv", "python"};
        annotate_skills(l, extractor);
        skills_of_title.push_back(l.skills);
    }
    for (int i = 0; i < count; ++i) {
        Listing l;
        std::string source = "source" + std::to_string(i % kSources);
        l.id = source + ":" + std::to_string(i);
        l.source = source;
        l.url = "https://jobs.example.com/" + source + "/" + std::to_string(i);
        std::size_t t = random() % std::size(kTitles);
        l.title = std::string(kTitles[t]) + " #" + std::to_string(i);
        for (int s = 0; s < 12; ++s) {
            l.description += kSentences[random() % std::size(kSentences)];
            l.description += ' ';
        }
        l.company = "Company " + std::to_string(random() % 5000);
        l.location = (i % 3) ? "Worldwide" : "Berlin, Germany";
        l.posted_at = kNow - static_cast<std::int64_t>(random() % (30 * 86400));
        if (i % 2) {
            l.budget = Budget{BudgetKind::Hourly, 30.0 + static_cast<double>(random() % 50),
                              std::nullopt, "USD"};
        } else {
            l.budget = Budget{BudgetKind::Salary, 60000,
                              60000.0 + static_cast<double>(random() % 90000), "EUR"};
        }
        l.tags = {"opencv", "python", "computer vision"};
        l.remote = true;
        l.job_type = JobType::Contract;
        l.skills = skills_of_title[t];
        out.push_back(std::move(l));
    }
    return out;
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

}  // namespace

int main(int argc, char** argv) {
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
        std::fprintf(stderr, "bench_store: %s\n", opened.error().message.c_str());
        return 1;
    }
    Store store = std::move(opened).value();

    auto upsert = [&](std::int64_t now, const char* what) {
        auto start = Clock::now();
        double cpu = cpu_seconds();
        for (int s = 0; s < kSources; ++s) {
            auto r = store.record_refresh("source" + std::to_string(s), per_source[s],
                                          RefreshCompleteness::Complete, now);
            if (!r) {
                std::fprintf(stderr, "bench_store: %s\n", r.error().message.c_str());
                std::exit(1);
            }
        }
        double wall = seconds_since(start);
        std::printf(
            "store: upsert %d listings (%s): %.2f s wall, %.2f s CPU, %.0f listings/s "
            "(target < 2 s)\n",
            count, what, wall, cpu_seconds() - cpu, count / wall);
    };
    upsert(kNow, "new");
    upsert(kNow + 3600, "all known: content replaced");

    auto profile = load_profile(resources_dir() / "profiles" / "advanced-cv-engineer.json");
    if (!profile) {
        std::fprintf(stderr, "bench_store: %s\n", profile.error().message.c_str());
        return 1;
    }
    Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), kNow);
    auto start = Clock::now();
    double cpu = cpu_seconds();
    auto loaded = store.load_listings();
    double load = seconds_since(start);
    double load_cpu = cpu_seconds() - cpu;
    if (!loaded || loaded.value().rows.size() != static_cast<std::size_t>(count)) {
        std::fprintf(stderr, "bench_store: load failed\n");
        return 1;
    }
    start = Clock::now();
    cpu = cpu_seconds();
    // What `list` does: the listings move out of the rows to the ranker.
    std::vector<Listing> shown;
    shown.reserve(loaded.value().rows.size());
    for (auto& row : loaded.value().rows) {
        shown.push_back(std::move(row.listing));
    }
    auto ranked = rank(shown, scorer);
    double ranking = seconds_since(start);
    double ranking_cpu = cpu_seconds() - cpu;
    std::printf("store: load %d listings ready for display: %.2f s wall, %.2f s CPU\n", count, load,
                load_cpu);
    std::printf("store: rank them: %.2f s wall, %.2f s CPU\n", ranking, ranking_cpu);
    std::printf("store: load and rank: %.2f s wall, %.2f s CPU (target < 1 s)\n", load + ranking,
                load_cpu + ranking_cpu);

    start = Clock::now();
    for (int i = 0; i < 200; ++i) {
        auto s = store.set_state(listings[static_cast<std::size_t>(i) * 37 % listings.size()].id,
                                 ListingState::Saved, "bench", kNow);
        if (!s) {
            std::fprintf(stderr, "bench_store: %s\n", s.error().message.c_str());
            return 1;
        }
    }
    std::printf("store: mark (one durable transaction each): %.1f ms\n",
                seconds_since(start) * 1000 / 200);

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
    return 0;
}
