#include "taxonomy/text_tokens.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace gigscout::text_tokens {
namespace {

std::vector<std::string> pieces(std::string_view text) {
    Tokens tokens;
    tokenize(text, tokens);
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        std::string s(text.substr(t.begin, t.end - t.begin));
        out.push_back((t.spaced ? "_" : "") + s);
    }
    return out;
}

std::vector<std::uint64_t> hashes(std::string_view text) {
    Tokens tokens;
    tokenize(text, tokens);
    std::vector<std::uint64_t> out;
    for (const auto& t : tokens) {
        out.push_back(t.hash);
    }
    return out;
}

TEST(TextTokens, WordsAndPunctuationAreSeparateTokensWithSpacingRemembered) {
    EXPECT_EQ(
        pieces("Node.js, C++ and C#"),
        (std::vector<std::string>{"_Node", ".", "js", ",", "_C", "+", "+", "_and", "_C", "#"}));
}

TEST(TextTokens, HyphenBetweenWordsJoinsLikeASpace) {
    EXPECT_EQ(pieces("scikit-image go-to-market"),
              (std::vector<std::string>{"_scikit", "_image", "_go", "_to", "_market"}));
    // Not between two words: a token of its own.
    EXPECT_EQ(pieces("C- and x -y"),
              (std::vector<std::string>{"_C", "-", "_and", "_x", "_-", "y"}));
    // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN join words too ("AI‑powered"); an en dash
    // (U+2013) between words is punctuation.
    EXPECT_EQ(
        pieces("AI\xE2\x80\x91powered real\xE2\x80\x90time 9\xE2\x80\x93"
               "5"),
        (std::vector<std::string>{"_AI", "_powered", "_real", "_time", "_9", "\xE2\x80\x93", "5"}));
    EXPECT_EQ(pieces("x\xE2\x80\x91"), (std::vector<std::string>{"_x", "\xE2\x80\x91"}));
}

TEST(TextTokens, TypographicPunctuationFoldsToAsciiAndSymbolsSeparate) {
    Tokens tokens;
    std::string text =
        "Let\xE2\x80\x99s go\xE2\x80\x94Python\xC2\xA0\xF0\x9F\x9A\x80Rust\xE2\x80\xA2Go";
    tokenize(text, tokens);
    ASSERT_EQ(tokens.size(), 8u);
    EXPECT_EQ(tokens[1].punct, '\'');
    EXPECT_EQ(tokens[1].hash, hash_lower("'"));
    EXPECT_EQ(tokens[4].punct, '-');
    EXPECT_EQ(text.substr(tokens[5].begin, tokens[5].end - tokens[5].begin), "Python");
    EXPECT_EQ(text.substr(tokens[6].begin, tokens[6].end - tokens[6].begin), "Rust");
    EXPECT_TRUE(tokens[6].spaced);  // no-break space and emoji count as spaces
    EXPECT_EQ(text.substr(tokens[7].begin, tokens[7].end - tokens[7].begin), "Go");
}

TEST(TextTokens, AccentedLettersStayInsideWords) {
    EXPECT_EQ(pieces("Müller naïve café"),
              (std::vector<std::string>{"_Müller", "_naïve", "_café"}));
}

TEST(TextTokens, HashIgnoresAsciiCase) {
    Tokens a;
    Tokens b;
    tokenize("PyTorch", a);
    tokenize("pytorch", b);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].hash, b[0].hash);
    EXPECT_EQ(a[0].hash, hash_lower("PYTORCH"));
}

TEST(TextTokens, SpacingIsPartOfTheSequenceHash) {
    Tokens glued;
    Tokens spaced;
    tokenize("node.js", glued);
    tokenize("node . js", spaced);
    std::uint64_t g = glued[0].hash;
    std::uint64_t s = spaced[0].hash;
    for (std::size_t i = 1; i < 3; ++i) {
        g = extend(g, glued[i]);
        s = extend(s, spaced[i]);
    }
    EXPECT_NE(g, s);
}

