// A deterministic corpus of realistic-looking listings for benchmarks: the same options give
// the same listings on every machine (own RNG, no std distributions). Descriptions mix English
// filler with skill names in the spellings real listings use ("C++", "Node.js", "Python 3.11",
// "Go", "CV", "scikit-image"), plus the ordinary words that look like skills ("go to market",
// "send your CV", "our vision"), so a matcher meets both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/listing.h"

namespace gigscout::bench {

// SplitMix64: tiny, fast, and its sequence is fixed by the seed alone.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    // Uniform in [0, n); n > 0.
    std::size_t below(std::size_t n);
    // True with probability `p` (0..1).
    bool chance(double p);

  private:
    std::uint64_t state_;
};

struct CorpusOptions {
    std::size_t listings = 100000;
    std::uint64_t seed = 20260101;
    std::size_t min_description_bytes = 1024;
    std::size_t max_description_bytes = 3072;
};

// One listing: id, source, url, title, description, company, tags, budget, type, level,
// remote flag, location, client, proposals and posted time all filled. Skills not annotated.
Listing generate_listing(Rng& rng, std::size_t index, const CorpusOptions& options);

// `options.listings` listings from `options.seed`.
std::vector<Listing> generate_corpus(const CorpusOptions& options);

// A description of about `bytes` bytes (whole sentences, so a little more).
std::string generate_description(Rng& rng, std::size_t bytes);

}  // namespace gigscout::bench
