// The real GigScout window under Xvfb, driven as a user drives it: the app's own application
// class (GigScoutApp) with its Refresh pointed at a real HTTPS server on 127.0.0.1 serving the
// tutorial's Gig Board plugin (plugins/examples/gigboard/), a real data directory and
// SQLite store, keys typed through XTest (wxUIActionSimulator). run_gui_test.sh starts Xvfb
// and a private session bus, and runs two phases in one data directory:
//   first   — the first-run dialog offers the sources once its thread has read the plugins;
//             demo listings while the store is empty; Refresh from the toolbar; the ranked
//             rows; the details of a listing; save one, hide one, undo the hide, hide another;
//   restart — a new process finds the saved and hidden states kept;
//   insights — the Insights tab over the demo listings: drawn, exported as PNG, and a click
//             on a skill's bar filters the list to the listings asking for it.
// More phases, each in its own data directory: broken (a foreign database), stop (Stop cancels
// a hanging refresh), schedule (the schedule's timer refreshes a due source by itself, a
// notification click shows its best listing, a CV's skills ticked in the profile editor
// re-rank the list), tray and notray (start minimised to the tray, and the fallback where no
// tray runs),
// and the sources phases, each in a data directory of its own: sources_add (a feed's address
// pasted into the sources dialog becomes a source that refreshes) and sources_pause (a source
// failing three refreshes in a row is paused with a banner; Resume runs it again).
// Each phase saves PNG screenshots into $GIGSCOUT_SHOTS. Exit 0 when every check held.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/config.h>
#include <wx/dataview.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/evtloop.h>
#include <wx/image.h>
#include <wx/infobar.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/notifmsg.h>
#include <wx/srchctrl.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toolbar.h>
#include <wx/uiaction.h>

#include "app/app.h"
#include "app/first_run.h"
#include "app/insights_panel.h"
#include "app/profile_dialog.h"
#include "app/sources_dialog.h"
#include "app/tray_icon.h"
#include "app/wx_text.h"
#include "base/ascii.h"
#include "base/file_io.h"
#include "base/iso_time.h"
#include "fetch/support/test_http_server.h"
#include "fetch/support/test_pki.h"
#include "views/listing_table.h"
#include "workspace/first_run.h"
#include "workspace/workspace.h"

