#include "taxonomy/text_tokens.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <vector>

namespace gigscout::text_tokens {
namespace {

enum ByteClass : std::uint8_t {
    kSpace,    // ASCII whitespace and control characters
    kWord,     // ASCII letters, digits, '_', UTF-8 bytes of letters
    kPunct,    // ASCII punctuation
    kSpecial,  // a UTF-8 lead byte whose sequence may be a space or punctuation (see classify)
};

constexpr std::array<std::uint8_t, 256> make_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        if (c <= 0x20 || c == 0x7f) {
            t[c] = kSpace;
        } else if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                   c == '_') {
            t[c] = kWord;
        } else if (c < 0x80) {
            t[c] = kPunct;
        } else if (c == 0xC2 || c == 0xE2 || c == 0xE3 || c == 0xEF || c == 0xF0) {
            t[c] = kSpecial;
        } else {
            t[c] = kWord;
        }
    }
    return t;
}

constexpr std::array<std::uint8_t, 256> kClasses = make_classes();

// What a multi-byte sequence starting with a kSpecial lead byte is. Sets `len` to the bytes it
// covers and `punct` to its ASCII form when it is punctuation.
enum class Kind { Word, Space, Punct };

Kind classify(const unsigned char* s, std::size_t i, std::size_t n, std::size_t& len, char& punct) {
    unsigned char lead = s[i];
    std::size_t left = n - i;
    if (lead == 0xC2 && left >= 2 && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) {
        len = 2;  // U+0080..U+00BF: controls, no-break space, symbols, « »
        if (s[i + 1] == 0xAB || s[i + 1] == 0xBB) {
            punct = '"';
            return Kind::Punct;
        }
        return Kind::Space;
    }
    if (lead == 0xE2 && left >= 3 && (s[i + 2] & 0xC0) == 0x80) {
        unsigned char b1 = s[i + 1];
        unsigned char b2 = s[i + 2];
        if (b1 == 0x80) {  // General Punctuation U+2000..U+203F
            len = 3;
            if (b2 >= 0x90 && b2 <= 0x95) {
                punct = '-';
                return Kind::Punct;
            }
            if (b2 >= 0x98 && b2 <= 0x9B) {
                punct = '\'';
                return Kind::Punct;
            }
            if (b2 >= 0x9C && b2 <= 0x9F) {
                punct = '"';
                return Kind::Punct;
            }
            if (b2 == 0xA6) {
                punct = '.';
                return Kind::Punct;
            }
            return Kind::Space;
        }
        if (b1 >= 0x81 && b1 <= 0xAF) {  // U+2040..U+2BFF: symbols, arrows, maths, dingbats
            len = 3;
            return Kind::Space;
        }
    }
    if (lead == 0xE3 && left >= 3 && s[i + 1] == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
        len = 3;  // CJK symbols and punctuation U+3000..U+303F
        return Kind::Space;
    }
    if (lead == 0xEF && left >= 3 && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {
        len = 3;  // byte-order mark
        return Kind::Space;
    }
    if (lead == 0xF0 && left >= 4 && s[i + 1] == 0x9F && (s[i + 2] & 0xC0) == 0x80 &&
        (s[i + 3] & 0xC0) == 0x80) {
        len = 4;  // U+1F000..U+1FFFF: emoji and pictographs
        return Kind::Space;
    }
    len = 1;
    return Kind::Word;
}

bool is_sentence_end(char c) {
    return c == '.' || c == '!' || c == '?' || c == ';';
}

// Eight bytes at a time ("SWAR"). Each helper takes eight bytes packed in a 64-bit word and
// answers per byte in that byte's high bit. They are exact only for ASCII bytes; callers check
// `x & kHigh` first.
constexpr std::uint64_t kHigh = 0x8080808080808080ull;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
constexpr std::uint64_t kOnes = 0x0101010101010101ull;

// High bit set in each byte of x (7-bit values) that lies in [lo, hi].
constexpr std::uint64_t in_range(std::uint64_t x, unsigned lo, unsigned hi) {
    std::uint64_t at_least_lo = x + kOnes * (0x80 - lo);
    std::uint64_t above_hi = x + kOnes * (0x7F - hi);
    return at_least_lo & ~above_hi & kHigh;
}

// Adds 0x20 to every byte in 'A'..'Z'; other bytes (non-ASCII included) are unchanged.
std::uint64_t lower_ascii8(std::uint64_t x) {
    std::uint64_t upper = in_range(x & kLow7, 'A', 'Z') & ~x;
    return x | (upper >> 2);
}

// The word hash, eight bytes per step. A word's hash depends only on its lower-cased bytes:
// tokenize (which feeds chunks as it scans) and hash_bytes (aliases) must agree.
constexpr std::uint64_t kHashSeed = 0x9E3779B97F4A7C15ull;

std::uint64_t mix_chunk(std::uint64_t h, std::uint64_t lowered) {
    h = (h ^ lowered) * 0x87c37b91114253d5ull;
    return h ^ (h >> 29);
}

std::uint64_t mix_end(std::uint64_t h, std::uint64_t lowered_tail, std::size_t len) {
    return finish(((h ^ lowered_tail) * 0x4cf5ad432745937full) ^ len);
}

// Continues a hash over bytes [p, p + n) that start on a chunk boundary of the word.
std::uint64_t hash_rest(std::uint64_t h, const unsigned char* p, std::size_t n,
                        std::size_t total_len) {
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t chunk = 0;
        std::memcpy(&chunk, p, 8);
        h = mix_chunk(h, lower_ascii8(chunk));
    }
    std::uint64_t tail = 0;
    for (std::size_t k = 0; k < n; ++k) {
        tail |= std::uint64_t{p[k]} << (8 * k);
    }
    return mix_end(h, lower_ascii8(tail), total_len);
}

