// Time to score and rank a corpus whose skills were extracted when the listings entered (the
// extraction is timed apart and is not part of the figure). Prints plain figure lines. The
// figure against the target is what a list view does: rank with numbers only, then explain the
// rows on screen; ranking with every explanation written is printed beside it.
// Times are the CPU time of the measuring thread, so other work on the machine does not count
// against the figures; wall time is printed beside them.
//   bench_scoring [--quick]
// Full: 100,000 listings (1-3 KB descriptions), median of 5 runs, target < 0.5 s.
// Quick (CI): 10,000 listings, median of 3 runs, a few seconds.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "model/currency.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "taxonomy/corpus.h"
#include "taxonomy/skill_extractor.h"

using namespace gigscout;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kTargetSeconds = 0.5;  // for 100,000 listings

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall_seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = argc > 1 && std::string_view(argv[1]) == "--quick";
    bench::CorpusOptions options;
    options.listings = quick ? 10000 : 100000;
    const int runs = quick ? 3 : 5;

    auto profile = load_profile(std::string(GIGSCOUT_SOURCE_DIR) +
                                "/resources/profiles/advanced-cv-engineer.json");
    if (!profile) {
        std::fprintf(stderr, "bench_scoring: %s\n", profile.error().message.c_str());
        return 1;
    }
    // A user who says where they live: every listing's location is read against it.
    profile.value().based_in = "IN";
    std::vector<Listing> corpus = bench::generate_corpus(options);
    double cpu = thread_cpu_seconds();
    for (auto& l : corpus) {
        annotate_skills(l, SkillExtractor::bundled());
    }
    double annotate_cpu = thread_cpu_seconds() - cpu;
    std::size_t skills = 0;
    for (const auto& l : corpus) {
        skills += l.skills.size();
    }
    // Posting times in the corpus are spread around its own clock; score as of the newest.
    std::int64_t now = 0;
    for (const auto& l : corpus) {
        now = std::max(now, l.posted_at.value_or(0));
    }

    // One measured pass: a fresh scorer, then rank(); what a view does to show the list.
    struct Pass {
        std::vector<double> cpu;
        std::vector<double> wall;
    };
    long checksum = 0;
    std::size_t filtered = 0;
    auto measure = [&](ScoreDetail detail) {
        Pass pass;
        for (int run = 0; run < runs; ++run) {
            auto wall_start = Clock::now();
            double c0 = thread_cpu_seconds();
            Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), now);
            auto ranked = rank(corpus, scorer, detail);
            pass.cpu.push_back(thread_cpu_seconds() - c0);
            pass.wall.push_back(wall_seconds_since(wall_start));
            long sum = 0;
            filtered = 0;
            for (std::size_t i = 0; i < ranked.size(); ++i) {
                sum += ranked[i].score.total * static_cast<long>(i % 7 + 1);
                filtered += ranked[i].score.filtered ? 1 : 0;
            }
            if (checksum != 0 && sum != checksum) {
                std::fprintf(stderr, "bench_scoring: the two detail levels ranked differently\n");
                std::exit(1);
            }
            checksum = sum;
        }
        return pass;
    };
    Pass numbers = measure(ScoreDetail::Numbers);
    Pass full = measure(ScoreDetail::Full);

    // Then the rows a window shows are explained: the top 50, with every reason.
    Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), now);
    auto ranked = rank(corpus, scorer, ScoreDetail::Numbers);
    double x0 = thread_cpu_seconds();
    std::size_t reasons = 0;
    for (std::size_t i = 0; i < 50 && i < ranked.size(); ++i) {
        Score s = scorer.score(corpus[ranked[i].index]);
        reasons += s.components.size() + s.filter_reasons.size();
    }
    double explain_cpu = thread_cpu_seconds() - x0;

    Profile empty;
    double e0 = thread_cpu_seconds();
    Scorer empty_scorer(empty, Taxonomy::bundled(), CurrencyTable::bundled(), now);
    auto empty_ranked = rank(corpus, empty_scorer, ScoreDetail::Numbers);
    double empty_cpu = thread_cpu_seconds() - e0;

    double n = static_cast<double>(corpus.size());
    double scale = 100000.0 / n;
    double rank_s = median(numbers.cpu);
    std::printf(
        "bench_scoring: %zu listings, %.1f skills each, profile \"%s\" (%zu skills, %zu "
        "excluded keywords)\n",
        corpus.size(), static_cast<double>(skills) / n, profile.value().name.c_str(),
        profile.value().skills.size(), profile.value().excluded_keywords.size());
    std::printf("  extract skills once (not part of the figure): %.3f s CPU\n", annotate_cpu);
    std::printf(
        "  score + rank (numbers, as a list view needs), median of %d: %.3f s CPU (%.3f s "
        "wall), %.2f us per listing\n",
        runs, rank_s, median(numbers.wall), rank_s / n * 1e6);
    std::printf(
        "  score + rank with every explanation written, median of %d: %.3f s CPU (%.3f s "
        "wall), %.2f us per listing\n",
        runs, median(full.cpu), median(full.wall), median(full.cpu) / n * 1e6);
    std::printf("  explain the top 50 afterwards: %.3f ms CPU (%zu reasons)\n", explain_cpu * 1e3,
                reasons);
    std::printf("  empty profile, score + rank: %.3f s CPU\n", empty_cpu);
    double scaled = rank_s * scale;
    std::printf(
        "  scaled to 100,000 listings: ranked %.3f s + top 50 explained %.4f s = %.3f s "
        "(target < %.1f s): %s; every row explained: %.3f s\n",
        scaled, explain_cpu, scaled + explain_cpu, kTargetSeconds,
        scaled + explain_cpu < kTargetSeconds ? "ok" : "OVER TARGET", median(full.cpu) * scale);
    std::printf("  (%zu filtered, checksum %ld, empty-profile top score %d)\n", filtered, checksum,
                empty_ranked.empty() ? 0 : empty_ranked.front().score.total);
    return 0;
}
