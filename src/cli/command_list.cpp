// gigscout-cli list: the stored listings, ranked against the active (or a named) profile, with
// what the user did with each. Showing the default view counts as the user's look: what was
// shown is no longer new next time (docs/store.md).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "model/currency.h"
#include "model/listing_json.h"
#include "store/listing_csv.h"
#include "taxonomy/taxonomy.h"
#include "views/display_text.h"
#include "views/listing_view.h"
#include "workspace/workspace.h"

namespace gigscout::cli::list_command {
namespace {

// Rows shown whose whole listings are read at once; past this they are read kRowsPerPart at a
// time (run_list).
constexpr std::size_t kHeldRows = 20'000;
constexpr std::size_t kRowsPerPart = 2'000;

struct ListOptions {
    std::optional<std::string> state;
    std::optional<int> min_score;
    std::optional<std::string> profile;
    bool json = false;
    bool all = false;
    bool keep_new = false;
    bool explain = false;
    bool csv = false;
    int top = 0;
};

// The ranked rows for a spreadsheet: rank, score and each component's points, then what the
// text shows. `scored`: the rows' whole listings with full scores, in view order.
const char* const kComponents[] = {"skill",  "level",  "budget", "recency",
                                   "client", "search", "penalty"};

void print_csv_header() {
    std::string out = "rank,id,score,filtered";
    for (const char* c : kComponents) {
        out += std::string(",") + c;
    }
    out += ",title,company,url,sources,budget,state,filter_reasons\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
}

// `rank`: the rows printed before this part.
void print_csv(const ListingView& view, std::size_t begin, std::size_t end,
               const std::vector<ShownListing>& scored, std::size_t& rank) {
    std::string out;
    for (std::size_t i = begin, k = 0; i < end; ++i) {
        const ListingRow& row = view.at(i);
        if (k == scored.size() || scored[k].row.listing.id != row.id || !scored[k].score) {
            continue;  // gone since the view was read
        }
        const Score& score = *scored[k++].score;
        out += std::to_string(++rank) + ",";
        append_csv_cell(out, row.id);
        out += "," + std::to_string(score.total) + "," + (score.filtered ? "yes" : "no");
        for (const char* c : kComponents) {
            const ScoreComponent* component = score.component(c);
            out += ",";
            if (component) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.2f", component->points);
                out += buf;
            }
        }
        std::string sources;
        for (const auto& src : row.sources) {
            sources += (sources.empty() ? "" : " ") + src;
        }
        std::string reasons;
        for (const auto& r : score.filter_reasons) {
            reasons += (reasons.empty() ? "" : "; ") + r;
        }
        for (std::string_view v : {std::string_view(row.title), std::string_view(row.company),
                                   std::string_view(row.url), std::string_view(sources)}) {
            out += ",";
            append_csv_cell(out, v);
        }
        out += ",";
        append_csv_cell(out, row.budget && (row.budget->min || row.budget->max)
                                 ? budget_text(row.budget)
                                 : std::string());
        out += ",";
        append_csv_cell(out, to_string(row.state));
        out += ",";
        append_csv_cell(out, reasons);
        out += "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

// `explained`: the rows' whole listings scored with explanations (--explain), in view order.
void print_text(const ListingView& view, std::size_t begin, std::size_t end,
                const std::vector<ShownListing>* explained) {
    for (std::size_t i = begin, k = 0; i < end; ++i) {
        const ListingRow& row = view.at(i);
        std::string score = row.score ? std::to_string(row.score->total) : "-";
        std::string title = row.content_dropped ? "(content expired under the platform's terms; "
                                                  "open the link)"
                                                : row.title;
        if (!row.company.empty()) {
            title += " · " + row.company;
        }
        std::printf("%3s  %-7s  %s  %s\n", score.c_str(), std::string(to_string(row.state)).c_str(),
                    row.id.c_str(), title.c_str());
        std::string details = "     " + row.url;
        std::string sources;
        for (const auto& src : row.sources) {
            sources += (sources.empty() ? "" : ", ") + src;
        }
        details += "  [" + sources + "]";
        if (row.budget && (row.budget->min || row.budget->max)) {
            details += "  " + budget_text(row.budget);
        }
        if (row.closed_at) {
            details += "  closed " + format_date(*row.closed_at);
        }
        if (row.applied_at && row.state == ListingState::Applied) {
            details += "  applied " + format_date(*row.applied_at);
        }
        if (!row.note.empty()) {
            details += "  note: " + row.note;
        }
        std::printf("%s\n", details.c_str());
        if (explained != nullptr && k < explained->size() &&
            (*explained)[k].row.listing.id == row.id) {
            // The two lines `match` prints under a listing.
            if (const auto& score = (*explained)[k++].score) {
                std::fputs(explanation_lines(skills_text(*score)).c_str(), stdout);
                std::fputs(explanation_lines(points_line(*score)).c_str(), stdout);
            }
        }
    }
}

// One JSON array written element by element as the parts of a view come.
struct JsonArrayOut {
    rapidjson::StringBuffer buf;  // one element at a time
    const char* separator = "[";
    void close() { std::fputs(*separator == '[' ? "[]\n" : "]\n", stdout); }
};

// The rows with their whole listings: JSON carries every field. Written one element at a time:
// a whole store as one string took hundreds of megabytes.
void print_json(const ListingView& view, std::size_t begin, std::size_t end,
                const std::vector<ShownListing>& whole, JsonArrayOut& out) {
    rapidjson::StringBuffer& buf = out.buf;
    const char*& separator = out.separator;
    for (std::size_t i = begin, k = 0; i < end; ++i) {
        const ListingRow& row = view.at(i);
        if (k == whole.size() || whole[k].row.listing.id != row.id) {
            continue;  // gone since the view was read (another process removed it)
        }
        const Listing& listing = whole[k++].row.listing;
        buf.Clear();
        rapidjson::Writer<rapidjson::StringBuffer> w(buf);
        auto str = [&](const char* key, std::string_view v) {
            w.Key(key);
            w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
        };
        w.StartObject();
        str("id", row.id);
        if (row.score) {
            w.Key("score");
            w.Int(row.score->total);
            w.Key("filtered");
            w.Bool(row.score->filtered);
        }
        str("state", to_string(row.state));
        w.Key("new");
        w.Bool(row.is_new);
        str("first_seen", format_iso8601(row.first_seen));
        str("last_seen", format_iso8601(row.last_seen));
        if (row.closed_at) {
            str("closed_at", format_iso8601(*row.closed_at));
        }
        if (row.applied_at) {
            str("applied_at", format_iso8601(*row.applied_at));
        }
        if (!row.note.empty()) {
            str("note", row.note);
        }
        w.Key("sources");
        w.StartArray();
        for (const auto& src : row.sources) {
            w.String(src.data(), static_cast<rapidjson::SizeType>(src.size()));
        }
        w.EndArray();
        w.Key("content_dropped");
        w.Bool(row.content_dropped);
        w.Key("listing");
        write_listing_json(w, listing, true);
        w.EndObject();
        std::fputs(separator, stdout);
        std::fwrite(buf.GetString(), 1, buf.GetSize(), stdout);
        separator = ",";
    }
}

int run_list(const ListOptions& opt, const GlobalOptions& global) {
    ListingViewQuery query;
    if (opt.state) {
        auto s = listing_state_from_string(*opt.state);
        if (!s) {
            return fail(
                "list",
                "--state: expected new, seen, saved, hidden or applied, got `" + *opt.state + "`",
                kExitUsage);
        }
        query.filter.state = s;
    }
    query.filter.include_closed = opt.all;
    query.filter.include_hidden = opt.all;
    // The view keeps the rows the profile filters out or scores below --min-score, and this
    // command leaves them out of what it shows: only what was shown is seen (the look, below).
    query.include_filtered = true;
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("list", opened.error());
    }
    Workspace& workspace = opened.value();
    Store& store = workspace.store();
    auto chosen = workspace.profile(opt.profile);
    if (!chosen) {
        return fail("list", chosen.error().message, kExitUsage);
    }
    if (opt.min_score && !chosen.value()) {
        return fail("list",
                    "--min-score needs a profile: there is no active profile; pass --profile "
                    "NAME or FILE",
                    kExitUsage);
    }
    if (opt.csv && !chosen.value()) {
        return fail("list",
                    "--csv needs a profile: there is no active profile; pass --profile NAME or "
                    "FILE",
                    kExitUsage);
    }
    if (opt.csv && opt.json) {
        return fail("list", "--csv and --json: choose one", kExitUsage);
    }
    if (opt.explain && !chosen.value()) {
        return fail("list",
                    "--explain needs a profile: there is no active profile; pass --profile NAME "
                    "or FILE",
                    kExitUsage);
    }
    const std::int64_t now = now_epoch_seconds();
    std::optional<Scorer> scorer;
    if (chosen.value()) {
        scorer.emplace(make_scorer(chosen.value()->profile, now));
        query.scorer = &*scorer;
    }
    auto view = load_listing_view(store, query);
    if (!view) {
        return fail("list", view.error().message, kExitInternal);
    }
    ListingView& shown = view.value();
    auto is_shown = [&](const ListingRow& row) {
        return !row.score || ((opt.all || !row.score->filtered) &&
                              (!opt.min_score || row.score->total >= *opt.min_score));
    };
    shown.order.erase(std::remove_if(shown.order.begin(), shown.order.end(),
                                     [&](std::size_t i) { return !is_shown(shown.rows[i]); }),
                      shown.order.end());
    if (opt.top > 0 && shown.order.size() > static_cast<std::size_t>(opt.top)) {
        shown.order.resize(static_cast<std::size_t>(opt.top));
    }
    // The whole listings behind the rows shown (explained when `with` is given), handed to
    // `print` in view order a part at a time: a part is the whole view up to kHeldRows rows
    // (one read), else kRowsPerPart rows read by id — slower per row, but a store of any size
    // costs the memory of one part, not of every listing shown (~3 KB each).
    using Printer = std::function<void(std::size_t, std::size_t, const std::vector<ShownListing>&)>;
    auto in_parts = [&](const Scorer* with, const Printer& print) -> Status {
        const std::size_t part = shown.size() <= kHeldRows ? shown.size() : kRowsPerPart;
        std::size_t begin = 0;
        do {
            const std::size_t end = std::min(shown.size(), begin + part);
            std::vector<std::string> ids;
            ids.reserve(end - begin);
            for (std::size_t i = begin; i < end; ++i) {
                ids.push_back(shown.at(i).id);
            }
            auto loaded = load_shown(store, ids, with);
            if (!loaded) {
                return loaded.error();
            }
            print(begin, end, loaded.value());
            begin = end;
        } while (begin < shown.size());
        return Ok{};
    };
    Status printed = Ok{};
    if (opt.json) {
        JsonArrayOut out;
        printed = in_parts(nullptr, [&](std::size_t b, std::size_t e, const auto& whole) {
            print_json(shown, b, e, whole, out);
        });
        out.close();
    } else if (opt.csv && scorer) {
        print_csv_header();
        std::size_t rank = 0;
        printed = in_parts(&*scorer, [&](std::size_t b, std::size_t e, const auto& whole) {
            print_csv(shown, b, e, whole, rank);
        });
    } else if (opt.explain && scorer) {
        printed = in_parts(&*scorer, [&](std::size_t b, std::size_t e, const auto& whole) {
            print_text(shown, b, e, &whole);
        });
    } else {
        print_text(shown, 0, shown.size(), nullptr);
    }
    if (!printed) {
        return fail("list", printed.error().message, kExitInternal);
    }
    std::size_t fresh = 0;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        fresh += shown.at(i).is_new ? 1 : 0;
    }
    std::fprintf(stderr, "%zu listings, %zu new; %s\n", shown.size(), fresh,
                 chosen.value() ? ("ranked against " + chosen.value()->label).c_str()
                                : "newest first, unscored (no active profile; pass --profile)");
    // The default view (or the new ones) is the user's look; a view of another state is not.
    // Only what was shown is seen: new listings left out by --min-score, --top or the profile's
    // filters stay new. Whichever list is shorter is written: the shown or the left-out ones.
    bool look = (!query.filter.state || *query.filter.state == ListingState::New) && !opt.keep_new;
    if (look) {
        std::vector<bool> on_screen(shown.rows.size(), false);
        std::vector<std::string> shown_new;
        for (std::size_t i : shown.order) {
            on_screen[i] = true;
            if (shown.rows[i].is_new) {
                shown_new.push_back(shown.rows[i].id);
            }
        }
        std::vector<std::string> left_out_new;
        for (std::size_t i = 0; i < shown.rows.size(); ++i) {
            if (!on_screen[i] && shown.rows[i].is_new) {
                left_out_new.push_back(shown.rows[i].id);
            }
        }
        Status s = left_out_new.size() <= shown_new.size()
                       ? store.mark_looked(shown.look_mark, now, left_out_new)
                       : store.mark_seen(shown_new, now);
        if (!s) {
            std::fprintf(stderr, "gigscout-cli list: warning: %s\n", s.error().message.c_str());
        }
    }
    return kExitOk;
}

const bool registered = register_command(Command{
    "list", 40, [](CLI::App& app, const GlobalOptions& global) {
        auto opt = std::make_shared<ListOptions>();
        CLI::App* sub = app.add_subcommand(
            "list", "Show the stored listings, ranked against the active profile");
        sub->add_option("--state", opt->state, "Only listings in this state")
            ->type_name("new|seen|saved|hidden|applied");
        sub->add_option("--min-score", opt->min_score, "Only listings scoring at least N")
            ->check(CLI::Range(0, 100))
            ->type_name("N");
        sub->add_option("--profile", opt->profile,
                        "Rank against this stored profile (or profile file) instead of the "
                        "active one")
            ->type_name("P");
        sub->add_flag("--json", opt->json, "Print the listings as a JSON array");
        sub->add_flag("--csv", opt->csv,
                      "Print the ranked listings as CSV with each score component's points, for "
                      "a spreadsheet (needs a profile)");
        sub->add_flag("--all", opt->all,
                      "Include closed and hidden listings, and those the profile filters out");
        sub->add_flag("--explain", opt->explain,
                      "Under each listing, the score's explanation and points, as `match` "
                      "shows them (needs a profile)");
        sub->add_flag("--keep-new", opt->keep_new,
                      "Do not count this as a look: new listings stay new");
        sub->add_option("--top", opt->top, "Show at most N listings")
            ->check(CLI::Range(0, 1000000))
            ->type_name("N");
        return [opt, &global] { return run_list(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::list_command