// Little-endian load of eight bytes: byte k of the text is byte k (from the low end) of the
// result, on every machine, so chunk masks and the tail bytes of hash_rest agree.
std::uint64_t load8(const unsigned char* p) {
    std::uint64_t x = 0;
    std::memcpy(&x, p, 8);
    if constexpr (std::endian::native == std::endian::big) {
        x = __builtin_bswap64(x);
    }
    return x;
}

// Stage one of tokenize: two bitmaps over the text, one bit per byte — ASCII word bytes and
// ASCII space bytes — computed 16 bytes at a time with GCC vector extensions (SSE2 or NEON
// code, or plain code elsewhere). Non-ASCII bytes are in neither map; stage two looks at them
// one by one.
typedef unsigned char Bytes16 __attribute__((vector_size(16)));
typedef signed char Lanes16 __attribute__((vector_size(16)));

// One bit per lane (lane k -> bit k) from each lane's top bit.
std::uint32_t lane_bits(Lanes16 lanes) {
#if defined(__SSE2__)
    typedef char Chars16 __attribute__((vector_size(16)));
    return static_cast<std::uint32_t>(__builtin_ia32_pmovmskb128((Chars16)lanes)) & 0xFFFFu;
#else
    std::uint64_t half[2];
    std::memcpy(half, &lanes, 16);
    if constexpr (std::endian::native == std::endian::big) {
        half[0] = __builtin_bswap64(half[0]);
        half[1] = __builtin_bswap64(half[1]);
    }
    // Each lane's top bit moved to bit 8k, then gathered into bits 56..63 by one multiply
    // (the partial products land on distinct bits, so nothing carries).
    constexpr std::uint64_t kGather = 0x0102040810204080ull;
    std::uint64_t lo = (((half[0] >> 7) & kOnes) * kGather) >> 56;
    std::uint64_t hi = (((half[1] >> 7) & kOnes) * kGather) >> 56;
    return static_cast<std::uint32_t>(lo | (hi << 8));
#endif
}

