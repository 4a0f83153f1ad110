// The proxy a request goes through, from the standard environment variables. Decided here
// and handed to libcurl explicitly (rather than leaving libcurl to read the environment) so
// the fetcher knows whether the address it connects to is the target or the user's proxy.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace gigscout::fetch {

using GetEnv = std::function<std::optional<std::string>(const char* name)>;

// The process environment.
std::optional<std::string> process_env(const char* name);

// libcurl's rules: https URLs use https_proxy/HTTPS_PROXY, http URLs http_proxy (lower case
// only, the CGI "HTTP_PROXY" header trap), then all_proxy/ALL_PROXY; no_proxy/NO_PROXY is a
// comma list of "*", host names (matching the host and its subdomains, a leading dot
// allowed) and IP addresses. Loopback hosts (localhost, 127.x, ::1) never use a proxy.
// Returns the proxy URL, or nullopt for a direct connection.
std::optional<std::string> proxy_for(std::string_view scheme, std::string_view host,
                                     const GetEnv& getenv = process_env);

}  // namespace gigscout::fetch
