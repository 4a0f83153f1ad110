#include "fetch/curl_session.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <string_view>

#include "base/ascii.h"
#include "fetch/address_filter.h"
#include "fetch/url.h"

namespace gigscout::fetch::detail {
namespace {

void global_init_once() {
    // curl_global_init is not thread-safe in 7.88; the first Fetcher runs it before any fetch.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string size_text(std::uint64_t n) {
    if (n >= (1u << 20) && n % (1u << 20) == 0) {
        return std::to_string(n >> 20) + " MiB";
    }
    if (n >= (1u << 10) && n % (1u << 10) == 0) {
        return std::to_string(n >> 10) + " KiB";
    }
    return std::to_string(n) + " bytes";
}

long low_speed_seconds(long ms) {
    return std::max(1L, (ms + 999) / 1000);
}

enum class Abort { None, Cancelled, BodyTooLarge, DecodedTooLarge, HeadersTooLarge, Blocked };

// State shared with libcurl's callbacks for one request.
struct Transfer {
    Transfer(const FetchPolicy& p, const CancelToken& c, const ProgressFn& f, bool check)
        : policy(p), cancel(c), progress(f), check_addresses(check) {}
    const FetchPolicy& policy;
    const CancelToken& cancel;
    const ProgressFn& progress;
    bool check_addresses;
    Abort abort = Abort::None;
    std::string blocked;  // why an address was refused
    std::uint64_t header_bytes = 0;
    bool headers_complete = false;  // the blank line after a header block was seen
    curl_off_t reported = -1;
    Exchange out;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    size_t n = size * count;
    t.header_bytes += n;
    if (t.header_bytes > t.policy.max_header_bytes) {
        t.abort = Abort::HeadersTooLarge;
        return 0;
    }
    std::string_view line(data, n);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    if (line.starts_with("HTTP/")) {
        // A new response (after 1xx or a redirect hop inside libcurl): start afresh.
        t.out.headers.clear();
        return n;
    }
    if (line.empty()) {
        t.headers_complete = true;
        return n;
    }
    if (line.front() == ' ' || line.front() == '\t') {
        // Obsolete line folding: part of the previous header's value.
        if (!t.out.headers.empty()) {
            t.out.headers.back().value += ' ';
            t.out.headers.back().value += ascii::trim(line);
        }
        return n;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return n;
    }
    t.out.headers.push_back({std::string(ascii::trim(line.substr(0, colon))),
                             std::string(ascii::trim(line.substr(colon + 1)))});
    return n;
}

// Sees the body after gzip/deflate decoding, so this is where a compression bomb stops.
size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    size_t n = size * count;
    if (t.out.body.size() + n > t.policy.max_decoded_bytes) {
        t.abort = Abort::DecodedTooLarge;
        return 0;
    }
    t.out.body.append(data, n);
    return n;
}

// dlnow counts body bytes as received (before decoding); CURLOPT_MAXFILESIZE alone does not
// stop a body of unknown length in libcurl 7.88.
int on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t, curl_off_t) {
    auto& t = *static_cast<Transfer*>(user);
    if (t.cancel.cancelled()) {
        t.abort = Abort::Cancelled;
        return 1;
    }
    if (dlnow > 0 && static_cast<std::uint64_t>(dlnow) > t.policy.max_body_bytes) {
        t.abort = Abort::BodyTooLarge;
        return 1;
    }
    if (t.progress && dlnow != t.reported) {
        t.reported = dlnow;
        t.progress(FetchProgress{static_cast<std::uint64_t>(std::max<curl_off_t>(dlnow, 0)),
                                 static_cast<std::uint64_t>(std::max<curl_off_t>(dltotal, 0))});
    }
    return 0;
}

std::optional<std::string> refusal(const Transfer& t, const sockaddr* address) {
    if (!t.check_addresses || t.policy.allow_local_addresses) {
        return std::nullopt;
    }
    if (auto why = non_public_reason(address)) {
        return "refused to connect to " + address_text(address) + ": " + *why +
               " address (FetchPolicy::allow_local_addresses is off)";
    }
    return std::nullopt;
}

