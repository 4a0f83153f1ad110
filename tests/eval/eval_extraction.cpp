// Measures skill extraction quality on two yardsticks:
//  1. tests/eval/extraction.json — listing texts labelled by hand with the canonical skills a
//     careful reader finds in them: micro precision and recall;
//  2. the real platform responses in ../shared/fixtures (when present) — how many of the
//     platforms' own skill tags that resolve to a known skill the text extraction recovers
//     from title + description ("recall vs tags"); tags are noisy, so this is only reported.
//
//   gigscout-eval-extraction [--set FILE [--texts FILE]] [--fixtures DIR | --no-fixtures]
//                            [--verbose] [--spans]  (--spans: every miss, and every false match in
//                            its words)
//                            [--hits]  (--hits: every match, labelled or not, as the words it
//                            matched: "case 3 hit|false react: React.js")
//                            [--min-precision P] [--min-recall R]
//                            [--taxonomy FILE]  (another taxonomy: compares a change of the
//                            project's file against the file as it was)
// Exits 1 when a minimum is not met (the ctest test uses this), 2 on bad input.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "base/utf8.h"
#include "taxonomy/skill_extractor.h"
#include "taxonomy/taxonomy.h"

namespace fs = std::filesystem;
using namespace gigscout;

namespace {

struct Options {
    fs::path set = fs::path(GIGSCOUT_TESTS_DIR) / "eval" / "extraction.json";
    std::optional<fs::path> fixtures;
    // id -> text for sets that name postings by id instead of holding their text
    // (tests/eval/real_texts.py writes it from ../shared/fixtures; docs/eval.md).
    std::optional<fs::path> texts;
    fs::path taxonomy = fs::path(GIGSCOUT_SOURCE_DIR) / "resources" / "taxonomy.json";
    bool no_fixtures = false;
    bool verbose = false;
    bool spans = false;  // every spurious match with the words around it
    bool hits = false;   // every match and its verdict: which spellings of a skill mislead
    double min_precision = 0;
    double min_recall = 0;
};

struct Case {
    std::string text;
    std::vector<std::string> skills;
    // Skills the text names that the taxonomy lacks ("unknown": ["EDI", "Jotai"]), counted for
    // the recall over every named skill.
    std::size_t unknown = 0;
};

[[noreturn]] void fail_input(const std::string& message) {
    std::fprintf(stderr, "gigscout-eval-extraction: %s\n", message.c_str());
    std::exit(2);
}

// The texts of a set that names postings by id: a JSON array of {"id", "text", ...}.
std::map<std::string, std::string> load_texts(const fs::path& file) {
    auto text = read_text_file(file);
    if (!text.ok()) {
        fail_input(text.error().message);
    }
    auto doc = json::parse(text.value(), file.string());
    if (!doc.ok()) {
        fail_input(doc.error().message);
    }
    const auto& root = doc.value();
    if (!root.IsArray()) {
        fail_input(file.string() + ": expected an array of {\"id\", \"text\"}");
    }
    std::map<std::string, std::string> texts;
    for (const auto& v : root.GetArray()) {
        if (v.IsObject() && v.HasMember("id") && v["id"].IsString() && v.HasMember("text") &&
            v["text"].IsString()) {
            texts[v["id"].GetString()] = v["text"].GetString();
        }
    }
    return texts;
}

std::vector<Case> load_set(const fs::path& file, const Taxonomy& taxonomy,
                           const std::map<std::string, std::string>* texts) {
    auto text = read_text_file(file);
    if (!text.ok()) {
        fail_input(text.error().message);
    }
    auto doc = json::parse(text.value(), file.string());
    if (!doc.ok()) {
        fail_input(doc.error().message);
    }
    const auto& root = doc.value();
    if (!root.IsArray()) {
        fail_input(file.string() + ": expected an array of {\"text\", \"skills\"}");
    }
    std::vector<Case> cases;
    for (rapidjson::SizeType i = 0; i < root.Size(); ++i) {
        json::FieldReader r(root[i], "");
        r.reject_unknown({"text", "id", "skills", "note", "source", "unknown"});
        auto t = r.string("text");
        auto id = r.string("id");
        const auto* skills = r.array("skills", json::FieldReader::Required);
        const auto* unknown = r.array("unknown");
        if (!r.ok()) {
            fail_input(file.string() + ": case " + std::to_string(i) + ": " + r.error()->message);
        }
        std::string body;
        if (t) {
            body = *t;
        } else if (id && texts != nullptr) {
            auto found = texts->find(*id);
            if (found == texts->end()) {
                fail_input(file.string() + ": case " + std::to_string(i) + ": no text for `" + *id +
                           "` in the texts file");
            }
            body = found->second;
        } else {
            fail_input(file.string() + ": case " + std::to_string(i) +
                       ": needs \"text\", or \"id\" and --texts FILE");
        }
        Case c{body, {}, unknown != nullptr ? unknown->Size() : 0};
        for (const auto& s : skills->GetArray()) {
            std::string id = s.IsString() ? s.GetString() : "";
            if (taxonomy.find(id) == nullptr) {
                fail_input(file.string() + ": case " + std::to_string(i) + ": `" + id +
                           "` is not a skill id of the taxonomy");
            }
            c.skills.push_back(id);
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

// Text of an HTML fragment: tags become spaces, common entities are decoded.
std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size();) {
        char c = html[i];
        if (c == '<') {
            std::size_t close = html.find('>', i);
            if (close == std::string_view::npos) {
                break;
            }
            out.push_back(' ');
            i = close + 1;
            continue;
        }
        if (c == '&') {
            std::size_t semi = html.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 10) {
                std::string_view name = html.substr(i + 1, semi - i - 1);
                unsigned long cp = 0;
                if (name == "amp") {
                    cp = '&';
                } else if (name == "lt") {
                    cp = '<';
                } else if (name == "gt") {
                    cp = '>';
                } else if (name == "quot") {
                    cp = '"';
                } else if (name == "apos") {
                    cp = '\'';
                } else if (name == "nbsp") {
                    cp = ' ';
                } else if (name.size() > 1 && name[0] == '#') {
                    bool hex = name[1] == 'x' || name[1] == 'X';
                    std::string digits(name.substr(hex ? 2 : 1));
                    cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
                }
                if (cp > 0 && cp < 0x110000) {
                    if (cp < 0x80) {
                        out.push_back(static_cast<char>(cp));
                    } else if (cp < 0x800) {
                        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
                        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                    } else if (cp < 0x10000) {
                        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
                        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                    } else {
                        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
                        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
                        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
                    }
                    i = semi + 1;
                    continue;
                }
            }
        }
        out.push_back(c);
        ++i;
    }
    return out;
}

// RemoteOK's text is UTF-8 that was read as Latin-1 and encoded again ("â\u0080\u0099" for ’):
// when every code point fits a byte and those bytes are valid UTF-8, they are the real text.
std::string repair_mojibake(const std::string& s) {
    std::string bytes;
    bool changed = false;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            bytes.push_back(static_cast<char>(c));
            ++i;
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size()) {
            bytes.push_back(static_cast<char>(((c & 0x1F) << 6) |
                                              (static_cast<unsigned char>(s[i + 1]) & 0x3F)));
            changed = true;
            i += 2;
        } else {
            return s;
        }
    }
    return changed && utf8::is_valid(bytes) ? bytes : s;
}

