// Finds a profile keyword ("unpaid", "data entry", "pytorch|tensorflow") in a listing. A keyword
// (or alternative) that names a skill is looked up among the skills already extracted from the
// listing, so "computer vision" matches a listing that only says "CV engineer" and "Go" does not
// match "go to market"; any other keyword is searched as whole words, ignoring ASCII case, in
// the title, tags and description.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/listing.h"

namespace gigscout {

class Taxonomy;

class KeywordMatcher {
  public:
    // `keyword`: one or more alternatives separated by '|'; any one of them matches.
    KeywordMatcher(std::string_view keyword, const Taxonomy& taxonomy);

    const std::string& keyword() const { return keyword_; }
    bool matches(const Listing& listing) const;
    // Where the keyword is found at its strongest: SkillOrigin::Title for the title or a tag
    // (or a skill extracted from either, or a role or team name's words there), Description for
    // the description only, TagOnly for a skill only a platform tag names (never the listing's
    // own words), or nullopt.
    std::optional<SkillOrigin> found_where(const Listing& listing) const;

    // Whole-word, ASCII-case-insensitive search of one alternative in `text` (exposed for tests).
    bool found_in(std::string_view text) const;

  private:
    // One alternative, lower-cased, with a Horspool skip table: descriptions run to 64 KiB and
    // a ranking pass reads every one of them, so the search skips rather than steps.
    struct Needle {
        std::string lower;
        std::array<std::uint8_t, 256> skip{};
        std::string skill;  // the canonical skill this alternative names, or empty
    };

    static bool search(const Needle& needle, std::string_view text);
    static bool match_at(const Needle& needle, std::string_view text, std::size_t i);

    std::string keyword_;
    std::vector<Needle> needles_;
};

}  // namespace gigscout
