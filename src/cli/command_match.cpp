// gigscout-cli match: ranks a JSON array of listings against a skill profile and prints each
// with its score and explanation (docs/cli.md, docs/scoring.md).
#include <cmath>
#include <cstdio>
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
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "taxonomy/skill_extractor.h"

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
constexpr std::size_t kLineColumns = 110;
constexpr const char* kIndent = "            ";

// Cuts to `columns` code points (an ellipsis marks the cut) and pads with spaces; a code point
// is taken as one column, which holds for the Latin, Greek and Cyrillic text listings use.
std::string cell(std::string_view text, std::size_t columns) {
    std::string out;
    std::size_t count = 0;
    std::size_t i = 0;
    std::size_t total = utf8::length(text);
    while (i < text.size()) {
        std::size_t len = 1;
        auto lead = static_cast<unsigned char>(text[i]);
        if (lead >= 0xF0) {
            len = 4;
        } else if (lead >= 0xE0) {
            len = 3;
        } else if (lead >= 0xC0) {
            len = 2;
        }
        if (total > columns && count + 1 == columns) {
            out += "…";
            ++count;
            break;
        }
        if (count == columns) {
            break;
        }
        char c = text[i];
        // Titles are one line: newlines and tabs become spaces.
        out.append(c == '\n' || c == '\t' || c == '\r' ? std::string_view(" ")
                                                       : text.substr(i, len));
        ++count;
        i += len;
    }
    out.append(columns > count ? columns - count : 0, ' ');
    return out;
}