// Sees every address libcurl is about to connect to, after DNS: the SSRF check belongs here.
curl_socket_t on_open_socket(void* user, curlsocktype, curl_sockaddr* address) {
    auto& t = *static_cast<Transfer*>(user);
    if (auto why = refusal(t, &address->addr)) {
        t.blocked = *why;
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Runs before the request is sent, also on a reused connection (which skips the socket
// callback): the second line of the same check.
int on_prereq(void* user, char* primary_ip, char*, int, int) {
    auto& t = *static_cast<Transfer*>(user);
    if (!t.check_addresses || t.policy.allow_local_addresses) {
        return CURL_PREREQFUNC_OK;
    }
    sockaddr_storage storage{};
    auto* sa = reinterpret_cast<sockaddr*>(&storage);
    auto* in4 = reinterpret_cast<sockaddr_in*>(&storage);
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
    if (primary_ip != nullptr && inet_pton(AF_INET, primary_ip, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
    } else if (primary_ip != nullptr && inet_pton(AF_INET6, primary_ip, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
    } else {
        t.blocked = "refused to send: the connected address `" +
                    std::string(primary_ip ? primary_ip : "") + "` is not an IP address";
        t.abort = Abort::Blocked;
        return CURL_PREREQFUNC_ABORT;
    }
    if (auto why = refusal(t, sa)) {
        t.blocked = *why;
        t.abort = Abort::Blocked;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

bool is_tls_error(CURLcode rc) {
    switch (rc) {
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_CLIENTCERT:
        case CURLE_USE_SSL_FAILED:
            return true;
        default:
            return false;
    }
}

FetchError failure(FetchErrorKind kind, const ExchangeSpec& spec, const std::string& what) {
    FetchError e;
    e.kind = kind;
    e.message = std::string(method_name(spec.method)) + " " + display_url(spec.url) + ": " + what;
    return e;
}

FetchError map_failure(CURLcode rc, const Transfer& t, std::string_view curl_detail,
                       const ExchangeSpec& spec) {
    const FetchPolicy& p = t.policy;
    std::string detail = curl_detail.empty() ? curl_easy_strerror(rc) : std::string(curl_detail);
    switch (t.abort) {
        case Abort::Cancelled:
            return failure(FetchErrorKind::Cancelled, spec, "cancelled");
        case Abort::BodyTooLarge:
            return failure(FetchErrorKind::TooLarge, spec,
                           "the response body is larger than the cap of " +
                               size_text(p.max_body_bytes) +
                               " (FetchPolicy::max_body_bytes); cut off");
        case Abort::DecodedTooLarge:
            return failure(FetchErrorKind::TooLarge, spec,
                           "the decoded response body is larger than the cap of " +
                               size_text(p.max_decoded_bytes) +
                               " (FetchPolicy::max_decoded_bytes); cut off (a compression bomb "
                               "or an endless body)");
        case Abort::HeadersTooLarge:
            return failure(FetchErrorKind::TooLarge, spec,
                           "the response headers are larger than the cap of " +
                               size_text(p.max_header_bytes) + " (FetchPolicy::max_header_bytes)");
        case Abort::Blocked:
            return failure(FetchErrorKind::Blocked, spec, t.blocked);
        case Abort::None:
            break;
    }
    // libcurl 7.88 assembles each header line in a buffer capped at CURL_MAX_HTTP_HEADER and
    // reports a longer line as "Out of memory"; before the headers end, that is what it means.
    if (rc == CURLE_OUT_OF_MEMORY && !t.headers_complete) {
        return failure(FetchErrorKind::TooLarge, spec,
                       "a response header line is longer than " +
                           std::to_string(CURL_MAX_HTTP_HEADER) + " bytes (libcurl's limit)");
    }
    if (!t.blocked.empty() && rc == CURLE_COULDNT_CONNECT) {
        return failure(FetchErrorKind::Blocked, spec, t.blocked);
    }
    if (is_tls_error(rc)) {
        return failure(FetchErrorKind::Tls, spec,
                       "TLS handshake or certificate verification failed (" + detail + ")");
    }
    switch (rc) {
        case CURLE_COULDNT_RESOLVE_HOST:
            return failure(FetchErrorKind::Dns, spec,
                           "cannot resolve the host name (" + detail + ")");
        case CURLE_COULDNT_RESOLVE_PROXY:
            return failure(FetchErrorKind::Dns, spec, "cannot resolve the proxy (" + detail + ")");
        case CURLE_COULDNT_CONNECT:
            // ENETUNREACH / EHOSTUNREACH: no route from here, which a retry in a second or two
            // does not change (the host may be fine).
            if (detail.find("Network is unreachable") != std::string::npos ||
                detail.find("No route to host") != std::string::npos) {
                return failure(FetchErrorKind::NoNetwork, spec,
                               "the network is unreachable from this machine (" + detail + ")");
            }
            return failure(FetchErrorKind::Connect, spec, "cannot connect (" + detail + ")");
        case CURLE_OPERATION_TIMEDOUT:
            if (detail.starts_with("Operation too slow")) {
                return failure(FetchErrorKind::LowSpeed, spec,
                               "the server sent fewer than " +
                                   std::to_string(p.low_speed_limit_bytes) +
                                   " bytes per second for " +
                                   std::to_string(low_speed_seconds(p.low_speed_time_ms)) +
                                   " s (FetchPolicy::low_speed_limit_bytes, low_speed_time_ms); "
                                   "cut off");
            }
            if (detail.starts_with("Resolving timed out")) {
                return failure(FetchErrorKind::Dns, spec,
                               "cannot resolve the host name (" + detail + ")");
            }
            if (detail.starts_with("Connection timed out") ||
                detail.starts_with("Failed to connect")) {
                return failure(FetchErrorKind::Connect, spec,
                               "no connection within " + std::to_string(p.connect_timeout_ms) +
                                   " ms (FetchPolicy::connect_timeout_ms)");
            }
            return failure(FetchErrorKind::Timeout, spec,
                           "no complete response within " + std::to_string(p.total_timeout_ms) +
                               " ms (FetchPolicy::total_timeout_ms)");
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            return failure(
                FetchErrorKind::ConnectionLost, spec,
                "the connection was lost before the response was complete (" + detail + ")");
        case CURLE_FILESIZE_EXCEEDED:
            // Content-Length over CURLOPT_MAXFILESIZE: refused before the body is read.
            return failure(FetchErrorKind::TooLarge, spec,
                           "the response announces a body larger than the cap of " +
                               size_text(p.max_body_bytes) + " (FetchPolicy::max_body_bytes)");
        case CURLE_UNSUPPORTED_PROTOCOL:
            return failure(FetchErrorKind::Blocked, spec, "scheme not allowed (" + detail + ")");
        case CURLE_URL_MALFORMAT:
            return failure(FetchErrorKind::InvalidRequest, spec, "malformed URL (" + detail + ")");
        case CURLE_WEIRD_SERVER_REPLY:
        case CURLE_BAD_CONTENT_ENCODING:
            return failure(FetchErrorKind::Protocol, spec, "malformed response (" + detail + ")");
        default:
            return failure(FetchErrorKind::Protocol, spec, "transfer failed (" + detail + ")");
    }
}

struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

bool append(Slist& list, const std::string& item) {
    curl_slist* next = curl_slist_append(list.get(), item.c_str());
    if (next == nullptr) {
        return false;
    }
    list.release();
    list.reset(next);
    return true;
}

}  // namespace

struct CurlSession::Handle {
    CURL* easy = nullptr;
    CURLM* multi = nullptr;
    ~Handle() {
        if (multi != nullptr) {
            curl_multi_cleanup(multi);
        }
        if (easy != nullptr) {
            curl_easy_cleanup(easy);
        }
    }
};

struct CurlSession::Share {
    CURLSH* handle = nullptr;
    std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;

    static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
        static_cast<Share*>(user)->locks[static_cast<std::size_t>(data)].lock();
    }
    static void unlock(CURL*, curl_lock_data data, void* user) {
        static_cast<Share*>(user)->locks[static_cast<std::size_t>(data)].unlock();
    }
    ~Share() {
        if (handle != nullptr) {
            curl_share_cleanup(handle);
        }
    }
};

CurlSession::CurlSession(std::size_t max_idle_handles)
    : share_(std::make_unique<Share>()), max_idle_(max_idle_handles) {
    global_init_once();
    // Only the DNS cache is shared: libcurl documents sharing connections between concurrent
    // threads as unsupported, so idle connections live in each pooled handle instead.
    share_->handle = curl_share_init();
    if (share_->handle != nullptr) {
        curl_share_setopt(share_->handle, CURLSHOPT_LOCKFUNC, &Share::lock);
        curl_share_setopt(share_->handle, CURLSHOPT_UNLOCKFUNC, &Share::unlock);
        curl_share_setopt(share_->handle, CURLSHOPT_USERDATA, share_.get());
        curl_share_setopt(share_->handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }
}

CurlSession::~CurlSession() {
    // Handles reference the share; they go first.
    idle_.clear();
}

std::unique_ptr<CurlSession::Handle> CurlSession::take() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto h = std::move(idle_.back());
            idle_.pop_back();
            return h;
        }
    }
    auto h = std::make_unique<Handle>();
    h->easy = curl_easy_init();
    h->multi = curl_multi_init();
    if (h->easy == nullptr || h->multi == nullptr) {
        return nullptr;
    }
    return h;
}

void CurlSession::give_back(std::unique_ptr<Handle> handle) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) {
        idle_.push_back(std::move(handle));
    }
}

ExchangeOutcome CurlSession::exchange(const ExchangeSpec& spec, const FetchPolicy& policy,
                                      const CancelToken& cancel, const ProgressFn& progress) {
    ExchangeOutcome outcome;
    std::unique_ptr<Handle> handle = take();
    if (!handle) {
        outcome.error =
            failure(FetchErrorKind::Protocol, spec, "libcurl could not create a handle");
        return outcome;
    }
    CURL* easy = handle->easy;
    // Keeps live connections and the DNS cache, forgets every option of the last request.
    curl_easy_reset(easy);

    Transfer t(policy, cancel, progress, spec.check_addresses);
    char errbuf[CURL_ERROR_SIZE] = {};
    Slist headers;
    Slist connect_to;
    bool lists_ok = true;
    for (const HttpHeader& h : spec.headers) {
        // "Name;" is libcurl's way to send a header with an empty value.
        lists_ok &= append(headers, h.value.empty() ? h.name + ";" : h.name + ": " + h.value);
    }
    if (spec.method == HttpMethod::Post) {
        lists_ok &= append(headers, "Expect:");  // no 100-continue round trip
    }
    for (const std::string& entry : policy.connect_to) {
        lists_ok &= append(connect_to, entry);
    }
    const char* protocols = policy.allow_http ? "http,https" : "https";

    CURLcode rc = lists_ok ? CURLE_OK : CURLE_OUT_OF_MEMORY;
    auto set = [&](CURLoption option, auto value) {
        if (rc == CURLE_OK) {
            rc = curl_easy_setopt(easy, option, value);
        }
    };
    set(CURLOPT_ERRORBUFFER, errbuf);
    set(CURLOPT_URL, spec.url.c_str());
    set(CURLOPT_PROTOCOLS_STR, protocols);
    set(CURLOPT_REDIR_PROTOCOLS_STR, protocols);
    // Redirects are followed by the Fetcher, which re-checks scheme and host on each hop.
    set(CURLOPT_FOLLOWLOCATION, 0L);
    set(CURLOPT_MAXREDIRS, 0L);
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_SHARE, share_->handle);
    set(CURLOPT_CONNECTTIMEOUT_MS, policy.connect_timeout_ms);
    set(CURLOPT_TIMEOUT_MS, policy.total_timeout_ms);
    if (policy.low_speed_limit_bytes > 0) {
        set(CURLOPT_LOW_SPEED_LIMIT, policy.low_speed_limit_bytes);
        set(CURLOPT_LOW_SPEED_TIME, low_speed_seconds(policy.low_speed_time_ms));
    }
    set(CURLOPT_ACCEPT_ENCODING, "");
    if (spec.method != HttpMethod::Head) {  // a HEAD's Content-Length describes no body here
        set(CURLOPT_MAXFILESIZE_LARGE,
            static_cast<curl_off_t>(std::min<std::uint64_t>(
                policy.max_body_bytes, std::numeric_limits<curl_off_t>::max())));
    }
    set(CURLOPT_SSL_VERIFYPEER, 1L);
    set(CURLOPT_SSL_VERIFYHOST, 2L);
    set(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!policy.ca_file.empty()) {
        set(CURLOPT_CAINFO, policy.ca_file.c_str());
    }
    if (!policy.connect_to.empty()) {
        set(CURLOPT_CONNECT_TO, connect_to.get());
    }
    // Explicit in both directions so libcurl does exactly what proxy_for() decided.
    set(CURLOPT_PROXY, spec.proxy ? spec.proxy->c_str() : "");
    if (spec.proxy) {
        set(CURLOPT_NOPROXY, "");
    }
    set(CURLOPT_USERAGENT, spec.user_agent.c_str());
    set(CURLOPT_HTTPHEADER, headers.get());
    switch (spec.method) {
        case HttpMethod::Get:
            set(CURLOPT_HTTPGET, 1L);
            break;
        case HttpMethod::Head:
            set(CURLOPT_NOBODY, 1L);
            break;
        case HttpMethod::Post:
            set(CURLOPT_POST, 1L);
            set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(spec.body.size()));
            set(CURLOPT_POSTFIELDS, spec.body.data());
            break;
    }
    set(CURLOPT_HEADERFUNCTION, &on_header);
    set(CURLOPT_HEADERDATA, &t);
    set(CURLOPT_WRITEFUNCTION, &on_body);
    set(CURLOPT_WRITEDATA, &t);
    set(CURLOPT_NOPROGRESS, 0L);
    set(CURLOPT_XFERINFOFUNCTION, &on_progress);
    set(CURLOPT_XFERINFODATA, &t);
    set(CURLOPT_OPENSOCKETFUNCTION, &on_open_socket);
    set(CURLOPT_OPENSOCKETDATA, &t);
    set(CURLOPT_PREREQFUNCTION, &on_prereq);
    set(CURLOPT_PREREQDATA, &t);
    if (rc != CURLE_OK) {
        outcome.error =
            failure(FetchErrorKind::Protocol, spec,
                    std::string("libcurl refused an option: ") + curl_easy_strerror(rc));
        return outcome;
    }

    // A private multi handle per pooled easy handle: the loop below wakes every 100 ms, so a
    // cancel is noticed quickly even while no byte arrives (libcurl's progress callback can
    // be a second apart when idle).
    CURLM* multi = handle->multi;
    curl_multi_add_handle(multi, easy);
    bool done = false;
    CURLcode result = CURLE_OK;
    for (;;) {
        int running = 0;
        CURLMcode mc = curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy) {
                result = msg->data.result;
                done = true;
            }
        }
        if (done) {
            break;
        }
        if (mc != CURLM_OK || running == 0) {
            result = CURLE_RECV_ERROR;
            std::snprintf(errbuf, sizeof errbuf, "libcurl multi error: %s",
                          curl_multi_strerror(mc));
            break;
        }
        if (cancel.cancelled()) {
            t.abort = Abort::Cancelled;
            result = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        mc = curl_multi_poll(multi, nullptr, 0, 100, nullptr);
        if (mc != CURLM_OK) {
            result = CURLE_RECV_ERROR;
            std::snprintf(errbuf, sizeof errbuf, "libcurl multi error: %s",
                          curl_multi_strerror(mc));
            break;
        }
    }

    if (result == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        t.out.status = static_cast<int>(status);
        outcome.exchange = std::move(t.out);
    } else {
        outcome.error = map_failure(result, t, errbuf, spec);
    }
    curl_multi_remove_handle(multi, easy);
    // Options point into this frame (lists, error buffer, callback data): clear them before
    // the handle is pooled. Detach from the share explicitly: a reset alone leaves the share
    // counted as in use, and curl_share_cleanup would then refuse to free it.
    curl_easy_setopt(easy, CURLOPT_SHARE, nullptr);
    curl_easy_reset(easy);
    give_back(std::move(handle));
    return outcome;
}

}  // namespace gigscout::fetch::detail
