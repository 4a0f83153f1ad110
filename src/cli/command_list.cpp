// gigscout-cli list: the stored listings, ranked against the active (or a named) profile, with
// what the user did with each. Showing the default view counts as the user's look: what was
// shown is no longer new next time (docs/store.md).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <filesystem>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "cli/profile_choice.h"
#include "model/currency.h"
#include "model/listing_json.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "taxonomy/taxonomy.h"

namespace gigscout::cli::list_command {
namespace {

struct ListOptions {
    std::optional<std::string> state;
    std::optional<int> min_score;
    std::optional<std::string> profile;
    bool json = false;
    bool all = false;
    bool keep_new = false;
    int top = 0;
};

struct Shown {
    const StoredListing* row;
    const Listing* listing;
    std::optional<Score> score;
};

void print_text(const std::vector<Shown>& shown) {
    for (const auto& s : shown) {
        const StoredListing& row = *s.row;
        const Listing& l = *s.listing;
        std::string score = s.score ? std::to_string(s.score->total) : "-";
        std::string title = row.content_dropped ? "(content expired under the platform's terms; "
                                                  "open the link)"
                                                : l.title;
        if (!l.company.empty()) {
            title += " · " + l.company;
        }
        std::printf("%3s  %-7s  %s  %s\n", score.c_str(), std::string(to_string(row.state)).c_str(),
                    l.id.c_str(), title.c_str());
        std::string details = "     " + l.url;
        std::string sources;
        for (const auto& src : row.sources) {
            sources += (sources.empty() ? "" : ", ") + src;
        }
        details += "  [" + sources + "]";
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
    }
}

void print_json(const std::vector<Shown>& shown) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    auto str = [&](const char* key, std::string_view v) {
        w.Key(key);
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    };
    w.StartArray();
    for (const auto& s : shown) {
        const StoredListing& row = *s.row;
        w.StartObject();
        str("id", s.listing->id);
        if (s.score) {
            w.Key("score");
            w.Int(s.score->total);
            w.Key("filtered");
            w.Bool(s.score->filtered);
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
        write_listing_json(w, *s.listing, true);
        w.EndObject();
    }
    w.EndArray();
    std::printf("%s\n", buf.GetString());
}

int run_list(const ListOptions& opt, const GlobalOptions& global) {
    ListingFilter filter;
    if (opt.state) {
        auto s = listing_state_from_string(*opt.state);
        if (!s) {
            return fail(
                "list",
                "--state: expected new, seen, saved, hidden or applied, got `" + *opt.state + "`",
                kExitUsage);
        }
        filter.state = s;
    }
    filter.include_closed = opt.all;
    filter.include_hidden = opt.all;
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Store::open(*paths);
    if (!opened) {
        return fail("list", opened.error().message, kExitInternal);
    }
    Store& store = opened.value();
    auto chosen = choose_profile(store, opt.profile);
    if (!chosen) {
        return fail("list", chosen.error().message, kExitUsage);
    }
    if (opt.min_score && !chosen.value()) {
        return fail("list",
                    "--min-score needs a profile: there is no active profile; pass --profile "
                    "NAME or FILE",
                    kExitUsage);
    }
    auto loaded = store.load_listings(filter);
    if (!loaded) {
        return fail("list", loaded.error().message, kExitInternal);
    }
    std::vector<StoredListing>& rows = loaded.value().rows;
    // The ranker takes listings; they move out of the rows (printing reads both through Shown).
    std::vector<Listing> listings;
    listings.reserve(rows.size());
    for (auto& r : rows) {
        listings.push_back(std::move(r.listing));
    }

    std::vector<Shown> shown;
    const std::int64_t now = now_epoch_seconds();
    if (chosen.value()) {
        Scorer scorer(chosen.value()->profile, Taxonomy::bundled(), CurrencyTable::bundled(), now);
        for (auto& ranked : rank(listings, scorer)) {
            if (ranked.score.filtered && !opt.all) {
                continue;
            }
            if (opt.min_score && ranked.score.total < *opt.min_score) {
                continue;
            }
            shown.push_back(
                {&rows[ranked.index], &listings[ranked.index], std::move(ranked.score)});
        }
    } else {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            shown.push_back({&rows[i], &listings[i], std::nullopt});
        }
    }
    if (opt.top > 0 && shown.size() > static_cast<std::size_t>(opt.top)) {
        shown.resize(static_cast<std::size_t>(opt.top));
    }
    if (opt.json) {
        print_json(shown);
    } else {
        print_text(shown);
    }
    std::size_t fresh = 0;
    for (const auto& s : shown) {
        fresh += s.row->is_new ? 1 : 0;
    }
    std::fprintf(stderr, "%zu listings, %zu new; %s\n", shown.size(), fresh,
                 chosen.value() ? ("ranked against " + chosen.value()->label).c_str()
                                : "newest first, unscored (no active profile; pass --profile)");
    // The default view (or the new ones) is the user's look; a filtered view is not.
    bool look = (!filter.state || *filter.state == ListingState::New) && !opt.keep_new;
    if (look) {
        if (auto s = store.mark_looked(loaded.value().look_mark, now); !s) {
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
        sub->add_flag("--all", opt->all,
                      "Include closed and hidden listings, and those the profile filters out");
        sub->add_flag("--keep-new", opt->keep_new,
                      "Do not count this as a look: new listings stay new");
        sub->add_option("--top", opt->top, "Show at most N listings")
            ->check(CLI::Range(0, 1000000))
            ->type_name("N");
        return [opt, &global] { return run_list(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::list_command
