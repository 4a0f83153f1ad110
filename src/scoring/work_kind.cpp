#include "scoring/work_kind.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/ascii.h"
#include "taxonomy/text_tokens.h"

namespace gigscout {
namespace {

constexpr std::string_view kWritingSkills[] = {
    "copywriting",   "technical-writing", "academic-writing",  "creative-writing", "scriptwriting",
    "grant-writing", "resume-writing",    "content-marketing", "proofreading",
};
constexpr std::string_view kSalesSkills[] = {"sales", "lead-generation", "sales-enablement",
                                             "sales-funnels", "crm"};
constexpr std::string_view kRecruitingSkills[] = {"hr-recruiting", "hr-management"};
constexpr std::string_view kFinanceSkills[] = {"accounting", "financial-modeling", "cost-analysis",
                                               "bill-com"};
constexpr std::string_view kArtSkills[] = {"illustration", "graphic-design", "motion-graphics"};
constexpr std::string_view kSupportSkills[] = {"customer-support"};
constexpr std::string_view kMarketingSkills[] = {
    "digital-marketing",
    "social-media-marketing",
    "seo",
    "content-marketing",
    "email-marketing",
    "google-ads",
    "meta-ads",
    "marketing-automation",
    "b2b-marketing",
    "marketing-analytics",
    "copywriting",
};
constexpr std::string_view kAssistantSkills[] = {"virtual-assistance", "data-entry"};
constexpr std::string_view kTranslationSkills[] = {"translation", "transcription"};

constexpr std::array kKinds = {
    WorkKind{"writing", "a writer", kWritingSkills},
    WorkKind{"sales", "a salesperson", kSalesSkills},
    WorkKind{"recruiting", "a recruiter", kRecruitingSkills},
    WorkKind{"finance", "an accountant", kFinanceSkills},
    WorkKind{"art", "an artist", kArtSkills},
    WorkKind{"support", "a support agent", kSupportSkills},
    WorkKind{"marketing", "a marketer", kMarketingSkills},
    WorkKind{"assistant", "an assistant", kAssistantSkills},
    WorkKind{"translation", "a translator", kTranslationSkills},
};

// A role phrase (space-separated words) and the index of its kind in kKinds.
struct RolePhrase {
    std::string_view words;
    std::size_t kind;
};

constexpr RolePhrase kPhrases[] = {
    {"writer", 0},
    {"writers", 0},
    {"copywriter", 0},
    {"copywriters", 0},
    {"ghostwriter", 0},
    {"ghostwriters", 0},
    {"proofreader", 0},
    {"proofreaders", 0},
    {"blogger", 0},
    {"bloggers", 0},
    {"sales representative", 1},
    {"sales representatives", 1},
    {"sales rep", 1},
    {"sales reps", 1},
    {"sales executive", 1},
    {"sales executives", 1},
    {"sales manager", 1},
    {"sales associate", 1},
    {"sales agent", 1},
    {"sales agents", 1},
    {"account executive", 1},
    {"account executives", 1},
    {"account manager", 1},
    {"account managers", 1},
    {"partner manager", 1},
    {"partner managers", 1},
    {"sdr", 1},
    {"sdrs", 1},
    {"bdr", 1},
    {"business development representative", 1},
    {"sales development representative", 1},
    {"recruiter", 2},
    {"recruiters", 2},
    {"sourcer", 2},
    {"talent acquisition", 2},
    {"accountant", 3},
    {"accountants", 3},
    {"bookkeeper", 3},
    {"bookkeepers", 3},
    {"cfo", 3},
    {"auditor", 3},
    {"auditors", 3},
    {"artist", 4},
    {"artists", 4},
    {"illustrator", 4},
    {"illustrators", 4},
    {"animator", 4},
    {"animators", 4},
    {"support specialist", 5},
    {"support specialists", 5},
    {"support agent", 5},
    {"support agents", 5},
    {"support representative", 5},
    {"customer service representative", 5},
    {"customer success manager", 5},
    {"customer success managers", 5},
    {"customer success specialist", 5},
    {"customer success specialists", 5},
    {"customer success lead", 5},
    {"customer success associate", 5},
    {"customer success representative", 5},
    {"marketer", 6},
    {"marketers", 6},
    {"marketing manager", 6},
    {"marketing specialist", 6},
    {"social media manager", 6},
    {"media buyer", 6},
    {"virtual assistant", 7},
    {"executive assistant", 7},
    {"administrative assistant", 7},
    {"personal assistant", 7},
    {"translator", 8},
    {"translators", 8},
    {"transcriber", 8},
    {"transcribers", 8},
    {"transcriptionist", 8},
};
constexpr std::size_t kSalesKind = 1;

// Nouns of engineering roles: after a kind's noun they make the job engineering again.
constexpr std::string_view kEngineeringNouns[] = {
    "engineer",   "engineers",   "developer", "developers", "programmer", "programmers",
    "scientist",  "scientists",  "architect", "architects", "analyst",    "analysts",
    "researcher", "researchers", "devops",    "sre",
};

// A title token: a run of ASCII letters and digits, or a separator of its parts.
struct Token {
    std::string_view text;
    bool separator;
    // text_tokens::hash_lower of the word (0 for a separator): titles are scored for every
    // listing, so each word is looked up by hash rather than compared with every role noun.
    std::uint64_t hash;
};

// A word a title is looked up by: the first word of a role phrase, or an engineering noun.
struct IndexEntry {
    std::uint64_t hash;
    const RolePhrase* phrase;  // null for an engineering noun
    std::string_view word;
};

struct WordIndex {
    std::vector<IndexEntry> entries;  // sorted by hash
    std::uint64_t sales = text_tokens::hash_lower("sales");

