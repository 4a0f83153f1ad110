#include "plugin_host/plugin_request.h"

#include <algorithm>
#include <cctype>

#include "base/ascii.h"
#include "base/host_pattern.h"
#include "base/json_reader.h"
#include "base/utf8.h"
#include "model/listing_validator.h"
#include "plugin_host/url_rules.h"

namespace gigscout {
namespace {

using L = PluginRequestLimits;

bool is_token_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Headers the host (libcurl) owns: letting a plugin set them would allow request smuggling or
// confuse the connection handling.
bool is_reserved_header(std::string_view name) {
    static const char* const kReserved[] = {"host",
                                            "content-length",
                                            "transfer-encoding",
                                            "connection",
                                            "upgrade",
                                            "te",
                                            "trailer",
                                            "expect",
                                            "keep-alive",
                                            "proxy-authorization",
                                            "proxy-connection"};
    std::string l = ascii::to_lower(name);
    return std::any_of(std::begin(kReserved), std::end(kReserved),
                       [&](const char* r) { return l == r; });
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

}  // namespace

bool SourceHosts::allows(std::string_view host) const {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return host_pattern_matches(p, host); }) ||
           std::any_of(from_settings.begin(), from_settings.end(),
                       [&](const auto& kv) { return host_pattern_matches(kv.second, host); });
}

std::vector<std::string> SourceHosts::rules() const {
    std::vector<std::string> out = patterns;
    for (const auto& [key, host] : from_settings) {
        out.push_back(host);
    }
    return out;
}

Result<SourceHosts> source_hosts(const PluginManifest& manifest, const SettingValues& settings) {
    SourceHosts out;
    out.patterns = manifest.hosts;
    for (const auto& key : manifest.hosts_from_settings) {
        auto it = settings.find(key);
        if (it == settings.end() || !std::holds_alternative<std::string>(it->second)) {
            continue;  // an optional setting left out
        }
        // Trimmed as the bundled plugins trim it before requesting it.
        std::string_view value = trimmed(std::get<std::string>(it->second));
        if (value.empty()) {
            continue;
        }
        auto host = url_host(value);
        if (!host) {
            return Error{"setting `" + key +
                         "`: expected an http or https URL with a host name (the only host this "
                         "source may reach besides the plugin's own), got " +
                         utf8::quoted(value)};
        }
        out.from_settings.emplace_back(key, *host);
    }
    return out;
}

Result<PluginRequest> request_from_json(const rapidjson::Value& value) {
    if (!value.IsObject()) {
        return Error{
            "expected a table { url = ..., method = ..., headers = ..., body = ... }, got " +
            std::string(json::type_name(value))};
    }
    json::FieldReader r(value, "");
    PluginRequest req;
    req.url = r.string("url", json::FieldReader::Required).value_or("");
    req.method = r.string("method").value_or("GET");
    req.body = r.string("body").value_or("");
    if (const auto* h = r.object("headers")) {
        for (auto it = h->MemberBegin(); it != h->MemberEnd(); ++it) {
            std::string name(it->name.GetString(), it->name.GetStringLength());
            if (!it->value.IsString()) {
                r.fail(("headers." + utf8::printable(name, 100)).c_str(),
                       "expected a string, got " + std::string(json::type_name(it->value)));
                break;
            }
            req.headers.emplace_back(
                name, std::string(it->value.GetString(), it->value.GetStringLength()));
        }
    }
    if (const auto* f = r.array("forward_headers")) {
        for (rapidjson::SizeType i = 0; i < f->Size(); ++i) {
            const auto& name = (*f)[i];
            if (!name.IsString()) {
                r.fail(("forward_headers[" + std::to_string(i + 1) + "]").c_str(),
                       "expected a header name, got " + std::string(json::type_name(name)));
                break;
            }
            req.forward_headers.emplace_back(name.GetString(), name.GetStringLength());
        }
    }
    r.reject_unknown({"url", "method", "headers", "body", "forward_headers"});
    if (!r.ok()) {
        return *r.error();
    }
    return req;
}

