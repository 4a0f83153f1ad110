// gigscout-cli match: ranks a JSON array of listings against a skill profile and prints each
// with its score and explanation (docs/cli.md, docs/scoring.md).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "model/currency.h"
#include "model/listing_json.h"
#include "taxonomy/listing_intake.h"
#include "views/display_text.h"
#include "workspace/profile_choice.h"
#include "workspace/workspace.h"

namespace gigscout::cli::match_command {
namespace {

struct MatchOptions {
    std::string profile;
    std::string listings;
    std::optional<int> top;  // all when absent
    bool json = false;
    std::string now;  // ISO 8601; empty: the current time
};

// Table layout: fits a 110-column terminal.
constexpr std::size_t kTitleColumns = 56;
constexpr std::size_t kSourceColumns = 14;

void print_table(const std::vector<Listing>& listings, const std::vector<RankedListing>& ranked,
                 const Profile& profile, std::size_t skipped, std::int64_t now, std::size_t top) {
    std::size_t filtered = 0;
    for (const auto& r : ranked) {
        filtered += r.score.filtered ? 1 : 0;
    }
    std::size_t unfiltered = ranked.size() - filtered;
    std::printf("Ranked %zu listing%s for \"%s\"", ranked.size(), ranked.size() == 1 ? "" : "s",
                profile.name.c_str());
    if (skipped > 0) {
        std::printf(" (%zu invalid skipped)", skipped);
    }
    std::printf(" as of %s UTC; currency rates of %s.\n", format_iso8601(now).substr(0, 16).c_str(),
                CurrencyTable::bundled().as_of().c_str());
    if (profile.skills.empty()) {
        std::printf("The profile lists no skills, so no listing can match (every score is 0).\n");
    }
    if (unfiltered > 0) {
        std::printf("\n  #  Score  %s  %s  Budget\n", fit_columns("Title", kTitleColumns).c_str(),
                    fit_columns("Source", kSourceColumns).c_str());
    }
    std::size_t shown = 0;
    for (std::size_t i = 0; i < ranked.size() && shown < std::min(top, unfiltered); ++i) {
        const Score& s = ranked[i].score;
        const Listing& l = listings[ranked[i].index];
        ++shown;
        std::printf("%3zu  %5d  %s  %s  %s\n", shown, s.total,
                    fit_columns(l.title, kTitleColumns).c_str(),
                    fit_columns(l.source, kSourceColumns).c_str(), budget_text(l.budget).c_str());
        std::fputs(explanation_lines(skills_text(s)).c_str(), stdout);
        std::fputs(explanation_lines(points_line(s)).c_str(), stdout);
    }
    if (unfiltered > shown) {
        std::printf("… and %zu more (--top N shows more)\n", unfiltered - shown);
    }
    if (filtered == 0) {
        return;
    }
    std::printf("\nFiltered out (%zu)\n", filtered);
    std::size_t listed = 0;
    for (const auto& r : ranked) {
        if (!r.score.filtered || listed == top) {
            continue;
        }
        ++listed;
        const Listing& l = listings[r.index];
        std::printf("     %5d  %s  %s  %s\n", r.score.total,
                    fit_columns(l.title, kTitleColumns).c_str(),
                    fit_columns(l.source, kSourceColumns).c_str(), budget_text(l.budget).c_str());
        std::fputs(explanation_lines(filter_reasons_text(r.score)).c_str(), stdout);
    }
    if (filtered > listed) {
        std::printf("… and %zu more\n", filtered - listed);
    }
}

void print_json(const std::vector<Listing>& listings, const std::vector<RankedListing>& ranked,
                std::size_t top) {
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    auto str = [&](std::string_view s) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    };
    auto strings = [&](const char* key, const std::vector<std::string>& values) {
        w.Key(key);
        w.StartArray();
        for (const auto& v : values) {
            str(v);
        }
        w.EndArray();
    };
    w.StartArray();
    std::size_t unfiltered_shown = 0;
    std::size_t filtered_shown = 0;
    for (const auto& r : ranked) {
        std::size_t& shown = r.score.filtered ? filtered_shown : unfiltered_shown;
        if (shown == top) {
            continue;
        }
        ++shown;
        const Listing& l = listings[r.index];
        const Score& s = r.score;
        w.StartObject();
        w.Key("id");
        str(l.id);
        w.Key("title");
        str(l.title);
        w.Key("source");
        str(l.source);
        w.Key("url");
        str(l.url);
        w.Key("score");
        w.Int(s.total);
        w.Key("filtered");
        w.Bool(s.filtered);
        strings("filter_reasons", s.filter_reasons);
        w.Key("components");
        w.StartArray();
        for (const auto& c : s.components) {
            w.StartObject();
            w.Key("name");
            str(c.name);
            w.Key("value");
            w.Double(std::round(c.value * 1000) / 1000);
            w.Key("weight");
            w.Double(c.weight);
            w.Key("points");
            w.Double(std::round(c.points * 100) / 100);
            w.Key("reason");
            str(c.reason);
            w.EndObject();
        }
        w.EndArray();
        strings("matched_skills", s.matched_skills);
        w.Key("partial_skills");
        w.StartArray();
        for (const auto& p : s.partial_skills) {
            w.StartObject();
            w.Key("skill");
            str(p.skill);
            w.Key("via");
            str(p.via);
            w.EndObject();
        }
        w.EndArray();
        strings("missing_skills", s.missing_skills);
        strings("nice_to_have", s.nice_to_have);
        w.EndObject();
    }
    w.EndArray();
    std::printf("%s\n", buf.GetString());
}

// --profile as `list` and `fetch` take it: a stored profile's name (stored names first), else a
// profile file. `match` works on files alone and never creates a data directory.
Result<Profile> chosen_profile(const std::string& wanted, const GlobalOptions& global) {
    std::optional<std::filesystem::path> data_dir;
    if (global.data_dir) {
        data_dir = *global.data_dir;
    }
    auto paths = Paths::resolve(data_dir);
    if (!paths) {
        return load_profile(wanted);
    }
    return choose_profile_without_creating(paths.value(), wanted);
}

int run_match(const MatchOptions& opt, const GlobalOptions& global) {
    std::int64_t now = now_epoch_seconds();
    if (!opt.now.empty()) {
        auto parsed = parse_iso8601(opt.now);
        if (!parsed) {
            return fail("match",
                        "--now: expected an ISO 8601 time such as 2026-11-25T12:00:00Z, got \"" +
                            opt.now + "\"",
                        kExitUsage);
        }
        now = *parsed;
    }
    auto profile = chosen_profile(opt.profile, global);
    if (!profile) {
        return fail("match", profile.error().message, kExitUsage);
    }
    auto text = read_text_file(opt.listings);
    if (!text) {
        return fail("match", text.error().message, kExitUsage);
    }
    auto parsed = parse_listings(text.value(), opt.listings, now);
    if (!parsed) {
        return fail("match", parsed.error().message, kExitUsage);
    }
    ListingsParse& input = parsed.value();
    // Each listing enters by the intake door (skills extracted once); the scorer only reads them.
    std::vector<Listing> admitted;
    admitted.reserve(input.listings.size());
    for (std::size_t i = 0; i < input.listings.size(); ++i) {
        if (Status ok = admit_listing(input.listings[i], now); !ok) {
            input.problems.push_back("listing " + std::to_string(input.indexes[i]) + ": " +
                                     ok.error().message);
            continue;
        }
        admitted.push_back(std::move(input.listings[i]));
    }
    input.listings = std::move(admitted);
    for (const auto& problem : input.problems) {
        std::fprintf(stderr, "gigscout-cli match: %s: %s (skipped)\n", opt.listings.c_str(),
                     problem.c_str());
    }
    Scorer scorer = make_scorer(profile.value(), now);
    auto ranked = rank(input.listings, scorer);
    std::size_t top = opt.top ? static_cast<std::size_t>(*opt.top) : ranked.size();
    if (opt.json) {
        print_json(input.listings, ranked, top);
    } else {
        print_table(input.listings, ranked, profile.value(), input.problems.size(), now, top);
    }
    return kExitOk;
}

const bool registered = register_command(Command{
    "match", 10, [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto opt = std::make_shared<MatchOptions>();
        CLI::App* sub = app.add_subcommand(
            "match",
            "Rank a JSON array of listings against a skill profile, each with its "
            "score and explanation");
        sub->add_option("--profile", opt->profile,
                        "A stored profile's name, or a profile file (docs/profile-format.md)")
            ->required()
            ->type_name("P");
        sub->add_option("--listings", opt->listings,
                        "A JSON array of listings (docs/listing-format.md)")
            ->required()
            ->type_name("L.json");
        sub->add_option("--top", opt->top,
                        "Show only the N best listings, and at most N of those filtered out "
                        "(default: all)")
            ->check(CLI::Range(1, 1'000'000))
            ->type_name("N");
        sub->add_flag("--json", opt->json,
                      "Print a JSON array: id, title, source, url, score, filtered, "
                      "filter_reasons, components, matched/partial/missing skills");
        sub->add_option("--now", opt->now,
                        "Score as if it were this time (ISO 8601), for reproducible output")
            ->type_name("TIME");
        return [opt, &global] { return run_match(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::match_command
