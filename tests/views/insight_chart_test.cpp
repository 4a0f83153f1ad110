// The Insights tab's chart rows and their layout, measured with a fixed-width font: coverage
// marked per skill, medians of few listings shown as such, the weekly shares, a click on a row
// naming its skill, and no text running into another or off the edge.
#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store_test_support.h"
#include "views/insight_chart.h"

namespace gigscout::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

SkillDemand chart_demand(const std::string& id, std::size_t listings, double share,
                         std::vector<std::size_t> weekly, PayMedian hourly = {}) {
    SkillDemand d;
    d.skill = id;
    d.listings = listings;
    d.share = share;
    d.weekly = std::move(weekly);
    d.hourly = hourly;
    return d;
}

MarketInsight chart_market() {
    MarketInsight m;
    m.demand.to = kT0;
    m.demand.from = kT0 - 30 * kDay;
    m.demand.listings = 10;
    m.demand.currency = "USD";
    m.demand.week_seconds = 7 * kDay;
    m.demand.weekly = {4, 0, 2, 4};
    m.demand.skills = {
        chart_demand("opencv", 6, 0.6, {2, 0, 1, 3}, {45.0, 12}),
        chart_demand("pytorch", 4, 0.4, {1, 0, 2, 1}, {70.0, 2}),
        chart_demand("python", 3, 0.3, {1, 0, 0, 2}),
        chart_demand("keras", 0, 0, {0, 0, 0, 0}),  // only the previous window asked
    };
    return m;
}

InsightRequest chart_request(bool with_profile) {
    InsightRequest r;
    r.now = kT0;
    r.days = 30;
    if (with_profile) {
        auto p = profile_from_json(
            R"({"format": 1, "name": "me", "skills": [{"skill": "opencv", "level": "intermediate"}]})",
            "chart profile");
        EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
        r.profile = p.value();
        r.profile_label = "me";
    }
    return r;
}

TextMetrics fixed_font() {
    return {16, [](std::string_view t) { return 8.0 * static_cast<double>(t.size()); }};
}

TEST(InsightChart, RowsMarkTheSkillsTheProfileHasAndCarryTheWeeklyShares) {
    InsightChart c = make_insight_chart(chart_market(), chart_request(true), {});
    EXPECT_EQ(c.heading, "Last 30 days · 10 listings · every source · against me");
    ASSERT_EQ(c.demand.size(), 3u);  // keras: asked for only before the window
    EXPECT_EQ(c.demand[0].name, "OpenCV");
    EXPECT_TRUE(c.demand[0].have);
    EXPECT_FALSE(c.demand[1].have);
    ASSERT_EQ(c.trend.size(), 3u);
    // Week 2 had no listings: no share, not zero.
    EXPECT_THAT(c.trend[0].share, ElementsAre(0.5, std::nullopt, 0.5, 0.75));
    // Each week's first day: 28, 21, 14 and 7 days before the end.
    EXPECT_EQ(c.week_labels.size(), 4u);
    EXPECT_EQ(c.week_labels[3], format_date(kT0 - 7 * kDay).substr(5));
    EXPECT_THAT(c.steps, ElementsAre(HasSubstr("every skill")));

    InsightChart anonymous = make_insight_chart(chart_market(), chart_request(false), {});
    EXPECT_FALSE(anonymous.demand[0].have);
    EXPECT_THAT(anonymous.steps, ElementsAre(HasSubstr("Choose or create a profile")));
}

TEST(InsightChart, TheLayoutMarksCoverageAndFewPayAndAClickNamesTheRowsSkill) {
    InsightChart c = make_insight_chart(chart_market(), chart_request(true), {});
    ChartScene s = lay_out_insight_chart(c, 900, fixed_font());
    std::vector<std::string> texts;
    for (const auto& t : s.texts) {
        texts.push_back(t.text);
    }
    EXPECT_THAT(texts, ::testing::Contains("6 · 60 %"));
    EXPECT_THAT(texts, ::testing::Contains("$45/h · n=12"));
    EXPECT_THAT(texts, ::testing::Contains("$70/h · n=2, few"));
    EXPECT_THAT(texts, ::testing::Contains("no pay stated"));
    EXPECT_THAT(texts, ::testing::Contains("you have it"));
    std::size_t have = 0, lack = 0, few = 0;
    for (const auto& r : s.rects) {
        have += r.ink == Ink::Have ? 1 : 0;
        lack += r.ink == Ink::Lack ? 1 : 0;
        few += r.ink == Ink::FewPay ? 1 : 0;
    }
    EXPECT_EQ(have, 2u);  // OpenCV's bar and the legend
    EXPECT_EQ(lack, 3u);
    EXPECT_EQ(few, 1u);  // PyTorch's median of two
    // One line per skill: the empty week breaks each, and the lone first point is only a dot.
    EXPECT_EQ(s.lines.size(), 3u);

    // The demand rows in order, then the pay rows: the middle of each names its skill.
    ASSERT_EQ(s.hits.size(), 6u);
    EXPECT_EQ(s.skill_at(s.hits[1].x + 300, s.hits[1].y + s.hits[1].h / 2), "pytorch");
    EXPECT_EQ(s.skill_at(s.hits[5].x + 10, s.hits[5].y + 1), "python");
    EXPECT_FALSE(s.skill_at(1, 1));
    EXPECT_FALSE(s.skill_at(450, s.height - 2));

    // Wide: pay beside demand on the same rows, one click area per skill across both.
    ChartScene wide = lay_out_insight_chart(c, 1200, fixed_font());
    ASSERT_EQ(wide.hits.size(), 3u);
    double pay_bar_x = 0;
    for (const auto& r : wide.rects) {
        if (r.ink == Ink::FewPay) {
            pay_bar_x = r.x;
            EXPECT_NEAR(r.y + r.h / 2, wide.hits[1].y + wide.hits[1].h / 2, 1) << "PyTorch's row";
        }
    }
    EXPECT_GT(pay_bar_x, 500);  // right of the demand column
    EXPECT_EQ(wide.skill_at(pay_bar_x + 5, wide.hits[1].y + 2), "pytorch");
    EXPECT_LT(wide.height, s.height);
}

