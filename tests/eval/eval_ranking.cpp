// gigscout-eval-ranking: ranking quality on hand-judged sets (tests/eval/ranking-*.json): each
// holds a profile, about 30 realistic listings and a careful human's relevance grade for each
// (0 not relevant, 1 relevant, 2 highly relevant), written before the scorer was tuned.
// Prints NDCG@10 per set and the mean; with --min-ndcg, exits 1 when the mean is below it.
//   gigscout-eval-ranking [--verbose] [--min-ndcg X] [--min-each Y] [SET.json ...]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/utf8.h"
#include "model/currency.h"
#include "model/listing_json.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "taxonomy/listing_intake.h"
#include "taxonomy/skill_extractor.h"

namespace fs = std::filesystem;
using namespace gigscout;

namespace {

constexpr std::size_t kCutoff = 10;

struct SetResult {
    std::string name;
    double ndcg = 0;
    double keyword_ndcg = 0;  // the baseline: profile skills named, then the same hard filters
    int zero_in_top5 = 0;     // grade-0 listings among the scorer's first five
    int keyword_zero_in_top5 = 0;
};

// Listings of real sets (docs/eval.md): read from a file that tests/eval/real_listings.py builds
// by running the bundled plugins on ../shared/fixtures, not committed.
const rapidjson::Value* g_real_listings = nullptr;

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "gigscout-eval-ranking: %s\n", message.c_str());
    std::exit(2);
}

