#include "views/source_health.h"

#include <cmath>
#include <string>
#include <vector>

#include "base/ascii.h"

namespace gigscout {
namespace {

bool has(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace

Result<HealthRules> load_health_rules(Store& store) {
    HealthRules rules;
    auto settings = store.settings(SettingScope::App, "");
    if (!settings) {
        return settings.error();
    }
    auto it = settings.value().find(kPauseAfterFailures);
    if (it == settings.value().end()) {
        return rules;
    }
    const std::string& text = it->second;
    int n = 0;
    bool digits = !text.empty() && text.size() <= 4;
    for (char c : text) {
        digits = digits && c >= '0' && c <= '9';
    }
    if (digits) {
        n = std::stoi(text);
    }
    if (!digits || n < 1) {
        return Error{"setting `" + std::string(kPauseAfterFailures) +
                     "`: expected a whole number of refreshes from 1 to 9999, got \"" + text +
                     "\""};
    }
    rules.pause_after_failures = n;
    return rules;
}

std::string failure_advice(std::string_view error) {
    const std::string e = ascii::to_lower(error);
    if (has(e, "needs its secret setting")) {
        return "set the secret it names";
    }
    // An OAuth2 source whose sign-in ended (refused refresh token) or never happened.
    if (has(e, "sign in to") || has(e, "not signed in")) {
        return "sign in to the platform again: gigscout-cli source auth (the last error names "
               "the source)";
    }
    if (has(e, "http 401") || has(e, "http 403")) {
        return "the server refused the credentials: check the token or key";
    }
    if (has(e, "http 404") || has(e, "http 410")) {
        return "the address is gone: check the source's settings (the board may have moved)";
    }
    if (has(e, "needs api") || has(e, "plugin `") || has(e, "traceback") || has(e, "attempt to ") ||
        has(e, ".lua:")) {
        return "the plugin failed: update the plugin";
    }
    if (has(e, "field `") || has(e, "expected ") || has(e, "parse") || has(e, "not json") ||
        has(e, "invalid")) {
        return "what the site sent is not what the plugin expects: the site may have changed "
               "(update the plugin)";
    }
    if (has(e, "http 5")) {
        return "the site answered with a server error: it may be down for now, or it changed";
    }
    if (has(e, "resolv") || has(e, "connect") || has(e, "timed out") || has(e, "network")) {
        return "the site could not be reached: check the network, or the site is down";
    }
    return "look at the last error";
}

SourceVerdict judge_source(const SourceRecord& record, const HealthRules& rules) {
    SourceVerdict v;
    const int failures = record.consecutive_failures;
    if (failures >= rules.pause_after_failures && failures > record.resumed_failures) {
        v.paused = true;
        v.paused_reason = "paused after " + std::to_string(failures) +
                          " failed refreshes in a row: " + failure_advice(record.last_error);
    }
    // The last refresh that told anything about the listings; not-modified and failed ones
    // leave the question open.
    std::vector<std::size_t> counts;
    for (const auto& r : record.recent) {
        if (r.result == RefreshCompleteness::Complete || r.result == RefreshCompleteness::Partial) {
            counts.push_back(r.listings);
        }
    }
    if (counts.size() < 2 || counts.back() != 0) {
        return v;
    }
    std::size_t sum = 0, n = 0;
    for (auto i = counts.size() - 1; i > 0 && n < rules.history; --i, ++n) {
        sum += counts[i - 1];
    }
    const double average = static_cast<double>(sum) / static_cast<double>(n);
    if (average >= static_cast<double>(rules.many_listings)) {
        v.suspicious = true;
        v.suspicious_text = "0 listings where it used to bring ~" +
                            std::to_string(static_cast<long long>(std::lround(average))) +
                            ": the site may have changed";
    }
    return v;
}

}  // namespace gigscout
