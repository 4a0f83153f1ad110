// Market insight (views/market_insight.h) over a real store of 100,000 listings with about 3 KB
// of description each, with the target from the insights issue: demand, then gaps for 50
// candidate skills (each added to the profile and the listings scored again, numbers only)
// in < 3 s all told.
//   bench_insights [--quick]        (--quick: 20,000 listings)
// The database goes in $GIGSCOUT_BENCH_DIR, else the system temporary directory.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/paths.h"
#include "model/currency.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "support/bench_listings.h"
#include "support/bench_store.h"
#include "taxonomy/taxonomy.h"
#include "views/insight_chart.h"
#include "views/market_insight.h"

using namespace gigscout;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kInsightNow = 1795132800;  // 2026-11-20
constexpr int kInsightSources = 20;
constexpr double kInsightTargetMs = 3000;

[[noreturn]] void fail_bench(const std::string& message) {
    std::fprintf(stderr, "bench_insights: %s\n", message.c_str());
    std::exit(1);
}

double elapsed_ms(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    const int count = quick ? 20'000 : 100'000;
    const fs::path root = bench::bench_folder("bench-insights");
    std::mt19937 random(42);
    std::optional<Store> store = bench::open_bench_store(root, "bench_insights");
    {
        auto listings = bench::bench_listings(count, 0, random, kInsightNow, kInsightSources);
        // bench_listings' titles name some two dozen skills; real listings name many more, so
        // each also asks for two of the taxonomy's computer-vision, model and deployment
        // skills, enough for 50 candidates the profile lacks.
        std::vector<std::string> pool;
        for (const Skill& s : Taxonomy::bundled().skills()) {
            if (s.category == "cv-library" || s.category == "cv-task" || s.category == "model" ||
                s.category == "dl-framework" || s.category == "deployment") {
                pool.push_back(s.id);
            }
        }
        std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
        for (auto& l : listings) {
            for (int k = 0; k < 2; ++k) {
                const std::string& id = pool[pick(random)];
                bool known = false;
                for (const auto& ls : l.skills) {
                    known = known || ls.skill == id;
                }
                if (!known) {
                    l.skills.push_back({id, k == 0 ? SkillOrigin::Tag : SkillOrigin::Description});
                }
            }
        }
        bench::store_by_source(*store, bench::by_source(std::move(listings), kInsightSources),
                               kInsightNow - 3600, "bench_insights");
    }
    if (quick) {
        std::printf("insights: quick mode: %d listings; the target below is for 100,000\n", count);
    }
    auto profile = load_profile(resources_dir() / "profiles" / "intermediate-cv-engineer.json");
    if (!profile) {
        fail_bench(profile.error().message);
    }
    Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), kInsightNow);

    std::size_t rows = 0;
    auto start = Clock::now();
    ListingFilter open;
    open.include_hidden = true;
    auto read = store->visit_listings(open, [&](const StoredListing&) { ++rows; });
    if (!read) {
        fail_bench(read.error().message);
    }
    std::printf("insights: the store's read of %zu rows alone: %.0f ms\n", rows, elapsed_ms(start));

    InsightQuery query;
    query.now = kInsightNow;
    query.days = 60;  // every listing (bench_listings posts them in the last 60 days)
    start = Clock::now();
    auto demand = load_market_insight(*store, query, Taxonomy::bundled(), CurrencyTable::bundled());
    double demand_ms = elapsed_ms(start);
    if (!demand) {
        fail_bench(demand.error().message);
    }
    query.scorer = &scorer;
    query.candidates = 50;
    start = Clock::now();
    auto full = load_market_insight(*store, query, Taxonomy::bundled(), CurrencyTable::bundled());
    double full_ms = elapsed_ms(start);
    if (!full) {
        fail_bench(full.error().message);
    }
    const MarketInsight& m = full.value();
    std::printf("insights: demand over %zu listings (%zu skills, %zu domains): %.0f ms\n",
                m.demand.listings, m.demand.skills.size(), m.demand.domains.size(), demand_ms);
    std::size_t lifted = 0;
    for (const auto& g : m.gaps->gaps) {
        lifted += g.lifted;
    }
    std::printf(
        "insights: demand and gaps (%zu candidate skills, threshold %d, %zu listings above it, "
        "%zu lifts in all; best: %s +%zu): %.0f ms (target < %.0f ms: %s)\n",
        m.gaps->gaps.size(), m.gaps->threshold, m.gaps->above, lifted,
        m.gaps->gaps.empty() ? "-" : m.gaps->gaps[0].skill.c_str(),
        m.gaps->gaps.empty() ? std::size_t{0} : m.gaps->gaps[0].lifted, full_ms, kInsightTargetMs,
        full_ms < kInsightTargetMs ? "ok" : "OVER");

    // What the desktop Insights tab waits for on its worker (load_insight_chart: demand, gaps,
    // next steps, chart rows) and then lays out on the GUI thread before it paints.
    auto path = load_bundled_learning_path(Taxonomy::bundled());
    if (!path) {
        fail_bench(path.error().message);
    }
    InsightRequest request;
    request.now = kInsightNow;
    request.days = 60;
    request.profile = profile.value();
    request.profile_label = "intermediate";
    start = Clock::now();
    auto chart = load_insight_chart(*store, request, path.value(), Taxonomy::bundled(),
                                    CurrencyTable::bundled());
    double chart_ms = elapsed_ms(start);
    if (!chart) {
        fail_bench(chart.error().message);
    }
    TextMetrics metrics{17, [](std::string_view t) { return 7.5 * static_cast<double>(t.size()); }};
    start = Clock::now();
    ChartScene scene = lay_out_insight_chart(chart.value(), 1200, metrics);
    std::printf(
        "insights: the desktop tab's figures (with next steps): %.0f ms on its worker; "
        "layout %.2f ms (%zu shapes)\n",
        chart_ms, elapsed_ms(start), scene.rects.size() + scene.lines.size() + scene.texts.size());
    store.reset();
    fs::remove_all(root);
    return 0;
}
