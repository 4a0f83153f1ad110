// The Insights tab: what the stored listings ask for and pay, the trend per skill over weeks
// and the learning path's next steps, drawn natively with wxGraphicsContext from the scene
// views/insight_chart.h lays out (this file only picks colours and draws). A click on a demand
// or pay row asks the window to filter its list by that skill; Export PNG renders the same
// scene into a bitmap.
//
// Thread hand-off: the figures (one or two passes over the store, ~2 s at 100,000 listings)
// are computed on the panel's own worker thread, not the refresh controller's, so they never
// wait behind a refresh of several minutes. Only the newest request is kept; the worker posts
// its result with `CallAfter` on the panel as a plain value, tagged with the request's number,
// and the panel drops a result that a newer request overtook. The worker opens its own Store
// connection and touches no window. The panel's destructor stops and joins the worker (at most
// one computation, which is not cancellable) before the window goes, so no call is posted to
// a destroyed panel (../shared/GUI-NOTES.md §5).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <wx/panel.h>

#include "base/paths.h"
#include "base/result.h"
#include "scoring/profile.h"
#include "views/insight_chart.h"

class wxButton;
class wxChoice;
class wxStaticText;

namespace gigscout {

class InsightCanvas;
class InsightWorker;

// What the figures are computed from: the store the list shows (the user's, or the demo's
// while that is shown) and the active profile.
struct InsightContext {
    Paths paths;
    bool demo = false;
    std::optional<Profile> profile;
    std::string profile_label;
    std::vector<std::string> sources;  // offered in the source chooser
};

class InsightsPanel : public wxPanel {
  public:
    explicit InsightsPanel(wxWindow* parent);
    ~InsightsPanel() override;

    // The data changed (a load, a refresh, another profile): the figures are computed again
    // now when the tab is shown, else when it is next shown.
    void set_context(InsightContext context);
    // The tab became visible.
    void shown();
    // A click on a demand or pay row: the skill's taxonomy id.
    std::function<void(const std::string& skill)> on_skill;

    // --- what a test or a user's click uses --------------------------------------------------
    // The figures of the newest request are shown.
    bool ready() const { return shown_generation_ == asked_generation_ && chart_.has_value(); }
    const InsightChart* chart() const { return chart_ ? &*chart_ : nullptr; }
    const ChartScene& scene() const { return scene_; }
    // In the chart's coordinates (unscrolled): the skill of the row there; a click there calls
    // on_skill with it.
    std::optional<std::string> skill_at(double x, double y) const { return scene_.skill_at(x, y); }
    bool click_at(double x, double y);
    // Renders the chart `width` pixels wide (as tall as it needs) into a PNG file.
    Status export_png(const std::string& file, int width);
    // Milliseconds from the request to the figures being posted; and the last paint.
    double compute_ms() const { return compute_ms_; }
    double paint_ms() const { return paint_ms_; }
    std::string status_text() const;

  private:
    friend class InsightCanvas;
    friend class InsightWorker;
    void request();
    void on_result(std::uint64_t generation, Result<InsightChart> chart, double ms);
    void lay_out();
    void ask_export();
    TextMetrics metrics() const;

    std::unique_ptr<InsightWorker> worker_;
    std::optional<InsightContext> context_;
    bool stale_ = true;
    std::uint64_t asked_generation_ = 0;
    std::uint64_t shown_generation_ = 0;
    std::optional<InsightChart> chart_;
    ChartScene scene_;
    double compute_ms_ = 0;
    double paint_ms_ = 0;

    wxChoice* days_ = nullptr;
    wxChoice* source_ = nullptr;
    wxButton* export_ = nullptr;
    wxStaticText* status_ = nullptr;
    InsightCanvas* canvas_ = nullptr;
};

}  // namespace gigscout
