#include "views/insight_chart.h"

#include <algorithm>
#include <cmath>

#include "base/iso_time.h"
#include "base/utf8.h"
#include "scoring/scorer.h"
#include "views/display_text.h"

namespace gigscout {
namespace {

std::string percent_text(double share) {
    return std::to_string(static_cast<long>(std::lround(share * 100))) + " %";
}

// "$45/h · n=12"; a median of few listings says so: "$30/h · n=2, few".
std::string median_label(const PayMedian& m, const std::string& currency, const char* per) {
    return money_text(std::round(*m.median), currency) + per + " · n=" + std::to_string(m.count) +
           (m.few() ? ", few" : "");
}

std::string pay_label(const ChartBar& bar, const std::string& currency) {
    std::string text;
    if (bar.hourly.median) {
        text = median_label(bar.hourly, currency, "/h");
    }
    if (bar.fixed.median) {
        text += (text.empty() ? "" : "   ") + median_label(bar.fixed, currency, " fixed");
    }
    return text.empty() ? "no pay stated" : text;
}

// The longest start of `text` (whole UTF-8 characters) that fits, with "…" when cut.
std::string fit_width(const std::string& text, double room, const TextMetrics& m) {
    if (m.width(text) <= room) {
        return text;
    }
    for (std::size_t n = text.size(); n > 0; --n) {
        std::string cut = std::string(utf8::truncate(text, n - 1)) + "…";
        if (m.width(cut) <= room) {
            return cut;
        }
    }
    return "…";
}

std::vector<std::string> wrap_width(const std::string& text, double room, const TextMetrics& m) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(' ', at);
        std::string word = text.substr(at, end == std::string::npos ? end : end - at);
        at = end == std::string::npos ? text.size() : end + 1;
        std::string longer = line.empty() ? word : line + " " + word;
        if (!line.empty() && m.width(longer) > room) {
            lines.push_back(line);
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.empty()) {
        lines.push_back(line);
    }
    return lines;
}

}  // namespace

InsightChart make_insight_chart(const MarketInsight& insight, const InsightRequest& request,
                                const std::vector<NextStep>& steps) {
    const MarketDemand& d = insight.demand;
    InsightChart chart;
    chart.currency = d.currency;
    chart.listings = d.listings;
    chart.has_profile = request.profile.has_value();
    chart.heading = "Last " + std::to_string(request.days) + " days · " +
                    std::to_string(d.listings) + (d.listings == 1 ? " listing" : " listings") +
                    " · " + (request.sources.empty() ? std::string("every source") : std::string());
    for (std::size_t i = 0; i < request.sources.size(); ++i) {
        chart.heading += (i ? ", " : "") + request.sources[i];
    }
    if (request.profile) {
        chart.heading += " · against " + request.profile_label;
    }
    for (const SkillDemand& s : d.skills) {
        if (chart.demand.size() == kChartDemandRows) {
            break;
        }
        if (s.listings == 0) {
            continue;  // asked for only in the previous window
        }
        ChartBar bar;
        bar.skill = s.skill;
        bar.name = skill_name(s.skill);
        bar.listings = s.listings;
        bar.share = s.share;
        bar.have = request.profile && request.profile->find_skill(s.skill) != nullptr;
        bar.hourly = s.hourly;
        bar.fixed = s.fixed;
        chart.demand.push_back(std::move(bar));
    }
    for (std::size_t i = 0; i < chart.demand.size() && i < kChartTrendSkills; ++i) {
        const SkillDemand* s = d.find_skill(chart.demand[i].skill);
        ChartTrend t{s->skill, chart.demand[i].name, {}};
        for (std::size_t w = 0; w < d.weekly.size(); ++w) {
            if (d.weekly[w] == 0) {
                t.share.push_back(std::nullopt);
            } else {
                t.share.push_back(static_cast<double>(s->weekly[w]) /
                                  static_cast<double>(d.weekly[w]));
            }
        }
        chart.trend.push_back(std::move(t));
    }
    for (std::size_t w = 0; w < d.weekly.size(); ++w) {
        const std::int64_t start =
            d.to - static_cast<std::int64_t>(d.weekly.size() - w) * d.week_seconds;
        chart.week_labels.push_back(format_date(start).substr(5));  // "11-09"
    }
    for (const NextStep& step : steps) {
        chart.steps.push_back(step.text);
    }
    if (!request.profile) {
        chart.steps.push_back(
            "Choose or create a profile to see which of these skills you have and what to "
            "learn next.");
    } else if (steps.empty()) {
        chart.steps.push_back("No next step: your profile has every skill of the path's levels.");
    }
    return chart;
}

