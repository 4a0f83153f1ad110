#include "cli/fetch_output.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/iso_time.h"
#include "base/utf8.h"
#include "model/currency.h"
#include "model/listing_json.h"
#include "scoring/scorer.h"
#include "taxonomy/taxonomy.h"

namespace gigscout::cli {
namespace {

std::string cell(std::string_view s, std::size_t width) {
    std::string out(utf8::truncate(s, width));
    std::size_t len = utf8::length(out);
    if (len < width) {
        out.append(width - len, ' ');
    }
    return out;
}

std::string seconds(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
    return buf;
}

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key,
                  const std::string& v) {
    w.Key(key);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

// A skill as `match` and `list --explain` print it: its name, not its id (JSON keeps ids).
std::string skill_display_name(const std::string& id) {
    const Skill* s = Taxonomy::bundled().find(id);
    return s != nullptr ? s->name : id;
}

}  // namespace

void FetchPrinter::progress(const SourceProgress& p) {
    if (json_) {
        return;
    }
    // Only the moments a person wants to see: a source starting a page, and how it ended.
    switch (p.state) {
        case SourceState::Fetching:
            std::fprintf(stderr, "  %s: fetching page %d\n", p.source.c_str(), p.pages + 1);
            break;
        case SourceState::Done:
        case SourceState::Partial:
        case SourceState::Failed:
        case SourceState::Skipped:
        case SourceState::Cancelled:
            std::fprintf(stderr, "  %s: %s, %zu listings%s%s\n", p.source.c_str(),
                         std::string(to_string(p.state)).c_str(), p.listings,
                         p.error.empty() ? "" : " - ", p.error.c_str());
            break;
        default:
            break;
    }
}

void FetchPrinter::report(const RefreshReport& report, const Profile* profile) const {
    std::vector<RankedListing> ranked;
    std::optional<Scorer> scorer;
    if (profile != nullptr) {
        scorer.emplace(*profile, Taxonomy::bundled(), CurrencyTable::bundled(),
                       now_epoch_seconds());
        ranked = rank(report.listings, *scorer);
    } else {
        for (std::size_t i = 0; i < report.listings.size(); ++i) {
            ranked.push_back({i, Score{}});
        }
        std::stable_sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
            return report.listings[a.index].posted_at.value_or(0) >
                   report.listings[b.index].posted_at.value_or(0);
        });
    }
    std::size_t shown = std::min<std::size_t>(ranked.size(), static_cast<std::size_t>(top_));

    if (json_) {
        rapidjson::StringBuffer buf;
        rapidjson::Writer<rapidjson::StringBuffer> w(buf);
        w.StartObject();
        w.Key("sources");
        w.StartArray();
        for (const auto& o : report.sources) {
            const auto& p = o.progress;
            w.StartObject();
            write_string(w, "source", p.source);
            write_string(w, "plugin", o.plugin);
            write_string(w, "status", std::string(to_string(p.state)));
            write_string(w, "completeness", std::string(to_string(o.completeness)));
            w.Key("pages");
            w.Int(p.pages);
            w.Key("bytes");
            w.Uint64(p.bytes);
            w.Key("listings");
            w.Uint64(o.listings.size());
            w.Key("seconds");
            w.Double(static_cast<double>(p.elapsed.count()) / 1000.0);
            if (!p.error.empty()) {
                write_string(w, "error", p.error);
            }
            w.Key("problems");
            w.StartArray();
            for (const auto& pr : o.problems) {
                w.String(pr.c_str());
            }
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        w.Key("duplicates_merged");
        w.Uint64(report.duplicates_merged);
        w.Key("listings");
        w.StartArray();
        for (std::size_t k = 0; k < shown; ++k) {
            const auto& r = ranked[k];
            w.StartObject();
            w.Key("listing");
            write_listing_json(w, report.listings[r.index], true);
            if (scorer) {
                w.Key("score");
                w.Int(r.score.total);
                w.Key("filtered");
                w.Bool(r.score.filtered);
                w.Key("matched_skills");
                w.StartArray();
                for (const auto& s : r.score.matched_skills) {
                    w.String(s.c_str());
                }
                w.EndArray();
                w.Key("missing_skills");
                w.StartArray();
                for (const auto& s : r.score.missing_skills) {
                    w.String(s.c_str());
                }
                w.EndArray();
            }
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        std::printf("%s\n", buf.GetString());
        return;
    }

    std::printf("%s %s %5s %8s %6s  %s\n", cell("source", 22).c_str(), cell("status", 9).c_str(),
                "pages", "listings", "time", "error");
    for (const auto& o : report.sources) {
        const auto& p = o.progress;
        std::printf("%s %s %5d %8zu %6s  %s\n", cell(p.source, 22).c_str(),
                    cell(to_string(p.state), 9).c_str(), p.pages, o.listings.size(),
                    seconds(p.elapsed).c_str(), p.error.c_str());
        for (std::size_t k = 0; k < o.problems.size() && k < 5; ++k) {
            std::printf("    ! %s\n", o.problems[k].c_str());
        }
        if (o.problems.size() > 5) {
            std::printf("    ! ... and %zu more problems\n", o.problems.size() - 5);
        }
    }
    std::printf("\n%zu listings (%zu duplicates merged) in %s\n", report.listings.size(),
                report.duplicates_merged, seconds(report.elapsed).c_str());
    if (profile == nullptr) {
        std::printf("No profile given (--profile P.json): newest first, unscored.\n");
    }
    std::printf("\n");
    for (std::size_t k = 0; k < shown; ++k) {
        const auto& r = ranked[k];
        const Listing& l = report.listings[r.index];
        if (scorer) {
            std::printf("%3zu. %3d  %s  [%s]%s\n", k + 1, r.score.total, cell(l.title, 60).c_str(),
                        l.source.c_str(), r.score.filtered ? "  (filtered)" : "");
            std::string matched;
            for (const auto& s : r.score.matched_skills) {
                matched += (matched.empty() ? "" : ", ") + skill_display_name(s);
            }
            std::string missing;
            for (const auto& s : r.score.missing_skills) {
                missing += (missing.empty() ? "" : ", ") + skill_display_name(s);
            }
            std::printf("           matched: %s · missing: %s\n",
                        matched.empty() ? "-" : matched.c_str(),
                        missing.empty() ? "-" : missing.c_str());
        } else {
            std::printf("%3zu. %s  [%s]  %s\n", k + 1, cell(l.title, 60).c_str(), l.source.c_str(),
                        l.posted_at ? format_date(*l.posted_at).c_str() : "");
        }
        std::printf("           %s\n", l.url.c_str());
    }
}

}  // namespace gigscout::cli
