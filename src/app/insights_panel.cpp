#include "app/insights_panel.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/filedlg.h>
#include <wx/graphics.h>
#include <wx/image.h>
#include <wx/intl.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/demo_data.h"
#include "app/wx_text.h"
#include "base/iso_time.h"

namespace gigscout {
namespace {

const int kInsightDayChoices[] = {7, 14, 30, 90};

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

wxColour blend(const wxColour& a, const wxColour& b, double t) {
    auto mix = [t](unsigned char x, unsigned char y) {
        return static_cast<unsigned char>(x + (y - x) * t);
    };
    return {mix(a.Red(), b.Red()), mix(a.Green(), b.Green()), mix(a.Blue(), b.Blue())};
}

// The system's colours for text and background; fixed hues for the data, a lighter variant on
// a dark background. Have/lack are teal/orange (apart for the common colour blindnesses).
struct ChartColours {
    wxColour background, text, muted, grid, have, lack, pay, few_pay;
    wxColour series[4];

    ChartColours() {
        const bool dark = wxSystemSettings::GetAppearance().IsDark();
        background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
        text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
        muted = blend(text, background, 0.4);
        grid = blend(text, background, 0.8);
        have = dark ? wxColour(0x3c, 0xc4, 0xa8) : wxColour(0x14, 0x8f, 0x77);
        lack = dark ? wxColour(0xf2, 0x9b, 0x45) : wxColour(0xd9, 0x72, 0x1c);
        pay = dark ? wxColour(0x9d, 0x8c, 0xf0) : wxColour(0x6a, 0x4f, 0xc4);
        few_pay = blend(pay, background, 0.6);
        series[0] = dark ? wxColour(0x5d, 0xa9, 0xf0) : wxColour(0x1f, 0x6f, 0xc0);
        series[1] = dark ? wxColour(0xf0, 0x6a, 0x6a) : wxColour(0xc6, 0x28, 0x28);
        series[2] = dark ? wxColour(0x7c, 0xd0, 0x5a) : wxColour(0x3a, 0x8f, 0x1f);
        series[3] = dark ? wxColour(0xd0, 0x8c, 0xe8) : wxColour(0x93, 0x3c, 0xb0);
    }

    const wxColour& of(Ink ink, int n) const {
        switch (ink) {
            case Ink::Text:
                return text;
            case Ink::Muted:
                return muted;
            case Ink::Grid:
                return grid;
            case Ink::Have:
                return have;
            case Ink::Lack:
                return lack;
            case Ink::Pay:
                return pay;
            case Ink::FewPay:
                return few_pay;
            case Ink::Series:
                break;
        }
        return series[static_cast<std::size_t>(n) % 4];
    }
};

void draw_scene(wxGraphicsContext& gc, const ChartScene& scene, const wxFont& font) {
    const ChartColours colours;
    gc.SetAntialiasMode(wxANTIALIAS_DEFAULT);
    gc.SetPen(*wxTRANSPARENT_PEN);
    for (const SceneRect& r : scene.rects) {
        gc.SetBrush(wxBrush(colours.of(r.ink, r.series)));
        gc.DrawRectangle(r.x, r.y, r.w, r.h);
    }
    gc.SetBrush(*wxTRANSPARENT_BRUSH);
    for (const SceneLine& l : scene.lines) {
        gc.SetPen(gc.CreatePen(wxGraphicsPenInfo(colours.of(l.ink, l.series)).Width(l.width)));
        std::vector<wxPoint2DDouble> points;
        for (const auto& [x, y] : l.points) {
            points.emplace_back(x, y);
        }
        gc.StrokeLines(points.size(), points.data());
    }
    const wxFont bold = font.Bold();
    for (const SceneText& t : scene.texts) {
        gc.SetFont(t.bold ? bold : font, colours.of(t.ink, 0));
        const wxString text = utf8(t.text);
        double x = t.x;
        if (t.right) {
            double w = 0, h = 0;
            gc.GetTextExtent(text, &w, &h);
            x -= w;
        }
        gc.DrawText(text, x, t.y);
    }
}

}  // namespace

// --- the worker ------------------------------------------------------------------------------

// One thread; only the newest request waits (see the header for the hand-off).
class InsightWorker {
  public:
    struct Job {
        std::uint64_t generation = 0;
        InsightContext context;
        InsightRequest request;
    };

