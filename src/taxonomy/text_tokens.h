// The tokens skill matching works on, shared by the taxonomy loader (aliases and context phrases)
// and the extractor (listing text), so both sides split text the same way.
//
// A token is either a word — a run of ASCII letters, digits, '_' and UTF-8 letters, without the
// underscores at its edges (markup: "_Responsibilities_") — or one punctuation character.
// Whitespace separates tokens and is remembered as `spaced` on the next one, so "Node.js"
// (node . js, glued) differs from "node . js". A hyphen (also U+2010 and U+2011) joining two words
// ("scikit-image", "U-Net", "go-to-market") is not a token: it counts as a space, so the alias
// "scikit image" and the text "scikit-image" meet. Typographic punctuation is folded to ASCII
// (’ to ', – — to -, “ ” to "), other Unicode spaces, symbols and emoji separate tokens.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace gigscout::text_tokens {

struct Token {
    std::uint64_t hash = 0;   // of the lower-cased bytes; punctuation: of its ASCII form
    std::uint32_t begin = 0;  // byte offsets into the text
    std::uint32_t end = 0;
    std::uint32_t word_index = 0;  // word tokens before this one (distances in context rules)
    std::uint32_t sentence = 0;    // bumped after '.', '!', '?' or ';' followed by a space
    // For a word that ends in digits after at least two other bytes ending in a letter
    // ("python3", "yolov8", "resnet50"): the length of the part before the digits.
    std::uint16_t stem_len = 0;
    bool spaced = false;  // whitespace or a joining hyphen before this token
    char punct = 0;       // the ASCII punctuation character, 0 for a word
    // A word whose first byte is an ASCII capital: headings, names and titles are looked for
    // by it, without reading the text again.
    bool capital = false;

    bool is_word() const { return punct == 0; }
};

// An allocator whose vectors leave new elements unwritten: tokenize writes straight into its
// output and keeps only the tokens it wrote, so growing the output costs no zeroing (a Token is
// an aggregate, which the allocation itself brings to life).
template <typename T>
struct UnwrittenAllocator : std::allocator<T> {
    template <typename U>
    struct rebind {
        using other = UnwrittenAllocator<U>;
    };
    UnwrittenAllocator() = default;
    template <typename U>
    explicit UnwrittenAllocator(const UnwrittenAllocator<U>& /*other*/) {}
    template <typename U>
    void construct(U* /*p*/) noexcept {}
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

using Tokens = std::vector<Token, UnwrittenAllocator<Token>>;

// Texts are tokenised up to this many bytes (offsets are 32-bit); listings are far smaller.
inline constexpr std::size_t kMaxTextBytes = 0xFFFFFFF0u;

// Replaces `out` with the tokens of `text`, written in place. Reuses `out`'s capacity: callers
// keep one vector.
void tokenize(std::string_view text, Tokens& out);

namespace detail {
// tokenize() reading every 64-byte block byte by byte, as it reads the rare blocks holding UTF-8
// punctuation or underscores: the tests compare the two readings.
void tokenize_bytewise(std::string_view text, Tokens& out);
}  // namespace detail

// The hash a token with these bytes gets (ASCII letters lower-cased).
std::uint64_t hash_lower(std::string_view bytes);

inline constexpr std::array<unsigned char, 256> kLowerTable = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
        t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return t;
}();

// ASCII lower-casing of one byte (other bytes unchanged).
inline char lower(char c) {
    return static_cast<char>(kLowerTable[static_cast<unsigned char>(c)]);
}

// murmur3's 64-bit finaliser; never 0, which marks an empty slot in the extractor's table.
inline std::uint64_t finish(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h == 0 ? 1 : h;
}

// The hash of `n` bytes with ASCII letters lower-cased: eight bytes at a time, lower-cased
// with word-wide bit tricks, so a token costs a few operations rather than a few per byte.
std::uint64_t hash_bytes(const unsigned char* p, std::size_t n);

// The hash of the token sequence `prefix` extended by `next`; `next.spaced` is part of it, so
// "node.js" and "node . js" differ. The hash of a one-token sequence is the token's hash.
inline std::uint64_t extend(std::uint64_t prefix, const Token& next) {
    std::uint64_t h = prefix * 0x9E3779B97F4A7C15ull + next.hash;
    if (next.spaced) {
        h ^= 0x632BE59BD9B4E019ull;
    }
    return finish(h);
}

}  // namespace gigscout::text_tokens