struct FixtureListing {
    std::string text;  // title + description, plain text
    std::vector<std::string> tags;
};

// The platform tags of one fixture file, per listing. Unknown layouts yield nothing.
std::vector<FixtureListing> read_fixture(const std::string& source, const rapidjson::Value& root) {
    std::vector<FixtureListing> out;
    auto str = [](const rapidjson::Value& obj, const char* key) -> std::string {
        auto it = obj.FindMember(key);
        return it != obj.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
    };
    auto strings = [](const rapidjson::Value& obj, const char* key) {
        std::vector<std::string> v;
        auto it = obj.FindMember(key);
        if (it != obj.MemberEnd() && it->value.IsArray()) {
            for (const auto& e : it->value.GetArray()) {
                if (e.IsString()) {
                    v.emplace_back(e.GetString());
                }
            }
        }
        return v;
    };
    auto array_of = [](const rapidjson::Value& obj, const char* key) -> const rapidjson::Value* {
        if (!obj.IsObject()) {
            return nullptr;
        }
        auto it = obj.FindMember(key);
        return it != obj.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
    };
    auto add = [&](std::string title, const std::string& description,
                   std::vector<std::string> tags) {
        for (auto& t : tags) {
            t = html_to_text(t);
        }
        out.push_back({html_to_text(title) + "\n" + html_to_text(description), std::move(tags)});
    };

    if (source == "remoteok" && root.IsArray()) {
        for (const auto& j : root.GetArray()) {
            if (j.IsObject() && j.HasMember("position")) {
                add(repair_mojibake(str(j, "position")), repair_mojibake(str(j, "description")),
                    strings(j, "tags"));
            }
        }
    } else if (source == "freelancer" && root.IsArray()) {
        for (const auto& j : root.GetArray()) {
            if (!j.IsObject()) {
                continue;
            }
            std::vector<std::string> tags;
            if (const auto* jobs = array_of(j, "jobs")) {
                for (const auto& job : jobs->GetArray()) {
                    if (job.IsObject()) {
                        tags.push_back(str(job, "name"));
                    }
                }
            }
            std::string description = str(j, "description");
            add(str(j, "title"), description.empty() ? str(j, "preview_description") : description,
                tags);
        }
    } else if (const auto* jobs = array_of(root, source == "arbeitnow" ? "data" : "jobs")) {
        for (const auto& j : jobs->GetArray()) {
            if (!j.IsObject()) {
                continue;
            }
            if (source == "remotive" || source == "arbeitnow") {
                add(str(j, "title"), str(j, "description"), strings(j, "tags"));
            } else if (source == "himalayas") {
                add(str(j, "title"), str(j, "description"), strings(j, "categories"));
            } else if (source == "jobicy") {
                add(str(j, "jobTitle"), str(j, "jobDescription"), strings(j, "jobIndustry"));
            }
        }
    }
    return out;
}

