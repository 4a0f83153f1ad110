// gigscout-cli insights: what the stored listings ask for and pay (demand), which skills the
// user lacks would lift the most listings above their threshold (gaps), and the next steps of
// the learning path (docs/insights.md).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>

#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "model/currency.h"
#include "taxonomy/taxonomy.h"
#include "views/display_text.h"
#include "views/learning_path.h"
#include "views/market_insight.h"
#include "workspace/workspace.h"

namespace gigscout::cli::insights_command {
namespace {

struct InsightsOptions {
    std::optional<std::string> profile;
    int days = kDefaultInsightDays;
    std::vector<std::string> sources;
    int min_score = kDefaultGapThreshold;
    int top = 15;
    bool json = false;
};

std::string percent(double share) {
    return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}

// "+3 pts", "−2 pts", "0 pts"; "new" when the previous window had none of it.
std::string change_text(const SkillDemand& d) {
    if (!d.previous_share) {
        return "-";
    }
    long points = std::lround((d.share - *d.previous_share) * 100);
    return (points > 0 ? "+" : "") + std::to_string(points) + " pts";
}

// "$45/h (12)"; "-" without a known amount. Fewer than three listings behind it: "(2, few)".
std::string median_text(const PayMedian& m, const std::string& currency, const char* per) {
    if (!m.median) {
        return "-";
    }
    return money_text(std::round(*m.median), currency) + per + " (" + std::to_string(m.count) +
           (m.few() ? ", few" : "") + ")";
}

void print_demand_rows(const std::vector<SkillDemand>& rows, const std::string& currency,
                       std::size_t top) {
    std::printf("  %-26s %6s %8s  %-20s %s\n", "", "share", "change", "median hourly (n)",
                "median fixed (n)");
    for (std::size_t i = 0; i < rows.size() && i < top; ++i) {
        const SkillDemand& d = rows[i];
        std::printf("  %-26s %6s %8s  %-20s %s\n", fit_columns(skill_name(d.skill), 26).c_str(),
                    percent(d.share).c_str(), change_text(d).c_str(),
                    median_text(d.hourly, currency, "/h").c_str(),
                    median_text(d.fixed, currency, "").c_str());
    }
}

void print_text(const MarketInsight& insight, const std::vector<NextStep>& steps,
                const std::string& profile_label, std::size_t top) {
    const MarketDemand& d = insight.demand;
    std::printf("Demand: %zu listings from %s to %s (the window before: %zu); pay in %s\n",
                d.listings, date_text(d.from).c_str(), date_text(d.to).c_str(), d.previous_listings,
                d.currency.c_str());
    print_demand_rows(d.skills, d.currency, top);
    std::printf("Domains (a listing counts when it asks for the domain or one of its tools):\n");
    print_demand_rows(d.domains, d.currency, top);
    if (!insight.gaps) {
        std::printf("Gaps: no profile (pass --profile NAME or FILE, or add one)\n");
        return;
    }
    const GapReport& g = *insight.gaps;
    std::printf("Gaps against %s (threshold %d, %zu %s at or above it now):\n",
                profile_label.c_str(), g.threshold, g.above, g.above == 1 ? "listing" : "listings");
    std::size_t shown = 0;
    for (const SkillGap& gap : g.gaps) {
        if (gap.lifted == 0 || shown == top) {
            break;
        }
        ++shown;
        std::string pay =
            gap.hourly.median ? ", median " + median_text(gap.hourly, d.currency, "/h") : "";
        std::printf("  learn %s: +%zu %s above %d%s; %zu %s for it\n",
                    skill_name(gap.skill).c_str(), gap.lifted,
                    gap.lifted == 1 ? "listing" : "listings", g.threshold, pay.c_str(), gap.asking,
                    gap.asking == 1 ? "asks" : "ask");
    }
    if (shown == 0) {
        std::printf("  no single skill lifts a listing above %d\n", g.threshold);
    }
    if (!g.rare.empty()) {
        std::printf("Rarely asked for (under %s of listings):\n", percent(kRareShare).c_str());
        for (const RareSkill& r : g.rare) {
            std::printf("  %s: %zu %s (%s)\n", skill_name(r.skill).c_str(), r.listings,
                        r.listings == 1 ? "listing" : "listings", percent(r.share).c_str());
        }
    }
    if (!steps.empty()) {
        std::printf("Next steps:\n");
        for (const NextStep& s : steps) {
            std::printf("  %s\n", s.text.c_str());
            if (s.resource) {
                std::printf("    %s: %s\n", s.resource->title.c_str(), s.resource->url.c_str());
            }
        }
    }
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(Writer& w, const char* key, std::string_view v) {
    w.Key(key);
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

void count(Writer& w, const char* key, std::size_t n) {
    w.Key(key);
    w.Uint64(n);
}

void median_json(Writer& w, const char* key, const PayMedian& m) {
    w.Key(key);
    w.StartObject();
    w.Key("median");
    if (m.median) {
        w.Double(*m.median);
    } else {
        w.Null();
    }
    count(w, "count", m.count);
    w.EndObject();
}

void demand_json(Writer& w, const char* key, const std::vector<SkillDemand>& rows) {
    w.Key(key);
    w.StartArray();
    for (const SkillDemand& d : rows) {
        w.StartObject();
        str(w, "skill", d.skill);
        str(w, "name", skill_name(d.skill));
        count(w, "listings", d.listings);
        w.Key("share");
        w.Double(d.share);
        count(w, "previous_listings", d.previous_listings);
        w.Key("previous_share");
        if (d.previous_share) {
            w.Double(*d.previous_share);
        } else {
            w.Null();
        }
        median_json(w, "hourly", d.hourly);
        median_json(w, "fixed", d.fixed);
        w.EndObject();
    }
    w.EndArray();
}

void print_json(const MarketInsight& insight, const std::vector<NextStep>& steps,
                const InsightsOptions& opt, const std::string& profile_label) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    const MarketDemand& d = insight.demand;
    w.StartObject();
    w.Key("window");
    w.StartObject();
    str(w, "from", format_iso8601(d.from));
    str(w, "to", format_iso8601(d.to));
    w.Key("days");
    w.Int(opt.days);
    w.Key("sources");
    w.StartArray();
    for (const auto& s : opt.sources) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    }
    w.EndArray();
    count(w, "listings", d.listings);
    count(w, "previous_listings", d.previous_listings);
    w.EndObject();
    str(w, "currency", d.currency);
    demand_json(w, "skills", d.skills);
    demand_json(w, "domains", d.domains);
    w.Key("gaps");
    if (!insight.gaps) {
        w.Null();
    } else {
        const GapReport& g = *insight.gaps;
        w.StartObject();
        str(w, "profile", profile_label);
        w.Key("threshold");
        w.Int(g.threshold);
        str(w, "level", to_string(g.level));
        count(w, "above", g.above);
        w.Key("missing");
        w.StartArray();
        for (const SkillGap& gap : g.gaps) {
            w.StartObject();
            str(w, "skill", gap.skill);
            str(w, "name", skill_name(gap.skill));
            count(w, "lifted", gap.lifted);
            count(w, "asking", gap.asking);
            median_json(w, "hourly", gap.hourly);
            w.EndObject();
        }
        w.EndArray();
        w.Key("rarely_asked");
        w.StartArray();
        for (const RareSkill& r : g.rare) {
            w.StartObject();
            str(w, "skill", r.skill);
            str(w, "name", skill_name(r.skill));
            count(w, "listings", r.listings);
            w.Key("share");
            w.Double(r.share);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.Key("next_steps");
    w.StartArray();
    for (const NextStep& s : steps) {
        w.StartObject();
        str(w, "skill", s.skill);
        str(w, "name", skill_name(s.skill));
        str(w, "text", s.text);
        count(w, "asking", s.asking);
        count(w, "lifted", s.lifted);
        str(w, "project", s.project);
        w.Key("resource");
        if (s.resource) {
            w.StartObject();
            str(w, "title", s.resource->title);
            str(w, "provider", s.resource->provider);
            str(w, "url", s.resource->url);
            str(w, "cost", s.resource->free ? "free" : "affordable");
            str(w, "checked", s.resource->checked);
            w.EndObject();
        } else {
            w.Null();
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::fwrite(buf.GetString(), 1, buf.GetSize(), stdout);
    std::fputs("\n", stdout);
}

int run_insights(const InsightsOptions& opt, const GlobalOptions& global) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("insights", opened.error());
    }
    Workspace& workspace = opened.value();
    auto chosen = workspace.profile(opt.profile);
    if (!chosen) {
        return fail("insights", chosen.error().message, kExitUsage);
    }
    const Taxonomy& taxonomy = Taxonomy::bundled();
    auto path = load_bundled_learning_path(taxonomy);
    if (!path) {
        return fail("insights", path.error().message, kExitInternal);
    }
    InsightQuery query;
    query.now = now_epoch_seconds();
    query.days = opt.days;
    query.sources = opt.sources;
    query.threshold = opt.min_score;
    std::optional<Scorer> scorer;
    std::string label;
    if (const auto& c = chosen.value()) {
        scorer.emplace(make_scorer(c->profile, query.now));
        query.scorer = &*scorer;
        label = c->label;
        query.currency = insight_currency(&c->profile);
    }
    auto insight =
        load_market_insight(workspace.store(), query, taxonomy, CurrencyTable::bundled());
    if (!insight) {
        return fail("insights", insight.error().message, kExitInternal);
    }
    std::vector<NextStep> steps;
    if (chosen.value()) {
        steps = next_steps(path.value(), chosen.value()->profile, insight.value(), taxonomy);
    }
    if (opt.json) {
        print_json(insight.value(), steps, opt, label);
    } else {
        print_text(insight.value(), steps, label, static_cast<std::size_t>(opt.top));
    }
    return kExitOk;
}

const bool registered = register_command(Command{
    "insights", 45, [](CLI::App& app, const GlobalOptions& global) {
        auto opt = std::make_shared<InsightsOptions>();
        CLI::App* sub = app.add_subcommand(
            "insights",
            "What the stored listings ask for and pay, the skills that would lift the most "
            "listings above your threshold, and the next steps of the learning path");
        sub->add_option("--profile", opt->profile,
                        "Gaps against this stored profile (or profile file) instead of the "
                        "active one")
            ->type_name("P");
        sub->add_option("--days", opt->days,
                        "The window: listings posted (else first seen) in the last N days, "
                        "compared with the N days before (default 30)")
            ->check(CLI::Range(1, 3650))
            ->type_name("N");
        sub->add_option("--source", opt->sources,
                        "Only listings this source brought (repeat for several)")
            ->type_name("ID");
        sub->add_option("--min-score", opt->min_score,
                        "The score a listing must reach to count as a match (default 70)")
            ->check(CLI::Range(0, 100))
            ->type_name("N");
        sub->add_option("--top", opt->top, "Rows of each table in the text output (default 15)")
            ->check(CLI::Range(1, 100000))
            ->type_name("N");
        sub->add_flag("--json", opt->json, "Print everything as one JSON object");
        return [opt, &global] { return run_insights(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::insights_command