// Every text inside the scene and clear of every other, at a wide and a narrow width.
TEST(InsightChart, NoTextOverlapsAnotherOrLeavesTheScene) {
    auto market = chart_market();
    market.demand.skills[2].skill = "image-classification";  // a long name
    std::vector<NextStep> steps(1);
    steps[0].text =
        "You are close to Intermediate: learn PyTorch (PyTorch documentation, free), build an "
        "image classification API (a fine-tuned model behind FastAPI) — 4 listings ask for it";
    InsightChart c = make_insight_chart(market, chart_request(true), steps);
    const TextMetrics m = fixed_font();
    for (double width : {1100.0, 520.0}) {
        ChartScene s = lay_out_insight_chart(c, width, m);
        struct Box {
            double x0, y0, x1, y1;
            std::string text;
        };
        std::vector<Box> boxes;
        for (const auto& t : s.texts) {
            const double w = m.width(t.text);
            const double x0 = t.right ? t.x - w : t.x;
            boxes.push_back({x0, t.y, x0 + w, t.y + m.line_height, t.text});
            EXPECT_GE(x0, 0) << t.text << " at width " << width;
            EXPECT_LE(x0 + w, width) << t.text << " at width " << width;
            EXPECT_LE(t.y + m.line_height, s.height) << t.text;
        }
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            for (std::size_t j = i + 1; j < boxes.size(); ++j) {
                const Box& a = boxes[i];
                const Box& b = boxes[j];
                const bool overlap =
                    a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
                EXPECT_FALSE(overlap)
                    << "`" << a.text << "` and `" << b.text << "` at width " << width;
            }
        }
    }
}

bool scene_says(const ChartScene& s, const std::string& words) {
    return std::any_of(s.texts.begin(), s.texts.end(),
                       [&](const SceneText& t) { return t.text.find(words) != std::string::npos; });
}

TEST(InsightChart, TheTrendSaysWhenItCannotBeALineYet) {
    MarketInsight m = chart_market();
    ChartScene lines =
        lay_out_insight_chart(make_insight_chart(m, chart_request(true), {}), 900, fixed_font());
    EXPECT_FALSE(scene_says(lines, "Only one week"));
    EXPECT_FALSE(scene_says(lines, "one point per skill"));
    // Listings in the newest week only: dots, no line, and a note why.
    m.demand.weekly = {0, 0, 0, 10};
    for (auto& d : m.demand.skills) {
        d.weekly = {0, 0, 0, d.listings};
    }
    ChartScene s =
        lay_out_insight_chart(make_insight_chart(m, chart_request(true), {}), 900, fixed_font());
    EXPECT_TRUE(s.lines.empty());
    EXPECT_TRUE(scene_says(s, "Only one week of this window has listings so far"));
    // A one-week window.
    m.demand.weekly = {10};
    for (auto& d : m.demand.skills) {
        d.weekly = {d.listings};
    }
    s = lay_out_insight_chart(make_insight_chart(m, chart_request(true), {}), 900, fixed_font());
    EXPECT_TRUE(scene_says(s, "A window of one week gives one point per skill"));
}

TEST(InsightChart, AnEmptyWindowSaysSo) {
    MarketInsight empty;
    empty.demand.currency = "USD";
    InsightChart c = make_insight_chart(empty, chart_request(false), {});
    ChartScene s = lay_out_insight_chart(c, 800, fixed_font());
    ASSERT_EQ(s.texts.size(), 2u);
    EXPECT_THAT(s.texts[1].text, HasSubstr("No stored listings in this window"));
    EXPECT_TRUE(s.hits.empty());
}

}  // namespace
}  // namespace gigscout::testing