// Classifies 16 bytes at p and writes them lower-cased to `lowered`.
void classify16(const unsigned char* p, unsigned char* lowered, std::uint32_t& word,
                std::uint32_t& space) {
    Bytes16 v;
    std::memcpy(&v, p, 16);
    Lanes16 upper = (Lanes16)((Bytes16)(v - 'A') <= 25);
    Lanes16 digit = (Lanes16)((Bytes16)(v - '0') <= 9);
    Bytes16 low = v | ((Bytes16)upper & 0x20);
    Lanes16 letter = (Lanes16)((Bytes16)(low - 'a') <= 25);
    Lanes16 underscore = (Lanes16)(v == '_');
    Lanes16 blank = (Lanes16)((v <= 0x20) | (v == 0x7F));
    std::memcpy(lowered, &low, 16);
    word = lane_bits(digit | letter | underscore);
    space = lane_bits(blank);
}

struct ByteMaps {
    std::vector<std::uint64_t> word;   // bit i: byte i is an ASCII letter, digit or '_'
    std::vector<std::uint64_t> space;  // bit i: byte i is ASCII whitespace or control
    // The text with ASCII letters lower-cased, zero-padded to whole blocks plus eight bytes, so
    // word hashes are masked eight-byte loads with no case folding left to do.
    std::vector<unsigned char> lowered;

    void build(const unsigned char* s, std::size_t n) {
        std::size_t blocks = n / 64 + 1;
        if (word.size() < blocks) {
            word.resize(blocks);
            space.resize(blocks);
            lowered.resize(blocks * 64 + 8);
        }
        std::size_t b = 0;
        for (; (b + 1) * 64 <= n; ++b) {
            block(s + b * 64, b);
        }
        // The last partial block goes through a zero-padded copy; bits past the end are
        // cleared so no token starts or continues there.
        unsigned char tail[64] = {};
        std::size_t rest = n - b * 64;
        if (rest > 0) {
            std::memcpy(tail, s + b * 64, rest);
        }
        block(tail, b);
        std::memset(lowered.data() + blocks * 64, 0, 8);
        std::uint64_t valid = rest == 0 ? 0 : ~std::uint64_t{0} >> (64 - rest);
        word[b] &= valid;
        space[b] |= ~valid;  // past the end counts as space: never a token start
    }

    void block(const unsigned char* p, std::size_t b) {
        std::uint64_t w = 0;
        std::uint64_t sp = 0;
        for (int k = 0; k < 4; ++k) {
            std::uint32_t wk = 0;
            std::uint32_t sk = 0;
            classify16(p + 16 * k, lowered.data() + b * 64 + 16 * k, wk, sk);
            w |= std::uint64_t{wk} << (16 * k);
            sp |= std::uint64_t{sk} << (16 * k);
        }
        word[b] = w;
        space[b] = sp;
    }
};

// The first position >= i whose bit is clear in `bits` (`blocks` words long).
std::size_t next_clear(const std::uint64_t* bits, std::size_t blocks, std::size_t i) {
    std::size_t b = i / 64;
    std::uint64_t w = ~bits[b] >> (i % 64);
    if (w != 0) {
        return i + static_cast<std::size_t>(std::countr_zero(w));
    }
    for (++b; b < blocks; ++b) {
        if (~bits[b] != 0) {
            return b * 64 + static_cast<std::size_t>(std::countr_zero(~bits[b]));
        }
    }
    return blocks * 64;
}

// Word bytes from position i on, byte by byte: UTF-8 letters continue a word, separators and
// punctuation end it.
std::size_t scan_word(const unsigned char* s, std::size_t i, std::size_t n) {
    for (; i < n; ++i) {
        std::uint8_t c = kClasses[s[i]];
        if (c == kWord) {
            continue;
        }
        if (c == kSpecial) {
            std::size_t seq_len = 1;
            char unused = 0;
            if (classify(s, i, n, seq_len, unused) == Kind::Word) {
                continue;
            }
        }
        break;
    }
    return i;
}

