// An HTTP request a plugin asks the host to make, and the rules the host holds it to before
// anything is sent: http(s) only, a host on the plugin's allow-list, a known method, clean
// headers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "base/result.h"
#include "plugin_host/plugin_manifest.h"

namespace gigscout {

struct PluginRequest {
    std::string method = "GET";  // GET, POST or HEAD
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;  // as the plugin gave them
    std::string body;
    // Names of its headers that may follow a redirect to another origin (the plugin's
    // `forward_headers`); other headers stop there, but for Accept and Accept-Language.
    std::vector<std::string> forward_headers;
};

struct PluginRequestLimits {
    static constexpr std::size_t kUrlBytes = 8192;
    static constexpr std::size_t kHeaders = 50;
    static constexpr std::size_t kHeaderNameBytes = 100;
    static constexpr std::size_t kHeaderValueBytes = 8192;
    static constexpr std::size_t kBodyBytes = 1u << 20;
};

// The hosts one source of a plugin may reach: the manifest's `hosts`, plus the host of each
// `hosts_from_settings` setting's URL as this source configured it. One source's URL never
// opens a host to another source of the same plugin.
struct SourceHosts {
    std::vector<std::string> patterns;                               // the manifest's `hosts`
    std::vector<std::pair<std::string, std::string>> from_settings;  // {setting key, host}

    bool allows(std::string_view host) const;
    // Every rule, for fetch::FetchPolicy::allowed_hosts (which also checks redirects).
    std::vector<std::string> rules() const;
};

// The hosts for a source with these (resolved) settings. A listed setting left empty adds
// nothing; one whose value is not an http(s) URL with a plain host name is an error naming it:
// "setting `url`: expected an http or https URL with a host name (...), got \"feeds.example\"".
Result<SourceHosts> source_hosts(const PluginManifest& manifest, const SettingValues& settings);

// One request table as the worker sends it ({url, method?, headers?, body?}); the error names
// the field ("field `headers.Accept`: expected a string, got a number").
Result<PluginRequest> request_from_json(const rapidjson::Value& value);

// Ok, or why the host refuses to send it, naming the url and the rule:
// "url \"https://evil.example/\" is not allowed: host evil.example is not in the plugin's
// hosts (remoteok.com, *.remoteok.com)"; with hosts from settings it goes on "nor the host of
// this source's setting `url` (feeds.example.org)".
Status check_request(const PluginRequest& request, const SourceHosts& hosts);
// The same against the manifest's `hosts` alone (no source, so no hosts from settings).
Status check_request(const PluginRequest& request, const PluginManifest& manifest);

// "GET https://remoteok.com/api"
std::string describe(const PluginRequest& request);

}  // namespace gigscout
