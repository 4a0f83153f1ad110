// Skill-extraction throughput on one core over a generated corpus, against a naive baseline
// that runs one search per alias over the lower-cased text. Prints plain figure lines.
// Times are the CPU time of the measuring thread, so a busy machine (other builds on the same
// cores) does not count against the figures; wall time is printed beside them.
//   bench_extraction [--quick] [--extract-only]
// Full: 100,000 listings (1-3 KB descriptions) and a 12 MB naive sample. Quick (CI): 5,000
// listings and a 2 MB sample, a few seconds. --extract-only skips the naive baseline, so a
// profiler sees only the extractor.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "taxonomy/corpus.h"
#include "taxonomy/skill_extractor.h"

using namespace gigscout;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

// What a straightforward implementation does: for every alias, find every occurrence in the
// lower-cased text and keep those with a word boundary on both sides.
std::size_t naive_count(const std::vector<std::string>& aliases, std::string_view text) {
    std::string low = lower(text);
    std::size_t hits = 0;
    for (const auto& alias : aliases) {
        for (std::size_t pos = low.find(alias); pos != std::string::npos;
             pos = low.find(alias, pos + 1)) {
            bool left = pos == 0 || !is_alnum(low[pos - 1]);
            std::size_t end = pos + alias.size();
            bool right = end >= low.size() || !is_alnum(low[end]);
            hits += left && right ? 1 : 0;
        }
    }
    return hits;
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    bool extract_only = false;
    for (int i = 1; i < argc; ++i) {
        quick = quick || std::string_view(argv[i]) == "--quick";
        extract_only = extract_only || std::string_view(argv[i]) == "--extract-only";
    }
    bench::CorpusOptions options;
    options.listings = quick ? 5000 : 100000;
    const std::size_t naive_bytes = quick ? (2u << 20) : (12u << 20);

    const SkillExtractor& extractor = SkillExtractor::bundled();

    auto start = Clock::now();
    std::vector<Listing> corpus = bench::generate_corpus(options);
    double generate_s = seconds_since(start);
    std::size_t bytes = 0;
    for (const auto& l : corpus) {
        bytes += l.title.size() + l.description.size();
    }
    std::printf("corpus: %zu listings, %.1f MB, generated in %.2f s\n", corpus.size(),
                static_cast<double>(bytes) / 1e6, generate_s);

    // Warm up caches and the thread-local buffers, as a long-running process would be.
    for (std::size_t i = 0; i < corpus.size() && i < 200; ++i) {
        (void)extractor.extract(corpus[i].description);
    }
    std::size_t found = 0;
    start = Clock::now();
    double cpu_start = thread_cpu_seconds();
    for (const auto& l : corpus) {
        found += extractor.extract(l.title).size();
        found += extractor.extract(l.description).size();
    }
    double extract_s = thread_cpu_seconds() - cpu_start;
    double extract_wall = seconds_since(start);
    double extract_mbs = static_cast<double>(bytes) / 1e6 / extract_s;
    std::printf(
        "extraction: %zu listings, %.1f MB, %.2f s, %.0f MB/s (%zu skill mentions; "
        "%.2f s wall)\n",
        corpus.size(), static_cast<double>(bytes) / 1e6, extract_s, extract_mbs, found,
        extract_wall);

    if (extract_only) {
        return 0;
    }
    std::vector<std::string> aliases;
    for (const auto& s : extractor.taxonomy().skills()) {
        for (const auto& a : s.alias_rules) {
            if (!a.tag_only) {
                aliases.push_back(lower(a.text));
            }
        }
    }
    std::size_t sample = 0;
    std::size_t naive_hits = 0;
    start = Clock::now();
    cpu_start = thread_cpu_seconds();
    for (const auto& l : corpus) {
        if (sample >= naive_bytes) {
            break;
        }
        naive_hits += naive_count(aliases, l.description);
        sample += l.description.size();
    }
    double naive_s = thread_cpu_seconds() - cpu_start;
    double naive_wall = seconds_since(start);
    double naive_mbs = static_cast<double>(sample) / 1e6 / naive_s;
    std::printf(
        "naive baseline: %.1f MB, %.2f s, %.2f MB/s (%zu aliases searched one by one, "
        "%zu hits; %.2f s wall)\n",
        static_cast<double>(sample) / 1e6, naive_s, naive_mbs, aliases.size(), naive_hits,
        naive_wall);
    double ratio = extract_mbs / naive_mbs;
    std::printf("ratio: %.0fx\n", ratio);
    std::printf("targets: >= 200 MB/s %s, >= 20x naive %s\n", extract_mbs >= 200 ? "met" : "MISSED",
                ratio >= 20 ? "met" : "MISSED");
    return 0;
}
