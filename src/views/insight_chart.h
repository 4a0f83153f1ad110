// What the desktop Insights tab draws: the market insight (market_insight.h) and the next
// steps (learning_path.h) made into chart rows, then laid out for a width as a scene of plain
// rectangles, lines and texts with colour roles and click areas. Layout, labels and the
// hit-test are decided here, so they are tested without a display; a front end only picks
// colours for the roles and draws (src/app/insights_panel.h; docs/insights.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/currency.h"
#include "scoring/profile.h"
#include "store/store.h"
#include "taxonomy/taxonomy.h"
#include "views/learning_path.h"
#include "views/market_insight.h"

namespace gigscout {

inline constexpr std::size_t kChartDemandRows = 12;
inline constexpr std::size_t kChartTrendSkills = 4;

struct ChartBar {
    std::string skill;  // taxonomy id
    std::string name;   // display name
    std::size_t listings = 0;
    double share = 0;
    bool have = false;  // the profile names the skill
    PayMedian hourly;
    PayMedian fixed;
};

struct ChartTrend {
    std::string skill;
    std::string name;
    // Per week of MarketDemand::weekly: the share of that week's listings asking for the skill;
    // none for a week without listings.
    std::vector<std::optional<double>> share;
};

struct InsightChart {
    std::string heading;  // "Last 30 days · 58 listings · every source · ranked against me"
    std::string currency;
    std::vector<ChartBar> demand;  // most asked first; the pay rows are the same skills
    std::vector<ChartTrend> trend;
    std::vector<std::string> week_labels;  // each week's first day, "11-09"
    std::vector<std::string> steps;        // NextStep::text, or why there are none
    bool has_profile = false;
    std::size_t listings = 0;
};

// Which listings and against which profile (none: demand only, no coverage, no next steps).
struct InsightRequest {
    std::int64_t now = 0;
    int days = kDefaultInsightDays;
    std::vector<std::string> sources;  // empty: every source
    std::optional<Profile> profile;
    std::string profile_label;  // "me (intermediate)"
};

InsightChart make_insight_chart(const MarketInsight& insight, const InsightRequest& request,
                                const std::vector<NextStep>& steps);

// The whole computation the tab waits for (run it off the GUI thread): demand, gaps with the
// profile, next steps from `path`, made into chart rows.
Result<InsightChart> load_insight_chart(Store& store, const InsightRequest& request,
                                        const LearningPath& path, const Taxonomy& taxonomy,
                                        const CurrencyTable& currencies);

// --- the scene -------------------------------------------------------------------------------

// Colour roles. Series: the trend's lines, told apart by SceneShape::series.
enum class Ink { Text, Muted, Grid, Have, Lack, Pay, FewPay, Series };

struct SceneRect {
    double x = 0, y = 0, w = 0, h = 0;
    Ink ink = Ink::Text;
    int series = 0;
};

struct SceneText {
    double x = 0, y = 0;  // top left (right edge when `right`)
    std::string text;
    Ink ink = Ink::Text;
    bool bold = false;
    bool right = false;
};

struct SceneLine {
    std::vector<std::pair<double, double>> points;
    Ink ink = Ink::Series;
    int series = 0;
    double width = 2;
};

struct SceneHit {
    double x = 0, y = 0, w = 0, h = 0;
    std::string skill;
};

struct ChartScene {
    double width = 0;
    double height = 0;
    std::vector<SceneRect> rects;  // drawn first
    std::vector<SceneLine> lines;
    std::vector<SceneText> texts;  // drawn last
    std::vector<SceneHit> hits;    // a demand or pay row: a click there filters by its skill

    std::optional<std::string> skill_at(double x, double y) const;
};

// How the front end measures text (in the scene's units, e.g. pixels); bold is measured as
// regular, so a bold text is given some room.
struct TextMetrics {
    double line_height = 16;
    std::function<double(std::string_view)> width;
};

ChartScene lay_out_insight_chart(const InsightChart& chart, double width,
                                 const TextMetrics& metrics);

}  // namespace gigscout
