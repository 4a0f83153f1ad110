// Finds canonical skills in free text in one pass (no per-alias search), respecting tokens,
// punctuation and per-alias case rules; resolves ambiguous words ("CV", "Go", "Vision").
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/listing.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {

struct SkillSpan {
    // Canonical id, viewing the taxonomy's own copy (which outlives the extractor): a span costs
    // no allocation, which matters at millions of mentions.
    std::string_view skill;
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
    // Named as a role or a team ("DevOps engineers", "our QA team"), not as an asked skill:
    // extract_ids leaves it out; annotate_skills keeps it at SkillOrigin::Role, a weak signal.
    bool role = false;
    // Named as a nice-to-have ("Docker is a plus", under "Preferred qualifications"), not as a
    // requirement: annotate_skills keeps it at SkillOrigin::Preferred unless it is also required.
    bool preferred = false;
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

// extract() over a text that arrives piece by piece (a file of any size, standard input), in
// memory of about one piece. The text is cut only where the tokenizer starts a new sentence,
// and neither an alias nor a context rule reaches across a sentence (text_tokens.h), so the
// spans are those extract() finds in the whole text — except that a company section ("About
// us", docs/taxonomy.md) opened in an earlier piece is not known to later ones (pieces are a
// megabyte; a posting is a few kilobytes). A run of more than `max_pending` bytes with no
// sentence end is cut before a spaced word instead: context rules near that cut see only their
// own side of it. Role spans (SkillSpan::role) are passed on like every other span.
class SkillSpanStream {
  public:
    // `found` gets each span as it is settled, in text order, with offsets into the whole text
    // and the span's bytes.
    using Found = std::function<void(const SkillSpan&, std::string_view text)>;
    SkillSpanStream(const SkillExtractor& extractor, Found found,
                    std::size_t piece = std::size_t{1} << 20,
                    std::size_t max_pending = std::size_t{8} << 20);

    // Appends `text`; settles what lies before the last sentence start once a piece is held.
    void feed(std::string_view text);
    // The rest of the text.
    void finish();
    // Bytes fed so far.
    std::size_t size() const { return offset_ + pending_.size(); }

  private:
    void settle(std::size_t cut);

    const SkillExtractor& extractor_;
    Found found_;
    std::size_t piece_;
    std::size_t max_pending_;
    std::string pending_;
    std::size_t offset_ = 0;  // of pending_ in the whole text
};

// Fills `listing.skills` once, when a listing enters: platform tags (Tag), then the title
// (Title), then the description (Description; its nice-to-haves Preferred); each skill kept
// once, at its strongest origin.
void annotate_skills(Listing& listing, const SkillExtractor& extractor);

}  // namespace gigscout
