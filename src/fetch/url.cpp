#include "fetch/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <optional>

#include "base/ascii.h"
#include "base/host_pattern.h"

namespace gigscout::fetch {
namespace {

struct UrlDeleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlFree {
    void operator()(char* p) const { curl_free(p); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

std::string strip_dot(std::string s) {
    if (!s.empty() && s.back() == '.') {
        s.pop_back();
    }
    return s;
}

std::optional<std::string> part(CURLU* u, CURLUPart which, unsigned flags = 0) {
    char* raw = nullptr;
    if (curl_url_get(u, which, &raw, flags) != CURLUE_OK || raw == nullptr) {
        return std::nullopt;
    }
    CurlString owned(raw);
    return std::string(raw);
}

std::string shown(std::string_view url) {
    return std::string(url.substr(0, 200)) + (url.size() > 200 ? "..." : "");
}

Result<ParsedUrl> describe(CURLU* u, std::string_view original) {
    // A URL with credentials leaks them to logs and to every redirect target.
    if (part(u, CURLUPART_USER) || part(u, CURLUPART_PASSWORD)) {
        return Error{"URL `" + display_url(original) +
                     "` contains a user name or password; pass credentials in a header instead"};
    }
    ParsedUrl out;
    auto url = part(u, CURLUPART_URL);
    auto scheme = part(u, CURLUPART_SCHEME);
    auto host = part(u, CURLUPART_HOST);
    if (!url || !scheme) {
        return Error{"URL `" + display_url(original) + "` cannot be parsed"};
    }
    out.url = *url;
    out.scheme = ascii::to_lower(*scheme);
    out.host = host ? strip_dot(ascii::to_lower(*host)) : std::string();
    if (auto port = part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT)) {
        out.port = std::atoi(port->c_str());
    }
    return out;
}

bool is_secret_word_name(std::string_view name) {
    static constexpr std::array<std::string_view, 18> kWords = {
        "key",           "apikey",  "token",     "accesstoken", "secret",     "clientsecret",
        "password",      "passwd",  "pwd",       "signature",   "sig",        "auth",
        "authorization", "session", "sessionid", "sid",         "credential", "credentials"};
    std::string n = ascii::to_lower(name);
    std::size_t i = 0;
    while (i < n.size()) {
        while (i < n.size() && !std::isalnum(static_cast<unsigned char>(n[i]))) {
            ++i;
        }
        std::size_t j = i;
        while (j < n.size() && std::isalnum(static_cast<unsigned char>(n[j]))) {
            ++j;
        }
        std::string_view word = std::string_view(n).substr(i, j - i);
        if (!word.empty() && std::find(kWords.begin(), kWords.end(), word) != kWords.end()) {
            return true;
        }
        i = j;
    }
    return false;
}

std::string parse_error(std::string_view url, CURLUcode rc) {
    return "URL `" + display_url(url) + "` is not valid: " + curl_url_strerror(rc);
}

}  // namespace

Result<ParsedUrl> parse_url(std::string_view url) {
    UrlHandle u(curl_url());
    if (!u) {
        return Error{"out of memory parsing a URL"};
    }
    std::string text(url);
    if (text.find('\0') != std::string::npos) {
        return Error{"URL `" + shown(display_url(url)) + "` contains a NUL byte"};
    }
    CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK) {
        return Error{parse_error(url, rc)};
    }
    return describe(u.get(), url);
}

Result<ParsedUrl> resolve_url(std::string_view base, std::string_view location) {
    UrlHandle u(curl_url());
    if (!u) {
        return Error{"out of memory parsing a URL"};
    }
    std::string base_text(base);
    std::string loc(location);
    if (loc.find('\0') != std::string::npos) {
        return Error{"redirect target contains a NUL byte"};
    }
    CURLUcode rc =
        curl_url_set(u.get(), CURLUPART_URL, base_text.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK) {
        return Error{parse_error(base, rc)};
    }
    // Setting a URL on a handle that already holds one resolves it relative to that one.
    rc = curl_url_set(u.get(), CURLUPART_URL, loc.c_str(), CURLU_NON_SUPPORT_SCHEME);
    if (rc != CURLUE_OK) {
        return Error{"redirect target `" + display_url(location) +
                     "` is not valid: " + curl_url_strerror(rc)};
    }
    return describe(u.get(), location);
}

std::string display_url(std::string_view original) {
    // user:password@ never reaches a message.
    std::string without_userinfo(original);
    std::size_t authority = without_userinfo.find("://");
    if (authority != std::string::npos) {
        authority += 3;
        std::size_t authority_end = without_userinfo.find_first_of("/?#", authority);
        std::size_t at = without_userinfo.rfind('@', authority_end);
        if (at != std::string::npos && at >= authority) {
            without_userinfo.replace(authority, at - authority, "REDACTED");
        }
    }
    std::string_view url = without_userinfo;
    std::size_t q = url.find('?');
    if (q == std::string_view::npos) {
        return shown(url);
    }
    std::size_t end = url.find('#', q);
    std::string_view query = url.substr(q + 1, end == std::string_view::npos ? end : end - q - 1);
    std::string out(url.substr(0, q + 1));
    std::size_t pos = 0;
    bool first = true;
    while (pos <= query.size()) {
        std::size_t amp = query.find('&', pos);
        std::string_view pair =
            query.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
        std::size_t eq = pair.find('=');
        bool secret = looks_like_secret_name(pair.substr(0, eq));
        if (!first) {
            out += '&';
        }
        first = false;
        if (secret && eq != std::string_view::npos) {
            out += std::string(pair.substr(0, eq)) + "=REDACTED";
        } else {
            out += std::string(pair);
        }
        if (amp == std::string_view::npos) {
            break;
        }
        pos = amp + 1;
    }
    if (end != std::string_view::npos) {
        out += std::string(url.substr(end));
    }
    return shown(out);
}

bool looks_like_secret_name(std::string_view name) {
    return is_secret_word_name(name);
}

bool host_allowed(std::string_view host, const std::vector<std::string>& rules) {
    return std::any_of(rules.begin(), rules.end(),
                       [&](const std::string& rule) { return host_pattern_matches(rule, host); });
}

}  // namespace gigscout::fetch