Result<InsightChart> load_insight_chart(Store& store, const InsightRequest& request,
                                        const LearningPath& path, const Taxonomy& taxonomy,
                                        const CurrencyTable& currencies) {
    InsightQuery query;
    query.now = request.now;
    query.days = request.days;
    query.sources = request.sources;
    query.currency = insight_currency(request.profile ? &*request.profile : nullptr);
    std::optional<Scorer> scorer;
    if (request.profile) {
        scorer.emplace(*request.profile, taxonomy, currencies, request.now);
        query.scorer = &*scorer;
    }
    auto insight = load_market_insight(store, query, taxonomy, currencies);
    if (!insight) {
        return insight.error();
    }
    std::vector<NextStep> steps;
    if (request.profile) {
        steps = next_steps(path, *request.profile, insight.value(), taxonomy);
    }
    return make_insight_chart(insight.value(), request, steps);
}

// --- layout ----------------------------------------------------------------------------------

std::optional<std::string> ChartScene::skill_at(double x, double y) const {
    for (const SceneHit& h : hits) {
        if (x >= h.x && x < h.x + h.w && y >= h.y && y < h.y + h.h) {
            return h.skill;
        }
    }
    return std::nullopt;
}

ChartScene lay_out_insight_chart(const InsightChart& chart, double width, const TextMetrics& m) {
    ChartScene s;
    s.width = width;
    const double lh = m.line_height;
    const double pad = std::round(lh * 0.8);
    const double right = width - pad;
    double y = pad;
    auto text = [&](double x, double at, std::string t, Ink ink, bool bold = false,
                    bool align_right = false) {
        s.texts.push_back({x, at, std::move(t), ink, bold, align_right});
    };
    auto section = [&](const std::string& title, const std::string& note) {
        y += lh * 0.6;
        s.rects.push_back({pad, y, right - pad, 1, Ink::Grid});
        y += lh * 0.5;
        text(pad, y, title, Ink::Text, true);
        y += lh * 1.3;
        if (!note.empty()) {
            for (const auto& line : wrap_width(note, right - pad, m)) {
                text(pad, y, line, Ink::Muted);
                y += lh * 1.2;
            }
        }
    };

    text(pad, y, chart.heading, Ink::Text, true);
    y += lh * 1.4;
    if (chart.demand.empty()) {
        text(pad, y,
             chart.listings == 0 ? "No stored listings in this window: refresh, or widen the "
                                   "window or the sources."
                                 : "The listings of this window name no skills.",
             Ink::Muted);
        s.height = y + lh + pad;
        return s;
    }

    // Rows of bars: a label column sized to the longest name (at most a third of the width),
    // then the bars, each with its value after it. Wide: demand and pay side by side on the same
    // rows (one skill per row, readable at a glance); narrow: pay below demand.
    double label_w = 0;
    for (const ChartBar& b : chart.demand) {
        label_w = std::max(label_w, m.width(b.name));
    }
    label_w = std::min(label_w, std::max(width / 3, lh * 6));
    const double bar_x = pad + label_w + lh * 0.6;
    const double row_h = std::round(lh * 1.45);
    const double bar_h = std::round(lh * 0.95);
    const bool wide = width >= lh * 60;
    const double gap = lh * 1.5;
    const double split = wide ? std::round(bar_x + (right - bar_x) * 0.45) : right;
    auto bar_rows = [&](double top_y, double x0, double x1, bool labels,
                        const std::vector<std::string>& values, auto length, auto ink) {
        double value_w = 0;
        for (const auto& v : values) {
            value_w = std::max(value_w, m.width(v));
        }
        const double room = std::max(x1 - x0 - value_w - lh * 0.6, (x1 - x0) * 0.25);
        double row_y = top_y;
        for (std::size_t i = 0; i < chart.demand.size(); ++i) {
            const ChartBar& b = chart.demand[i];
            const double top = row_y + (row_h - bar_h) / 2;
            const double text_top = row_y + (row_h - lh) / 2;
            if (labels) {
                text(bar_x - lh * 0.6, text_top, fit_width(b.name, label_w, m), Ink::Text, false,
                     true);
            }
            const double len = length(b);
            double w = 0;
            if (len > 0) {
                w = std::max(2.0, std::round(room * len));
                s.rects.push_back({x0, top, w, bar_h, ink(b)});
            }
            text(x0 + w + lh * 0.4, text_top, fit_width(values[i], x1 - x0 - w - lh * 0.4, m),
                 len > 0 ? Ink::Text : Ink::Muted);
            if (labels) {  // the whole row: beside it, the pay column has none of its own
                s.hits.push_back({pad, row_y, right - pad, row_h, b.skill});
            }
            row_y += row_h;
        }
        return row_y;
    };
    auto rule = [&] {
        y += lh * 0.6;
        s.rects.push_back({pad, y, right - pad, 1, Ink::Grid});
        y += lh * 0.5;
    };
    // A column's title and lines of note from `at`; returns where the column's rows start.
    auto column_head = [&](double x, double x1, double at, const std::string& title,
                           const std::string& note) {
        text(x, at, fit_width(title, x1 - x, m), Ink::Text, true);
        at += lh * 1.3;
        for (const auto& line : wrap_width(note, x1 - x, m)) {
            text(x, at, line, Ink::Muted);
            at += lh * 1.2;
        }
        return at;
    };
    const std::string demand_title = "Demand: share of the listings asking for each skill";
    const std::string pay_title = "Pay: median offered rate per skill";
    const std::string pay_note = "Bars: the hourly median, in " + chart.currency +
                                 "; n = the listings behind each median; fewer than " +
                                 std::to_string(kFewPayListings) + " are pale and marked few.";

    // Demand, with the user's coverage marked by colour and a legend.
    rule();
    double rows_y = column_head(pad, wide ? split - gap / 2 : right, y, demand_title, "");
    {
        double x = pad;
        const double box = std::round(lh * 0.75);
        for (auto [ink, label] :
             {std::pair{Ink::Have, "you have it"},
              std::pair{Ink::Lack,
                        chart.has_profile ? "you lack it" : "no profile: coverage unknown"}}) {
            s.rects.push_back({x, rows_y + (lh - box) / 2, box, box, ink});
            text(x + box + lh * 0.3, rows_y, label, Ink::Muted);
            x += box + lh * 1.5 + m.width(label);
        }
        rows_y += lh * 1.5;
    }
    if (wide) {
        // The pay column's head beside demand's; both columns' rows start below the taller.
        rows_y = std::max(rows_y, column_head(split + gap / 2, right, y, pay_title, pay_note));
    }
    double top_share = 0;
    std::vector<std::string> values;
    for (const ChartBar& b : chart.demand) {
        top_share = std::max(top_share, b.share);
        values.push_back(std::to_string(b.listings) + " · " + percent_text(b.share));
    }
    y = bar_rows(
        rows_y, bar_x, wide ? split - gap / 2 : right, true, values,
        [&](const ChartBar& b) { return top_share > 0 ? b.share / top_share : 0; },
        [](const ChartBar& b) { return b.have ? Ink::Have : Ink::Lack; });

    // Pay: the median hourly rate as a bar, with the count behind it.
    double top_rate = 0;
    values.clear();
    for (const ChartBar& b : chart.demand) {
        top_rate = std::max(top_rate, b.hourly.median.value_or(0));
        values.push_back(pay_label(b, chart.currency));
    }
    auto pay_length = [&](const ChartBar& b) {
        return top_rate > 0 && b.hourly.median ? *b.hourly.median / top_rate : 0;
    };
    auto pay_ink = [](const ChartBar& b) { return b.hourly.few() ? Ink::FewPay : Ink::Pay; };
    if (wide) {
        bar_rows(rows_y, split + gap / 2, right, false, values, pay_length, pay_ink);
    } else {
        rule();
        y = bar_rows(column_head(pad, right, y, pay_title, pay_note), bar_x, right, true, values,
                     pay_length, pay_ink);
    }

    // Trend: each of the most asked skills' weekly share, as lines over a grid.
    if (!chart.week_labels.empty() && !chart.trend.empty()) {
        const auto weeks_with_listings =
            std::count_if(chart.trend[0].share.begin(), chart.trend[0].share.end(),
                          [](const std::optional<double>& v) { return v.has_value(); });
        std::string note;
        if (chart.week_labels.size() == 1) {
            note =
                "A window of one week gives one point per skill: choose a longer window to see "
                "a trend.";
        } else if (weeks_with_listings < 2) {
            note =
                "Only one week of this window has listings so far: the lines begin once a "
                "second week is stored.";
        }
        section("Trend: weekly share of the listings asking for each skill", note);
        double top = 0;
        for (const ChartTrend& t : chart.trend) {
            for (const auto& v : t.share) {
                top = std::max(top, v.value_or(0));
            }
        }
        // A round top: the next 10 % (the whole scale up to 100 %).
        top = std::min(1.0, std::max(0.1, std::ceil(top * 10 - 1e-9) / 10));
        const double axis_w = m.width("100 %") + lh * 0.5;
        const double x0 = pad + axis_w;
        const double x1 = right - lh;
        const double y0 = y + lh * 0.5;
        const double plot_h = lh * 8;
        const double y1 = y0 + plot_h;
        for (int g = 0; g <= 2; ++g) {
            const double gy = std::round(y1 - plot_h * g / 2);
            s.rects.push_back({x0, gy, x1 - x0, 1, Ink::Grid});
            text(x0 - lh * 0.4, gy - lh / 2, percent_text(top * g / 2), Ink::Muted, false, true);
        }
        const std::size_t weeks = chart.week_labels.size();
        auto x_of = [&](std::size_t w) {
            return weeks == 1
                       ? (x0 + x1) / 2
                       : x0 + (x1 - x0) * static_cast<double>(w) / static_cast<double>(weeks - 1);
        };
        // Week labels under the axis, skipping some when they would touch.
        const double label_w = m.width("00-00") + lh;
        const double spacing = weeks > 1 ? (x1 - x0) / static_cast<double>(weeks - 1) : x1 - x0;
        const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil(label_w / spacing)));
        for (std::size_t w = 0; w < weeks; ++w) {
            if ((weeks - 1 - w) % every == 0) {  // the newest week always
                const std::string& label = chart.week_labels[w];
                text(std::clamp(x_of(w) - m.width(label) / 2, pad, right - m.width(label)),
                     y1 + lh * 0.6, label, Ink::Muted);
            }
        }
        for (std::size_t i = 0; i < chart.trend.size(); ++i) {
            const int series = static_cast<int>(i);
            SceneLine line{{}, Ink::Series, series, 2.5};
            auto flush = [&] {
                if (line.points.size() > 1) {
                    s.lines.push_back(line);
                }
                line.points.clear();
            };
            for (std::size_t w = 0; w < weeks; ++w) {
                const auto& v = chart.trend[i].share[w];
                if (!v) {
                    flush();  // a week without listings breaks the line
                    continue;
                }
                const double py = y1 - plot_h * std::min(*v / top, 1.0);
                line.points.emplace_back(x_of(w), py);
                const double dot = std::round(lh * 0.4);
                s.rects.push_back({x_of(w) - dot / 2, py - dot / 2, dot, dot, Ink::Series, series});
            }
            flush();
        }
        y = y1 + lh * 2;
        double x = pad;
        for (std::size_t i = 0; i < chart.trend.size(); ++i) {
            const double box = std::round(lh * 0.75);
            const double w = box + lh * 0.3 + m.width(chart.trend[i].name) + lh * 1.2;
            if (x + w > right && x > pad) {
                x = pad;
                y += lh * 1.3;
            }
            s.rects.push_back({x, y + (lh - box) / 2, box, box, Ink::Series, static_cast<int>(i)});
            text(x + box + lh * 0.3, y, chart.trend[i].name, Ink::Text);
            x += w;
        }
        y += lh * 1.3;
    }

    section("Next steps", "");
    for (const auto& step : chart.steps) {
        for (const auto& line : wrap_width(step, right - pad - lh, m)) {
            text(pad + lh, y, line, Ink::Text);
            y += lh * 1.2;
        }
        y += lh * 0.4;
    }
    s.height = std::ceil(y + pad);
    return s;
}

}  // namespace gigscout
