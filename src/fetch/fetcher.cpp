#include "fetch/fetcher.h"

#include <algorithm>
#include <random>

#include "base/ascii.h"
#include "base/utf8.h"
#include "fetch/address_filter.h"
#include "fetch/curl_session.h"
#include "fetch/proxy_env.h"
#include "fetch/retry.h"
#include "fetch/url.h"

namespace gigscout::fetch {
namespace {

constexpr std::size_t kSnippetBytes = 200;

double random01() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

std::string prefix(HttpMethod method, std::string_view url) {
    return std::string(method_name(method)) + " " + display_url(url) + ": ";
}

FetchError make_error(FetchErrorKind kind, std::string message) {
    FetchError e;
    e.kind = kind;
    e.message = std::move(message);
    return e;
}

// The start of an error page, on one line, as valid UTF-8: enough to recognise a captive
// portal or an API's error object.
std::string snippet(std::string_view body) {
    std::string s = utf8::sanitize(utf8::truncate(body, kSnippetBytes));
    std::string out;
    bool space = false;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) {  // runs of spaces and control bytes become one space
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    if (body.size() > kSnippetBytes) {
        out += "...";
    }
    return out;
}

FetchError status_error(HttpMethod method, std::string_view url, const detail::Exchange& x) {
    FetchError e =
        make_error(FetchErrorKind::HttpStatus,
                   prefix(method, url) + "server answered HTTP " + std::to_string(x.status));
    e.http_status = x.status;
    std::string body = snippet(x.body);
    if (!body.empty()) {
        e.message += ": \"" + body + "\"";
    }
    if (auto ra = find_header(x.headers, "retry-after")) {
        e.retry_after = parse_retry_after(*ra, std::chrono::system_clock::now());
    }
    return e;
}

bool may_follow_redirect(std::string_view name, const std::vector<std::string>& marked) {
    if (ascii::iequals(name, "Accept") || ascii::iequals(name, "Accept-Language")) {
        return true;
    }
    return std::any_of(marked.begin(), marked.end(),
                       [&](const std::string& m) { return ascii::iequals(name, m); });
}

bool is_redirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Scheme, allow-list and literal-address rules for the first URL and every redirect target.
std::optional<FetchError> check_target(HttpMethod method, const ParsedUrl& url,
                                       const FetchPolicy& policy, const std::string& from) {
    std::string where =
        from.empty() ? prefix(method, url.url)
                     : prefix(method, from) + "redirect to " + display_url(url.url) + " refused: ";
    if (url.scheme != "https" && !(url.scheme == "http" && policy.allow_http)) {
        return make_error(
            FetchErrorKind::Blocked,
            where + "scheme `" + url.scheme + "` is not allowed (https only" +
                (policy.allow_http ? " or http)" : "; http needs FetchPolicy::allow_http)"));
    }
    if (!host_allowed(url.host, policy.allowed_hosts)) {
        std::string rules;
        for (const std::string& r : policy.allowed_hosts) {
            rules += (rules.empty() ? "" : ", ") + r;
        }
        return make_error(FetchErrorKind::Blocked, where + "host `" + url.host +
                                                       "` is not on this source's allowed hosts (" +
                                                       (rules.empty() ? "none" : rules) + ")");
    }
    if (!policy.allow_local_addresses) {
        if (auto why = non_public_reason(url.host)) {
            return make_error(FetchErrorKind::Blocked,
                              where + "host `" + url.host + "` is a " + *why +
                                  " address (FetchPolicy::allow_local_addresses is off)");
        }
    }
    return std::nullopt;
}

// Does a CURLOPT_CONNECT_TO entry "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT" route `url`?
// (Empty HOST or PORT match anything, as in libcurl.)
bool connect_to_applies(const std::vector<std::string>& entries, const ParsedUrl& url) {
    for (const std::string& entry : entries) {
        std::string_view rest = entry;
        std::string host;
        if (rest.starts_with('[')) {
            std::size_t close = rest.find(']');
            if (close == std::string_view::npos) {
                continue;
            }
            host = ascii::to_lower(rest.substr(0, close + 1));
            rest.remove_prefix(close + 1);
        } else {
            std::size_t colon = rest.find(':');
            host = ascii::to_lower(rest.substr(0, colon));
            rest.remove_prefix(colon == std::string_view::npos ? rest.size() : colon);
        }
        if (!rest.starts_with(':')) {
            continue;
        }
        rest.remove_prefix(1);
        std::string_view port = rest.substr(0, rest.find(':'));
        bool host_ok = host.empty() || host == url.host;
        bool port_ok = port.empty() || port == std::to_string(url.port);
        if (host_ok && port_ok) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string default_user_agent() {
    return std::string("GigScout/") + GIGSCOUT_VERSION + " (+https://github.com/gigscout)";
}

struct Fetcher::Hop {
    HttpMethod method = HttpMethod::Get;
    ParsedUrl url;
    HttpHeaders headers;  // the caller's, minus what a redirect dropped
    std::vector<std::string> forward_on_redirect;
    std::string body;
    std::optional<CachedResponse> cached;
};

struct Fetcher::HopResult {
    std::optional<detail::Exchange> exchange;
    std::optional<FetchError> error;
    int attempts = 0;
};

Fetcher::Fetcher(FetcherOptions options)
    : options_(std::move(options)),
      session_(std::make_unique<detail::CurlSession>(options_.max_idle_handles)),
      slots_(options_.max_connections_per_host) {
    if (!options_.http_cache_dir.empty()) {
        cache_.emplace(options_.http_cache_dir);
    }
}

Fetcher::~Fetcher() = default;

Fetcher::HopResult Fetcher::request_with_retries(const Hop& hop, const FetchPolicy& policy,
                                                 const CancelToken& cancel,
                                                 const ProgressFn& progress) {
    HopResult r;
    auto cancelled = [&] {
        r.error =
            make_error(FetchErrorKind::Cancelled, prefix(hop.method, hop.url.url) + "cancelled");
        return std::move(r);
    };

    detail::ExchangeSpec spec;
    spec.method = hop.method;
    spec.url = hop.url.url;
    spec.headers = hop.headers;
    spec.body = hop.body;
    spec.user_agent = policy.user_agent.empty() ? options_.user_agent : policy.user_agent;
    if (hop.cached) {
        if (!hop.cached->etag.empty()) {
            spec.headers.push_back({"If-None-Match", hop.cached->etag});
        }
        if (!hop.cached->last_modified.empty()) {
            spec.headers.push_back({"If-Modified-Since", hop.cached->last_modified});
        }
    }
    bool routed = connect_to_applies(policy.connect_to, hop.url);
    if (policy.connect_to.empty()) {
        spec.proxy = proxy_for(hop.url.scheme, hop.url.host);
    }
    // Through a proxy the connected address is the proxy's (the user's choice); through a
    // connect_to entry it is the caller's. Neither is the plugin's target to judge.
    spec.check_addresses = !spec.proxy && !routed;
    const std::string rate_key =
        policy.rate_key.empty() ? hop.url.host : policy.rate_key + "@" + hop.url.host;

    for (int attempt = 1;; ++attempt) {
        if (cancel.cancelled() ||
            !rate_limiter_.acquire(rate_key, policy.requests_per_minute, cancel)) {
            return cancelled();
        }
        detail::ExchangeOutcome outcome;
        {
            HostSlots::Lease lease = slots_.acquire(hop.url.host, cancel);
            if (!lease) {
                return cancelled();
            }
            outcome = session_->exchange(spec, policy, cancel, progress);
        }
        ++r.attempts;
        FetchError error;
        if (outcome.exchange) {
            int status = outcome.exchange->status;
            if (status != 429 && (status < 500 || status > 599)) {
                r.exchange = std::move(outcome.exchange);
                return r;
            }
            error = status_error(hop.method, hop.url.url, *outcome.exchange);
        } else {
            error = std::move(outcome.error);
        }
        if (attempt >= policy.max_attempts || !is_retryable(error, hop.method)) {
            r.error = std::move(error);
            return r;
        }
        auto delay = backoff_delay(policy, attempt, random01());
        if (error.retry_after) {
            if (*error.retry_after > std::chrono::milliseconds(policy.retry_after_max_ms)) {
                error.message +=
                    "; the server asked to wait " +
                    std::to_string(
                        std::chrono::ceil<std::chrono::seconds>(*error.retry_after).count()) +
                    " s, longer than FetchPolicy::retry_after_max_ms, so no retry";
                r.error = std::move(error);
                return r;
            }
            delay = std::max(delay, *error.retry_after);
        }
        if (!cancel.wait_for(delay)) {
            return cancelled();
        }
    }
}

FetchResult Fetcher::fetch(const HttpRequest& request, const FetchPolicy& policy,
                           const CancelToken& cancel, const ProgressFn& progress) {
    if (auto st = validate_policy(policy); !st) {
        return make_error(FetchErrorKind::InvalidRequest,
                          prefix(request.method, request.url) + st.error().message);
    }
    if (auto st = validate_request(request); !st) {
        return make_error(FetchErrorKind::InvalidRequest,
                          prefix(request.method, request.url) + st.error().message);
    }
    auto parsed = parse_url(request.url);
    if (!parsed) {
        return make_error(FetchErrorKind::InvalidRequest,
                          std::string(method_name(request.method)) + ": " + parsed.error().message);
    }

    Hop hop{request.method,  std::move(parsed).value(),
            request.headers, request.forward_on_redirect,
            request.body,    std::nullopt};
    int redirects = 0;
    int attempts = 0;
    std::string from;
    auto give_up = [&](FetchError e) {
        e.attempts = attempts;
        return FetchResult(std::move(e));
    };

    for (;;) {
        if (auto blocked = check_target(hop.method, hop.url, policy, from)) {
            return give_up(std::move(*blocked));
        }
        bool cacheable = cache_ && policy.use_cache && hop.method == HttpMethod::Get;
        std::string cache_key =
            cacheable ? HttpCache::key_for(hop.method, hop.url.url, hop.headers) : std::string();
        hop.cached = cacheable ? cache_->load(cache_key) : std::nullopt;

        HopResult r = request_with_retries(hop, policy, cancel, progress);
        attempts += r.attempts;
        if (r.error) {
            if (r.attempts > 1 && r.error->kind != FetchErrorKind::Cancelled) {
                r.error->message += " (gave up after " + std::to_string(r.attempts) + " tries)";
            }
            if (!from.empty()) {
                r.error->message += " (redirected from " + display_url(from) + ")";
            }
            return give_up(std::move(*r.error));
        }
        detail::Exchange& x = *r.exchange;

        if (is_redirect(x.status)) {
            std::string where = prefix(hop.method, hop.url.url);
            auto location = find_header(x.headers, "location");
            if (!location) {
                return give_up(
                    make_error(FetchErrorKind::Protocol, where + "server answered HTTP " +
                                                             std::to_string(x.status) +
                                                             " without a Location header"));
            }
            auto next = resolve_url(hop.url.url, *location);
            if (!next) {
                return give_up(make_error(FetchErrorKind::Protocol, where + next.error().message));
            }
            if (redirects >= policy.max_redirects) {
                return give_up(make_error(
                    FetchErrorKind::TooManyRedirects,
                    where + "more than " + std::to_string(policy.max_redirects) +
                        " redirects (FetchPolicy::max_redirects); the next one pointed to " +
                        display_url(next.value().url)));
            }
            ++redirects;
            // What browsers do: 303 always, and 301/302 after a POST, continue as GET.
            if ((x.status == 303 && hop.method != HttpMethod::Head) ||
                ((x.status == 301 || x.status == 302) && hop.method == HttpMethod::Post)) {
                hop.method = HttpMethod::Get;
                hop.body.clear();
                std::erase_if(hop.headers, [](const HttpHeader& h) {
                    return ascii::to_lower(h.name) == "content-type";
                });
            }
            // Headers are meant for the origin they were written for: another origin gets
            // only those the caller marked safe to forward (no guessing which are secrets).
            if (next.value().host != hop.url.host || next.value().scheme != hop.url.scheme ||
                next.value().port != hop.url.port) {
                std::erase_if(hop.headers, [&](const HttpHeader& h) {
                    return !may_follow_redirect(h.name, hop.forward_on_redirect);
                });
            }
            from = hop.url.url;
            hop.url = std::move(next).value();
            continue;
        }

        if (x.status == 304 && hop.cached) {
            HttpResponse response;
            response.status = 304;
            response.url = hop.url.url;
            response.headers = std::move(hop.cached->headers);
            response.body = std::move(hop.cached->body);
            response.not_modified = true;
            response.redirects = redirects;
            response.attempts = attempts;
            return response;
        }
        if (x.status < 200 || x.status > 299) {
            return give_up(status_error(hop.method, hop.url.url, x));
        }

        if (cacheable && x.status == 200) {
            auto etag = find_header(x.headers, "etag");
            auto last_modified = find_header(x.headers, "last-modified");
            auto cache_control = find_header(x.headers, "cache-control");
            bool no_store = cache_control &&
                            ascii::to_lower(*cache_control).find("no-store") != std::string::npos;
            if ((etag || last_modified) && !no_store) {
                CachedResponse entry{std::string(etag.value_or("")),
                                     std::string(last_modified.value_or("")), x.headers, x.body};
                // A cache that cannot be written costs a full download next time, nothing more.
                (void)cache_->store(cache_key, entry);
            }
        }
        HttpResponse response;
        response.status = x.status;
        response.url = hop.url.url;
        response.headers = std::move(x.headers);
        response.body = std::move(x.body);
        response.redirects = redirects;
        response.attempts = attempts;
        return response;
    }
}

}  // namespace gigscout::fetch