// Gains 2^grade - 1 with the usual log2(rank + 1) discount.
double dcg(const std::vector<int>& grades) {
    double sum = 0;
    for (std::size_t i = 0; i < grades.size() && i < kCutoff; ++i) {
        sum += (std::exp2(grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
    }
    return sum;
}

SetResult evaluate(const fs::path& file, bool verbose) {
    auto text = read_text_file(file);
    if (!text) {
        die(text.error().message);
    }
    auto doc = json::parse(text.value(), file.string());
    if (!doc) {
        die(doc.error().message);
    }
    const auto& d = doc.value();
    json::FieldReader r(d, "");
    auto profile_path = r.string("profile", json::FieldReader::Required);
    auto as_of_text = r.string("as_of", json::FieldReader::Required);
    const auto* listings_json = r.array("listings");
    auto listings_from = r.string("listings_from");
    const auto* judgements = r.array("judgements", json::FieldReader::Required);
    if (!r.ok()) {
        die(file.string() + ": " + r.error()->message);
    }
    auto as_of = parse_iso8601(*as_of_text);
    if (!as_of) {
        die(file.string() + ": field `as_of`: not an ISO 8601 time");
    }
    auto profile = load_profile(fs::path(GIGSCOUT_SOURCE_DIR) / *profile_path);
    if (!profile) {
        die(profile.error().message);
    }

    if (listings_json == nullptr) {
        if (!listings_from || *listings_from != "fixtures" || g_real_listings == nullptr) {
            die(file.string() + ": needs `listings`, or `listings_from: fixtures` and --listings");
        }
        listings_json = g_real_listings;
    }
    std::set<std::string> judged;
    for (rapidjson::SizeType i = 0; i < judgements->Size(); ++i) {
        const auto& j = (*judgements)[i];
        if (j.IsObject() && j.HasMember("id") && j["id"].IsString()) {
            judged.insert(j["id"].GetString());
        }
    }
    std::vector<Listing> listings;
    for (rapidjson::SizeType i = 0; i < listings_json->Size(); ++i) {
        if (listings_json == g_real_listings) {
            const auto& v = (*listings_json)[i];
            if (!v.IsObject() || !v.HasMember("id") || !v["id"].IsString() ||
                judged.count(v["id"].GetString()) == 0) {
                continue;
            }
        }
        auto l = listing_from_json((*listings_json)[i]);
        // The app's door: validated, workplace read, skills extracted.
        Status valid = l ? admit_listing(l.value(), *as_of) : Status(l.error());
        if (!valid) {
            die(file.string() + ": listing " + std::to_string(i) + ": " + valid.error().message);
        }
        listings.push_back(std::move(l).value());
    }
    std::map<std::string, std::pair<int, std::string>> grade_of;
    for (rapidjson::SizeType i = 0; i < judgements->Size(); ++i) {
        json::FieldReader j((*judgements)[i], "judgements[" + std::to_string(i) + "]");
        auto id = j.string("id", json::FieldReader::Required);
        auto grade = j.integer("grade", json::FieldReader::Required);
        auto why = j.string("why");
        if (!j.ok()) {
            die(file.string() + ": " + j.error()->message);
        }
        if (*grade < 0 || *grade > 3) {
            die(file.string() + ": judgements[" + std::to_string(i) + "]: grade must be 0 to 3");
        }
        grade_of[*id] = {static_cast<int>(*grade), why.value_or("")};
    }
    for (const auto& l : listings) {
        if (grade_of.count(l.id) == 0) {
            die(file.string() + ": listing " + l.id + " has no judgement");
        }
    }
    if (listings.size() != grade_of.size()) {
        die(file.string() + ": " + std::to_string(grade_of.size() - listings.size()) +
            " judged listings are missing from the listings");
    }

    Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), *as_of);
    auto ranked = rank(listings, scorer);
    std::vector<int> got;
    std::vector<int> ideal;
    for (const auto& rl : ranked) {
        got.push_back(grade_of[listings[rl.index].id].first);
    }
    for (const auto& [id, g] : grade_of) {
        ideal.push_back(g.first);
    }
    std::sort(ideal.rbegin(), ideal.rend());
    SetResult result{file.stem().string(), dcg(ideal) > 0 ? dcg(got) / dcg(ideal) : 0};
    // Grade-0 listings in the top 5, or in the top n when only n < 5 listings are graded above 0
    // (a set with four relevant listings cannot fill a top 5 without a 0).
    std::size_t top =
        std::min<std::size_t>(5, static_cast<std::size_t>(std::count_if(
                                     ideal.begin(), ideal.end(), [](int g) { return g > 0; })));
    for (std::size_t i = 0; i < got.size() && i < top; ++i) {
        result.zero_in_top5 += got[i] == 0 ? 1 : 0;
    }

    // A plain ranker to compare with: how many of the profile's skills the listing names, with
    // the scorer's hard filters (floors included) applied the same way.
    struct Plain {
        bool filtered;
        int count;
        std::string_view id;
        int grade;
    };
    std::vector<Plain> plain;
    for (const auto& rl : ranked) {
        const Listing& l = listings[rl.index];
        int count = 0;
        for (const auto& ls : l.skills) {
            count += profile.value().find_skill(ls.skill) != nullptr ? 1 : 0;
        }
        plain.push_back({rl.score.filtered, count, l.id, grade_of[l.id].first});
    }
    std::sort(plain.begin(), plain.end(), [](const Plain& a, const Plain& b) {
        if (a.filtered != b.filtered) {
            return !a.filtered;
        }
        return a.count != b.count ? a.count > b.count : a.id < b.id;
    });
    std::vector<int> plain_grades;
    for (const auto& p : plain) {
        plain_grades.push_back(p.grade);
    }
    result.keyword_ndcg = dcg(ideal) > 0 ? dcg(plain_grades) / dcg(ideal) : 0;
    for (std::size_t i = 0; i < plain_grades.size() && i < top; ++i) {
        result.keyword_zero_in_top5 += plain_grades[i] == 0 ? 1 : 0;
    }

    if (verbose) {
        std::printf("%s (%s)\n", result.name.c_str(), profile.value().name.c_str());
        for (std::size_t i = 0; i < ranked.size(); ++i) {
            const Listing& l = listings[ranked[i].index];
            const Score& s = ranked[i].score;
            // Cut on a character boundary, so the listing stays valid UTF-8 for scripts reading it.
            const std::string_view title = utf8::truncate(l.title, 60);
            std::printf("  %2zu. %3d%s grade %d  %-22s %.*s\n", i + 1, s.total,
                        s.filtered ? "F" : " ", got[i], l.id.c_str(),
                        static_cast<int>(title.size()), title.data());
            std::printf("        ");
            for (const auto& c : s.components) {
                std::printf("%s %.1f  ", c.name.c_str(), c.points);
            }
            std::printf("\n");
            for (const auto& why : s.filter_reasons) {
                std::printf("        filtered: %s\n", why.c_str());
            }
        }
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    bool verbose = false;
    double min_ndcg = -1;
    double min_each = -1;
    std::vector<fs::path> files;
    std::optional<fs::path> listings_file;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--verbose") {
            verbose = true;
        } else if (a == "--listings" && i + 1 < argc) {
            listings_file = fs::path(argv[++i]);
        } else if (a == "--min-ndcg" && i + 1 < argc) {
            min_ndcg = std::atof(argv[++i]);
        } else if (a == "--min-each" && i + 1 < argc) {
            min_each = std::atof(argv[++i]);
        } else if (a == "--help" || a == "-h") {
            std::printf(
                "usage: gigscout-eval-ranking [--verbose] [--min-ndcg X] [--min-each Y] "
                "[--listings FILE] [SET.json ...]\n");
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            die("unknown option " + a);
        } else {
            files.emplace_back(a);
        }
    }
    if (files.empty()) {
        for (const auto& e : fs::directory_iterator(fs::path(GIGSCOUT_TESTS_DIR) / "eval")) {
            std::string name = e.path().filename().string();
            if (name.rfind("ranking-", 0) == 0 && e.path().extension() == ".json") {
                files.push_back(e.path());
            }
        }
        std::sort(files.begin(), files.end());
    }
    if (files.empty()) {
        die("no ranking sets found");
    }
    std::optional<rapidjson::Document> real_doc;
    if (listings_file) {
        std::error_code ec;
        if (!fs::is_regular_file(*listings_file, ec)) {
            // Built from ../shared/fixtures, which is not part of the project.
            std::printf("ranking: no listings file %s (../shared/fixtures absent?), skipped\n",
                        listings_file->string().c_str());
            return 0;
        }
        auto text = read_text_file(*listings_file);
        if (!text) {
            die(text.error().message);
        }
        auto doc = json::parse(text.value(), listings_file->string());
        if (!doc) {
            die(doc.error().message);
        }
        real_doc = std::move(doc).value();
        if (!real_doc->IsArray()) {
            die(listings_file->string() + ": expected an array of listings");
        }
        g_real_listings = &*real_doc;
    }
    double sum = 0;
    double lowest = 1;
    std::vector<SetResult> results;
    for (const auto& f : files) {
        results.push_back(evaluate(f, verbose));
        sum += results.back().ndcg;
        lowest = std::min(lowest, results.back().ndcg);
    }
    std::printf(
        "ranking NDCG@%zu (grade-0 in top 5)    scorer       keyword count + hard filters\n",
        kCutoff);
    double keyword_sum = 0;
    int zeros = 0;
    int keyword_zeros = 0;
    for (const auto& r : results) {
        std::printf("  %-32s %.3f (%d)    %.3f (%d)\n", r.name.c_str(), r.ndcg, r.zero_in_top5,
                    r.keyword_ndcg, r.keyword_zero_in_top5);
        keyword_sum += r.keyword_ndcg;
        zeros += r.zero_in_top5;
        keyword_zeros += r.keyword_zero_in_top5;
    }
    double mean = sum / static_cast<double>(results.size());
    std::printf("  %-32s %.3f (%d)    %.3f (%d)\n", "mean (grade-0 in top 5: total)", mean, zeros,
                keyword_sum / static_cast<double>(results.size()), keyword_zeros);
    if (min_ndcg >= 0 && mean < min_ndcg) {
        std::fprintf(stderr, "gigscout-eval-ranking: mean NDCG@10 %.3f is below the floor %.3f\n",
                     mean, min_ndcg);
        return 1;
    }
    if (min_each >= 0 && lowest < min_each) {
        std::fprintf(stderr,
                     "gigscout-eval-ranking: a set's NDCG@10 %.3f is below the floor %.3f\n",
                     lowest, min_each);
        return 1;
    }
    return 0;
}
