#include "refresh/refresh_runner.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "base/ascii.h"
#include "base/iso_time.h"
#include "base/utf8.h"
#include "dedupe/listing_dedupe.h"
#include "plugin_host/plugin_session.h"
#include "refresh/oauth2_tokens.h"
#include "taxonomy/listing_intake.h"

namespace gigscout {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// "source x: stopped after 60 s, the time one source's refresh may take; 3 pages read (the rest
// comes with the next refresh)".
std::string budget_spent_message(const std::string& source, std::chrono::milliseconds budget,
                                 int pages) {
    const auto seconds = std::max<long long>(1, (budget.count() + 500) / 1000);
    return "source " + source + ": stopped after " + std::to_string(seconds) +
           " s, the time one source's refresh may take; " + std::to_string(pages) +
           (pages == 1 ? " page" : " pages") + " read (the rest comes with the next refresh)";
}

// The plugin API lets a plugin set a few headers the fetcher owns (User-Agent,
// Accept-Encoding, Cookie, conditional and range headers). Sending them would fail the whole
// request, so they are left out and named in `dropped`, which the source reports.
// `contact`: the value the manifest lets the plugin send as User-Agent (its `user_agent`
// setting's), or empty; a User-Agent equal to it goes to `user_agent`, not the headers.
fetch::HttpRequest to_http_request(const PluginRequest& r, std::string_view contact,
                                   std::string& user_agent, std::vector<std::string>& dropped) {
    fetch::HttpRequest out;
    out.method = fetch::parse_method(r.method).value_or(fetch::HttpMethod::Get);
    out.url = r.url;
    user_agent.clear();
    for (const auto& [name, value] : r.headers) {
        if (!contact.empty() && ascii::iequals(name, "User-Agent") &&
            ascii::trim(value) == contact) {
            user_agent = contact;
            continue;
        }
        if (fetch::is_reserved_header(name)) {
            dropped.push_back(name);
            continue;
        }
        out.headers.push_back({name, value});
    }
    out.body = r.body;
    out.forward_on_redirect = r.forward_headers;
    return out;
}

PluginResponse to_plugin_response(const fetch::HttpResponse& r) {
    PluginResponse out;
    // A 304 answered from the cache is, to the plugin, the page it saw before.
    out.status = r.not_modified ? 200 : r.status;
    out.url = r.url;
    out.body = r.body;
    for (const auto& h : r.headers) {
        out.headers.emplace_back(h.name, h.value);
    }
    return out;
}

// After a renewal, the request the plugin built with the old access token carries the new one:
// the plugin put it in a header or the URL, so it is replaced where it appears.
void replace_token(fetch::HttpRequest& request, const std::string& old_token,
                   const std::string& new_token) {
    if (old_token.empty()) {
        return;
    }
    auto replace_in = [&](std::string& text) {
        for (auto at = text.find(old_token); at != std::string::npos;
             at = text.find(old_token, at + new_token.size())) {
            text.replace(at, old_token.size(), new_token);
        }
    };
    for (auto& h : request.headers) {
        replace_in(h.value);
    }
    replace_in(request.url);
}

// "45 s", "15 min", "6 h"
std::string interval_text(std::int64_t seconds) {
    if (seconds < 120) {
        return std::to_string(seconds) + " s";
    }
    if (seconds < 2 * 3600 || seconds % 3600 != 0) {
        return std::to_string(seconds / 60) + " min";
    }
    return std::to_string(seconds / 3600) + " h";
}

void keep_log_warnings(const std::vector<PluginLogMessage>& log, const std::string& plugin,
                       std::vector<std::string>& problems) {
    for (const auto& line : log) {
        if (line.level != "info") {
            // One line per message: a plugin's newline cannot start a line of the host's.
            problems.push_back(plugin + ": " + line.level + ": " + utf8::printable(line.text));
        }
    }
}

}  // namespace

// The sessions in flight, so a cancel can kill their workers at once instead of waiting for
// the plugin's time limit.
class SessionRegistry {
  public:
    void add(PluginSession* s) {
        std::lock_guard lock(mutex_);
        sessions_.insert(s);
    }
    void remove(PluginSession* s) {
        std::lock_guard lock(mutex_);
        sessions_.erase(s);
    }
    void cancel_all() {
        std::lock_guard lock(mutex_);
        for (auto* s : sessions_) {
            s->cancel();
        }
    }

  private:
    std::mutex mutex_;
    std::set<PluginSession*> sessions_;
};

