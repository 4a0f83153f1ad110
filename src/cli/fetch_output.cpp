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
#include "taxonomy/taxonomy.h"
#include "views/display_text.h"

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

Result<std::vector<ShownListing>> load_fetched(Store& store, const std::vector<std::string>& ids,
                                               const Scorer* scorer, std::size_t top) {
    if (ids.empty()) {
        return std::vector<ShownListing>();  // an empty id filter would mean every listing
    }
    ListingViewQuery query;
    query.filter.ids = ids;
    query.scorer = scorer;
    query.include_filtered = true;
    auto view = load_listing_view(store, query);
    if (!view) {
        return view.error();
    }
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < view.value().size() && i < top; ++i) {
        shown.push_back(view.value().at(i).id);
    }
    return load_shown(store, shown, scorer);
}

void FetchPrinter::report(const RefreshReport& report, const std::vector<ShownListing>& ranked,
                          bool scored) const {
    const std::size_t shown = ranked.size();
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
            const ShownListing& r = ranked[k];
            w.StartObject();
            w.Key("listing");
            write_listing_json(w, r.row.listing, true);
            if (r.score) {
                w.Key("score");
                w.Int(r.score->total);
                w.Key("filtered");
                w.Bool(r.score->filtered);
                w.Key("matched_skills");
                w.StartArray();
                for (const auto& s : r.score->matched_skills) {
                    w.String(s.c_str());
                }
                w.EndArray();
                w.Key("missing_skills");
                w.StartArray();
                for (const auto& s : r.score->missing_skills) {
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
            std::printf("    ! %s\n", utf8::printable(o.problems[k]).c_str());
        }
        if (o.problems.size() > 5) {
            std::printf("    ! ... and %zu more problems\n", o.problems.size() - 5);
        }
    }
    std::printf("\n%zu listings (%zu duplicates merged) in %s\n", report.listings.size(),
                report.duplicates_merged, seconds(report.elapsed).c_str());
    if (!scored) {
        std::printf("No profile given (--profile P.json): newest first, unscored.\n");
    }
    std::printf("\n");
    for (std::size_t k = 0; k < shown; ++k) {
        const ShownListing& r = ranked[k];
        const Listing& l = r.row.listing;
        if (r.score) {
            std::printf("%3zu. %3d  %s  [%s]%s\n", k + 1, r.score->total, cell(l.title, 60).c_str(),
                        l.source.c_str(), r.score->filtered ? "  (filtered)" : "");
            std::string matched;
            for (const auto& s : r.score->matched_skills) {
                matched += (matched.empty() ? "" : ", ") + skill_name(s);
            }
            std::string missing;
            for (const auto& s : r.score->missing_skills) {
                missing += (missing.empty() ? "" : ", ") + skill_name(s);
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