TEST(TextTokens, StemLengthMarksAVersionGluedToAName) {
    Tokens tokens;
    tokenize("YOLOv8 python3 ec2 h264 2024 3D", tokens);
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_EQ(tokens[0].stem_len, 5);  // "YOLOv"
    EXPECT_EQ(tokens[1].stem_len, 6);  // "python"
    EXPECT_EQ(tokens[2].stem_len, 2);  // "ec"
    EXPECT_EQ(tokens[3].stem_len, 0);  // one letter before the digits
    EXPECT_EQ(tokens[4].stem_len, 0);
    EXPECT_EQ(tokens[5].stem_len, 0);
}

TEST(TextTokens, SentencesEndAtFullStopsFollowedBySpace) {
    Tokens tokens;
    tokenize("Use Node.js today. Then Go; or R", tokens);
    std::vector<std::uint32_t> sentences;
    for (const auto& t : tokens) {
        sentences.push_back(t.sentence);
    }
    EXPECT_EQ(sentences, (std::vector<std::uint32_t>{0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2}));
}

TEST(TextTokens, EmptyAndSeparatorOnlyTextsHaveNoTokens) {
    Tokens tokens{Token{}};
    tokenize("", tokens);
    EXPECT_TRUE(tokens.empty());
    tokenize(" \t\n\xC2\xA0 ", tokens);
    EXPECT_TRUE(tokens.empty());
}

// Job boards turn emphasis into "_Responsibilities_": underscores at a word's edges are markup,
// inside a word they join it.
TEST(TextTokens, UnderscoresAtAWordsEdgesSeparateLikeSpaces) {
    EXPECT_EQ(pieces("_What you'll do:_ _Docker_, snake_case __init__ ___ x"),
              (std::vector<std::string>{"_What", "_you", "'", "ll", "_do", ":", "_Docker", "_,",
                                        "_snake_case", "_init", "_x"}));
    EXPECT_EQ(hashes("_Minimum Qualifications_"), hashes("Minimum Qualifications"));
    Tokens tokens;
    tokenize("_Minimum", tokens);
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_TRUE(tokens[0].capital);
}

TEST(TextTokens, TruncatedUtf8AtTheEndIsKeptAsPartOfAWord) {
    Tokens tokens;
    std::string text = "Python\xE2\x80";  // a cut-off dash
    tokenize(text, tokens);
    ASSERT_EQ(tokens.size(), 1u);
    EXPECT_EQ(tokens[0].end, text.size());
}

// Reference tokenizer for ASCII text, written from the definition in text_tokens.h.
struct RefToken {
    std::size_t begin, end;
    bool spaced;
    char punct;
    bool operator==(const RefToken&) const = default;
};

bool ref_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::vector<RefToken> reference_tokens(const std::string& s) {
    std::vector<RefToken> out;
    bool spaced = true;
    for (std::size_t i = 0; i < s.size();) {
        char c = s[i];
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            spaced = true;
            ++i;
        } else if (ref_word_byte(c)) {
            std::size_t j = i;
            while (j < s.size() && ref_word_byte(s[j])) {
                ++j;
            }
            // Underscores at a word's edges are markup, read as spaces.
            std::size_t b = i;
            std::size_t e = j;
            while (b < e && s[b] == '_') {
                ++b;
            }
            while (e > b && s[e - 1] == '_') {
                --e;
            }
            if (b == e) {
                spaced = true;
            } else {
                out.push_back({b, e, spaced || b != i, 0});
                spaced = e != j;
            }
            i = j;
        } else if (c == '-' && !out.empty() && out.back().end == i && out.back().punct == 0 &&
                   i + 1 < s.size() && ref_word_byte(s[i + 1])) {
            spaced = true;
            ++i;
        } else {
            out.push_back({i, i + 1, spaced, c});
            spaced = false;
            ++i;
        }
    }
    return out;
}

TEST(TextTokens, AgreesWithAByteByByteReferenceOnRandomAsciiText) {
    std::mt19937 rng(7);
    const std::string alphabet = "aZ9_ x-.+#/\t\n,;:!?()Go";
    Tokens tokens;
    for (int round = 0; round < 400; ++round) {
        std::string text(rng() % 300, ' ');
        for (char& c : text) {
            c = alphabet[rng() % alphabet.size()];
        }
        tokenize(text, tokens);
        std::vector<RefToken> got;
        for (const auto& t : tokens) {
            got.push_back({t.begin, t.end, t.spaced, t.punct});
        }
        ASSERT_EQ(got, reference_tokens(text)) << "text: " << text;
    }
}

