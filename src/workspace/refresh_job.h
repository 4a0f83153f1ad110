// The whole refresh a user asks for, in one direction — sources → fetch → parse → validate →
// skills → dedupe → store — shared by `gigscout-cli fetch` and the desktop app's Refresh:
// each source is stored as soon as it ends (a cancel or a crash later keeps what came in),
// cross-posts are merged in the store, sources that could not start are recorded, and the
// HTTP cache is pruned. What to show afterwards is read back from the store (views/).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "fetch/cancel_token.h"
#include "fetch/fetch_policy.h"
#include "refresh/refresh_runner.h"
#include "workspace/workspace.h"

namespace gigscout {

struct RefreshRequest {
    std::vector<std::string> sources;  // empty: every enabled source (source_selection.h)
    // Pages, policy, loopback/http, force (ignore_min_interval), the profile's search terms
    // (query). run_refresh fills in what the workspace owns: secrets and the dedupe rank.
    RefreshOptions options;
};

struct RefreshResult {
    // Every source asked for, those that could not start included (Failed, with the reason).
    RefreshReport report;
    // The ids this refresh brought, as the store keeps them after merging cross-posts.
    std::vector<std::string> ids;
    std::vector<std::string> store_errors;  // "not stored: …", one per failed write
    bool cancelled = false;
    bool ok() const { return report.all_succeeded() && store_errors.empty() && !cancelled; }
};

// An Error only when nothing could run: an unreadable sources.json, an unknown source id, a
// bad policy. `warn` hears problems that stop nothing (no secret store), from any thread.
Result<RefreshResult> run_refresh(Workspace& workspace, const RefreshRequest& request,
                                  const ProgressCallback& progress,
                                  const fetch::CancelToken& cancel,
                                  const std::function<void(const std::string&)>& warn = {});

}  // namespace gigscout