std::optional<fs::path> default_fixtures() {
    const char* env = std::getenv("GIGSCOUT_SHARED");
    fs::path shared =
        env != nullptr && *env != '\0' ? fs::path(env) : fs::path(GIGSCOUT_SHARED_DIR);
    std::error_code ec;
    if (fs::is_directory(shared / "fixtures", ec)) {
        return (shared / "fixtures").lexically_normal();
    }
    return std::nullopt;
}

void report_fixtures(const fs::path& dir, const SkillExtractor& extractor, bool verbose) {
    std::printf("platform tags (recall vs tags) in %s:\n", dir.string().c_str());
    std::size_t all_mapped = 0;
    std::size_t all_found = 0;
    std::map<std::string, int> missed;
    const char* sources[] = {"remoteok",  "freelancer", "remotive",
                             "himalayas", "jobicy",     "arbeitnow"};
    for (const char* source : sources) {
        std::error_code ec;
        if (!fs::is_directory(dir / source, ec)) {
            continue;
        }
        for (const auto& entry : fs::directory_iterator(dir / source)) {
            if (entry.path().extension() != ".json") {
                continue;
            }
            auto text = read_text_file(entry.path());
            if (!text.ok()) {
                std::printf("  %s: %s\n", source, text.error().message.c_str());
                continue;
            }
            std::string_view body = text.value();
            if (body.substr(0, 3) == "\xEF\xBB\xBF") {
                body.remove_prefix(3);  // Remotive's file starts with a byte-order mark
            }
            auto doc = json::parse(body, entry.path().string());
            if (!doc.ok()) {
                std::printf("  %s: %s\n", source, doc.error().message.c_str());
                continue;
            }
            auto listings = read_fixture(source, doc.value());
            std::size_t tags = 0;
            std::size_t mapped = 0;
            std::size_t found = 0;
            for (const auto& l : listings) {
                std::set<std::string> wanted;
                for (const auto& tag : l.tags) {
                    ++tags;
                    if (const Skill* s = extractor.taxonomy().resolve_tag(tag)) {
                        wanted.insert(s->id);
                    }
                }
                auto ids = extractor.extract_ids(l.text);
                std::set<std::string> got(ids.begin(), ids.end());
                for (const auto& w : wanted) {
                    ++mapped;
                    if (got.count(w) != 0) {
                        ++found;
                    } else {
                        ++missed[w];
                    }
                }
            }
            std::printf(
                "  %-10s %3zu listings, %4zu tags, %3zu map to a skill, %3zu recovered "
                "from the text (%.2f)\n",
                source, listings.size(), tags, mapped, found,
                mapped == 0 ? 0.0 : static_cast<double>(found) / static_cast<double>(mapped));
            all_mapped += mapped;
            all_found += found;
        }
    }
    std::printf(
        "  %-10s %3s %8s %9s %3zu map to a skill, %3zu recovered from the text (%.2f)\n", "total",
        "", "", "", all_mapped, all_found,
        all_mapped == 0 ? 0.0 : static_cast<double>(all_found) / static_cast<double>(all_mapped));
    if (verbose && !missed.empty()) {
        std::vector<std::pair<int, std::string>> worst;
        for (const auto& [id, n] : missed) {
            worst.emplace_back(n, id);
        }
        std::sort(worst.rbegin(), worst.rend());
        std::printf("  tag skills most often not found in the text:");
        for (std::size_t i = 0; i < worst.size() && i < 15; ++i) {
            std::printf(" %s (%d)", worst[i].second.c_str(), worst[i].first);
        }
        std::printf("\n");
    }
}

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                fail_input(std::string(a) + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--set") {
            o.set = value();
        } else if (a == "--fixtures") {
            o.fixtures = fs::path(value());
        } else if (a == "--texts") {
            o.texts = fs::path(value());
        } else if (a == "--no-fixtures") {
            o.no_fixtures = true;
        } else if (a == "--taxonomy") {
            o.taxonomy = fs::path(value());
        } else if (a == "--verbose" || a == "-v") {
            o.verbose = true;
        } else if (a == "--spans") {
            o.spans = true;
        } else if (a == "--hits") {
            o.hits = true;
        } else if (a == "--min-precision") {
            o.min_precision = std::atof(value().c_str());
        } else if (a == "--min-recall") {
            o.min_recall = std::atof(value().c_str());
        } else {
            fail_input(
                "unknown argument `" + std::string(a) +
                "` (use --set, --texts, --fixtures, --no-fixtures, --taxonomy, --verbose, --spans, "
                "--hits, --min-precision, "
                "--min-recall)");
        }
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt = parse_args(argc, argv);
    auto taxonomy = Taxonomy::load(opt.taxonomy);
    if (!taxonomy.ok()) {
        fail_input(taxonomy.error().message);
    }
    SkillExtractor extractor(taxonomy.value());
    std::map<std::string, std::string> texts;
    if (opt.texts) {
        std::error_code ec;
        if (!fs::is_regular_file(*opt.texts, ec)) {
            // The texts are rebuilt from ../shared/fixtures, which is not part of the project.
            std::printf(
                "extraction set %s: no texts file %s (../shared/fixtures absent?), "
                "skipped\n",
                opt.set.string().c_str(), opt.texts->string().c_str());
            return 0;
        }
        texts = load_texts(*opt.texts);
    }
    std::vector<Case> cases = load_set(opt.set, taxonomy.value(), opt.texts ? &texts : nullptr);

    std::size_t labelled = 0;
    std::size_t predicted = 0;
    std::size_t correct = 0;
    struct Miss {
        std::size_t index;
        std::vector<std::string> missed, spurious;
    };
    std::vector<Miss> misses;
    std::map<std::string, int> missed_by_skill;
    std::map<std::string, int> spurious_by_skill;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const Case& c = cases[i];
        std::set<std::string> want(c.skills.begin(), c.skills.end());
        auto ids = extractor.extract_ids(c.text);
        std::set<std::string> got(ids.begin(), ids.end());
        Miss m{i, {}, {}};
        for (const auto& w : want) {
            if (got.count(w) != 0) {
                ++correct;
            } else {
                m.missed.push_back(w);
                ++missed_by_skill[w];
            }
        }
        for (const auto& g : got) {
            if (want.count(g) == 0) {
                m.spurious.push_back(g);
                ++spurious_by_skill[g];
            }
        }
        if (opt.spans) {
            for (const auto& w : m.missed) {
                std::printf("case %zu missed %s\n", i, w.c_str());
            }
            for (const auto& span : extractor.extract(c.text)) {
                if (!span.role && want.count(std::string(span.skill)) == 0) {
                    // Whole UTF-8 characters only: the words around may hold "’" or "—".
                    auto continuation = [&](std::size_t k) {
                        return k < c.text.size() &&
                               (static_cast<unsigned char>(c.text[k]) & 0xC0) == 0x80;
                    };
                    std::size_t from = span.begin > 70 ? span.begin - 70 : 0;
                    std::size_t to = std::min(c.text.size(), span.end + 40);
                    while (continuation(from)) {
                        ++from;
                    }
                    while (continuation(to)) {
                        ++to;
                    }
                    std::string around = c.text.substr(from, to - from);
                    std::replace(around.begin(), around.end(), '\n', ' ');
                    std::printf("case %zu spurious %s: ...%s...\n", i,
                                std::string(span.skill).c_str(), around.c_str());
                }
            }
        }
        if (opt.hits) {
            for (const auto& span : extractor.extract(c.text)) {
                if (!span.role) {
                    std::string words = c.text.substr(span.begin, span.end - span.begin);
                    std::replace(words.begin(), words.end(), '\n', ' ');
                    std::printf("case %zu %s %s: %s\n", i,
                                want.count(std::string(span.skill)) != 0 ? "hit" : "false",
                                std::string(span.skill).c_str(), words.c_str());
                }
            }
        }
        labelled += want.size();
        predicted += got.size();
        if (!m.missed.empty() || !m.spurious.empty()) {
            misses.push_back(std::move(m));
        }
    }
    double precision =
        predicted == 0 ? 1.0 : static_cast<double>(correct) / static_cast<double>(predicted);
    double recall =
        labelled == 0 ? 1.0 : static_cast<double>(correct) / static_cast<double>(labelled);
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    std::printf("extraction set %s: %zu texts, %zu labelled skills, %zu extracted\n",
                opt.set.string().c_str(), cases.size(), labelled, predicted);
    std::printf("precision: %.3f (%zu of %zu extracted skills are labelled)\n", precision, correct,
                predicted);
    std::printf("recall: %.3f (%zu of %zu labelled skills extracted)\n", recall, correct, labelled);
    std::printf("f1: %.3f\n", f1);
    std::size_t unknown = 0;
    for (const Case& c : cases) {
        unknown += c.unknown;
    }
    if (unknown > 0) {
        std::printf(
            "recall over every named skill: %.3f (%zu of %zu; %zu named skills are not in "
            "the taxonomy)\n",
            static_cast<double>(correct) / static_cast<double>(labelled + unknown), correct,
            labelled + unknown, unknown);
    }

    if (opt.verbose) {
        std::sort(misses.begin(), misses.end(), [](const Miss& a, const Miss& b) {
            std::size_t wa = a.missed.size() + a.spurious.size();
            std::size_t wb = b.missed.size() + b.spurious.size();
            return wa != wb ? wa > wb : a.index < b.index;
        });
        std::printf("\nworst cases (%zu of %zu texts are not exact):\n", misses.size(),
                    cases.size());
        for (std::size_t k = 0; k < misses.size() && k < 40; ++k) {
            const Miss& m = misses[k];
            std::printf("  #%zu %s\n", m.index, cases[m.index].text.c_str());
            auto list = [](const std::vector<std::string>& v) {
                std::string s;
                for (const auto& x : v) {
                    s += (s.empty() ? "" : ", ") + x;
                }
                return s;
            };
            if (!m.missed.empty()) {
                std::printf("      missed:   %s\n", list(m.missed).c_str());
            }
            if (!m.spurious.empty()) {
                std::printf("      spurious: %s\n", list(m.spurious).c_str());
            }
        }
        auto top = [](const std::map<std::string, int>& counts, const char* what) {
            std::vector<std::pair<int, std::string>> v;
            for (const auto& [id, n] : counts) {
                v.emplace_back(n, id);
            }
            std::sort(v.rbegin(), v.rend());
            std::printf("%s:", what);
            for (std::size_t i = 0; i < v.size() && i < 15; ++i) {
                std::printf(" %s (%d)", v[i].second.c_str(), v[i].first);
            }
            std::printf("\n");
        };
        top(missed_by_skill, "most missed skills");
        top(spurious_by_skill, "most spurious skills");
        std::printf("\n");
    }

    if (!opt.no_fixtures) {
        auto dir = opt.fixtures ? opt.fixtures : default_fixtures();
        if (dir) {
            report_fixtures(*dir, extractor, opt.verbose);
        } else {
            std::printf("platform tags: no fixtures folder (../shared/fixtures), skipped\n");
        }
    }

    int status = 0;
    if (precision < opt.min_precision) {
        std::printf("FAIL: precision %.3f is below the minimum %.3f\n", precision,
                    opt.min_precision);
        status = 1;
    }
    if (recall < opt.min_recall) {
        std::printf("FAIL: recall %.3f is below the minimum %.3f\n", recall, opt.min_recall);
        status = 1;
    }
    return status;
}