namespace gigscout {
namespace {

using testing::TestHttpServer;

const char* const kHost = "api.gigboard.example";
// A job board's feed, for the sources phases: pasted as an address, or one that keeps failing.
const char* const kFeedHost = "jobs.sourcetest.example";

std::string jobs_feed() {
    std::string items;
    const char* const titles[] = {"Computer vision engineer (OpenCV, Python)",
                                  "Remote PyTorch developer for image segmentation"};
    int n = 0;
    for (const char* title : titles) {
        ++n;
        items += "<item><title>" + std::string(title) + "</title><link>https://" + kFeedHost +
                 "/jobs/" + std::to_string(n) + "</link><guid>https://" + kFeedHost + "/jobs/" +
                 std::to_string(n) + "</guid><description>Remote work with OpenCV and " +
                 "Python.</description><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>";
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Sourcetest jobs</title>"
           "<link>https://jobs.sourcetest.example/</link><description>jobs</description>" +
           items + "</channel></rss>";
}

std::string gig(int id, const std::string& title, const std::string& body,
                const std::string& country, const std::string& pay, const std::string& skills,
                std::int64_t posted) {
    return "{\"id\": " + std::to_string(id) + ", \"title\": \"" + title +
           "\", \"link\": \"https://gigboard.example/gigs/" + std::to_string(id) +
           "\", \"body\": \"" + body + "\", \"client\": {\"name\": \"Client " + std::to_string(id) +
           "\", \"country\": \"" + country +
           "\", \"rating\": 4.7, \"verified\": true}, \"pay\": " + pay + ", \"skills\": [" +
           skills + "], \"posted\": \"" + format_iso8601(posted) + "\"}";
}

// Six gigs, posted in the last days, that an intermediate computer-vision profile ranks in a
// clear order: the OpenCV/PyTorch work first, the WordPress job last.
std::string gigs_page() {
    const std::int64_t now = now_epoch_seconds();
    const std::int64_t day = 86400;
    std::string g = "{\"page\": 1, \"pages\": 1, \"gigs\": [";
    g += gig(101, "OpenCV and PyTorch defect detection for PCBs",
             "<p>Train a <b>PyTorch</b> detector and an <b>OpenCV</b> pipeline for circuit "
             "boards. Python, object detection, image processing.</p>",
             "DE", "{\"type\": \"hourly\", \"from\": 50, \"to\": 80, \"currency\": \"USD\"}",
             "\"OpenCV\", \"PyTorch\", \"Python\", \"Object Detection\"", now - day);
    g += "," + gig(102, "YOLOv8 object detection for retail shelves",
                   "<p>Fine-tune YOLO on shelf photos; OpenCV post-processing in Python.</p>", "US",
                   "{\"type\": \"fixed\", \"from\": 1500, \"to\": 2500, \"currency\": \"USD\"}",
                   "\"YOLO\", \"Object Detection\", \"Python\"", now - 2 * day);
    g += "," + gig(103, "Image segmentation with Keras",
                   "<p>U-Net segmentation of satellite images with Keras and TensorFlow.</p>", "NL",
                   "{\"type\": \"hourly\", \"from\": 40, \"to\": 60, \"currency\": \"EUR\"}",
                   "\"Keras\", \"TensorFlow\", \"Image Segmentation\"", now - 3 * day);
    g += "," + gig(104, "OCR for scanned invoices",
                   "<p>Extract fields from scanned invoices with Tesseract OCR and OpenCV.</p>",
                   "GB", "{\"type\": \"fixed\", \"from\": 800, \"to\": 800, \"currency\": \"GBP\"}",
                   "\"OCR\", \"OpenCV\"", now - 4 * day);
    g += "," + gig(105, "Data entry from PDFs", "<p>Copy numbers from PDFs into a spreadsheet.</p>",
                   "IN", "{\"type\": \"hourly\", \"from\": 40, \"to\": 45, \"currency\": \"USD\"}",
                   "\"Data Entry\"", now - 5 * day);
    g += "," + gig(106, "WordPress theme tweaks", "<p>Change colours of a WordPress theme.</p>",
                   "US", "{\"type\": \"hourly\", \"from\": 40, \"to\": 50, \"currency\": \"USD\"}",
                   "\"WordPress\"", now - 6 * day);
    return g + "]}";
}

// One step of a phase's script: when `ready` holds, `run` acts and checks. Steps run from a
// timer on the app's own main loop — not from nested wxYield calls — so GTK paints between
// them as it does for a user, and the screenshots show what the user would see.
struct Step {
    std::string what;
    std::function<bool()> ready;
    std::function<void()> run;
    std::chrono::milliseconds limit{5000};
};

class GuiTestApp : public GigScoutApp {
  protected:
    void adjust(AppOptions& options) override {
        paths_ = options.paths;
        phase_ = std::getenv("GIGSCOUT_GUI_PHASE") ? std::getenv("GIGSCOUT_GUI_PHASE") : "";
        shots_ = std::getenv("GIGSCOUT_SHOTS") ? std::getenv("GIGSCOUT_SHOTS") : ".";
        pki_ = testing::make_test_pki(paths_.cache_dir / "pki", {kHost, kFeedHost});
        server_ =
            std::make_unique<TestHttpServer>(TestHttpServer::Options{"127.0.0.1", 4, pki_.server});
        server_->http().Get(
            "/v1/gigs", [this](const httplib::Request& req, httplib::Response& res) {
                if (req.get_param_value("q") == "slow") {
                    server_->sleep_for(std::chrono::seconds(30));  // a platform that hangs
                }
                res.set_content(gigs_page(), "application/json");
            });
        server_->http().Get("/jobs.rss", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(jobs_feed(), "application/rss+xml");
        });
        server_->http().Get("/down.rss", [](const httplib::Request&, httplib::Response& res) {
            res.status = 500;
            res.set_content("maintenance", "text/plain");
        });
        server_->start();
        options.refresh.options.policy.connect_to = {
            std::string(kHost) + ":443:127.0.0.1:" + std::to_string(server_->port()),
            std::string(kFeedHost) + ":443:127.0.0.1:" + std::to_string(server_->port())};
        options.refresh.options.policy.ca_file = pki_.ca_cert.string();
        options.refresh.options.policy.max_attempts = 1;
        options.refresh.options.ignore_min_interval = true;
        if (phase_ == "broken") {
            // Another program's file where the database should be.
            (void)paths_.ensure_exist();
            (void)write_file_atomically(paths_.database_file(), "not a database, a note\n");
        }
        if (phase_ == "stop") {
            (void)paths_.ensure_exist();
            (void)write_file_atomically(
                paths_.sources_file(),
                R"({"sources": [{"plugin": "gigboard", "settings": {"query": "slow"}}]})");
        }
        // The schedule would start refreshes of its own in the other phases' windows.
        wxConfigBase::Get()->Write("Schedule/Auto", phase_ == "schedule");
        if (phase_ == "schedule") {
            // Asked every 100 ms rather than every 30 s; gigboard has never refreshed, so it
            // is due at once. Its 1-minute interval is below gigboard's politeness limit (15 min).
            options.schedule_tick = std::chrono::milliseconds(100);
            (void)paths_.ensure_exist();
            (void)write_file_atomically(
                paths_.sources_file(),
                R"({"sources": [{"plugin": "gigboard", "refresh_minutes": 1}]})");
            prepare_profile();
        }
        if (phase_ == "tray" || phase_ == "notray") {
            wxConfigBase::Get()->Write("Tray/StartMinimised", true);
            wxConfigBase::Get()->Write("Tray/KeepRunning", true);
            // Xvfb runs no tray (wxTaskBarIcon::IsAvailable() is false): the tray phase says
            // one runs, to see the window start hidden behind the icon; notray leaves the
            // question to wx and sees the fallback.
            if (phase_ == "tray") {
                options.tray_available = true;
            }
        }
        if (phase_ == "sources_add") {
            (void)paths_.ensure_exist();
            (void)write_file_atomically(paths_.sources_file(), R"({"sources": []})");
        }
        if (phase_ == "sources_pause") {
            (void)paths_.ensure_exist();
            (void)write_file_atomically(
                paths_.sources_file(),
                R"({"sources": [{"plugin": "rss", "instance": "down", "settings": {"url": )"
                R"("https://jobs.sourcetest.example/down.rss"}}]})");
        }
        if (phase_ == "insights") {
            // A profile and no listings yet: the demo listings are shown (and measured).
            (void)paths_.ensure_exist();
            prepare_profile();
        }
        if (phase_ == "first") {
            // A user who finished the first-run dialog: a profile and one source.
            (void)paths_.ensure_exist();
            (void)write_file_atomically(paths_.sources_file(),
                                        R"({"sources": [{"plugin": "gigboard"}]})");
            auto store = Store::open(paths_);
            auto starter = starter_profile("intermediate");
            if (!store || !starter ||
                !save_active_profile(store.value(), "me", starter.value(), now_epoch_seconds())) {
                fail("could not prepare the profile");
            }
        }
    }

    bool first_run_allowed() const override { return false; }

    // The process's exit code: the main loop's, unless a check failed.
    int OnRun() override {
        const int code = GigScoutApp::OnRun();
        return failures_ == 0 ? code : 1;
    }

    void started(MainFrame& frame) override {
        frame_ = &frame;
        if (phase_ == "first") {
            first_phase();
        } else if (phase_ == "restart") {
            restart_phase();
        } else if (phase_ == "broken") {
            broken_phase();
        } else if (phase_ == "stop") {
            stop_phase();
        } else if (phase_ == "schedule") {
            schedule_phase();
        } else if (phase_ == "tray") {
            tray_phase();
        } else if (phase_ == "notray") {
            no_tray_phase();
        } else if (phase_ == "sources_add") {
            sources_add_phase();
        } else if (phase_ == "sources_pause") {
            sources_pause_phase();
        } else if (phase_ == "insights") {
            insights_phase();
        } else {
            fail(
                "GIGSCOUT_GUI_PHASE must be first, restart, broken, stop, schedule, tray, notray, "
                "sources_add, sources_pause or insights");
        }
        step_started_ = std::chrono::steady_clock::now();
        timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { tick(); });
        timer_.Start(10);
    }

  private:
    void prepare_profile() {
        auto store = Store::open(paths_);
        auto starter = starter_profile("intermediate");
        if (!store || !starter ||
            !save_active_profile(store.value(), "me", starter.value(), now_epoch_seconds())) {
            fail("could not prepare the profile");
        }
    }

    void tick() {
        if (next_ < steps_.size() && failures_ == 0) {
            Step& step = steps_[next_];
            if (step.ready()) {
                step.run();
                ++next_;
                step_started_ = std::chrono::steady_clock::now();
                return;
            }
            if (std::chrono::steady_clock::now() - step_started_ < step.limit) {
                return;
            }
            fail(step.what + ": timed out");
        }
        timer_.Stop();
        std::printf("gui test, phase %s: %d checks, %d failed\n", phase_.c_str(), checks_,
                    failures_);
        frame_->Close(true);
    }

    void fail(const std::string& what) {
        ++failures_;
        std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    }
    void check(bool ok, const std::string& what) {
        ++checks_;
        if (!ok) {
            fail(what);
        }
    }

    // --- building a script ---------------------------------------------------------------
    void when(std::string what, std::function<bool()> ready, std::function<void()> run,
              std::chrono::milliseconds limit = std::chrono::seconds(5)) {
        steps_.push_back({std::move(what), std::move(ready), std::move(run), limit});
    }
    void then(std::string what, std::function<void()> run) {
        when(
            std::move(what), [] { return true; }, std::move(run));
    }
    // Lets the window paint before a screenshot.
    void pause(std::chrono::milliseconds d) {
        auto until = std::make_shared<std::chrono::steady_clock::time_point>();
        then("pause", [until, d] { *until = std::chrono::steady_clock::now() + d; });
        when(
            "pause", [until] { return std::chrono::steady_clock::now() >= *until; }, [] {});
    }
    void screenshot(const std::string& name, std::function<wxTopLevelWindow*()> window = {}) {
        pause(std::chrono::milliseconds(300));
        then("screenshot " + name, [this, name, window] {
            wxTopLevelWindow* shown = window ? window() : frame_;
            // A dialog shown moments ago may not have painted its children yet: they would be
            // read back black.
            shown->Refresh();
            shown->Update();
            // Each part from its own window: a wxScreenDC read back stale pixels here after
            // the first shot (GTK 3 under Xvfb), a window's DC always the current ones.
            const wxPoint origin = shown->GetScreenPosition();
            const wxSize size = shown->GetSize();
            wxBitmap bitmap(size.x, size.y);
            wxMemoryDC mem(bitmap);
            mem.SetBackground(*wxWHITE_BRUSH);
            mem.Clear();
            std::vector<wxWindow*> parts(shown->GetChildren().begin(), shown->GetChildren().end());
            if (shown == frame_) {
                parts.push_back(frame_->GetMenuBar());
            }
            for (wxWindow* part : parts) {
                if (!part->IsShown() || part->IsTopLevel()) {
                    continue;
                }
                const wxPoint at = part->GetScreenPosition() - origin;
                const wxSize area = part->GetSize();
                wxWindowDC dc(part);
                mem.Blit(at.x, at.y, area.x, area.y, &dc, 0, 0);
            }
            mem.SelectObject(wxNullBitmap);
            const std::string file = shots_ + "/" + name + ".png";
            check(bitmap.ConvertToImage().SaveFile(wxString::FromUTF8(file), wxBITMAP_TYPE_PNG),
                  "screenshot " + file + " saved");
        });
    }
    // Typed keys go to the focused list, as when the user works through it.
    void key(int keycode, int modifiers = wxMOD_NONE) {
        then("focus the list", [this] { frame_->list()->SetFocus(); });
        pause(std::chrono::milliseconds(50));
        then("type a key", [keycode, modifiers] {
            wxUIActionSimulator sim;
            sim.Char(keycode, modifiers);
        });
    }

    std::string title_at(std::size_t position) const {
        const auto& table = frame_->table();
        return position < table.size() ? table.at(position).title : "";
    }
    // The title of the row the profile ranks first, whatever column the list is sorted by.
    std::string best_scored_title() const {
        const auto& table = frame_->table();
        const ListingRow* best = nullptr;
        for (std::size_t i = 0; i < table.size(); ++i) {
            const ListingRow& row = table.at(i);
            if (row.score && !row.score->filtered &&
                (best == nullptr || row.score->exact > best->score->exact)) {
                best = &row;
            }
        }
        return best ? best->title : "";
    }
    const ListingRow* row_by_id(const std::string& id) const {
        const auto& table = frame_->table();
        auto position = table.position_of(id);
        return position ? &table.at(*position) : nullptr;
    }

    // --- the phases ----------------------------------------------------------------------
    void first_phase() {
        const auto& table = frame_->table();
        // The first-run dialog reads the plugin catalog on a thread of its own: until it hands
        // the catalog back, no source is offered and OK waits. Closed while reading, it waits
        // for its reader and drops the hand-off.
        then("open the first-run dialog", [this] {
            auto opened = Workspace::open(paths_);
            if (!opened) {
                fail("could not open the workspace: " + opened.error().message);
                return;
            }
            welcome_workspace_.emplace(std::move(opened).value());
            { FirstRunDialog closed_while_reading(frame_, *welcome_workspace_); }
            check(!welcome_workspace_->has_catalog(), "a closed dialog's catalog is dropped");
            welcome_ = new FirstRunDialog(frame_, *welcome_workspace_);
            check(welcome_->sources_list()->IsEmpty() && !welcome_->ok_button()->IsEnabled(),
                  "no source is offered and OK waits while the plugins are read");
            welcome_->Show();
        });
        when(
            "the first-run dialog offers the sources",
            [this] { return welcome_ != nullptr && welcome_->ok_button()->IsEnabled(); },
            [this] {
                wxCheckListBox* offered = welcome_->sources_list();
                check(offered->GetCount() == 1 && offered->GetString(0) == "gigboard" &&
                          offered->IsChecked(0),
                      "the configured source is offered, ticked");
                check(welcome_workspace_->has_catalog(), "the catalog went to the workspace");
            },
            std::chrono::seconds(20));
        screenshot("00-first-run-dialog", [this] { return welcome_; });
        then("a country the dialog does not know is named, and nothing is saved", [this] {
            auto before = welcome_workspace_->store().active_profile();
            welcome_->based_in_field()->ChangeValue("Atlantis");
            std::string error;
            check(!welcome_->apply(error), "an unknown country is refused");
            check(error.find("field `based_in`: unknown country \"Atlantis\"") != std::string::npos,
                  "the error names the field: `" + error + "`");
            auto after = welcome_workspace_->store().active_profile();
            auto json = [](const auto& active) {
                return active.ok() && active.value() ? active.value()->json : std::string();
            };
            check(json(after) == json(before), "the active profile is as it was");
        });
        then("close the first-run dialog", [this] {
            welcome_->Destroy();
            welcome_ = nullptr;
        });
        when(
            "the window reads the store", [this] { return frame_->loaded(); },
            [this] {
                check(frame_->showing_demo(), "an empty store shows the demo listings");
                check(frame_->banner_text().find("[DEMO]") == 0, "the demo is labelled as demo");
                check(frame_->GetIcons().GetIconCount() == 6 &&
                          frame_->GetIcons().GetIcon(wxSize(48, 48)).GetWidth() == 48,
                      "the window carries GigScout's icon at six sizes");
                check(title_at(0).find("[DEMO]") == 0, "demo titles say [DEMO]");
            },
            std::chrono::seconds(20));
        screenshot("01-first-start-demo");

        then("click Refresh on the toolbar", [this] {
            wxCommandEvent click(wxEVT_TOOL, MainFrame::kIdRefresh);
            click.SetEventObject(frame_->GetToolBar());
            frame_->GetToolBar()->ProcessWindowEvent(click);
            check(frame_->busy(), "Refresh starts a refresh");
        });
        when(
            "the refresh ends and replaces the demo",
            [this] { return !frame_->busy() && !frame_->showing_demo(); },
            [this, &table] {
                check(frame_->source_state("gigboard") == "ok",
                      "the sources panel says gigboard is ok, not `" +
                          frame_->source_state("gigboard") + "`");
                check(table.loaded() == 6,
                      "six gigs stored, got " + std::to_string(table.loaded()));
                check_engine_order();
                check(title_at(0).find("OpenCV") != std::string::npos ||
                          title_at(0).find("YOLO") != std::string::npos,
                      "a computer-vision gig first, got `" + title_at(0) + "`");
                check(!table.position_of("gigboard:106") ||
                          *table.position_of("gigboard:106") + 1 == table.size(),
                      "the WordPress job is last or refused");
                check(table.selected_position() == std::size_t{0}, "the first row is selected");
                // No notification service runs here: the alert shows in the window.
                check(frame_->alert_text().find("new match") != std::string::npos,
                      "the refresh raised one alert for its strong new gigs: `" +
                          frame_->alert_text() + "`");
                check(frame_->banner_text().find(frame_->alert_text()) == 0,
                      "the info bar shows the alert: `" + frame_->banner_text() + "`");
                check(frame_->details_text().find(title_at(0)) != std::string::npos,
                      "the details pane shows the selected listing");
            },
            std::chrono::seconds(60));
        screenshot("02-after-refresh");

        // The search box filters as the user types; clearing it brings every row back with
        // the selection where it was.
        then("type \"keras\" in the search box", [this] { frame_->search()->SetValue("keras"); });
        when(
            "only the Keras gig is shown", [&table] { return table.size() == 1; },
            [this] {
                check(title_at(0).find("Keras") != std::string::npos,
                      "the row shown is the Keras gig, not `" + title_at(0) + "`");
                frame_->search()->SetValue("");
            });
        when(
            "every row is back", [&table] { return table.size() == 6; },
            [&table, this] {
                check(table.selected_position() == std::size_t{0},
                      "the selection survived the filter");
            });

        key(WXK_DOWN);
        when(
            "Down selects the second row",
            [&table] { return table.selected_position() == std::size_t{1}; },
            [this, &table] {
                picked_ = table.selected_id();
                check(frame_->details_text().find(title_at(1)) != std::string::npos,
                      "the details follow the selection");
                check(frame_->details_text().find("asked skills") != std::string::npos,
                      "the details explain the score by component");
            });
        key('s');
        when(
            "S saves the selected listing",
            [this] {
                return row_by_id(picked_) && row_by_id(picked_)->state == ListingState::Saved;
            },
            [this] { saved_ = picked_; });

        then("select the third row", [this, &table] {
            frame_->move_selection(1);
            picked_ = table.selected_id();
            shown_before_ = table.size();
        });
        key('h');
        when(
            "H hides the selected listing",
            [this, &table] { return table.size() + 1 == shown_before_; },
            [this] { check(!row_by_id(picked_), "the hidden listing is out of sight"); });
        screenshot("03-saved-and-hidden");

        key('z', wxMOD_CONTROL);
        when(
            "Ctrl+Z brings the hidden listing back",
            [this, &table] { return table.size() == shown_before_; },
            [this] {
                check(row_by_id(picked_) && row_by_id(picked_)->state != ListingState::Hidden,
                      "undo restores its earlier state");
            });

        then("select the fourth row", [this, &table] {
            frame_->select_position(3);
            picked_ = table.selected_id();
        });
        key('h');
        when(
            "the fourth listing is hidden", [this] { return !row_by_id(picked_); },
            [this] {
                std::ofstream(paths_.cache_dir / "gui-test-ids") << saved_ << "\n"
                                                                 << picked_ << "\n";
            });
        screenshot("04-before-restart");

        // A click on the Title header sorts by title (the table sorts; GTK only draws).
        then("click the Title header", [this] {
            wxDataViewCtrl* list = frame_->list();
            const int score_width = list->GetColumn(0)->GetWidth();
            const wxPoint at = list->GetScreenPosition() + wxPoint(score_width + 30, 10);
            wxUIActionSimulator sim;
            sim.MouseMove(at);
            sim.MouseClick();
        });
        when(
            "the list is sorted by title",
            [&table] { return table.sort().column == SortColumn::Title; },
            [this, &table] {
                bool sorted = true;
                for (std::size_t i = 1; i < table.size(); ++i) {
                    sorted = sorted && ascii::to_lower(table.at(i - 1).title) <=
                                           ascii::to_lower(table.at(i).title);
                }
                check(sorted, "rows in title order");
            });
    }

    // The window shows the engine's ranking: the order `gigscout-cli list` reads.
    void check_engine_order() {
        const auto& table = frame_->table();
        auto store = Store::open(paths_);
        auto profile = store ? choose_profile(store.value(), std::nullopt)
                             : Result<std::optional<ChosenProfile>>(store.error());
        check(profile && profile.value(), "the active profile reads back");
        if (!profile || !profile.value()) {
            return;
        }
        Scorer scorer = make_scorer(profile.value()->profile, table.now());
        ListingViewQuery query;
        query.scorer = &scorer;
        auto view = load_listing_view(store.value(), query);
        check(view && view.value().size() == table.size(), "as many rows as the engine ranks");
        for (std::size_t i = 0; view && i < view.value().size() && i < table.size(); ++i) {
            check(view.value().at(i).id == table.at(i).id, "row " + std::to_string(i) + " is " +
                                                               view.value().at(i).id + ", not " +
                                                               table.at(i).id);
        }
    }

    void restart_phase() {
        when(
            "the window reads the store", [this] { return frame_->loaded(); },
            [this] {
                std::ifstream ids(paths_.cache_dir / "gui-test-ids");
                std::string saved;
                std::string hidden;
                std::getline(ids, saved);
                std::getline(ids, hidden);
                check(!saved.empty() && !hidden.empty(), "the first phase left its ids");
                check(!frame_->showing_demo(), "a store with listings shows them, not the demo");
                check(frame_->table().loaded() == 6, "the six gigs are still stored");
                check(row_by_id(saved) && row_by_id(saved)->state == ListingState::Saved,
                      "the saved listing is still saved after a restart");
                check(!row_by_id(hidden), "the hidden listing is still out of sight");
                check(!row_by_id(saved) || !row_by_id(saved)->is_new,
                      "what was shown last time is no longer new");
                check(frame_->table().sort().column == SortColumn::Title,
                      "the sort chosen last time is restored");
            },
            std::chrono::seconds(20));
        screenshot("05-after-restart");

        // The profile editor: "cv2" finds OpenCV; a profile of Keras and segmentation alone
        // puts the Keras gig first once saved.
        then("open the profile editor", [this] {
            auto active = frame_->store()->active_profile();
            auto profile = profile_from_json(active.value()->json, "active");
            dialog_ = new ProfileDialog(frame_, *frame_->store(), "me", profile.value());
            dialog_->Show();
            dialog_->search("cv2");
            check(!dialog_->found().empty() && dialog_->found()[0].id == "opencv",
                  "cv2 finds OpenCV");
            for (const auto& s : std::vector<ProfileSkill>(dialog_->editor().profile().skills)) {
                dialog_->editor().remove_skill(s.skill);
            }
            dialog_->search("keras");
            check(dialog_->add_found(0, SkillLevel::Advanced), "Keras added");
            dialog_->search("image segmentation");
            check(dialog_->add_found(0, SkillLevel::Advanced), "image segmentation added");
            dialog_->based_in_field()->ChangeValue("Kenya");
        });
        screenshot("06-profile-editor", [this] { return dialog_; });
        then("save the profile", [this] {
            check(dialog_->save(), "the profile saves: " + dialog_->error());
            auto saved = frame_->store()->active_profile();
            auto stored = profile_from_json(saved.value()->json, "saved");
            check(stored.ok() && stored.value().based_in == "KE",
                  "\"You live in\" is saved as the country's code");
            dialog_->Destroy();
            frame_->profile_saved();
        });
        when(
            "the list re-ranks",
            [this] { return best_scored_title().find("Keras") != std::string::npos; }, [] {},
            std::chrono::seconds(20));
        screenshot("07-re-ranked");
    }

    // A database the store refuses: the window opens, says which file and why, and leaves the
    // file as it was.
    void broken_phase() {
        pause(std::chrono::milliseconds(200));
        then("the window says what is wrong", [this] {
            const std::string banner = frame_->banner_text();
            check(banner.find(paths_.database_file().string()) != std::string::npos,
                  "the message names the database file: `" + banner + "`");
            check(!frame_->loaded() && frame_->table().size() == 0,
                  "no list is shown from a database that cannot be read");
            check(frame_->details_text().find("nothing was changed") != std::string::npos,
                  "the details pane says why the list is empty");
            auto text = read_text_file(paths_.database_file());
            check(text && text.value() == "not a database, a note\n", "the file is untouched");
        });
        screenshot("08-broken-database");
    }

    // Stop cancels a refresh stuck on a hanging platform within about a second, and the window
    // answers all the while.
    void stop_phase() {
        when(
            "the window reads the store", [this] { return frame_->loaded(); },
            [this] {
                wxCommandEvent click(wxEVT_TOOL, MainFrame::kIdRefresh);
                click.SetEventObject(frame_->GetToolBar());
                frame_->GetToolBar()->ProcessWindowEvent(click);
            },
            std::chrono::seconds(20));
        when(
            "the source is fetching",
            [this] { return frame_->source_state("gigboard").rfind("fetching", 0) == 0; },
            [this] {
                stop_clicked_ = std::chrono::steady_clock::now();
                wxCommandEvent click(wxEVT_TOOL, MainFrame::kIdStop);
                click.SetEventObject(frame_->GetToolBar());
                frame_->GetToolBar()->ProcessWindowEvent(click);
            },
            std::chrono::seconds(20));
        when(
            "Stop ends the refresh", [this] { return !frame_->busy(); },
            [this] {
                const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - stop_clicked_);
                // Generous: the point is "not the platform's 30 s", under a loaded machine.
                check(took < std::chrono::seconds(5),
                      "cancelled in " + std::to_string(took.count()) + " ms");
                check(frame_->source_state("gigboard").rfind("partial", 0) == 0,
                      "the sources panel says the refresh ended early, not `" +
                          frame_->source_state("gigboard") + "`");
                check(frame_->showing_demo(), "nothing stored: the demo stays");
            },
            std::chrono::seconds(10));
        screenshot("09-refresh-stopped");
    }

