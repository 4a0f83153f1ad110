// What the refresh tests share: one HTTPS server on 127.0.0.1 answering for several host names
// (reached through FetchPolicy::connect_to, TLS verified against a test CA), sources as a user
// configures them, and finding a source's outcome in a report.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "fetch/support/test_http_server.h"
#include "fetch/support/test_pki.h"
#include "refresh/refresh_runner.h"

namespace gigscout::testing {

class VirtualHosts {
  public:
    // Answers a GET for `host` (the request's Host header).
    using Serve = std::function<void(const std::string& host, const httplib::Request& req,
                                     httplib::Response& res)>;

    VirtualHosts(const TlsIdentity& tls, std::vector<std::string> hosts, Serve serve)
        : server_(TestHttpServer::Options{"127.0.0.1", 16, tls}),
          hosts_(std::move(hosts)),
          serve_(std::move(serve)) {
        server_.http().Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
            std::string host = req.get_header_value("Host");
            {
                std::lock_guard lock(mutex_);
                ++hits_[host + req.path];
            }
            serve_(host, req, res);
        });
        server_.start();
    }

    // For FetchPolicy::connect_to: every host name to this server.
    std::vector<std::string> connect_to() const {
        std::vector<std::string> out;
        for (const auto& h : hosts_) {
            out.push_back(h + ":443:127.0.0.1:" + std::to_string(server_.port()));
        }
        return out;
    }

    // Requests so far for "host/path".
    int hits(const std::string& host_and_path) const {
        std::lock_guard lock(mutex_);
        auto it = hits_.find(host_and_path);
        return it == hits_.end() ? 0 : it->second;
    }

    // A wait inside a handler that ends when the server stops.
    bool sleep_for(std::chrono::milliseconds d) const { return server_.sleep_for(d); }

  private:
    TestHttpServer server_;
    std::vector<std::string> hosts_;
    Serve serve_;
    mutable std::mutex mutex_;
    std::map<std::string, int> hits_;
};

// A source as sources.json gives it: id "<plugin>:<instance>" (or the plugin's id alone).
inline RefreshSource make_source(const std::filesystem::path& plugin_file,
                                 const std::string& plugin_id, const std::string& instance,
                                 std::map<std::string, std::string> settings) {
    RefreshSource s;
    s.config.plugin = plugin_id;
    s.config.instance = instance;
    s.config.id = instance.empty() ? plugin_id : plugin_id + ":" + instance;
    s.config.settings = std::move(settings);
    s.plugin_path = plugin_file;
    return s;
}

inline const SourceOutcome& outcome(const RefreshReport& report, const std::string& source) {
    for (const auto& o : report.sources) {
        if (o.progress.source == source) {
            return o;
        }
    }
    ADD_FAILURE() << "no outcome for source " << source;
    static const SourceOutcome kNone;
    return kNone;
}

}  // namespace gigscout::testing