// Every field of every token.
bool same_tokens(const Tokens& a, const Tokens& b) {
    auto fields = [](const Token& t) {
        return std::tuple(t.hash, t.begin, t.end, t.word_index, t.sentence, t.stem_len, t.spaced,
                          t.punct, t.capital);
    };
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [&](const Token& x, const Token& y) { return fields(x) == fields(y); });
}

TEST(TextTokens, BitmapWindowsAgreeWithTheByteByByteReading) {
    // Texts of pieces that reach every path: ASCII words and punctuation, joining hyphens,
    // underscores, versions, UTF-8 letters, spaces, dashes, quotes and emoji, sequences cut
    // short or invalid; mostly-ASCII texts take the bitmap windows, the rest the bytewise path
    // in places; lengths around the 64-byte blocks.
    const std::vector<std::string> pieces = {
        "a",
        "Z",
        "x",
        "7",
        "_",
        "-",
        ".",
        "!",
        "?",
        ";",
        ",",
        "'",
        "(",
        "/",
        " ",
        " ",
        "\t",
        "\n",
        "\x01",
        "\x7f",
        "\xC3\xA9",
        "\xD0\x96",
        "\xE4\xB8\xAD",
        "\xC2\xA0",
        "\xC2\xAB",
        "\xE2\x80\x90",
        "\xE2\x80\x91",
        "\xE2\x80\x94",
        "\xE2\x80\x99",
        "\xE2\x80\x9C",
        "\xE2\x80\xA6",
        "\xE2\x80\xA2",
        "\xE3\x80\x80",
        "\xEF\xBB\xBF",
        "\xF0\x9F\x98\x80",
        "\xC2",
        "\xE2\x80",
        "\xF0\x9F",
        "\x80",
        "\xFF",
        "python3",
        "yolov8",
        "__init__",
        "scikit-image",
        "Node.js",
        "C++",
        "e.g. ",
        ". ",
        "Internationalization",
        "snake_case",
        "a-\xC3\xA9",
        "x\xE2\x80\x91y",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123"};
    std::mt19937 rng(17);
    Tokens windows;
    Tokens bytewise;
    for (int round = 0; round < 20000; ++round) {
        const std::size_t target =
            round % 2 == 0 ? rng() % 300 : 64 * (1 + rng() % 4) - 3 + rng() % 7;
        const bool ascii = rng() % 2 == 0;
        std::string text;
        while (text.size() < target) {
            text += pieces[ascii && rng() % 8 != 0 ? rng() % 16 : rng() % pieces.size()];
        }
        if (rng() % 2 == 0) {
            text.resize(target);  // may cut a UTF-8 sequence at the very end
        }
        tokenize(text, windows);
        detail::tokenize_bytewise(text, bytewise);
        ASSERT_TRUE(same_tokens(windows, bytewise)) << "text: " << text;
    }
}

TEST(TextTokens, TokenHashIsTheHashOfItsBytesWhereverTheWordSits) {
    // Words of every length, in every position relative to 8- and 64-byte boundaries and the
    // end of the text, with mixed case and UTF-8 letters.
    std::mt19937 rng(11);
    const std::vector<std::string> pieces = {"a", "B", "z", "Q", "7", "_", "é", "Ü"};
    Tokens tokens;
    for (int round = 0; round < 300; ++round) {
        std::string text(rng() % 70, ' ');
        std::string word;
        std::size_t len = 1 + rng() % 40;
        for (std::size_t k = 0; k < len; ++k) {
            word += pieces[rng() % pieces.size()];
        }
        // Underscores inside the word only: at its edges they are markup.
        if (word.front() == '_') {
            word.insert(0, "a");
        }
        if (word.back() == '_') {
            word += "a";
        }
        text += word;
        if (rng() % 2 == 0) {
            text += " tail";
        }
        tokenize(text, tokens);
        ASSERT_FALSE(tokens.empty());
        const Token& t = tokens[0];
        ASSERT_EQ(text.substr(t.begin, t.end - t.begin), word);
        EXPECT_EQ(t.hash, hash_lower(word)) << word;
        std::string lower_word;
        for (char c : word) {
            lower_word += lower(c);
        }
        EXPECT_EQ(t.hash, hash_lower(lower_word)) << word;
    }
}

}  // namespace
}  // namespace gigscout::text_tokens
