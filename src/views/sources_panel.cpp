#include "views/sources_panel.h"

#include <algorithm>

namespace gigscout {
namespace {

std::string failures_text(int failures) {
    return failures == 1 ? "the last refresh failed"
                         : std::to_string(failures) + " refreshes in a row failed";
}

}  // namespace

std::vector<SourceRow> sources_panel(const std::vector<SourceRecord>& records,
                                     const std::vector<SourceDescription>& sources,
                                     const HealthRules& rules) {
    std::vector<SourceRow> out;
    out.reserve(sources.size());
    for (const SourceDescription& d : sources) {
        SourceRow& row = out.emplace_back();
        row.id = d.id;
        row.plugin = d.plugin;
        row.deprecated = d.deprecated;
        row.refresh_interval = d.refresh_interval;
        row.min_interval = d.min_interval;
        auto record = std::find_if(records.begin(), records.end(),
                                   [&](const SourceRecord& r) { return r.source == d.id; });
        const bool refreshed = record != records.end();
        if (refreshed) {
            row.last_refresh_at = record->last_refresh_at;
            row.last_success_at = record->last_success_at;
            row.consecutive_failures = record->consecutive_failures;
            row.last_error = record->last_error;
            row.last_error_at = record->last_error_at;
            row.open_listings = record->open_listings;
            if (!record->recent.empty() &&
                record->recent.back().result != RefreshCompleteness::Failed) {
                row.last_listings = record->recent.back().listings;
            }
        }
        const SourceVerdict verdict = refreshed ? judge_source(*record, rules) : SourceVerdict{};
        row.suspicious = verdict.suspicious;
        row.suspicious_text = verdict.suspicious_text;
        if (!d.unusable_reason.empty()) {
            row.health = SourceHealth::Unusable;
            row.state_text = "plugin unusable: " + d.unusable_reason;
        } else if (!d.enabled) {
            row.health = SourceHealth::Disabled;
            row.state_text = "disabled";
        } else if (verdict.paused) {
            row.health = SourceHealth::Paused;
            row.state_text = verdict.paused_reason;
        } else if (refreshed && record->last_result == RefreshCompleteness::Failed) {
            row.health = SourceHealth::Failing;
            row.state_text = "failing: " + failures_text(record->consecutive_failures);
        } else if (!d.paused_reason.empty()) {
            row.health = SourceHealth::Paused;
            row.state_text = "paused: " + d.paused_reason;
        } else if (!refreshed) {
            row.health = SourceHealth::Never;
            row.state_text = "never refreshed";
        } else if (record->last_result == RefreshCompleteness::Partial) {
            row.health = SourceHealth::Partial;
            row.state_text = "partial: the last refresh ended early";
        } else {
            row.health = SourceHealth::Ok;
            row.state_text = "ok";
        }
    }
    return out;
}

Result<std::vector<SourceRow>> load_sources_panel(Store& store,
                                                  const std::vector<SourceDescription>& sources) {
    auto records = store.source_records();
    if (!records) {
        return records.error();
    }
    auto rules = load_health_rules(store);
    if (!rules) {
        return rules.error();
    }
    return sources_panel(records.value(), sources, rules.value());
}

}  // namespace gigscout
