// An HTTP request a plugin asks the host to make, and the rules the host holds it to before
// anything is sent: http(s) only, a host on the plugin's allow-list, a known method, clean
// headers.
#pragma once

#include <string>
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
};

struct PluginRequestLimits {
    static constexpr std::size_t kUrlBytes = 8192;
    static constexpr std::size_t kHeaders = 50;
    static constexpr std::size_t kHeaderNameBytes = 100;
    static constexpr std::size_t kHeaderValueBytes = 8192;
    static constexpr std::size_t kBodyBytes = 1u << 20;
};

// One request table as the worker sends it ({url, method?, headers?, body?}); the error names
// the field ("field `headers.Accept`: expected a string, got a number").
Result<PluginRequest> request_from_json(const rapidjson::Value& value);

// Ok, or why the host refuses to send it, naming the url and the rule:
// "url \"https://evil.example/\" is not allowed: host evil.example is not in the plugin's
// hosts (remoteok.com, *.remoteok.com)".
Status check_request(const PluginRequest& request, const PluginManifest& manifest);

// "GET https://remoteok.com/api"
std::string describe(const PluginRequest& request);

}  // namespace gigscout