std::string_view to_string(SourceState s) {
    switch (s) {
        case SourceState::Queued:
            return "queued";
        case SourceState::Loading:
            return "loading";
        case SourceState::Fetching:
            return "fetching";
        case SourceState::Parsing:
            return "parsing";
        case SourceState::Done:
            return "ok";
        case SourceState::Partial:
            return "partial";
        case SourceState::Failed:
            return "failed";
        case SourceState::Skipped:
            return "skipped";
        case SourceState::Cancelled:
            return "cancelled";
    }
    return "?";
}

namespace {

std::optional<std::string> no_network_message(const std::vector<SourceOutcome>& sources) {
    std::size_t asked = 0;
    std::size_t offline = 0;
    for (const auto& o : sources) {
        if (o.progress.state == SourceState::Skipped ||
            o.progress.state == SourceState::Cancelled) {
            continue;
        }
        ++asked;
        offline += o.no_network ? 1 : 0;
    }
    if (asked == 0 || offline != asked) {
        return std::nullopt;
    }
    return "no network: " +
           (asked == 1 ? std::string("the source's host")
                       : "none of the " + std::to_string(asked) + " sources' hosts") +
           " could be reached (host names do not resolve, or there is no route); check this "
           "machine's connection and run the refresh again";
}

}  // namespace

bool RefreshReport::all_succeeded() const {
    return std::all_of(sources.begin(), sources.end(), [](const SourceOutcome& o) {
        return o.progress.state == SourceState::Done || o.progress.state == SourceState::Skipped;
    });
}

RefreshRunner::RefreshRunner(fetch::Fetcher& fetcher, fetch::RefreshLedger* ledger,
                             RefreshOptions options)
    : fetcher_(fetcher), ledger_(ledger), options_(std::move(options)) {}

