#include "scoring/keyword_matcher.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/ascii.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

constexpr std::array<unsigned char, 256> kLower = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return t;
}();

// Bytes that continue a word: ASCII letters and digits, and any byte of a non-ASCII character
// (so "café" is one word and "caf" does not match inside it).
bool word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace

KeywordMatcher::KeywordMatcher(std::string_view keyword, const Taxonomy& taxonomy)
    : keyword_(ascii::trim(keyword)) {
    std::string_view rest = keyword_;
    while (true) {
        std::size_t bar = rest.find('|');
        std::string_view alt = ascii::trim(rest.substr(0, bar));
        if (!alt.empty() && alt.size() <= 255) {
            Needle n;
            for (char c : alt) {
                n.lower += static_cast<char>(kLower[static_cast<unsigned char>(c)]);
            }
            std::size_t m = n.lower.size();
            n.skip.fill(static_cast<std::uint8_t>(m));
            for (std::size_t i = 0; i + 1 < m; ++i) {
                auto c = static_cast<unsigned char>(n.lower[i]);
                n.skip[c] = static_cast<std::uint8_t>(m - 1 - i);
                // The text is compared through kLower, so an upper-case byte skips as its
                // lower-case form.
                if (c >= 'a' && c <= 'z') {
                    n.skip[c - 'a' + 'A'] = n.skip[c];
                }
            }
            if (const Skill* s = taxonomy.resolve_tag(alt)) {
                n.skill = s->id;
            }
            needles_.push_back(std::move(n));
        }
        if (bar == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(bar + 1);
    }
}

// True when the needle is at `i` (its last byte already known to match) as whole words.
bool KeywordMatcher::match_at(const Needle& needle, std::string_view text, std::size_t i) {
    const std::string& p = needle.lower;
    const std::size_t m = p.size();
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t j = 0; j + 1 < m; ++j) {
        if (kLower[t[i + j]] != static_cast<unsigned char>(p[j])) {
            return false;
        }
    }
    bool start_ok =
        !word_byte(static_cast<unsigned char>(p.front())) || i == 0 || !word_byte(t[i - 1]);
    bool end_ok = !word_byte(static_cast<unsigned char>(p.back())) || i + m == text.size() ||
                  !word_byte(t[i + m]);
    return start_ok && end_ok;
}

bool KeywordMatcher::search(const Needle& needle, std::string_view text) {
    const std::string& p = needle.lower;
    const std::size_t m = p.size();
    if (m == 0 || text.size() < m) {
        return false;
    }
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen positions at a time: a position is a candidate when both the needle's first and
    // last bytes match there (Muła's "SIMD-friendly" filter). OR-ing 0x20 folds an ASCII
    // letter's case and maps no other byte onto a lower-case letter, so for letters the
    // filter is exact, and for other bytes it compares them unchanged.
    auto fold_of = [](char c) { return static_cast<char>(c >= 'a' && c <= 'z' ? 0x20 : 0); };
    const __m128i first = _mm_set1_epi8(p.front());
    const __m128i last = _mm_set1_epi8(p.back());
    const __m128i fold_first = _mm_set1_epi8(fold_of(p.front()));
    const __m128i fold_last = _mm_set1_epi8(fold_of(p.back()));
    for (; i + m - 1 + 16 <= text.size(); i += 16) {
        __m128i a =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i)), fold_first);
        __m128i b = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t + i + m - 1)),
                                 fold_last);
        auto mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        while (mask != 0) {
            auto bit = static_cast<std::size_t>(__builtin_ctz(mask));
            if (match_at(needle, text, i + bit)) {
                return true;
            }
            mask &= mask - 1;
        }
    }
#endif
    // Horspool for the rest (all of it without SSE2).
    const auto last_byte = static_cast<unsigned char>(p[m - 1]);
    const std::size_t end = text.size() - m;
    while (i <= end) {
        unsigned char c = t[i + m - 1];
        if (kLower[c] == last_byte && match_at(needle, text, i)) {
            return true;
        }
        i += needle.skip[c];
    }
    return false;
}

bool KeywordMatcher::found_in(std::string_view text) const {
    return std::any_of(needles_.begin(), needles_.end(),
                       [&](const Needle& n) { return search(n, text); });
}

std::optional<SkillOrigin> KeywordMatcher::found_where(const Listing& listing) const {
    bool in_description = false;
    bool tag_only = false;
    for (const Needle& n : needles_) {
        if (!n.skill.empty()) {
            bool role = false;
            for (const auto& s : listing.skills) {
                if (s.skill == n.skill) {
                    if (s.origin == SkillOrigin::Tag || s.origin == SkillOrigin::Title) {
                        return SkillOrigin::Title;
                    }
                    in_description = in_description || s.origin == SkillOrigin::Description ||
                                     s.origin == SkillOrigin::Lead ||
                                     s.origin == SkillOrigin::Preferred;
                    tag_only = tag_only || s.origin == SkillOrigin::TagOnly;
                    role = role || s.origin == SkillOrigin::Role;
                }
            }
            // A term named as a role ("DevOps Engineer" for "devops") is what the user looks
            // for: where its words stand decides, like a term that is no skill.
            if (!role) {
                continue;
            }
        }
        if (search(n, listing.title)) {
            return SkillOrigin::Title;
        }
        for (const auto& tag : listing.tags) {
            if (search(n, tag)) {
                return SkillOrigin::Title;
            }
        }
        in_description = in_description || search(n, listing.description);
    }
    if (in_description) {
        return SkillOrigin::Description;
    }
    return tag_only ? std::optional(SkillOrigin::TagOnly) : std::nullopt;
}

bool KeywordMatcher::matches(const Listing& listing) const {
    for (const Needle& n : needles_) {
        // A keyword naming a skill is looked up among the skills the extractor found, which
        // already weighed the words around each mention ("Go" the language, not "go to
        // market"); searching the text again would undo that.
        if (!n.skill.empty()) {
            for (const auto& s : listing.skills) {
                if (s.skill == n.skill) {
                    return true;
                }
            }
            continue;
        }
        if (search(n, listing.title)) {
            return true;
        }
        for (const auto& tag : listing.tags) {
            if (search(n, tag)) {
                return true;
            }
        }
        if (search(n, listing.description)) {
            return true;
        }
    }
    return false;
}

}  // namespace gigscout