    explicit InsightWorker(InsightsPanel& owner) : owner_(owner), thread_([this] { run(); }) {}
    ~InsightWorker() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            next_.reset();
        }
        wake_.notify_all();
        thread_.join();
    }

    void ask(Job job) {
        {
            std::lock_guard lock(mutex_);
            next_ = std::move(job);
        }
        wake_.notify_one();
    }

  private:
    void run() {
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return stopping_ || next_.has_value(); });
                if (stopping_) {
                    return;
                }
                job = std::move(*next_);
                next_.reset();
            }
            const auto start = std::chrono::steady_clock::now();
            auto chart = std::make_shared<Result<InsightChart>>(compute(job));
            const double ms = ms_since(start);
            {
                std::lock_guard lock(mutex_);
                if (stopping_) {
                    return;  // the panel is closing: nothing to show the figures in
                }
            }
            owner_.CallAfter([owner = &owner_, generation = job.generation, chart, ms] {
                owner->on_result(generation, std::move(*chart), ms);
            });
        }
    }

    Result<InsightChart> compute(const Job& job) {
        const Taxonomy& taxonomy = Taxonomy::bundled();
        if (!path_) {
            auto loaded = load_bundled_learning_path(taxonomy);
            if (!loaded) {
                return loaded.error();
            }
            path_ = std::move(loaded).value();
        }
        auto store = job.context.demo ? Store::open(demo_store_file(job.context.paths))
                                      : Store::open(job.context.paths);
        if (!store) {
            return store.error();
        }
        return load_insight_chart(store.value(), job.request, *path_, taxonomy,
                                  CurrencyTable::bundled());
    }

    InsightsPanel& owner_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Job> next_;
    bool stopping_ = false;
    std::optional<LearningPath> path_;  // read once, on the worker
    std::thread thread_;                // last: starts once the members above exist
};

// --- the canvas ------------------------------------------------------------------------------

class InsightCanvas : public wxScrolledCanvas {
  public:
    explicit InsightCanvas(InsightsPanel& panel)
        : wxScrolledCanvas(&panel, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL),
          panel_(panel) {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        SetScrollRate(0, FromDIP(16));
        Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            panel_.lay_out();
            e.Skip();
        });
        Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
            const wxPoint at = CalcUnscrolledPosition(e.GetPosition());
            panel_.click_at(at.x, at.y);
        });
        Bind(wxEVT_MOTION, [this](wxMouseEvent& e) {
            const wxPoint at = CalcUnscrolledPosition(e.GetPosition());
            SetCursor(panel_.skill_at(at.x, at.y) ? wxCursor(wxCURSOR_HAND) : wxNullCursor);
        });
        Bind(wxEVT_SYS_COLOUR_CHANGED, [this](wxSysColourChangedEvent& e) {
            Refresh();
            e.Skip();
        });
    }

  private:
    void paint() {
        const auto start = std::chrono::steady_clock::now();
        wxPaintDC dc(this);
        dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (!gc) {
            return;
        }
        const wxPoint origin = CalcUnscrolledPosition(wxPoint(0, 0));
        gc->Translate(-origin.x, -origin.y);
        draw_scene(*gc, panel_.scene_, GetFont());
        panel_.paint_ms_ = ms_since(start);
    }

    InsightsPanel& panel_;
};

// --- the panel -------------------------------------------------------------------------------

InsightsPanel::InsightsPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    auto label = [&](const wxString& text) {
        bar->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                 FromDIP(4));
    };
    label(_("Window"));
    days_ = new wxChoice(this, wxID_ANY);
    for (int days : kInsightDayChoices) {
        days_->Append(wxString::Format(_("last %d days"), days));
    }
    days_->SetSelection(2);  // 30 days, as the CLI
    bar->Add(days_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    label(_("Source"));
    source_ = new wxChoice(this, wxID_ANY);
    source_->Append(_("every source"));
    source_->SetSelection(0);
    bar->Add(source_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    export_ = new wxButton(this, wxID_ANY, _("Export PNG…"));
    bar->Add(export_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
    status_ = new wxStaticText(this, wxID_ANY, wxEmptyString);
    bar->Add(status_, 1, wxALIGN_CENTER_VERTICAL);
    sizer->Add(bar, 0, wxEXPAND | wxALL, FromDIP(6));
    canvas_ = new InsightCanvas(*this);
    sizer->Add(canvas_, 1, wxEXPAND);
    SetSizer(sizer);

    days_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { request(); });
    source_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { request(); });
    export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ask_export(); });
    worker_ = std::make_unique<InsightWorker>(*this);
}

