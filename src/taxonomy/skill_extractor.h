// Finds canonical skills in free text in one pass (no per-alias search), respecting tokens,
// punctuation and per-alias case rules; resolves ambiguous words ("CV", "Go", "Vision").
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/listing.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {

struct SkillSpan {
    std::string skill;      // canonical id
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
    // Named as a role or a team ("DevOps engineers", "our QA team"), not as an asked skill:
    // extract_ids leaves it out; annotate_skills keeps it as a weaker, description-level signal.
    bool role = false;
};

class SkillExtractor {
  public:
    // Keeps a reference to `taxonomy`, which must outlive the extractor. Safe to use from
    // several threads at once (per-thread scratch buffers).
    explicit SkillExtractor(const Taxonomy& taxonomy);
    ~SkillExtractor();
    SkillExtractor(SkillExtractor&&) noexcept;
    SkillExtractor& operator=(SkillExtractor&&) noexcept;

    // Every occurrence, in text order.
    std::vector<SkillSpan> extract(std::string_view text) const;
    // Distinct canonical ids of the asked skills (role spans left out), in order of first
    // occurrence.
    std::vector<std::string> extract_ids(std::string_view text) const;

    const Taxonomy& taxonomy() const;
    // The extractor built over Taxonomy::bundled().
    static const SkillExtractor& bundled();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Fills `listing.skills` once, when a listing enters: platform tags (Tag), then the title
// (Title), then the description (Description); each skill kept once, at its strongest origin.
void annotate_skills(Listing& listing, const SkillExtractor& extractor);

}  // namespace gigscout