std::string grouped(double amount) {
    char buf[64];
    bool whole = std::fabs(amount - std::round(amount)) < 0.005;
    std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.2f", amount);
    std::string digits = buf;
    std::size_t dot = digits.find('.');
    std::size_t int_end = dot == std::string::npos ? digits.size() : dot;
    std::string out;
    for (std::size_t i = 0; i < int_end; ++i) {
        if (i > 0 && (int_end - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out + digits.substr(int_end);
}

std::string money_text(std::string_view currency, const std::string& amounts) {
    if (currency == "USD") {
        return "$" + amounts;
    }
    if (currency == "EUR") {
        return "€" + amounts;
    }
    if (currency == "GBP") {
        return "£" + amounts;
    }
    if (currency == "INR") {
        return "₹" + amounts;
    }
    if (currency == "JPY") {
        return "¥" + amounts;
    }
    return std::string(currency) + " " + amounts;
}

// "$30–50/h", "€1,500 fixed", "up to $500 fixed", "$90,000–120,000/yr".
std::string budget_text(const std::optional<Budget>& b) {
    if (!b || (!b->min && !b->max)) {
        return "—";
    }
    std::string unit = b->kind == BudgetKind::Hourly  ? "/h"
                       : b->kind == BudgetKind::Fixed ? " fixed"
                                                      : "/yr";
    if (b->min && b->max && *b->min != *b->max) {
        return money_text(b->currency, grouped(*b->min) + "–" + grouped(*b->max)) + unit;
    }
    if (b->min && b->max) {
        return money_text(b->currency, grouped(*b->min)) + unit;
    }
    if (b->min) {
        return "from " + money_text(b->currency, grouped(*b->min)) + unit;
    }
    return "up to " + money_text(b->currency, grouped(*b->max)) + unit;
}

std::string skill_name(const std::string& id) {
    const Skill* s = Taxonomy::bundled().find(id);
    return s != nullptr ? s->name : id;
}

std::string points_text(double points) {
    char buf[32];
    double rounded = std::round(points * 10) / 10;
    bool whole = std::fabs(rounded - std::round(rounded)) < 1e-9;
    std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", std::fabs(rounded));
    return buf;
}

// Greedy word wrap at kLineColumns, every line indented.
void print_wrapped(const std::string& text) {
    std::string line = kIndent;
    std::size_t columns = std::char_traits<char>::length(kIndent);
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string_view word(text.data() + start, end - start);
        std::size_t width = utf8::length(word);
        bool first = columns == std::char_traits<char>::length(kIndent);
        if (!first && columns + 1 + width > kLineColumns) {
            std::printf("%s\n", line.c_str());
            line = std::string(kIndent) + "  ";
            columns = line.size();
            first = true;
        }
        if (!first) {
            line += ' ';
            ++columns;
        }
        line += word;
        columns += width;
        start = end + 1;
    }
    std::printf("%s\n", line.c_str());
}

std::string explanation(const Score& s) {
    std::string out;
    auto section = [&](const char* label, const std::vector<std::string>& items) {
        if (items.empty()) {
            return;
        }
        out += (out.empty() ? "" : " · ") + std::string(label) + ": ";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out += (i ? ", " : "") + items[i];
        }
    };
    std::vector<std::string> matched;
    std::vector<std::string> partial;
    std::vector<std::string> missing;
    for (const auto& id : s.matched_skills) {
        matched.push_back(skill_name(id));
    }
    for (const auto& p : s.partial_skills) {
        std::string via;
        for (const auto& id : p.all_via.empty() ? std::vector<std::string>{p.via} : p.all_via) {
            via += (via.empty() ? "" : ", ") + skill_name(id);
        }
        partial.push_back(skill_name(p.skill) + " (via " + via + ")");
    }
    for (const auto& id : s.missing_skills) {
        missing.push_back(skill_name(id));
    }
    section("matched", matched);
    section("partial", partial);
    section("missing", missing);
    return out.empty() ? "no skills found in the listing" : out;
}

std::string points_line(const Score& s) {
    std::string out;
    for (const auto& c : s.components) {
        if (c.name == "penalty") {
            out += " − penalty " + points_text(c.points);
        } else {
            out += (out.empty() ? "" : " + ") + c.name + " " + points_text(c.points);
        }
    }
    return out;
}

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
        std::printf("\n  #  Score  %s  %s  Budget\n", cell("Title", kTitleColumns).c_str(),
                    cell("Source", kSourceColumns).c_str());
    }
    std::size_t shown = 0;
    for (std::size_t i = 0; i < ranked.size() && shown < std::min(top, unfiltered); ++i) {
        const Score& s = ranked[i].score;
        const Listing& l = listings[ranked[i].index];
        ++shown;
        std::printf("%3zu  %5d  %s  %s  %s\n", shown, s.total, cell(l.title, kTitleColumns).c_str(),
                    cell(l.source, kSourceColumns).c_str(), budget_text(l.budget).c_str());
        print_wrapped(explanation(s));
        print_wrapped(points_line(s));
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
        std::printf("     %5d  %s  %s  %s\n", r.score.total, cell(l.title, kTitleColumns).c_str(),
                    cell(l.source, kSourceColumns).c_str(), budget_text(l.budget).c_str());
        std::string reasons;
        for (const auto& why : r.score.filter_reasons) {
            reasons += (reasons.empty() ? "" : "; ") + why;
        }
        print_wrapped(reasons);
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
        w.EndObject();
    }
    w.EndArray();
    std::printf("%s\n", buf.GetString());
}

int run_match(const MatchOptions& opt) {
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
    auto profile = load_profile(opt.profile);
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
    for (const auto& problem : input.problems) {
        std::fprintf(stderr, "gigscout-cli match: %s: %s (skipped)\n", opt.listings.c_str(),
                     problem.c_str());
    }
    // Skills are extracted once, as the listings enter; the scorer only reads them.
    for (auto& l : input.listings) {
        annotate_skills(l, SkillExtractor::bundled());
    }
    Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), now);
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
    "match", 10, [](CLI::App& app, const GlobalOptions&) -> std::function<int()> {
        auto opt = std::make_shared<MatchOptions>();
        CLI::App* sub = app.add_subcommand(
            "match",
            "Rank a JSON array of listings against a skill profile, each with its "
            "score and explanation");
        sub->add_option("--profile", opt->profile, "The skill profile (docs/profile-format.md)")
            ->required()
            ->type_name("P.json");
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
        return [opt] { return run_match(*opt); };
    }});

}  // namespace
}  // namespace gigscout::cli::match_command
