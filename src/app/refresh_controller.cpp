#include "app/refresh_controller.h"

#include "app/demo_data.h"
#include "base/iso_time.h"
#include "views/listing_table.h"
#include "workspace/workspace.h"

namespace gigscout {

RefreshController::RefreshController(wxEvtHandler& owner, Paths paths)
    : owner_(owner), paths_(std::move(paths)), thread_([this] { run(); }) {}

RefreshController::~RefreshController() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        jobs_.clear();
        if (running_) {
            running_->cancel();
        }
    }
    wake_.notify_all();
    thread_.join();
}

void RefreshController::cancel() {
    std::lock_guard lock(mutex_);
    if (running_) {
        running_->cancel();
    }
    for (auto& queued : jobs_) {
        queued.cancel->cancel();
    }
}

void RefreshController::start(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back({std::move(job), std::make_shared<fetch::CancelToken>()});
        ++pending_;
    }
    wake_.notify_one();
}

void RefreshController::run() {
    for (;;) {
        Job job;
        std::shared_ptr<fetch::CancelToken> token;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            if (stopping_) {
                return;
            }
            job = std::move(jobs_.front().job);
            token = running_ = std::move(jobs_.front().cancel);
            jobs_.pop_front();
        }
        std::function<void()> post_result = job(*token);
        {
            std::lock_guard lock(mutex_);
            running_.reset();
        }
        // Not busy before the result is posted: its handler may ask for the next job.
        --pending_;
        post_result();
    }
}

LoadedRows RefreshController::read_rows(const std::optional<Profile>& profile,
                                        bool demo_when_empty) {
    LoadedRows out;
    out.now = now_epoch_seconds();
    std::optional<Scorer> scorer;
    if (profile) {
        scorer.emplace(make_scorer(*profile, out.now));
    }
    auto store = Store::open(paths_);
    if (!store) {
        out.rows = store.error();
        return out;
    }
    out.rows = ListingTable::read_rows(store.value(), scorer ? &*scorer : nullptr);
    if (out.rows && out.rows.value().size() == 0 && demo_when_empty) {
        auto demo = open_demo_store(paths_, out.now);
        if (demo) {
            out.rows = ListingTable::read_rows(demo.value(), scorer ? &*scorer : nullptr);
            out.demo = true;
        }
    }
    return out;
}

SourcesInfo RefreshController::read_sources(Workspace& workspace) {
    SourcesInfo out;
    auto descriptions = workspace.source_descriptions();
    if (!descriptions) {
        out.rows = descriptions.error();
    } else {
        out.rows = load_sources_panel(workspace.store(), descriptions.value());
    }
    for (const auto& entry : workspace.catalog().entries()) {
        if (!entry.usable() && !entry.disabled_reason.empty()) {
            out.plugin_problems.push_back(entry.path.filename().string() + ": " +
                                          entry.disabled_reason);
        }
    }
    return out;
}

void RefreshController::start_load(std::optional<Profile> profile, bool demo_when_empty,
                                   std::function<void(LoadedRows)> done,
                                   std::function<void(SourcesInfo)> sources) {
    start([this, profile = std::move(profile), demo_when_empty, done = std::move(done),
           sources = std::move(sources)](const fetch::CancelToken&) {
        // The rows first: the list fills while the plugins' sandboxes start.
        auto rows = std::make_shared<LoadedRows>(read_rows(profile, demo_when_empty));
        owner_.CallAfter([done, rows] { done(std::move(*rows)); });
        std::function<void()> post = [] {};
        if (sources) {
            auto info = std::make_shared<SourcesInfo>();
            if (auto workspace = Workspace::open(paths_); workspace) {
                *info = read_sources(workspace.value());
            } else {
                info->rows = workspace.error();
            }
            post = [this, sources, info] {
                owner_.CallAfter([sources, info] { sources(std::move(*info)); });
            };
        }
        return post;
    });
}

void RefreshController::start_refresh(RefreshRequest request, std::optional<Profile> profile,
                                      std::function<void(const SourceProgress&)> progress,
                                      std::function<void(RefreshDone)> done) {
    start([this, request = std::move(request), profile = std::move(profile),
           progress = std::move(progress),
           done = std::move(done)](const fetch::CancelToken& cancel) {
        auto out = std::make_shared<RefreshDone>();
        auto workspace = Workspace::open(paths_);
        if (!workspace) {
            out->result = workspace.error();
        } else {
            out->result = run_refresh(
                workspace.value(), request,
                [this, progress](const SourceProgress& p) {
                    owner_.CallAfter([progress, p] { progress(p); });
                },
                cancel);
            if (out->result) {
                // The listings are read back from the store; the report keeps only what the
                // sources panel shows.
                for (auto& o : out->result.value().report.sources) {
                    o.listings.clear();
                    o.listings.shrink_to_fit();
                }
                out->result.value().report.listings.clear();
            }
        }
        out->rows = read_rows(profile, false);
        if (workspace) {
            out->sources = read_sources(workspace.value());
        }
        return [this, done, out] { owner_.CallAfter([done, out] { done(std::move(*out)); }); };
    });
}

}  // namespace gigscout
