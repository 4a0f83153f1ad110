#include "workspace/refresh_job.h"

#include <chrono>
#include <limits>
#include <set>

#include "base/iso_time.h"
#include "fetch/fetcher.h"
#include "fetch/refresh_ledger.h"
#include "views/source_health.h"
#include "workspace/dedupe_rank.h"
#include "workspace/secret_lookup.h"
#include "workspace/source_selection.h"

namespace gigscout {
namespace {

// A feed not fetched for a month is likely gone from sources.json; its validators and body
// would only take disk space (docs/fetch.md).
constexpr std::chrono::seconds kHttpCacheMaxAge = std::chrono::hours(24 * 30);

struct PausedSplit {
    std::vector<RefreshSource> runnable;
    std::vector<SourceOutcome> skipped;  // paused by the health rules, with why and what to do
};

// A source the health rules paused is not asked again until the user resumes it: each failed
// refresh would only repeat the same error (and for a refused token, count against the
// account).
Result<PausedSplit> paused_sources(Store& store, const std::vector<RefreshSource>& runnable) {
    auto records = store.source_records();
    if (!records) {
        return records.error();
    }
    auto rules = load_health_rules(store);
    if (!rules) {
        return rules.error();
    }
    PausedSplit out;
    for (const auto& source : runnable) {
        const SourceRecord* record = nullptr;
        for (const auto& r : records.value()) {
            record = r.source == source.config.id ? &r : record;
        }
        const SourceVerdict verdict =
            record != nullptr ? judge_source(*record, rules.value()) : SourceVerdict{};
        if (!verdict.paused) {
            out.runnable.push_back(source);
            continue;
        }
        SourceOutcome& o = out.skipped.emplace_back();
        o.plugin = source.config.plugin;
        o.progress.source = source.config.id;
        o.progress.state = SourceState::Skipped;
        o.progress.error = verdict.paused_reason + " (last error: " + record->last_error +
                           "); resume it to try again: gigscout-cli source resume " +
                           source.config.id;
    }
    return out;
}

}  // namespace

Result<RefreshResult> run_refresh(Workspace& workspace, const RefreshRequest& request,
                                  const ProgressCallback& progress,
                                  const fetch::CancelToken& cancel,
                                  const std::function<void(const std::string&)>& warn) {
    auto configured = workspace.sources();
    if (!configured) {
        return configured.error();
    }
    auto selection = select_sources(configured.value(), workspace.catalog(), request.sources,
                                    workspace.paths().sources_file());
    if (!selection) {
        return selection.error();
    }
    if (auto s = fetch::validate_policy(request.options.policy); !s) {
        return s.error();
    }
    const Paths& paths = workspace.paths();
    Store& store = workspace.store();
    auto paused = paused_sources(store, selection.value().runnable);
    if (!paused) {
        return paused.error();
    }
    SecretLookup secrets(paths, warn);

    fetch::FetcherOptions fetcher_options;
    fetcher_options.http_cache_dir = paths.http_cache_dir();
    fetch::Fetcher fetcher(fetcher_options);
    fetch::RefreshLedger ledger(paths.refresh_ledger_file());
    RefreshOptions ro = request.options;
    ro.secret = [&secrets](const std::string& source, const std::string& key) {
        return secrets.get(source, key);
    };
    ro.store_secret = [&secrets](const std::string& source, const std::string& key,
                                 const std::string& value) {
        return secrets.set(source, key, value);
    };
    ro.dedupe_rank = [&store](const std::vector<Listing>& listings) {
        return first_seen_rank(store, listings);
    };
    RefreshRunner runner(fetcher, &ledger, ro);

    RefreshResult result;
    // The runner serialises these calls, so the one store connection is used by one thread
    // at a time.
    auto record = [&](const SourceOutcome& o) {
        if (o.progress.state == SourceState::Skipped) {
            return;  // nothing was asked, so nothing is confirmed or closed
        }
        // A cancel is the user's, not the source's failure: what came is kept, nothing closes,
        // and no failure is counted against the source.
        const bool cancelled = o.progress.state == SourceState::Cancelled;
        auto summary =
            store.record_refresh(o.progress.source, o.listings,
                                 cancelled ? RefreshCompleteness::Partial : o.completeness,
                                 now_epoch_seconds(), cancelled ? std::string() : o.progress.error);
        if (!summary) {
            result.store_errors.push_back(summary.error().message);
        }
    };
    result.report = runner.run(paused.value().runnable, progress, cancel, record);
    result.cancelled = cancel.cancelled();
    for (const auto& l : result.report.listings) {
        result.ids.push_back(l.id);
        for (const auto& copy : l.merged) {
            if (auto s = store.merge_listings(l.id, copy.id); !s) {
                result.store_errors.push_back(s.error().message);
            }
        }
    }
    for (auto& o : selection.value().not_runnable) {
        if (progress) {
            progress(o.progress);
        }
        if (auto s = store.record_refresh(o.progress.source, {}, RefreshCompleteness::Failed,
                                          now_epoch_seconds(), o.progress.error);
            !s) {
            result.store_errors.push_back(s.error().message);
        }
        result.report.sources.push_back(std::move(o));
    }
    for (auto& o : paused.value().skipped) {
        if (progress) {
            progress(o.progress);
        }
        result.report.sources.push_back(std::move(o));
    }
    if (fetcher.cache()) {
        fetcher.cache()->prune(kHttpCacheMaxAge);
    }
    return result;
}

}  // namespace gigscout