// The word hash over already lower-cased bytes [p, p + n), at least eight of which past p + n
// may be read (ByteMaps::lowered is padded).
std::uint64_t hash_lowered(const unsigned char* p, std::size_t n) {
    std::uint64_t h = kHashSeed;
    const std::size_t len = n;
    for (; n >= 16; p += 8, n -= 8) {
        h = mix_chunk(h, load8(p));
    }
    // Words shorter than 16 bytes, nearly all, take one chunk or none by selection rather than
    // a loop branch: whether a word reaches eight bytes is a coin toss the predictor loses.
    // (Masks, not `?:`: GCC turns the conditional into the very branch this avoids.)
    const std::uint64_t chunk = -static_cast<std::uint64_t>(n >= 8);  // all ones or zero
    const std::uint64_t mixed = mix_chunk(h, load8(p));
    h = (mixed & chunk) | (h & ~chunk);
    p += chunk & 8;
    n -= chunk & 8;
    const std::uint64_t keep = (std::uint64_t{1} << (8 * n)) - 1;  // n < 8
    return mix_end(h, load8(p) & keep, len);
}

}  // namespace

std::uint64_t hash_bytes(const unsigned char* p, std::size_t n) {
    return hash_rest(kHashSeed, p, n, n);
}

namespace {

// Punctuation tokens are frequent: their hashes are looked up, not computed.
const std::array<std::uint64_t, 128> kPunctHashes = [] {
    std::array<std::uint64_t, 128> t{};
    for (unsigned c = 0; c < 128; ++c) {
        auto byte = static_cast<unsigned char>(c);
        t[c] = hash_bytes(&byte, 1);
    }
    return t;
}();

}  // namespace