Status check_request(const PluginRequest& request, const PluginManifest& manifest) {
    return check_request(request, SourceHosts{manifest.hosts, {}});
}

Status check_request(const PluginRequest& req, const SourceHosts& hosts) {
    if (req.url.size() > L::kUrlBytes) {
        return Error{"field `url`: longer than " + std::to_string(L::kUrlBytes) + " bytes"};
    }
    if (!is_http_url(req.url)) {
        return Error{"field `url`: must be an http or https URL, got " + utf8::quoted(req.url)};
    }
    auto host = url_host(req.url);
    if (!host) {
        return Error{"url " + utf8::quoted(req.url) +
                     " is not allowed: its host must be a plain host name (letters, digits, '.', "
                     "'-') or an IP address"};
    }
    if (!hosts.allows(*host)) {
        std::string rules;
        for (const auto& h : hosts.patterns) {
            rules += (rules.empty() ? "" : ", ") + h;
        }
        std::string from_settings;
        for (const auto& [key, h] : hosts.from_settings) {
            from_settings += (from_settings.empty() ? "" : ", ") + ("`" + key + "` (" + h + ")");
        }
        if (!from_settings.empty()) {
            from_settings = hosts.from_settings.size() == 1
                                ? " nor the host of this source's setting " + from_settings
                                : " nor the hosts of this source's settings " + from_settings;
        }
        return Error{"url " + utf8::quoted(req.url) + " is not allowed: host " + *host +
                     " is not in the plugin's hosts (" +
                     (rules.empty() ? "the plugin declares none" : rules) + ")" + from_settings};
    }
    if (req.method != "GET" && req.method != "POST" && req.method != "HEAD") {
        return Error{"field `method`: must be GET, POST or HEAD, got " + utf8::quoted(req.method)};
    }
    if (!req.body.empty() && req.method != "POST") {
        return Error{"field `body`: only a POST request may have a body"};
    }
    if (req.body.size() > L::kBodyBytes) {
        return Error{"field `body`: longer than " + std::to_string(L::kBodyBytes) + " bytes"};
    }
    if (req.headers.size() > L::kHeaders) {
        return Error{"field `headers`: more than " + std::to_string(L::kHeaders) + " headers"};
    }
    for (const auto& [name, value] : req.headers) {
        std::string field = "field `headers." + utf8::printable(name, 100) + "`: ";
        if (name.empty() || name.size() > L::kHeaderNameBytes ||
            !std::all_of(name.begin(), name.end(), is_token_char)) {
            return Error{field + "not a valid header name"};
        }
        if (is_reserved_header(name)) {
            return Error{field + "this header is set by GigScout, not by plugins"};
        }
        if (value.size() > L::kHeaderValueBytes) {
            return Error{field + "longer than " + std::to_string(L::kHeaderValueBytes) + " bytes"};
        }
        for (unsigned char c : value) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return Error{field + "contains a control character (CR, LF or NUL)"};
            }
        }
    }
    if (req.forward_headers.size() > L::kHeaders) {
        return Error{"field `forward_headers`: more than " + std::to_string(L::kHeaders) +
                     " names"};
    }
    for (std::size_t i = 0; i < req.forward_headers.size(); ++i) {
        const std::string& name = req.forward_headers[i];
        if (name.empty() || name.size() > L::kHeaderNameBytes ||
            !std::all_of(name.begin(), name.end(), is_token_char)) {
            return Error{"field `forward_headers[" + std::to_string(i + 1) +
                         "]`: not a valid header name, got \"" + utf8::printable(name, 100) + "\""};
        }
    }
    return Ok{};
}

std::string describe(const PluginRequest& request) {
    return request.method + " " + request.url;
}

}  // namespace gigscout