    // The schedule's own timer refreshes the due source in the background (nobody clicks
    // Refresh); a click on the notification it raises shows the best listing; a CV imported in
    // the profile editor offers three skills, two are ticked, and the list re-ranks.
    void schedule_phase() {
        const auto& table = frame_->table();
        when(
            "the window reads the store and the sources",
            [this] { return frame_->loaded() && !frame_->schedule().plan(0).empty(); },
            [this] {
                check(frame_->showing_demo(), "an empty store shows the demo");
                check(frame_->auto_refresh(), "Refresh automatically is on");
                check(frame_->GetMenuBar()->IsChecked(MainFrame::kIdAutoRefresh),
                      "the menu item is ticked");
            },
            std::chrono::seconds(20));
        when(
            "the schedule starts a refresh by itself", [this] { return frame_->busy(); },
            [this] {
                scheduled_at_ = now_epoch_seconds();
                check(
                    text_of(frame_->GetStatusBar()->GetStatusText(1)) == "Refreshing on schedule…",
                    "the status bar says the refresh is the schedule's: `" +
                        text_of(frame_->GetStatusBar()->GetStatusText(1)) + "`");
            },
            std::chrono::seconds(10));
        when(
            "the scheduled refresh ends and the list shows what it brought",
            [this] { return !frame_->busy() && !frame_->showing_demo(); },
            [this, &table] {
                check(table.loaded() == 6,
                      "six gigs stored, got " + std::to_string(table.loaded()));
                check(frame_->source_state("gigboard") == "ok",
                      "gigboard refreshed fine: `" + frame_->source_state("gigboard") + "`");
                const auto plan = frame_->schedule().plan(now_epoch_seconds());
                check(plan.size() == 1 && plan[0].interval == 900,
                      "the 1-minute interval is raised to gigboard's politeness limit (900 s)");
                check(plan.size() == 1 && plan[0].next_due &&
                          *plan[0].next_due >= scheduled_at_ + 900,
                      "the next run is a whole interval away");
                check(frame_->schedule_tick().empty(),
                      "a tick right after the refresh starts nothing");
            },
            std::chrono::seconds(60));
        screenshot("10-scheduled-refresh");

        // The notification: no notification service runs here, so its Show() failed and the
        // info bar carried the alert; the click event is raised on the notification object,
        // which runs the handler the desktop's click would (libnotify's signal is not tested).
        then("hide the best listing behind a search and click the notification", [this, &table] {
            check(frame_->notification() != nullptr, "the refresh made a notification");
            best_id_ = table.at(0).id;
            best_title_ = table.at(0).title;
            frame_->search()->SetValue("wordpress");
            check(!table.position_of(best_id_), "the search hides the best listing");
            frame_->select_position(0);  // the user looks at another listing meanwhile
            check(table.selected_id() != best_id_, "another listing is selected");
            frame_->Hide();
            if (wxNotificationMessage* n = frame_->notification()) {
                wxCommandEvent click(wxEVT_NOTIFICATION_MESSAGE_CLICK);
                click.SetEventObject(n);
                n->ProcessEvent(click);
            }
        });
        when(
            "the click shows the listing", [this] { return frame_->IsShown(); },
            [this, &table] {
                check(table.selected_id() == best_id_,
                      "the best listing is selected: " + best_id_ + ", not " + table.selected_id());
                check(frame_->details_text().find(best_title_) != std::string::npos,
                      "its details are shown");
                check(frame_->search()->GetValue().empty(), "the search that hid it is cleared");
            });
        screenshot("11-notification-clicked");

        then("open the profile editor and import a CV", [this] {
            auto active = frame_->store()->active_profile();
            auto profile = profile_from_json(active.value()->json, "active");
            // A profile of no skills yet: what the CV brings decides the ranking.
            Profile empty = profile.value();
            empty.skills.clear();
            dialog_ = new ProfileDialog(frame_, *frame_->store(), "me", empty);
            dialog_->Show();
            const std::string cv = paths_.cache_dir.string() + "/cv.md";
            std::ofstream(cv) << "# Ada\n\nI do image segmentation in Keras, "
                                 "and I once made a WordPress site.\n";
            check(dialog_->import_cv_file(cv), "the CV reads: " + dialog_->error());
            wxCheckListBox* offered = dialog_->offered_list();
            check(offered->GetCount() == 3 && offered->IsShownOnScreen(),
                  "three skills are offered, got " + std::to_string(offered->GetCount()));
            for (unsigned i = 0; i < offered->GetCount(); ++i) {
                check(!offered->IsChecked(i), "none is ticked before the user says so");
                // Ticked as a click does: the box, then its event.
                if (offered->GetString(i) != "WordPress") {
                    offered->Check(i, true);
                    wxCommandEvent tick(wxEVT_CHECKLISTBOX, offered->GetId());
                    tick.SetInt(static_cast<int>(i));
                    tick.SetEventObject(offered);
                    offered->ProcessWindowEvent(tick);
                }
            }
        });
        screenshot("12-cv-import-ticked", [this] { return dialog_; });
        then("add the ticked skills and save", [this] {
            check(dialog_->add_ticked() == 2, "two skills added");
            const Profile& p = dialog_->editor().profile();
            check(p.find_skill("keras") && p.find_skill("image-segmentation") &&
                      !p.find_skill("wordpress"),
                  "Keras and image segmentation joined, WordPress did not");
            check(dialog_->save(), "the profile saves: " + dialog_->error());
            dialog_->Destroy();
            frame_->profile_saved();
        });
        when(
            "the list re-ranks",
            [this] { return best_scored_title().find("Keras") != std::string::npos; },
            [this] {
                check(best_scored_title().find("WordPress") == std::string::npos,
                      "not the WordPress job");
            },
            std::chrono::seconds(20));
        screenshot("13-cv-re-ranked");
    }

