#include "fetch/proxy_env.h"

#include <algorithm>
#include <cstdlib>

#include "base/ascii.h"

namespace gigscout::fetch {
namespace {

std::optional<std::string> non_empty(const GetEnv& getenv, const char* name) {
    auto v = getenv(name);
    if (v && !ascii::trim(*v).empty()) {
        return std::string(ascii::trim(*v));
    }
    return std::nullopt;
}

std::string bare_host(std::string_view host) {
    std::string h = ascii::to_lower(host);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
        h = h.substr(1, h.size() - 2);
    }
    if (!h.empty() && h.back() == '.') {
        h.pop_back();
    }
    return h;
}

bool is_loopback_host(const std::string& h) {
    return h == "localhost" || h.ends_with(".localhost") || h == "::1" || h.starts_with("127.");
}

bool no_proxy_matches(const std::string& list, const std::string& host) {
    std::size_t pos = 0;
    while (pos <= list.size()) {
        std::size_t comma = list.find(',', pos);
        std::string entry = bare_host(ascii::trim(
            std::string_view(list).substr(pos, comma == std::string::npos ? comma : comma - pos)));
        if (entry == "*") {
            return true;
        }
        if (!entry.empty() && entry.front() == '.') {
            entry.erase(0, 1);
        }
        if (!entry.empty() &&
            (host == entry || (host.size() > entry.size() && host.ends_with(entry) &&
                               host[host.size() - entry.size() - 1] == '.'))) {
            return true;
        }
        if (comma == std::string::npos) {
            break;
        }
        pos = comma + 1;
    }
    return false;
}

}  // namespace

std::optional<std::string> process_env(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr) {
        return std::nullopt;
    }
    return std::string(v);
}

std::optional<std::string> proxy_for(std::string_view scheme, std::string_view host,
                                     const GetEnv& getenv) {
    std::string h = bare_host(host);
    if (is_loopback_host(h)) {
        return std::nullopt;
    }
    std::optional<std::string> no_proxy = non_empty(getenv, "no_proxy");
    if (!no_proxy) {
        no_proxy = non_empty(getenv, "NO_PROXY");
    }
    if (no_proxy && no_proxy_matches(*no_proxy, h)) {
        return std::nullopt;
    }
    std::optional<std::string> proxy;
    if (ascii::to_lower(scheme) == "https") {
        proxy = non_empty(getenv, "https_proxy");
        if (!proxy) {
            proxy = non_empty(getenv, "HTTPS_PROXY");
        }
    } else {
        proxy = non_empty(getenv, "http_proxy");
    }
    if (!proxy) {
        proxy = non_empty(getenv, "all_proxy");
    }
    if (!proxy) {
        proxy = non_empty(getenv, "ALL_PROXY");
    }
    return proxy;
}

}  // namespace gigscout::fetch