    WordIndex() {
        for (const RolePhrase& p : kPhrases) {
            std::string_view first = p.words.substr(0, p.words.find(' '));
            entries.push_back({text_tokens::hash_lower(first), &p, first});
        }
        for (std::string_view noun : kEngineeringNouns) {
            entries.push_back({text_tokens::hash_lower(noun), nullptr, noun});
        }
        std::sort(entries.begin(), entries.end(),
                  [](const IndexEntry& a, const IndexEntry& b) { return a.hash < b.hash; });
    }
};

const WordIndex& word_index() {
    static const WordIndex index;
    return index;
}

// Separators of a title's parts ("Sales | Remote", "Sales - EMEA", "(Sales)"): after one, a
// bare "Sales" ends its part.
bool separator_byte(char c) {
    return c == '|' || c == '-' || c == '(' || c == ')' || c == ',' || c == ':' || c == '/' ||
           c == '&' || c == '[' || c == ']';
}

constexpr std::size_t kMaxTokens = 64;  // titles are far shorter; the rest is not read

std::size_t tokenize(std::string_view title, std::array<Token, kMaxTokens>& out) {
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < title.size() && n < kMaxTokens) {
        const char c = title[i];
        if (ascii::is_alnum(c)) {
            std::size_t start = i;
            while (i < title.size() && ascii::is_alnum(title[i])) {
                ++i;
            }
            std::string_view word = title.substr(start, i - start);
            out[n++] = {word, false, text_tokens::hash_lower(word)};
        } else if (separator_byte(c)) {
            out[n++] = {title.substr(i, 1), true, 0};
            ++i;
        } else if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < title.size() &&
                   static_cast<unsigned char>(title[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(title[i + 2]) == 0x93 ||
                    static_cast<unsigned char>(title[i + 2]) == 0x94)) {
            out[n++] = {title.substr(i, 3), true, 0};  // en and em dashes
            i += 3;
        } else {
            ++i;
        }
    }
    return n;
}

// The number of tokens `phrase` covers from `at`, or 0 when it is not there.
std::size_t phrase_at(const std::array<Token, kMaxTokens>& toks, std::size_t n, std::size_t at,
                      std::string_view phrase) {
    std::size_t k = at;
    while (!phrase.empty()) {
        std::size_t space = phrase.find(' ');
        std::string_view word = phrase.substr(0, space);
        if (k >= n || toks[k].separator || !ascii::iequals(toks[k].text, word)) {
            return 0;
        }
        ++k;
        phrase = space == std::string_view::npos ? std::string_view{} : phrase.substr(space + 1);
    }
    return k - at;
}

}  // namespace

std::span<const WorkKind> work_kinds() {
    return kKinds;
}

const WorkKind* work_kind_of_title(std::string_view title) {
    std::array<Token, kMaxTokens> toks;
    const std::size_t n = tokenize(title, toks);
    const WordIndex& index = word_index();
    const WorkKind* last = nullptr;
    std::size_t i = 0;
    while (i < n) {
        if (toks[i].separator) {
            ++i;
            continue;
        }
        auto [from, to] = std::equal_range(
            index.entries.begin(), index.entries.end(), IndexEntry{toks[i].hash, nullptr, {}},
            [](const IndexEntry& a, const IndexEntry& b) { return a.hash < b.hash; });
        std::size_t covered = 0;
        std::size_t kind = 0;
        bool engineering = false;
        for (auto it = from; it != to; ++it) {
            if (it->phrase == nullptr) {
                engineering = engineering || ascii::iequals(toks[i].text, it->word);
                continue;
            }
            std::size_t len = phrase_at(toks, n, i, it->phrase->words);
            if (len > covered) {
                covered = len;
                kind = it->phrase->kind;
            }
        }
        // A bare "Sales" names the role only where its part of the title ends ("Enterprise
        // Platform Sales"); before a noun it is a modifier ("Sales Dashboard").
        if (covered == 0 && toks[i].hash == index.sales && ascii::iequals(toks[i].text, "sales") &&
            (i + 1 == n || toks[i + 1].separator)) {
            covered = 1;
            kind = kSalesKind;
        }
        if (covered > 0) {
            last = &kKinds[kind];
            i += covered;
            continue;
        }
        if (engineering) {
            last = nullptr;
        }
        ++i;
    }
    return last;
}

}  // namespace gigscout