RefreshReport RefreshRunner::run(const std::vector<RefreshSource>& sources,
                                 const ProgressCallback& progress, const fetch::CancelToken& cancel,
                                 const SourceDoneCallback& done) {
    const auto start = Clock::now();
    RefreshReport report;
    report.sources.resize(sources.size());
    std::mutex callback_mutex;
    ProgressCallback serial_progress = [&](const SourceProgress& p) {
        if (progress) {
            std::lock_guard lock(callback_mutex);
            progress(p);
        }
    };
    SessionRegistry sessions;
    std::mutex finish_mutex;
    std::condition_variable finish_cv;
    bool finished = false;
    // Watches the token so a cancel reaches plugin workers mid-call, not only between calls.
    // It keeps sweeping after the cancel: a session ignores cancel() between two calls, and a
    // call that starts just after a sweep must not run to its time limit.
    std::thread watcher([&] {
        std::unique_lock lock(finish_mutex);
        while (!finished) {
            if (cancel.cancelled()) {
                sessions.cancel_all();
            }
            finish_cv.wait_for(lock, std::chrono::milliseconds(50));
        }
    });
    std::vector<std::thread> threads;
    threads.reserve(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        threads.emplace_back([&, i] {
            SourceOutcome outcome = run_source(sources[i], serial_progress, cancel, sessions);
            if (done) {
                std::lock_guard lock(callback_mutex);
                done(outcome);
            }
            report.sources[i] = std::move(outcome);
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    {
        std::lock_guard lock(finish_mutex);
        finished = true;
    }
    finish_cv.notify_all();
    watcher.join();

    std::vector<Listing> all;
    for (const auto& o : report.sources) {
        all.insert(all.end(), o.listings.begin(), o.listings.end());
    }
    std::vector<std::int64_t> rank;
    if (options_.dedupe_rank) {
        rank = options_.dedupe_rank(all);
        if (rank.size() != all.size()) {
            rank.clear();
        }
    }
    auto groups = find_duplicates(all, rank);
    for (const auto& g : groups) {
        report.duplicates_merged += g.duplicates.size();
    }
    report.listings = merge_duplicates(std::move(all), groups);
    report.elapsed = since(start);
    report.no_network = no_network_message(report.sources);
    return report;
}

SourceOutcome RefreshRunner::run_source(const RefreshSource& source,
                                        const ProgressCallback& progress,
                                        const fetch::CancelToken& cancel,
                                        SessionRegistry& sessions) {
    const auto start = Clock::now();
    SourceOutcome out;
    out.plugin = source.config.plugin;
    SourceProgress& p = out.progress;
    p.source = source.config.id;
    auto report = [&](SourceState state) {
        p.state = state;
        p.elapsed = since(start);
        p.listings = out.listings.size();
        progress(p);
    };
    auto fail = [&](SourceState state, std::string error) {
        p.error = std::move(error);
        out.completeness =
            out.listings.empty() ? RefreshCompleteness::Failed : RefreshCompleteness::Partial;
        report(out.listings.empty() && state == SourceState::Partial ? SourceState::Failed : state);
        return std::move(out);
    };

    if (cancel.cancelled()) {
        return fail(SourceState::Cancelled, "cancelled");
    }
    report(SourceState::Loading);
    PluginSession session(source.plugin_path, options_.limits);
    sessions.add(&session);
    struct Unregister {
        SessionRegistry& r;
        PluginSession* s;
        ~Unregister() { r.remove(s); }
    } unregister{sessions, &session};

    auto manifest = session.load();
    if (cancel.cancelled()) {
        return fail(SourceState::Cancelled, "cancelled");
    }
    if (!manifest) {
        return fail(SourceState::Failed, manifest.error().message);
    }
    const PluginManifest& m = manifest.value();
    out.max_cache_age = m.max_cache_age;
    // Said with the outcome, where the user looks after a refresh (fetch's table, the app), not
    // only by `plugin check`: the plugin still runs, but its days are counted.
    if (!m.deprecated.empty()) {
        out.problems.push_back("plugin " + m.id + " is deprecated: " + m.deprecated);
    }

    if (ledger_ != nullptr && !options_.ignore_min_interval && m.politeness.min_refresh_interval) {
        auto decision =
            ledger_->check(p.source, std::chrono::seconds(*m.politeness.min_refresh_interval));
        if (!decision.allowed) {
            auto next = std::chrono::system_clock::to_time_t(decision.next_allowed);
            p.error = m.name + " allows a refresh every " +
                      interval_text(*m.politeness.min_refresh_interval) + "; next one at " +
                      format_iso8601(next);
            out.completeness = RefreshCompleteness::NotModified;
            report(SourceState::Skipped);
            return out;
        }
    }

    // Settings: the config's text values typed by the schema, plus secrets from outside it.
    SettingValues given;
    for (const auto& [key, text] : source.config.settings) {
        const SettingSpec* spec = m.setting(key);
        if (spec == nullptr) {
            return fail(SourceState::Failed, "source " + p.source + ": setting `" + key +
                                                 "` is not one of plugin " + m.id + "'s settings");
        }
        if (spec->secret) {
            return fail(SourceState::Failed,
                        "source " + p.source + ": secret setting `" + key +
                            "` must not be written in sources.json; set GIGSCOUT_" +
                            source_env_prefix(p.source) + "_" + source_env_prefix(key) +
                            " or store it in the keyring");
        }
        auto value = parse_setting_value(*spec, text);
        if (!value) {
            return fail(SourceState::Failed, "source " + p.source + ": " + value.error().message);
        }
        given[key] = value.value();
    }
    for (const auto& spec : m.settings) {
        if (!spec.secret) {
            continue;
        }
        std::optional<std::string> secret = secret_from_environment(p.source, spec.key);
        if (!secret && options_.secret) {
            secret = options_.secret(p.source, spec.key);
        }
        if (secret) {
            given[spec.key] = *secret;
        } else if (m.oauth2 && spec.key == m.oauth2->token_setting) {
            // The sign-in's access token, or why there is none, comes below.
        } else if (setting_required(m, spec, given)) {
            return fail(SourceState::Failed,
                        "source " + p.source + ": needs its secret setting `" + spec.key + "` (" +
                            spec.label + "): set GIGSCOUT_" + source_env_prefix(p.source) + "_" +
                            source_env_prefix(spec.key) + " or store it in the keyring");
        }
    }
    // An OAuth2 source signed in through `source auth`: its access token, renewed when it is
    // about to expire (through the plugin's own hosts). A token from the environment is the
    // user's own and is used as it is.
    std::optional<OAuth2Source> oauth;
    SecretAccess secret_access{options_.secret, options_.store_secret};
    std::string access_token;
    fetch::FetchPolicy token_policy = options_.policy;
    token_policy.allowed_hosts = m.hosts;
    token_policy.allow_http = options_.allow_http || source.config.allow_http;
    token_policy.allow_local_addresses =
        options_.allow_loopback || source.config.allow_private_network;
    token_policy.rate_key = m.id;
    if (m.oauth2 && !secret_from_environment(p.source, m.oauth2->token_setting)) {
        OAuth2Source o{p.source, m.name, *m.oauth2, {}};
        if (auto it = given.find(m.oauth2->client_id_setting); it != given.end()) {
            if (const auto* s = std::get_if<std::string>(&it->second)) {
                o.client_id = std::string(ascii::trim(*s));
            }
        }
        AccessToken t = oauth2_access_token(fetcher_, token_policy, o, secret_access,
                                            now_epoch_seconds(), false, cancel);
        if (t.state == AccessToken::State::Cancelled) {
            return fail(SourceState::Cancelled, "cancelled");
        }
        const SettingSpec* token_spec = m.setting(m.oauth2->token_setting);
        if (t.state == AccessToken::State::Ready) {
            access_token = t.token;
            given[m.oauth2->token_setting] = t.token;
            if (!t.message.empty()) {
                out.problems.push_back(t.message);
            }
            oauth = std::move(o);
        } else if (t.state != AccessToken::State::NotSignedIn ||
                   (token_spec != nullptr && setting_required(m, *token_spec, given))) {
            return fail(SourceState::Failed, t.message);
        }
    }
    auto settings = resolve_settings(m, given);
    if (!settings) {
        return fail(SourceState::Failed, "source " + p.source + ": " + settings.error().message);
    }
    // A source is checked as a whole before it starts; a single call (`plugin run` on a saved
    // response) may do without, so resolve_settings does not check this.
    for (const auto& spec : m.settings) {
        auto it = settings.value().find(spec.key);
        if (!spec.secret && !spec.required_unless.empty() &&
            setting_required(m, spec, settings.value()) &&
            (it == settings.value().end() || !setting_has_value(it->second))) {
            return fail(SourceState::Failed, "source " + p.source + ": setting `" + spec.key +
                                                 "` (" + spec.label + ") is required unless `" +
                                                 spec.required_unless + "` is set");
        }
    }
    auto hosts = source_hosts(m, settings.value());
    if (!hosts) {
        return fail(SourceState::Failed, "source " + p.source + ": " + hosts.error().message);
    }
    fetch::FetchPolicy policy = options_.policy;
    std::string contact;
    if (m.user_agent) {
        auto it = settings.value().find(m.user_agent->setting);
        if (it != settings.value().end()) {
            if (const auto* s = std::get_if<std::string>(&it->second)) {
                contact = std::string(ascii::trim(*s));
            }
        }
    }
    // This source's own hosts: another source's URL setting opens nothing here, redirects
    // included.
    policy.allowed_hosts = hosts.value().rules();
    policy.allow_http = options_.allow_http || source.config.allow_http;
    policy.allow_local_addresses = options_.allow_loopback || source.config.allow_private_network;
    // One budget per (platform, host): the platform's sources on one host share it, while a
    // generic plugin's feeds on different hosts do not wait for each other.
    policy.rate_key = m.id;
    if (options_.requests_per_minute) {
        policy.requests_per_minute = *options_.requests_per_minute;
    } else if (m.politeness.requests_per_minute) {
        policy.requests_per_minute = *m.politeness.requests_per_minute;
    }

    PluginContext ctx;
    ctx.source = p.source;
    ctx.settings = settings.value();
    ctx.query = options_.query;
    ctx.now = options_.now;

    auto requests = session.requests(ctx);
    if (cancel.cancelled()) {
        return fail(SourceState::Cancelled, "cancelled");
    }
    keep_log_warnings(session.last_log(), m.id, out.problems);
    if (!requests) {
        return fail(SourceState::Failed, requests.error().message);
    }

    std::vector<PluginRequest> queue = std::move(requests).value();
    std::reverse(queue.begin(), queue.end());  // pop_back takes them in the plugin's order
    bool all_not_modified = true;
    bool listings_refused = false;
    std::set<std::string> dropped_headers;
    int fetched = 0;
    bool renewed_on_401 = false;
    while (!queue.empty()) {
        if (fetched >= options_.max_pages) {
            out.page_limited = true;
            break;
        }
        // What is left of the source's time budget bounds this request too (each try).
        fetch::FetchPolicy page_policy = policy;
        const auto budget =
            source.config.time_budget_seconds
                ? std::chrono::milliseconds(std::int64_t{*source.config.time_budget_seconds} * 1000)
                : options_.source_time_budget;
        if (budget.count() > 0) {
            const auto left = budget - since(start);
            if (left.count() <= 0) {
                return fail(SourceState::Partial, budget_spent_message(p.source, budget, fetched));
            }
            page_policy.total_timeout_ms = std::min<long>(policy.total_timeout_ms, left.count());
            page_policy.connect_timeout_ms =
                std::min<long>(policy.connect_timeout_ms, page_policy.total_timeout_ms);
        }
        PluginRequest req = std::move(queue.back());
        queue.pop_back();
        report(SourceState::Fetching);
        std::vector<std::string> dropped;
        fetch::HttpRequest http = to_http_request(req, contact, page_policy.user_agent, dropped);
        for (const auto& name : dropped) {
            if (dropped_headers.insert(name).second) {
                out.problems.push_back("source " + p.source + ": header `" + name +
                                       "` is set by GigScout; the plugin's value was not sent");
            }
        }
        std::uint64_t bytes_before = p.bytes;
        auto fetch_page = [&] {
            return fetcher_.fetch(http, page_policy, cancel, [&](const fetch::FetchProgress& fp) {
                p.bytes = bytes_before + fp.bytes_received;
            });
        };
        auto response = fetch_page();
        // A 401 to a signed-in source's token: renewed once per refresh and the page asked
        // again; a refused refresh token ends the source with the words to sign in again.
        if (!response && oauth && !renewed_on_401 &&
            response.error().kind == fetch::FetchErrorKind::HttpStatus &&
            response.error().http_status == 401) {
            renewed_on_401 = true;
            AccessToken t = oauth2_access_token(fetcher_, token_policy, *oauth, secret_access,
                                                now_epoch_seconds(), true, cancel);
            if (t.state == AccessToken::State::Cancelled) {
                return fail(SourceState::Cancelled, "cancelled");
            }
            if (t.state != AccessToken::State::Ready) {
                return fail(SourceState::Partial, t.message);
            }
            replace_token(http, access_token, t.token);
            access_token = t.token;
            ctx.settings[oauth->rule.token_setting] = t.token;
            response = fetch_page();
        }
        if (!response) {
            const auto& e = response.error();
            if (e.kind == fetch::FetchErrorKind::Cancelled) {
                return fail(SourceState::Cancelled, "cancelled");
            }
            out.no_network = fetched == 0 && (e.kind == fetch::FetchErrorKind::Dns ||
                                              e.kind == fetch::FetchErrorKind::NoNetwork);
            if (budget.count() > 0 && since(start) >= budget) {
                return fail(SourceState::Partial, budget_spent_message(p.source, budget, fetched));
            }
            return fail(SourceState::Partial, "source " + p.source + ": " + e.message);
        }
        ++fetched;
        ++p.pages;
        p.bytes = bytes_before + response.value().body.size();
        all_not_modified = all_not_modified && response.value().not_modified;
        report(SourceState::Parsing);
        ctx.page = fetched;
        auto parsed = session.parse(to_plugin_response(response.value()), ctx);
        if (cancel.cancelled()) {
            return fail(SourceState::Cancelled, "cancelled");
        }
        if (!parsed) {
            return fail(SourceState::Partial, parsed.error().message);
        }
        ParseOutcome& page = parsed.value();
        // The session validated each listing already; the intake door checks again with the
        // same rule (a plugin's listing is kept like any other) and extracts its skills.
        const std::int64_t now = ctx.now != 0 ? ctx.now : now_epoch_seconds();
        for (auto& l : page.listings) {
            if (Status admitted = admit_listing(l, now); !admitted) {
                page.problems.push_back("page " + std::to_string(fetched) + ": listing " +
                                        utf8::quoted(l.id) + ": " + admitted.error().message);
                continue;
            }
            out.listings.push_back(std::move(l));
        }
        listings_refused = listings_refused || !page.problems.empty();
        for (auto& problem : page.problems) {
            out.problems.push_back(std::move(problem));
        }
        keep_log_warnings(page.log, m.id, out.problems);
        if (page.next) {
            queue.push_back(std::move(*page.next));
        }
    }
    if (ledger_ != nullptr) {
        // Politeness data: a failed write only risks one early call, so it stops nothing.
        (void)ledger_->record(p.source);
    }
    if (out.page_limited) {
        out.completeness = RefreshCompleteness::Partial;
        p.error = "stopped after " + std::to_string(options_.max_pages) + " pages (page limit)";
        report(SourceState::Partial);
    } else if (all_not_modified && fetched > 0) {
        out.completeness = RefreshCompleteness::NotModified;
        report(SourceState::Done);
    } else if (listings_refused) {
        // Some listings (or a next page) were refused: the run cannot say what vanished, so
        // nothing is closed. Log warnings alone do not count: a plugin that always notes what
        // it skips would otherwise never let its listings close.
        out.completeness = RefreshCompleteness::Partial;
        report(SourceState::Done);
    } else {
        out.completeness = RefreshCompleteness::Complete;
        report(SourceState::Done);
    }
    return out;
}

}  // namespace gigscout