std::uint64_t hash_lower(std::string_view bytes) {
    return hash_bytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

void tokenize(std::string_view text, std::vector<Token>& out) {
    out.clear();
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = std::min(text.size(), kMaxTextBytes);
    out.reserve(n / 4 + 16);
    std::size_t i = 0;
    bool spaced = true;
    bool after_sentence_end = false;  // last token was '.', '!', '?' or ';'
    std::uint32_t words = 0;
    std::uint32_t sentence = 0;

    auto push = [&](std::size_t begin, std::size_t end, std::uint64_t hash, char punct,
                    std::uint16_t stem_len) __attribute__((always_inline)) {
        if (after_sentence_end && spaced) {
            ++sentence;
        }
        Token& t = out.emplace_back();
        t.begin = static_cast<std::uint32_t>(begin);
        t.end = static_cast<std::uint32_t>(end);
        t.hash = hash;
        t.word_index = words;
        t.sentence = sentence;
        t.stem_len = stem_len;
        t.spaced = spaced;
        t.punct = punct;
        t.capital = punct == 0 && static_cast<unsigned char>(s[begin] - 'A') < 26;
        if (punct == 0) {
            ++words;
        }
        after_sentence_end = is_sentence_end(punct);
        spaced = false;
    };

    thread_local ByteMaps maps;
    maps.build(s, n);
    const std::uint64_t* word_bits = maps.word.data();
    const std::uint64_t* space_bits = maps.space.data();
    const std::size_t blocks = n / 64 + 1;

    // Stage two: visit every byte that can start a token — the first byte of an ASCII word,
    // an ASCII punctuation byte, a non-ASCII byte — block by block, lowest bit first. `i` is
    // where the previous token (or skipped sequence) ended; starts below it are inside it.
    std::size_t last_end = 0;  // end of the previous token: a gap before the next means spaced
    for (std::size_t b = 0; b < blocks; ++b) {
        std::uint64_t w = word_bits[b];
        std::uint64_t carry = b > 0 ? word_bits[b - 1] >> 63 : 0;
        std::uint64_t starts = (w & ~((w << 1) | carry)) | (~w & ~space_bits[b]);
        while (starts != 0) {
            std::size_t at = b * 64 + static_cast<std::size_t>(std::countr_zero(starts));
            starts &= starts - 1;
            if (at < i) {
                continue;
            }
            i = at;
            spaced = spaced || i != last_end;
            const std::size_t begin = i;
            if ((w >> (i % 64)) & 1u) {
                // An ASCII run of word bytes; UTF-8 letters right after it continue the word.
                i = std::min(next_clear(word_bits, blocks, i), n);
                if (i < n && s[i] >= 0x80) {
                    i = scan_word(s, i, n);
                }
            } else if (s[i] >= 0x80) {
                std::size_t len = 1;
                char punct = 0;
                Kind kind = kClasses[s[i]] == kSpecial ? classify(s, i, n, len, punct) : Kind::Word;
                if (kind == Kind::Space) {
                    spaced = true;
                    i += len;
                    last_end = i;
                    continue;
                }
                // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN join two words like '-'
                // ("AI‑powered"); the dashes after them (U+2012…) stay punctuation.
                if (kind == Kind::Punct && punct == '-' && s[i + 1] == 0x80 && s[i + 2] <= 0x91 &&
                    !out.empty() && out.back().end == begin && out.back().is_word() &&
                    i + len < n && kClasses[s[i + len]] == kWord) {
                    spaced = true;
                    i += len;
                    last_end = i;
                    continue;
                }
                if (kind == Kind::Punct) {
                    push(i, i + len, kPunctHashes[static_cast<unsigned char>(punct)], punct, 0);
                    i += len;
                    last_end = i;
                    continue;
                }
                i = scan_word(s, i + 1, n);
            } else {
                char c = static_cast<char>(s[i]);
                ++i;
                // A hyphen between two words joins them like a space ("scikit-image").
                if (c == '-' && !out.empty() && out.back().end == begin && out.back().is_word() &&
                    i < n && kClasses[s[i]] == kWord) {
                    spaced = true;
                    last_end = i;
                    continue;
                }
                push(begin, i, kPunctHashes[s[begin]], c, 0);
                last_end = i;
                continue;
            }

            // Underscores inside a word join it ("snake_case"); at its edges they are markup
            // ("_Responsibilities_", "__init__"), which separates words like a space.
            std::size_t word_begin = begin;
            std::size_t word_end = i;
            if (s[word_begin] == '_' || s[word_end - 1] == '_') {
                while (word_begin < word_end && s[word_begin] == '_') {
                    ++word_begin;
                }
                while (word_end > word_begin && s[word_end - 1] == '_') {
                    --word_end;
                }
                spaced = spaced || word_begin != begin;
                if (word_begin == word_end) {
                    spaced = true;
                    last_end = i;
                    continue;
                }
            }
            std::uint16_t stem_len = 0;
            if (s[word_end - 1] <= '9' && s[word_end - 1] >= '0' && word_end - word_begin >= 3) {
                std::size_t digits_from = word_end - 1;
                while (digits_from > word_begin && s[digits_from - 1] >= '0' &&
                       s[digits_from - 1] <= '9') {
                    --digits_from;
                }
                if (digits_from >= word_begin + 2 && digits_from - word_begin < 0xFFFF) {
                    unsigned char last = kLowerTable[s[digits_from - 1]];
                    if (last >= 'a' && last <= 'z') {
                        stem_len = static_cast<std::uint16_t>(digits_from - word_begin);
                    }
                }
            }
            push(word_begin, word_end,
                 hash_lowered(maps.lowered.data() + word_begin, word_end - word_begin), 0,
                 stem_len);
            last_end = i;
            spaced = word_end != i;
        }
    }
}

}  // namespace gigscout::text_tokens