    // Start minimised to the tray (a tray said to run): the window stays hidden behind the
    // icon; the icon's Show brings it; closing it keeps the app in the tray; the test's final
    // Close(true) still ends the process (a leftover icon would keep it running to the timeout).
    void tray_phase() {
        when(
            "the window reads the store", [this] { return frame_->loaded(); },
            [this] {
                std::printf("wxTaskBarIcon::IsAvailable() under this Xvfb: %d\n",
                            static_cast<int>(wxTaskBarIcon::IsAvailable()));
                check(!frame_->IsShown(), "the window starts hidden");
                check(frame_->tray() != nullptr && frame_->tray()->IsIconInstalled(),
                      "the tray icon is installed");
                wxCommandEvent show(wxEVT_MENU, TrayIcon::kIdShow);
                frame_->tray()->ProcessEvent(show);
            },
            std::chrono::seconds(20));
        when(
            "the tray menu's Show brings the window", [this] { return frame_->IsShown(); },
            [this] {
                check(frame_->GetMenuBar()->IsChecked(MainFrame::kIdTrayStart) &&
                          frame_->GetMenuBar()->IsEnabled(MainFrame::kIdTrayStart),
                      "the setting is ticked and can be changed");
            });
        screenshot("14-shown-from-tray");
        then("close the window", [this] {
            check(!frame_->Close(), "closing is turned into hiding");
            check(!frame_->IsShown(), "the window is hidden, the app runs on in the tray");
        });
    }