InsightsPanel::~InsightsPanel() {
    worker_.reset();  // joined while the panel is whole: nothing is posted to it afterwards
}

void InsightsPanel::set_context(InsightContext context) {
    const wxString chosen = source_->GetStringSelection();
    source_->Clear();
    source_->Append(_("every source"));
    for (const auto& s : context.sources) {
        source_->Append(utf8(s));
    }
    if (!source_->SetStringSelection(chosen)) {
        source_->SetSelection(0);
    }
    context_ = std::move(context);
    stale_ = true;
    if (IsShownOnScreen()) {
        request();
    }
}

void InsightsPanel::shown() {
    if (stale_) {
        request();
    }
}

void InsightsPanel::request() {
    if (!context_) {
        return;
    }
    stale_ = false;
    InsightWorker::Job job;
    job.generation = ++asked_generation_;
    job.context = *context_;
    job.request.now = now_epoch_seconds();
    job.request.days =
        kInsightDayChoices[static_cast<std::size_t>(std::max(days_->GetSelection(), 0))];
    if (source_->GetSelection() > 0) {
        job.request.sources = {text_of(source_->GetStringSelection())};
    }
    job.request.profile = context_->profile;
    job.request.profile_label = context_->profile_label;
    status_->SetLabel(_("Computing…"));
    worker_->ask(std::move(job));
}

void InsightsPanel::on_result(std::uint64_t generation, Result<InsightChart> chart, double ms) {
    if (generation != asked_generation_) {
        return;  // a newer request is on its way
    }
    shown_generation_ = generation;
    compute_ms_ = ms;
    if (!chart) {
        chart_.reset();
        scene_ = {};
        status_->SetLabel(utf8("The figures could not be computed: " + chart.error().message));
    } else {
        chart_ = std::move(chart).value();
        status_->SetLabel(utf8("Click a skill to list the listings asking for it · computed in " +
                               std::to_string(static_cast<long>(ms)) + " ms"));
    }
    lay_out();
}

TextMetrics InsightsPanel::metrics() const {
    TextMetrics m;
    m.line_height = canvas_->GetCharHeight();
    m.width = [canvas = canvas_](std::string_view text) {
        return static_cast<double>(canvas->GetTextExtent(utf8(std::string(text))).x);
    };
    return m;
}

void InsightsPanel::lay_out() {
    if (canvas_ == nullptr) {
        return;  // a size event while the panel is being built
    }
    if (!chart_) {
        scene_ = {};
    } else {
        const int width = std::max(canvas_->GetClientSize().x, FromDIP(420));
        scene_ = lay_out_insight_chart(*chart_, width, metrics());
    }
    canvas_->SetVirtualSize(static_cast<int>(scene_.width), static_cast<int>(scene_.height));
    canvas_->Refresh();
}

bool InsightsPanel::click_at(double x, double y) {
    auto skill = scene_.skill_at(x, y);
    if (!skill || !on_skill) {
        return false;
    }
    on_skill(*skill);
    return true;
}

std::string InsightsPanel::status_text() const {
    return text_of(status_->GetLabel());
}

Status InsightsPanel::export_png(const std::string& file, int width) {
    if (!chart_) {
        return Error{"no figures to export yet"};
    }
    const ChartScene scene = lay_out_insight_chart(*chart_, width, metrics());
    wxBitmap bitmap(width, static_cast<int>(scene.height), 24);
    {
        wxMemoryDC dc(bitmap);
        dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (!gc) {
            return Error{"no graphics context to draw the chart"};
        }
        draw_scene(*gc, scene, canvas_->GetFont());
    }
    if (!bitmap.ConvertToImage().SaveFile(utf8(file), wxBITMAP_TYPE_PNG)) {
        return Error{"the chart could not be saved as " + file};
    }
    return Ok{};
}

void InsightsPanel::ask_export() {
    wxFileDialog ask(this, _("Export the charts as PNG"), wxEmptyString, "gigscout-insights.png",
                     _("PNG images (*.png)|*.png"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    auto saved = export_png(text_of(ask.GetPath()), std::max(canvas_->GetClientSize().x, 800));
    status_->SetLabel(saved ? utf8("Saved " + text_of(ask.GetPath()))
                            : utf8(saved.error().message));
}

}  // namespace gigscout
