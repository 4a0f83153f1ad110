#include "scoring/keyword_matcher.h"

#include <gtest/gtest.h>

#include <cctype>
#include <random>

#include "scoring_fixtures.h"

namespace gigscout {
namespace {

using testing::test_taxonomy;

bool found(std::string_view keyword, std::string_view text) {
    return KeywordMatcher(keyword, test_taxonomy()).found_in(text);
}

TEST(KeywordMatcher, FindsWholeWordsIgnoringCase) {
    EXPECT_TRUE(found("unpaid", "This is an UNPAID trial."));
    EXPECT_TRUE(found("unpaid", "unpaid"));
    EXPECT_TRUE(found("data entry", "Simple data entry work"));
    EXPECT_TRUE(found("Data Entry", "simple DATA ENTRY"));
    EXPECT_FALSE(found("data entry", "data  entry"));  // the text as written
    EXPECT_FALSE(found("press", "WordPress site"));
    EXPECT_FALSE(found("word", "WordPress site"));
    EXPECT_FALSE(found("cv", "cvs"));
    EXPECT_FALSE(found("caf", "café"));              // a non-ASCII letter continues the word
    EXPECT_TRUE(found("c++", "Modern C++17 code"));  // an edge that is not a letter
    EXPECT_TRUE(found("node.js", "Node.js, React"));
    EXPECT_FALSE(found("unpaid", ""));
    EXPECT_FALSE(found("unpaid", "unpai"));
}

TEST(KeywordMatcher, SaysWhetherItIsFoundInTheTitleOrTagsOrOnlyInTheDescription) {
    Listing l;
    l.title = "Invoice OCR";
    l.tags = {"Document AI"};
    l.description = "Extract tables with care. Some object detection.";
    l.skills = {{"object-detection", SkillOrigin::Description}, {"opencv", SkillOrigin::Tag}};
    auto where = [&](std::string_view keyword) {
        return KeywordMatcher(keyword, test_taxonomy()).found_where(l);
    };
    EXPECT_EQ(where("ocr"), SkillOrigin::Title);
    EXPECT_EQ(where("document ai"), SkillOrigin::Title);
    EXPECT_EQ(where("tables"), SkillOrigin::Description);
    EXPECT_EQ(where("tables|invoice"), SkillOrigin::Title);  // the strongest alternative
    // Keywords naming a skill are looked up among the extracted skills, with their origin.
    EXPECT_EQ(where("object detection"), SkillOrigin::Description);
    EXPECT_EQ(where("cv2"), SkillOrigin::Title);
    EXPECT_EQ(where("react"), std::nullopt);
    EXPECT_EQ(where("drone"), std::nullopt);
}

// A skill named as a role ("DevOps Engineer") is what a user searching "devops" looks for: where
// its words stand decides.
TEST(KeywordMatcher, ATermNamedAsARoleIsFoundWhereItsWordsStand) {
    Listing l;
    l.title = "Senior Docker Engineer";
    l.description = "Terraform and Kubernetes.";
    l.skills = {{"docker", SkillOrigin::Role}};
    EXPECT_EQ(KeywordMatcher("docker", test_taxonomy()).found_where(l), SkillOrigin::Title);
    l.title = "Platform engineer";
    l.description = "Work with our Docker team on Terraform.";
    EXPECT_EQ(KeywordMatcher("docker", test_taxonomy()).found_where(l), SkillOrigin::Description);
}

TEST(KeywordMatcher, AlternativesAreSeparatedByBars) {
    EXPECT_TRUE(found("pytorch|tensorflow", "We use TensorFlow"));
    EXPECT_TRUE(found(" pytorch | tensorflow ", "pytorch"));
    EXPECT_FALSE(found("pytorch|tensorflow", "We use JAX"));
    EXPECT_EQ(KeywordMatcher(" pytorch | tensorflow ", test_taxonomy()).keyword(),
              "pytorch | tensorflow");
}

TEST(KeywordMatcher, MatchesTitleTagsDescriptionOrExtractedSkills) {
    Listing l;
    l.title = "Vision engineer";
    l.tags = {"Edge AI"};
    l.description = "Ship models to cameras.";
    l.skills = {{"computer-vision", SkillOrigin::Title}};
    EXPECT_TRUE(KeywordMatcher("vision engineer", test_taxonomy()).matches(l));
    EXPECT_TRUE(KeywordMatcher("edge ai", test_taxonomy()).matches(l));
    EXPECT_TRUE(KeywordMatcher("cameras", test_taxonomy()).matches(l));
    // "Computer Vision" is nowhere in the text, but it is the listing's extracted skill.
    EXPECT_TRUE(KeywordMatcher("Computer Vision", test_taxonomy()).matches(l));
    EXPECT_FALSE(KeywordMatcher("opencv", test_taxonomy()).matches(l));
}

// The skip search agrees with a plain scan on random texts full of near misses.
TEST(KeywordMatcher, AgreesWithANaiveSearch) {
    auto naive = [](std::string_view needle, std::string_view text) {
        auto lower = [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        };
        auto word = [](char c) {
            auto u = static_cast<unsigned char>(c);
            return std::isalnum(u) || u >= 0x80;
        };
        for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
            bool same = true;
            for (std::size_t j = 0; j < needle.size() && same; ++j) {
                same = lower(text[i + j]) == lower(needle[j]);
            }
            if (same && (i == 0 || !word(text[i - 1])) &&
                (i + needle.size() == text.size() || !word(text[i + needle.size()]))) {
                return true;
            }
        }
        return false;
    };
    std::mt19937 rng(42);
    const std::string alphabet = "abAB ";
    int agreed_true = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string needle;
        for (std::size_t i = 0, n = 1 + rng() % 4; i < n; ++i) {
            needle += "abab"[rng() % 4];
        }
        std::string text;
        for (std::size_t i = 0, n = rng() % 40; i < n; ++i) {
            text += alphabet[rng() % alphabet.size()];
        }
        bool expected = naive(needle, text);
        ASSERT_EQ(found(needle, text), expected)
            << "needle \"" << needle << "\" text \"" << text << "\"";
        agreed_true += expected ? 1 : 0;
    }
    EXPECT_GT(agreed_true, 100);  // the random cases exercise matches, not only misses
}

}  // namespace
}  // namespace gigscout