    // No tray runs (Xvfb): the setting cannot hide the window; the menu says why.
    void no_tray_phase() {
        when(
            "the window reads the store", [this] { return frame_->loaded(); },
            [this] {
                check(!frame_->tray_available(), "no tray under Xvfb");
                check(frame_->IsShown(), "the window shows although the setting says minimised");
                check(frame_->tray() == nullptr, "no tray icon");
                wxMenuItem* item = frame_->GetMenuBar()->FindItem(MainFrame::kIdTrayStart);
                check(item != nullptr && !item->IsEnabled() &&
                          item->GetItemLabelText().Contains("no system tray"),
                      "the menu item is off and says there is no tray");
            },
            std::chrono::seconds(20));
        screenshot("15-no-tray");
    }

    // --- sources (issue 13) ------------------------------------------------------------------
    void click_refresh() {
        wxCommandEvent click(wxEVT_TOOL, MainFrame::kIdRefresh);
        click.SetEventObject(frame_->GetToolBar());
        frame_->GetToolBar()->ProcessWindowEvent(click);
    }
    // A real click through XTest on a button of a dialog.
    void click(std::function<wxWindow*()> button) {
        pause(std::chrono::milliseconds(100));
        then("click a button", [button] {
            wxWindow* b = button();
            const wxRect r = b->GetScreenRect();
            wxUIActionSimulator sim;
            sim.MouseMove(r.GetLeft() + r.GetWidth() / 2, r.GetTop() + r.GetHeight() / 2);
            sim.MouseClick();
        });
    }

