#include "taxonomy/text_tokens.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
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

constexpr bool is_sentence_end(char c) {
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

// The end of a word's hash, one per token: where the compiler has a 64 x 64 -> 128-bit
// product, one such multiply with its halves folded together (a third of the cost of the three
// multiplies murmur's finaliser adds); murmur elsewhere. Never 0, as finish.
std::uint64_t mix_end(std::uint64_t h, std::uint64_t lowered_tail, std::size_t len) {
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 Wide;
    const Wide product = static_cast<Wide>(h ^ lowered_tail ^ 0xe7037ed1a0b428dbull) *
                         (std::uint64_t{len} ^ 0x8ebc6af09c88c6e3ull);
    const std::uint64_t x =
        static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
    return x + (x == 0);
#else
    return finish(((h ^ lowered_tail) * 0x4cf5ad432745937full) ^ len);
#endif
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

// Stage one of tokenize: bitmaps over the text, one bit per byte, computed 16 bytes at a time
// with GCC vector extensions (SSE2 or NEON code, or plain code elsewhere), and a lower-cased copy.
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

// Stage one's per-byte answers for 16 bytes.
struct Lanes {
    std::uint32_t word;    // ASCII letter, digit or '_'
    std::uint32_t space;   // ASCII whitespace or control
    std::uint32_t high;    // >= 0x80
    std::uint32_t odd;     // '_' or a kSpecial lead byte
    std::uint32_t hyphen;  // '-'
};

// Classifies 16 bytes at p and writes them lower-cased to `lowered`.
Lanes classify16(const unsigned char* p, unsigned char* lowered) {
    Bytes16 v;
    std::memcpy(&v, p, 16);
    Lanes16 upper = (Lanes16)((Bytes16)(v - 'A') <= 25);
    Lanes16 digit = (Lanes16)((Bytes16)(v - '0') <= 9);
    Bytes16 low = v | ((Bytes16)upper & 0x20);
    Lanes16 letter = (Lanes16)((Bytes16)(low - 'a') <= 25);
    Lanes16 underscore = (Lanes16)(v == '_');
    Lanes16 blank = (Lanes16)((v <= 0x20) | (v == 0x7F));
    Lanes16 special = (Lanes16)((v == 0xC2) | ((v & 0xFE) == 0xE2) | (v == 0xEF) | (v == 0xF0));
    std::memcpy(lowered, &low, 16);
    return {lane_bits(digit | letter | underscore), lane_bits(blank), lane_bits((Lanes16)v),
            lane_bits(underscore | special), lane_bits((Lanes16)(v == '-'))};
}

// Stage one's bitmaps of one 64-byte block (bit k: byte k of the block).
struct Block {
    // Bytes of class kWord, except the UTF-8 bytes right after a kSpecial lead: ASCII word
    // bytes and the bytes of UTF-8 letters. Its runs are words, unless `odd` bits are near.
    std::uint64_t word;
    std::uint64_t space;  // ASCII whitespace or control; past the end of the text
    std::uint64_t hyphen;
    // '_', kSpecial leads and the UTF-8 bytes after them: bytes without these around have only
    // ASCII words, UTF-8 letters, ASCII punctuation and spaces.
    std::uint64_t odd;
};

struct ByteMaps {
    // One block more than the text covers, all clear, so a block can look at the next one.
    std::vector<Block> blocks;
    // The text with ASCII letters lower-cased, zero-padded to whole blocks plus eight bytes, so
    // word hashes are masked eight-byte loads with no case folding left to do.
    std::vector<unsigned char> lowered;

    void build(const unsigned char* s, std::size_t n) {
        const std::size_t count = n / 64 + 1;
        if (blocks.size() < count + 1) {
            blocks.resize(count + 1);
            lowered.resize(count * 64 + 8);
        }
        std::uint64_t prev_odd = 0;
        std::size_t b = 0;
        for (; (b + 1) * 64 <= n; ++b) {
            prev_odd = block(s + b * 64, b, prev_odd);
        }
        // The last partial block goes through a zero-padded copy; bits past the end are
        // cleared so no token starts or continues there.
        unsigned char tail[64] = {};
        std::size_t rest = n - b * 64;
        if (rest > 0) {
            std::memcpy(tail, s + b * 64, rest);
        }
        block(tail, b, prev_odd);
        std::memset(lowered.data() + count * 64, 0, 8);
        std::uint64_t valid = rest == 0 ? 0 : ~std::uint64_t{0} >> (64 - rest);
        blocks[b].word &= valid;
        blocks[b].hyphen &= valid;
        blocks[b].space |= ~valid;  // past the end counts as space: never a token start
        blocks[b + 1] = Block{0, ~std::uint64_t{0}, 0, 0};
    }

    std::uint64_t block(const unsigned char* p, std::size_t b, std::uint64_t prev_odd) {
        std::uint64_t word = 0, space = 0, high = 0, odd = 0, hyphen = 0;
        for (int k = 0; k < 4; ++k) {
            Lanes l = classify16(p + 16 * k, lowered.data() + b * 64 + 16 * k);
            word |= std::uint64_t{l.word} << (16 * k);
            space |= std::uint64_t{l.space} << (16 * k);
            high |= std::uint64_t{l.high} << (16 * k);
            odd |= std::uint64_t{l.odd} << (16 * k);
            hyphen |= std::uint64_t{l.hyphen} << (16 * k);
        }
        // The (up to three) UTF-8 bytes after a kSpecial lead are left out of `word`: classify
        // may make them part of a space or punctuation sequence, and the next token starts right
        // after it, so it must be a start in the maps (a run start or a non-word byte).
        std::uint64_t after =
            (odd << 1 | prev_odd >> 63) | (odd << 2 | prev_odd >> 62) | (odd << 3 | prev_odd >> 61);
        std::uint64_t follow = after & high;
        blocks[b] = Block{word | (high & ~odd & ~follow), space, hyphen, odd | follow};
        return odd;
    }
};

// The first position >= i whose word bit is clear.
std::size_t next_clear(const Block* blocks, std::size_t count, std::size_t i) {
    std::size_t b = i / 64;
    std::uint64_t w = ~blocks[b].word >> (i % 64);
    if (w != 0) {
        return i + static_cast<std::size_t>(std::countr_zero(w));
    }
    for (++b; b < count; ++b) {
        if (~blocks[b].word != 0) {
            return b * 64 + static_cast<std::size_t>(std::countr_zero(~blocks[b].word));
        }
    }
    return count * 64;
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

// hash_rest from the start, for the rare words of 16 bytes or more: out of line, so the
// loops that tokenise keep their registers.
__attribute__((noinline, cold)) std::uint64_t hash_long(const unsigned char* p, std::size_t n) {
    return hash_rest(kHashSeed, p, n, n);
}

// The word hash over already lower-cased bytes [p, p + n), at least eight of which past p + n
// may be read (ByteMaps::lowered is padded).
inline __attribute__((always_inline)) std::uint64_t hash_lowered(const unsigned char* p,
                                                                 std::size_t n) {
    if (__builtin_expect(n >= 16, 0)) {
        return hash_long(p, n);
    }
    // Shorter words, nearly all, take one chunk or none by selection rather than a branch:
    // whether a word reaches eight bytes is a coin toss the predictor loses. (Masks, not `?:`:
    // GCC turns the conditional into the very branch this avoids.)
    const std::uint64_t chunk = -static_cast<std::uint64_t>(n >= 8);  // all ones or zero
    const std::uint64_t h = (mix_chunk(kHashSeed, load8(p)) & chunk) | (kHashSeed & ~chunk);
    const std::uint64_t keep = (std::uint64_t{1} << (8 * (n & 7))) - 1;
    return mix_end(h, load8(p + (chunk & 8)) & keep, n);
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

// For a word ending in digits after at least two other bytes ending in a letter: the length of
// the part before the digits; else 0.
__attribute__((noinline, cold)) std::uint16_t stem_length(const unsigned char* s,
                                                          std::size_t word_begin,
                                                          std::size_t word_end) {
    if (!(s[word_end - 1] <= '9' && s[word_end - 1] >= '0' && word_end - word_begin >= 3)) {
        return 0;
    }
    std::size_t digits_from = word_end - 1;
    while (digits_from > word_begin && s[digits_from - 1] >= '0' && s[digits_from - 1] <= '9') {
        --digits_from;
    }
    if (digits_from >= word_begin + 2 && digits_from - word_begin < 0xFFFF) {
        unsigned char last = kLowerTable[s[digits_from - 1]];
        if (last >= 'a' && last <= 'z') {
            return static_cast<std::uint16_t>(digits_from - word_begin);
        }
    }
    return 0;
}

// Whether a Token is laid out as put's four eight-byte words: hash, begin | end << 32, counts,
// flags (checked here, so that a change to Token falls back to field stores, not to garbage).
constexpr bool kPackedTokens = std::endian::native == std::endian::little && sizeof(Token) == 32 &&
                               offsetof(Token, begin) == 8 && offsetof(Token, end) == 12 &&
                               offsetof(Token, word_index) == 16 &&
                               offsetof(Token, sentence) == 20 && offsetof(Token, stem_len) == 24 &&
                               offsetof(Token, spaced) == 26 && offsetof(Token, punct) == 27 &&
                               offsetof(Token, capital) == 28;

// A token's last eight bytes as put takes them.
constexpr std::uint64_t token_flags(std::uint16_t stem_len, bool spaced, char punct, bool capital) {
    return stem_len | (std::uint64_t{spaced} << 16) |
           (std::uint64_t{static_cast<unsigned char>(punct)} << 24) |
           (std::uint64_t{capital} << 32);
}

// Writes a token with four eight-byte stores where the layout allows. `counts` is
// word_index | sentence << 32; `flags` is token_flags.
inline void put(Token* t, std::uint64_t hash, std::size_t begin, std::size_t end,
                std::uint64_t counts, std::uint64_t flags) {
    if constexpr (kPackedTokens) {
        const std::uint64_t span = begin | (std::uint64_t{end} << 32);
        auto* bytes = reinterpret_cast<unsigned char*>(t);
        std::memcpy(bytes, &hash, 8);
        std::memcpy(bytes + 8, &span, 8);
        std::memcpy(bytes + 16, &counts, 8);
        std::memcpy(bytes + 24, &flags, 8);
    } else {
        *t = Token{};
        t->hash = hash;
        t->begin = static_cast<std::uint32_t>(begin);
        t->end = static_cast<std::uint32_t>(end);
        t->word_index = static_cast<std::uint32_t>(counts);
        t->sentence = static_cast<std::uint32_t>(counts >> 32);
        t->stem_len = static_cast<std::uint16_t>(flags);
        t->spaced = (flags >> 16) & 1;
        t->punct = static_cast<char>(flags >> 24);
        t->capital = (flags >> 32) & 1;
    }
}

// What the first byte of a token in a window without odd bytes says: bit 0, a word (word
// tokens count); bit 1, a sentence end; in kFlagBits, the punctuation character and the
// capital flag, where put's `flags` has them.
constexpr std::uint64_t kFlagBits = 0x1FF000000ull;
constexpr std::array<std::uint64_t, 256> kPlainStart = [] {
    std::array<std::uint64_t, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
        if (kClasses[c] == kPunct) {
            t[c] = std::uint64_t{c} << 24 | std::uint64_t{is_sentence_end(static_cast<char>(c))}
                                                << 1;
        } else {
            t[c] = 1 | std::uint64_t{c >= 'A' && c <= 'Z'} << 32;
        }
    }
    return t;
}();

// Stage two, with the tokenizer's state between tokens: 64-byte windows without odd bytes by
// bitmaps, blocks with odd bytes byte by byte (`bytewise`: every block byte by byte).
class Tokenizer {
  public:
    Tokenizer(const unsigned char* s, std::size_t n, const ByteMaps& maps, Token* dst,
              bool bytewise)
        : s_(s),
          n_(n),
          count_(n / 64 + 1),
          blocks_(maps.blocks.data()),
          lowered_(maps.lowered.data()),
          dst_(dst),
          bytewise_(bytewise) {}

    // Tokens from position q on into dst: stops at the end, or when fewer than 64 tokens fit
    // before `limit` (a window starts at most 64); returns where it stopped.
    std::size_t run(std::size_t q, const Token* limit) {
        while (q < n_ && limit - dst_ >= 64) {
            if (!bytewise_) {
                q = plain_windows(q, limit);
            }
            if (q < n_ && limit - dst_ >= 64) {  // odd bytes in the window at q
                const std::size_t b = q / 64;
                odd_block(b);
                q = std::max(i_, (b + 1) * 64);
            }
        }
        return q;
    }

    Token* dst() const { return dst_; }
    void set_dst(Token* dst) { dst_ = dst; }

  private:
    static constexpr std::size_t kNoWord = ~std::size_t{0};
    static constexpr std::uint64_t kSentence = std::uint64_t{1} << 32;

    void push(std::size_t begin, std::size_t end, std::uint64_t hash, char punct,
              std::uint16_t stem_len) {
        if (after_sentence_end_ && spaced_) {
            counts_ += kSentence;
        }
        put(dst_++, hash, begin, end, counts_,
            token_flags(stem_len, spaced_, punct,
                        punct == 0 && static_cast<unsigned char>(s_[begin] - 'A') < 26));
        counts_ += punct == 0;
        after_sentence_end_ = is_sentence_end(punct);
        spaced_ = false;
        word_end_ = punct == 0 ? end : kNoWord;
    }

    // A block with odd bytes: each byte that can start a token, lowest first, looked at.
    void odd_block(std::size_t b) {
        const std::size_t base = b * 64;
        const std::uint64_t w = blocks_[b].word;
        const std::uint64_t carry = b > 0 ? blocks_[b - 1].word >> 63 : 0;
        std::uint64_t starts = (w & ~((w << 1) | carry)) | (~w & ~blocks_[b].space);
        while (starts != 0) {
            const std::size_t at = base + static_cast<std::size_t>(std::countr_zero(starts));
            starts &= starts - 1;
            if (at < i_) {
                continue;  // inside the previous token
            }
            spaced_ = spaced_ || at != i_;
            i_ = at;
            if ((w >> (at % 64)) & 1u) {
                word();
            } else {
                other();
            }
        }
    }

    // The word starting at i (a word byte in the maps); i is left past it.
    void word() {
        const std::size_t begin = i_;
        i_ = std::min(next_clear(blocks_, count_, i_), n_);
        if (i_ < n_ && s_[i_] >= 0x80) {
            i_ = scan_word(s_, i_, n_);
        }
        word_tail(begin);
    }

    // The word from `begin` to i.
    void word_tail(std::size_t begin) {
        // Underscores inside a word join it ("snake_case"); at its edges they are markup
        // ("_Responsibilities_", "__init__"), which separates words like a space.
        std::size_t word_begin = begin;
        std::size_t end = i_;
        if (s_[word_begin] == '_' || s_[end - 1] == '_') {
            while (word_begin < end && s_[word_begin] == '_') {
                ++word_begin;
            }
            while (end > word_begin && s_[end - 1] == '_') {
                --end;
            }
            spaced_ = spaced_ || word_begin != begin;
            if (word_begin == end) {
                spaced_ = true;
                return;
            }
        }
        push(word_begin, end, hash_lowered(lowered_ + word_begin, end - word_begin), 0,
             stem_length(s_, word_begin, end));
        spaced_ = end != i_;
    }

    // The token (or skipped sequence) at i, a byte that is neither a word byte nor a space;
    // i is left past what it covers.
    void other() {
        const std::size_t begin = i_;
        if (s_[i_] >= 0x80) {
            std::size_t len = 1;
            char punct = 0;
            Kind kind =
                kClasses[s_[i_]] == kSpecial ? classify(s_, i_, n_, len, punct) : Kind::Word;
            if (kind == Kind::Space) {
                spaced_ = true;
                i_ += len;
                return;
            }
            // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN join two words like '-'
            // ("AI‑powered"); the dashes after them (U+2012…) stay punctuation.
            if (kind == Kind::Punct && punct == '-' && s_[i_ + 1] == 0x80 && s_[i_ + 2] <= 0x91 &&
                word_end_ == begin && i_ + len < n_ && kClasses[s_[i_ + len]] == kWord) {
                spaced_ = true;
                i_ += len;
                return;
            }
            if (kind == Kind::Punct) {
                push(i_, i_ + len, kPunctHashes[static_cast<unsigned char>(punct)], punct, 0);
                i_ += len;
                return;
            }
            i_ = scan_word(s_, i_ + 1, n_);
            word_tail(begin);
            return;
        }
        char c = static_cast<char>(s_[i_]);
        ++i_;
        // A hyphen between two words joins them like a space ("scikit-image").
        if (c == '-' && word_end_ == begin && i_ < n_ && kClasses[s_[i_]] == kWord) {
            spaced_ = true;
            return;
        }
        push(begin, i_, kPunctHashes[s_[begin]], c, 0);
    }

    // Windows of 64 bytes without odd bytes from position q on; returns the first window not
    // done. There a window's k-th token start (a word's first byte or a punctuation byte) pairs
    // with its k-th token end, both popped from bitmaps, and every field comes from bits or the
    // token's bytes without a branch. A window starts at a token start or a gap, and the next
    // one where the last word not ending in it begins, so that no word is cut.
    std::size_t plain_windows(std::size_t q, const Token* limit) {
        // The state in locals, so that it stays in registers.
        Token* dst = dst_;
        std::uint64_t counts = counts_;
        std::uint64_t sentence_end = after_sentence_end_;
        std::size_t i = i_;
        std::uint64_t spaced = spaced_;
        std::size_t word_end = word_end_;
        const unsigned char* const lowered = lowered_;

        for (; q < n_ && limit - dst >= 64;) {
            // Bits q .. q + 63 of a map, and bit q + 64.
            const Block& lo = blocks_[q / 64];
            const Block& hi = blocks_[q / 64 + 1];
            const unsigned r = q % 64;
            auto window = [r](std::uint64_t a, std::uint64_t b) {
                return (a >> r) | ((b << 1) << (63 - r));
            };
            if (window(lo.odd, hi.odd) != 0) {
                break;
            }
            const std::uint64_t w = window(lo.word, hi.word);
            const std::uint64_t space = window(lo.space, hi.space);
            const std::uint64_t hyphen = window(lo.hyphen, hi.hyphen);
            // A word whose last byte is the window's last continues if the next byte is a
            // word byte or an odd one (a UTF-8 letter classify must look at).
            const std::uint64_t next_word = (hi.word >> r) & 1;
            const std::uint64_t next_more = ((hi.word | hi.odd) >> r) & 1;
            // Hyphens between a word token and a word byte count as spaces.
            const std::uint64_t word_before = (w << 1) | (word_end == q);
            const std::uint64_t joins = hyphen & word_before & ((w >> 1) | (next_word << 63));
            const std::uint64_t punct = ~w & ~space & ~joins;
            // (No word runs into the window: byte q - 1 is not a word byte when byte q is.)
            std::uint64_t starts = (w & ~(w << 1)) | punct;
            std::uint64_t ends = (w & ~((w >> 1) | (next_more << 63))) | punct;
            // A token is spaced when the byte before it is a gap.
            const std::uint64_t spaced_bits = ((space | joins) << 1) | (spaced | (q != i));
            if (ends != 0) {
                const std::uint64_t all_ends = ends;
                do {
                    // (__builtin_ctzll: both are nonzero, so no test for zero.)
                    const unsigned p = static_cast<unsigned>(__builtin_ctzll(starts));
                    starts &= starts - 1;
                    const unsigned e = static_cast<unsigned>(__builtin_ctzll(ends)) + 1;
                    ends &= ends - 1;
                    const std::size_t begin = q + p;
                    const std::size_t end = q + e;
                    const std::uint64_t info = kPlainStart[s_[begin]];
                    const std::uint64_t token_spaced = (spaced_bits >> p) & 1u;
                    counts += (sentence_end & token_spaced) << 32;
                    std::uint64_t flags = (info & kFlagBits) | (token_spaced << 16);
                    if (static_cast<unsigned char>(lowered[end - 1] - '0') < 10) {
                        flags |= stem_length(lowered, begin, end);  // never punctuation
                    }
                    put(dst++, hash_lowered(lowered + begin, e - p), begin, end, counts, flags);
                    counts += info & 1;
                    sentence_end = (info >> 1) & 1;
                } while (ends != 0);
                // The last token ends at the highest end bit.
                const unsigned last = 63 - static_cast<unsigned>(std::countl_zero(all_ends));
                i = q + last + 1;
                word_end = (w >> last) & 1u ? i : kNoWord;
                spaced = 0;
            }
            const unsigned next = static_cast<unsigned>(std::countr_zero(starts));  // 64: none
            if (next != 0) {
                q += next;
                continue;
            }
            // A word of 64 bytes or more, or one that may go on in odd bytes.
            dst_ = dst;
            counts_ = counts;
            after_sentence_end_ = sentence_end != 0;
            spaced_ = spaced || q != i;
            i_ = q;
            word_end_ = word_end;
            word();
            dst = dst_;
            counts = counts_;
            sentence_end = after_sentence_end_;
            i = i_;
            spaced = spaced_;
            word_end = word_end_;
            q = i;
        }
        dst_ = dst;
        counts_ = counts;
        after_sentence_end_ = sentence_end != 0;
        i_ = i;
        spaced_ = spaced != 0;
        word_end_ = word_end;
        return q;
    }

    const unsigned char* s_;
    std::size_t n_;
    std::size_t count_;  // blocks
    const Block* blocks_;
    const unsigned char* lowered_;
    Token* dst_;
    const bool bytewise_;

    std::size_t i_ = 0;  // where the previous token (or skipped sequence) ended
    bool spaced_ = true;
    bool after_sentence_end_ = false;  // last token was '.', '!', '?' or ';'
    // Word tokens so far | sentence << 32: a token's word_index and sentence, in one word
    // (neither reaches 2^32: a token has a byte at least, and texts are shorter).
    std::uint64_t counts_ = 0;
    std::size_t word_end_ = kNoWord;  // the last token's end if it is a word (hyphens join)
};

}  // namespace

std::uint64_t hash_lower(std::string_view bytes) {
    return hash_bytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

namespace {

void tokenize_with(std::string_view text, Tokens& out, bool bytewise) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = std::min(text.size(), kMaxTextBytes);
    thread_local ByteMaps maps;
    maps.build(s, n);
    // Tokens go straight into `out` through a plain pointer (appending token by token would
    // reload its end pointer after every store); resizing it writes nothing (Tokens).
    out.resize(std::max<std::size_t>(out.capacity(), 128));
    Tokenizer tokenizer(s, n, maps, out.data(), bytewise);
    std::size_t q = 0;
    for (;;) {
        q = tokenizer.run(q, out.data() + out.size());
        if (q >= n) {
            break;
        }
        const std::size_t used = static_cast<std::size_t>(tokenizer.dst() - out.data());
        out.resize(std::max<std::size_t>(2 * out.size(), used + 128));
        tokenizer.set_dst(out.data() + used);
    }
    out.resize(static_cast<std::size_t>(tokenizer.dst() - out.data()));
}

}  // namespace

void tokenize(std::string_view text, Tokens& out) {
    tokenize_with(text, out, false);
}

void detail::tokenize_bytewise(std::string_view text, Tokens& out) {
    tokenize_with(text, out, true);
}

}  // namespace gigscout::text_tokens