    // Sources ▸ Manage sources…, a feed's address pasted, Find, Add: the source is in
    // sources.json and the sources panel, and the next refresh brings its jobs.
    void sources_add_phase() {
        const std::string id = "rss:jobs-sourcetest-example";
        when(
            "the window reads the store", [this] { return frame_->loaded(); }, [] {},
            std::chrono::seconds(20));
        key('s', wxMOD_CONTROL | wxMOD_SHIFT);  // Sources ▸ Manage sources…
        when(
            "the dialog lists the plugins",
            [this] {
                return frame_->sources_dialog() && frame_->sources_dialog()->IsShown() &&
                       !frame_->sources_dialog()->model().plugins().empty();
            },
            [this] {
                SourcesDialog* d = frame_->sources_dialog();
                check(d->model().sources().empty(), "no source is configured yet");
                check(d->select_plugin("upwork"), "upwork is listed");
                check(d->form() && d->form()->field("token") &&
                          d->form()->field("token")->spec.secret,
                      "the upwork form has its secret token field");
                d->address()->SetValue(std::string("https://") + kFeedHost + "/jobs.rss");
            });
        screenshot("10-sources-dialog", [this] { return frame_->sources_dialog(); });
        click([this] { return frame_->sources_dialog()->find_button(); });
        when(
            "Find says what the address makes",
            [this] { return !frame_->sources_dialog()->found_text().empty(); },
            [this, id] {
                const std::string found = frame_->sources_dialog()->found_text();
                check(found.find("Found " + id) == 0 &&
                          found.find("looks like a feed") != std::string::npos,
                      "the dialog names the source and why: `" + found + "`");
            });
        screenshot("11-sources-found", [this] { return frame_->sources_dialog(); });
        click([this] { return frame_->sources_dialog()->add_found_button(); });
        when(
            "the source is added and the sources panel shows it",
            [this, id] { return !frame_->source_state(id).empty(); },
            [this, id] {
                SourcesDialog* d = frame_->sources_dialog();
                check(d->message().find("Added " + id) == 0, "the dialog says so: " + d->message());
                auto file = load_sources(paths_.sources_file());
                check(file && file.value().sources.size() == 1 &&
                          file.value().sources[0].id == id &&
                          file.value().sources[0].settings.at("url") ==
                              std::string("https://") + kFeedHost + "/jobs.rss",
                      "sources.json holds the new source with its address");
                check(frame_->source_state(id) == "never refreshed",
                      "the panel shows it, never refreshed: `" + frame_->source_state(id) + "`");
            },
            std::chrono::seconds(20));
        screenshot("12-source-added", [this] { return frame_->sources_dialog(); });
        then("close the dialog and refresh", [this] {
            frame_->sources_dialog()->Close();
            click_refresh();
        });
        when(
            "the refresh brings the feed's jobs",
            [this] { return !frame_->busy() && frame_->table().loaded() == 2; },
            [this, id] {
                check(frame_->sources_dialog() == nullptr, "the dialog closed");
                check(frame_->source_state(id) == "ok",
                      "the pasted source refreshed: `" + frame_->source_state(id) + "`");
            },
            std::chrono::seconds(60));
        screenshot("13-pasted-source-refreshed");

        // A plugin's form: a required secret left empty is named beside its field; typed, it
        // goes to the secret store (here the 0600 file: no keyring runs) and the form only says
        // where it is. An OAuth2 source (upwork) is added without a token: signing in gives it.
        then("open the dialog again on the adzuna plugin", [this] {
            wxCommandEvent menu(wxEVT_MENU, MainFrame::kIdManageSources);
            frame_->ProcessWindowEvent(menu);
            check(frame_->sources_dialog()->select_plugin("adzuna"), "adzuna is listed");
            frame_->sources_dialog()->set_field_text("app_id", "gui-app");
        });
        click([this] { return frame_->sources_dialog()->save_button(); });
        when(
            "Add as source names the missing key",
            [this] { return !frame_->sources_dialog()->message().empty(); },
            [this] {
                SourcesDialog* d = frame_->sources_dialog();
                check(d->message().rfind("field `app_key`: is required", 0) == 0,
                      "the form says which field and why: " + d->message());
                check(d->model().sources().size() == 1, "nothing was added");
                d->set_field_text("app_key", "adzuna-gui-secret-42");
            });
        screenshot("14-form-names-the-field", [this] { return frame_->sources_dialog(); });
        click([this] { return frame_->sources_dialog()->save_button(); });
        when(
            "the adzuna source is added with its key in the secret store",
            [this] { return frame_->sources_dialog()->message().rfind("Saved adzuna", 0) == 0; },
            [this] {
                SourcesDialog* d = frame_->sources_dialog();
                check(d->form() && d->form()->field("app_key") &&
                          d->form()->field("app_key")->stored == SecretPlace::File,
                      "the form says the key is stored in the file");
                check(d->field_text("app_key").empty(), "the password field never shows it");
                auto json = read_text_file(paths_.sources_file());
                check(json && json.value().find("adzuna-gui-secret-42") == std::string::npos &&
                          json.value().find("\"adzuna\"") != std::string::npos,
                      "sources.json has the source and not its key");
                auto secrets = read_text_file(paths_.secrets_file());
                check(secrets && secrets.value().find("adzuna-gui-secret-42") != std::string::npos,
                      "the secrets file holds the key");
                check(d->select_plugin("upwork"), "upwork is listed");
            });
        click([this] { return frame_->sources_dialog()->save_button(); });
        when(
            "the upwork source is added before signing in",
            [this] { return frame_->sources_dialog()->message().rfind("Saved upwork", 0) == 0; },
            [this] {
                SourcesDialog* d = frame_->sources_dialog();
                check(d->model().sources().size() == 3, "pasted feed, adzuna and upwork");
                auto json = read_text_file(paths_.sources_file());
                check(json && json.value().find("\"upwork\"") != std::string::npos,
                      "sources.json has the upwork source");
            });
        screenshot("15-upwork-added-before-sign-in", [this] { return frame_->sources_dialog(); });

        // The host's time budget for a source, last in its form: out of range, the form names
        // the field and shows it; in range, it goes to sources.json.
        then("a time budget of 0 s for the feed", [this, id] {
            SourcesDialog* d = frame_->sources_dialog();
            check(d->select_source(id), "the feed is listed");
            check(d->field_text("time_budget_seconds") == "60", "the budget shows its default");
            d->set_field_text("time_budget_seconds", "0");
        });
        click([this] { return frame_->sources_dialog()->save_button(); });
        when(
            "Save names the time budget",
            [this] { return frame_->sources_dialog()->message().rfind("field `time", 0) == 0; },
            [this] {
                check(frame_->sources_dialog()->message() ==
                          "field `time_budget_seconds`: must be a whole number from 1 to 3600, "
                          "got \"0\"",
                      "the form says which field and why: " + frame_->sources_dialog()->message());
            });
        screenshot("16-time-budget-named", [this] { return frame_->sources_dialog(); });
        then("a time budget of 120 s",
             [this] { frame_->sources_dialog()->set_field_text("time_budget_seconds", "120"); });
        click([this] { return frame_->sources_dialog()->save_button(); });
        when(
            "the budget is in sources.json",
            [this, id] { return frame_->sources_dialog()->message().rfind("Saved " + id, 0) == 0; },
            [this, id] {
                auto file = load_sources(paths_.sources_file());
                bool kept = false;
                for (const auto& s : file ? file.value().sources : std::vector<SourceConfig>{}) {
                    kept = kept || (s.id == id && s.time_budget_seconds == 120);
                }
                check(kept, "sources.json gives the feed 120 s");
            });
    }

    // A feed that answers HTTP 500 three refreshes in a row is paused: the banner names it, why
    // and what to do, with Resume; Resume makes the next refresh run it again.
    void sources_pause_phase() {
        const std::string id = "rss:down";
        when(
            "the window reads the store", [this] { return frame_->loaded(); }, [] {},
            std::chrono::seconds(20));
        for (int i = 1; i <= 3; ++i) {
            then("refresh " + std::to_string(i), [this] { click_refresh(); });
            when(
                "refresh " + std::to_string(i) + " fails", [this] { return !frame_->busy(); },
                [this, i, id] {
                    if (i < 3) {
                        check(frame_->source_state(id).rfind("failing", 0) == 0,
                              "failing, not yet paused: `" + frame_->source_state(id) + "`");
                        check(frame_->banner_resumes().empty(), "no pause banner yet");
                    }
                },
                std::chrono::seconds(60));
        }
        then("the banner says it is paused", [this, id] {
            const std::string banner = frame_->banner_text();
            check(frame_->banner_resumes() == id, "the banner offers to resume " + id);
            check(
                banner.find("Source " + id + " is paused after 3 failed refreshes in a row") == 0 &&
                    banner.find("server error") != std::string::npos &&
                    banner.find("HTTP 500") != std::string::npos,
                "the banner says which, why and what: `" + banner + "`");
            check(frame_->source_state(id).rfind("paused after 3", 0) == 0,
                  "the panel says paused: `" + frame_->source_state(id) + "`");
        });
        screenshot("16-paused-banner");
        then("click Resume on the banner", [this] {
            // GTK's info bar button is native: its click reaches wx as this event.
            wxCommandEvent click(wxEVT_BUTTON, MainFrame::kIdResumeSource);
            click.SetEventObject(frame_->info_bar());
            frame_->info_bar()->ProcessWindowEvent(click);
        });
        when(
            "the source is active again",
            [this, id] { return frame_->source_state(id).rfind("failing", 0) == 0; },
            [this, id] {
                check(frame_->banner_resumes().empty(), "the Resume banner is gone");
                const std::string status = text_of(frame_->GetStatusBar()->GetStatusText(1));
                check(status.find("Resumed " + id) == 0,
                      "the status bar says it resumed: `" + status + "`");
            },
            std::chrono::seconds(20));
        screenshot("17-resumed");
        then("refresh once more", [this] { click_refresh(); });
        when(
            "the resumed source runs again (and one more failure pauses it)",
            [this] { return !frame_->busy(); },
            [this, id] {
                auto store = Store::open(paths_);
                auto records = store ? store.value().source_records()
                                     : Result<std::vector<SourceRecord>>(store.error());
                check(records && records.value().size() == 1 &&
                          records.value()[0].consecutive_failures == 4,
                      "the fourth refresh ran the source rather than skip it");
                check(frame_->banner_resumes() == id, "paused again at once");
            },
            std::chrono::seconds(60));
    }

    // The Insights tab over the demo listings: figures drawn, a PNG export of the expected
    // size, and a click on a skill's bar leaving exactly the listings that ask for it.
    void insights_phase() {
        const auto& table = frame_->table();
        when(
            "the window reads the store", [this] { return frame_->loaded(); },
            [this] {
                check(frame_->showing_demo(), "an empty store shows the demo listings");
                asked_ = std::chrono::steady_clock::now();
                frame_->show_insights();
            },
            std::chrono::seconds(20));
        when(
            "the Insights tab shows its figures", [this] { return frame_->insights()->ready(); },
            [this] {
                InsightsPanel* panel = frame_->insights();
                const InsightChart* chart = panel->chart();
                check(chart != nullptr, "the figures were computed: " + panel->status_text());
                if (chart == nullptr) {
                    return;
                }
                std::printf(
                    "insights tab: figures in %.0f ms (worker), shown %.0f ms after the "
                    "click\n",
                    panel->compute_ms(),
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              asked_)
                        .count());
                check(chart->listings == 25,
                      "the 25 demo listings are counted, got " + std::to_string(chart->listings));
                check(chart->demand.size() >= 8, "at least 8 skills are charted");
                check(chart->heading.find("against profile `me`") != std::string::npos,
                      "the heading names the profile: `" + chart->heading + "`");
                bool have = false;
                bool lack = false;
                for (const auto& bar : chart->demand) {
                    have = have || bar.have;
                    lack = lack || !bar.have;
                }
                check(have && lack, "the profile covers some charted skills and lacks others");
                check(!chart->steps.empty() && chart->steps[0].find("You are") != std::string::npos,
                      "a next step is proposed: `" +
                          (chart->steps.empty() ? std::string() : chart->steps[0]) + "`");
                check(panel->scene().hits.size() == chart->demand.size(),
                      "every skill's row can be clicked (the window is wide: pay beside demand)");
            },
            std::chrono::seconds(20));
        screenshot("10-insights");
        then("the paint time", [this] {
            std::printf("insights tab: last paint %.1f ms\n", frame_->insights()->paint_ms());
        });

        then("export the charts as PNG", [this] {
            const std::string file = shots_ + "/10-insights-export.png";
            auto saved = frame_->insights()->export_png(file, 900);
            check(saved.ok(), saved.ok() ? "exported" : saved.error().message);
            // A PNG: its signature, then the IHDR chunk with the width and height.
            std::ifstream in(file, std::ios::binary);
            unsigned char head[24] = {};
            in.read(reinterpret_cast<char*>(head), sizeof head);
            const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            check(in.gcount() == 24 && std::equal(signature, signature + 8, head) &&
                      std::string(reinterpret_cast<char*>(head + 12), 4) == "IHDR",
                  "the export is a PNG file");
            auto be32 = [&](int at) {
                return (std::uint32_t{head[at]} << 24) | (std::uint32_t{head[at + 1]} << 16) |
                       (std::uint32_t{head[at + 2]} << 8) | std::uint32_t{head[at + 3]};
            };
            check(be32(16) == 900,
                  "the export is 900 pixels wide, got " + std::to_string(be32(16)));
            check(be32(20) > 600 && be32(20) < 4000,
                  "the export is as tall as the charts, got " + std::to_string(be32(20)));
            wxImage image;
            check(image.LoadFile(wxString::FromUTF8(file), wxBITMAP_TYPE_PNG) &&
                      image.GetWidth() == 900,
                  "the export reads back as an image");
            // Not blank: the bars' colours are in it.
            std::set<std::uint32_t> colours;
            for (int y = 0; image.IsOk() && y < image.GetHeight(); y += 3) {
                for (int x = 0; x < image.GetWidth(); x += 3) {
                    colours.insert((std::uint32_t{image.GetRed(x, y)} << 16) |
                                   (std::uint32_t{image.GetGreen(x, y)} << 8) |
                                   image.GetBlue(x, y));
                }
            }
            check(colours.size() > 8,
                  "the export is drawn, " + std::to_string(colours.size()) + " colours");
        });

        // A click on the second demand bar: the list shows the listings asking for it.
        then("click a skill's bar", [this, &table] {
            const ChartScene& scene = frame_->insights()->scene();
            const InsightChart* chart = frame_->insights()->chart();
            if (chart == nullptr || scene.hits.size() < 2) {
                fail("no bar to click");
                return;
            }
            skill_ = chart->demand[1].skill;
            expected_ = 0;
            for (std::size_t i = 0; i < table.size(); ++i) {
                expected_ += asks_for(table.at(i), skill_) ? 1 : 0;
            }
            const SceneHit& bar = scene.hits[1];
            check(frame_->insights()->click_at(bar.x + bar.w / 3, bar.y + bar.h / 2),
                  "the bar's row is a click target");
        });
        when(
            "the list shows the listings asking for the skill",
            [this, &table] { return table.filter().skill == skill_; },
            [this, &table] {
                wxNotebook* book = nullptr;
                for (wxWindow* w = frame_->list(); w != nullptr && book == nullptr;
                     w = w->GetParent()) {
                    if (w->IsKindOf(wxCLASSINFO(wxNotebook))) {
                        book = static_cast<wxNotebook*>(w);
                    }
                }
                check(book != nullptr && book->GetCurrentPage() != frame_->insights(),
                      "the click switched to the list");
                check(table.size() == expected_ && expected_ > 0,
                      std::to_string(expected_) + " listings ask for " + skill_ + ", shown " +
                          std::to_string(table.size()));
                bool all = true;
                for (std::size_t i = 0; i < table.size(); ++i) {
                    all = all && asks_for(table.at(i), skill_);
                }
                check(all, "every row shown asks for " + skill_);
            });
        screenshot("11-list-filtered-by-skill");
    }

    bool asks_for(const ListingRow& row, const std::string& skill) const {
        const auto& ids = frame_->table().skill_ids();
        return std::any_of(row.skills.begin(), row.skills.end(),
                           [&](std::uint32_t s) { return ids[s] == skill; });
    }

    Paths paths_;
    std::string phase_;
    std::string shots_;
    testing::TestPki pki_;
    std::unique_ptr<TestHttpServer> server_;
    MainFrame* frame_ = nullptr;
    ProfileDialog* dialog_ = nullptr;
    std::optional<Workspace> welcome_workspace_;
    FirstRunDialog* welcome_ = nullptr;
    wxTimer timer_;
    std::vector<Step> steps_;
    std::size_t next_ = 0;
    std::chrono::steady_clock::time_point step_started_;
    std::chrono::steady_clock::time_point stop_clicked_;
    std::string picked_;
    std::string saved_;
    std::string skill_;
    std::size_t expected_ = 0;
    std::chrono::steady_clock::time_point asked_;
    std::size_t shown_before_ = 0;
    std::int64_t scheduled_at_ = 0;
    std::string best_id_;
    std::string best_title_;
    int checks_ = 0;
    int failures_ = 0;
};

}  // namespace
}  // namespace gigscout

wxIMPLEMENT_APP(gigscout::GuiTestApp);
