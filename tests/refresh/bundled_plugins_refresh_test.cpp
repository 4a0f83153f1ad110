// Every bundled platform plugin (plugins/<id>/) through the whole refresh pipeline: a real
// HTTPS server on 127.0.0.1 answers, for each host in the plugins' `hosts`, the project's saved
// responses (plugins/<id>/responses/) at the paths the plugins' requests() ask for; the plugins run
// in their real sandbox workers with their own code and default settings (plus what a user
// must set, secrets from GIGSCOUT_<SOURCE>_<KEY>); the result is merged, deduplicated and
// ranked against the intermediate CV engineer profile.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "base/iso_time.h"
#include "dedupe/listing_dedupe.h"
#include "fetch/support/test_http_server.h"
#include "fetch/support/test_pki.h"
#include "model/currency.h"
#include "plugin_host/plugin_catalog.h"
#include "refresh/refresh_runner.h"
#include "scoring/profile.h"
#include "scoring/scorer.h"
#include "support/test_support.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::TestHttpServer;

using Settings = std::map<std::string, std::string>;

// One saved response and the request it answers.
struct Route {
    std::string method;
    std::string host;
    std::string path;
    std::string fixture;  // under the source tree
    std::string content_type = "application/json; charset=utf-8";
    Settings params;   // query parameters the request must carry
    Settings headers;  // headers it must carry (else 401)

    Route& param(const std::string& k, const std::string& v) {
        params[k] = v;
        return *this;
    }
    Route& header(const std::string& k, const std::string& v) {
        headers[k] = v;
        return *this;
    }
    Route& type(const std::string& t) {
        content_type = t;
        return *this;
    }
};

Route get(const std::string& host, const std::string& path, const std::string& fixture) {
    Route r;
    r.method = "GET";
    r.host = host;
    r.path = path;
    r.fixture = fixture;
    return r;
}

Route post(const std::string& host, const std::string& path, const std::string& fixture) {
    Route r = get(host, path, fixture);
    r.method = "POST";
    return r;
}

struct SourceCase {
    std::string instance;
    Settings settings;
    std::size_t listings = 0;  // what the plugin makes of the fixtures
    int pages = 1;
    // Known exception: the source must fail with this text (empty: it must succeed).
    std::string fails_with;
};

SourceCase done(const std::string& instance, Settings settings, std::size_t listings,
                int pages = 1) {
    SourceCase c;
    c.instance = instance;
    c.settings = std::move(settings);
    c.listings = listings;
    c.pages = pages;
    return c;
}

struct PluginCase {
    std::vector<SourceCase> sources;
    std::vector<Route> routes;
    Settings env;  // secrets, as a user would set them
};

PluginCase plugin_case(std::vector<SourceCase> sources, std::vector<Route> routes,
                       Settings env = {}) {
    PluginCase c;
    c.sources = std::move(sources);
    c.routes = std::move(routes);
    c.env = std::move(env);
    return c;
}

const std::string kRss = "application/rss+xml; charset=utf-8";
const std::string kHtml = "text/html; charset=utf-8";

// What each bundled plugin is configured with and served. A plugin found in plugins/ without
// an entry here fails the test, so a new plugin cannot skip the end-to-end run.
std::map<std::string, PluginCase> plugin_cases() {
    std::map<std::string, PluginCase> c;
    c["adzuna"] = plugin_case(
        {done("", {{"app_id", "test-id"}, {"country", "gb"}, {"max_pages", "1"}}, 2)},
        {get("api.adzuna.com", "/v1/api/jobs/gb/search/1", "plugins/adzuna/responses/gb-page1.json")
             .param("app_id", "test-id")
             .param("app_key", "test-key")},
        {{"GIGSCOUT_ADZUNA_APP_KEY", "test-key"}});
    // Page 1 asks for page 2; the saved page 3 says it is the last one wanted.
    c["arbeitnow"] = plugin_case(
        {done("", {}, 2, 2)},
        {get("www.arbeitnow.com", "/api/job-board-api", "plugins/arbeitnow/responses/page3.json")
             .param("page", "2"),
         get("www.arbeitnow.com", "/api/job-board-api", "plugins/arbeitnow/responses/page1.json")});
    c["ashby"] = plugin_case({done("", {{"board", "deepsight"}, {"company", "DeepSight"}}, 3)},
                             {get("api.ashbyhq.com", "/posting-api/job-board/deepsight",
                                  "plugins/ashby/responses/board.json")});
    c["freelancer"] = plugin_case({done("", {{"max_pages", "1"}}, 3)},
                                  {get("www.freelancer.com", "/api/projects/0.1/projects/active/",
                                       "plugins/freelancer/responses/page0.json")});
    // Two company boards; Acme & Sons' first job is also on We Work Remotely.
    c["greenhouse"] = plugin_case({done("visionlabs", {{"board", "visionlabs"}}, 3),
                                   done("acmesons", {{"board", "acmesons"}}, 2)},
                                  {get("boards-api.greenhouse.io", "/v1/boards/visionlabs/jobs",
                                       "plugins/greenhouse/responses/board.json"),
                                   get("boards-api.greenhouse.io", "/v1/boards/acmesons/jobs",
                                       "tests/refresh/fixtures/greenhouse-acme-sons.json")});
    // Finds this month's thread, then reads its comments: one date window holds them all.
    c["hackernews"] =
        plugin_case({done("", {}, 3, 2)}, {get("hn.algolia.com", "/api/v1/search_by_date",
                                               "plugins/hackernews/responses/story-search.json")
                                               .param("tags", "story,author_whoishiring"),
                                           get("hn.algolia.com", "/api/v1/search_by_date",
                                               "plugins/hackernews/responses/comments-page0.json")
                                               .param("tags", "comment,story_45000001")});
    // One search term set (the profile's five would each be searched).
    c["himalayas"] = plugin_case(
        {done("", {{"max_pages", "1"}, {"search", "computer vision"}}, 2)},
        {get("himalayas.app", "/jobs/api/search", "plugins/himalayas/responses/search-page.json")
             .param("q", "computer vision")});
    c["jobicy"] = plugin_case({done("", {}, 2)}, {get("jobicy.com", "/api/v2/remote-jobs",
                                                      "plugins/jobicy/responses/sample.json")});
    // The generic plugins reach the host of each source's own `url` (hosts_from_settings).
    c["jobposting"] = plugin_case(
        {done("optica", {{"url", "https://optica.example/jobs/cv-2025-17"}}, 1)},
        {get("optica.example", "/jobs/cv-2025-17", "plugins/jobposting/responses/job-page.html")
             .type(kHtml)});
    c["lever"] = plugin_case(
        {done("optiq", {{"site", "optiq-vision"}}, 3)},
        {get("api.lever.co", "/v0/postings/optiq-vision", "plugins/lever/responses/postings.json")
             .param("mode", "json")});
    c["remoteok"] =
        plugin_case({done("", {}, 3, 2)},
                    {get("remoteok.com", "/api", "plugins/remoteok/responses/sample.json")
                         .param("tag", "python"),
                     get("remoteok.com", "/api", "plugins/remoteok/responses/legal-only.json")
                         .param("tag", "ai")});
    c["remotive"] = plugin_case({done("", {}, 3)}, {get("remotive.com", "/api/remote-jobs",
                                                        "plugins/remotive/responses/sample.json")});
    c["rss"] = plugin_case(
        {done("visionboard", {{"url", "https://jobs.visionboard.example/feed.xml"}}, 2)},
        {get("jobs.visionboard.example", "/feed.xml", "plugins/rss/responses/board.rss")
             .type(kRss)});
    c["toptal"] = plugin_case({done("", {{"skills", "python"}}, 3)},
                              {get("www.toptal.com", "/freelance-jobs/developers/python",
                                   "plugins/toptal/responses/skill-page.html")
                                   .type(kHtml)});
    c["upwork"] =
        plugin_case({done("", {{"max_pages", "1"}}, 3)},
                    {post("api.upwork.com", "/graphql", "plugins/upwork/responses/api-page1.json")
                         .header("Authorization", "Bearer test-token")},
                    {{"GIGSCOUT_UPWORK_TOKEN", "test-token"}});
    c["usajobs"] = plugin_case(
        {done("", {{"email", "me@example.com"}, {"max_pages", "1"}}, 1)},
        {get("data.usajobs.gov", "/api/Search", "plugins/usajobs/responses/search-page1.json")
             .header("Authorization-Key", "test-key")},
        {{"GIGSCOUT_USAJOBS_API_KEY", "test-key"}});
    c["weworkremotely"] =
        plugin_case({done("", {}, 2, 2)},
                    {get("weworkremotely.com", "/categories/remote-programming-jobs.rss",
                         "plugins/weworkremotely/responses/sample.rss")
                         .type(kRss),
                     get("weworkremotely.com", "/categories/remote-back-end-programming-jobs.rss",
                         "plugins/weworkremotely/responses/empty-channel.rss")
                         .type(kRss)});
    return c;
}

class SavedPlatforms {
  public:
    SavedPlatforms(const testing::TlsIdentity& tls, std::vector<Route> routes)
        : server_(TestHttpServer::Options{"127.0.0.1", 32, tls}), routes_(std::move(routes)) {
        auto handler = [this](const httplib::Request& req, httplib::Response& res) {
            serve(req, res);
        };
        server_.http().Get(R"(/.*)", handler);
        server_.http().Post(R"(/.*)", handler);
        server_.start();
    }

    int port() const { return server_.port(); }

    std::vector<std::string> unanswered() const {
        std::lock_guard lock(mutex_);
        return unanswered_;
    }

  private:
    void serve(const httplib::Request& req, httplib::Response& res) {
        std::string host = req.get_header_value("Host");
        for (const Route& r : routes_) {
            bool match = r.method == req.method && r.host == host && r.path == req.path;
            for (const auto& [k, v] : r.params) {
                match = match && req.has_param(k.c_str()) && req.get_param_value(k.c_str()) == v;
            }
            if (!match) {
                continue;
            }
            for (const auto& [k, v] : r.headers) {
                if (req.get_header_value(k.c_str()) != v) {
                    res.status = 401;
                    res.set_content("missing header " + k, "text/plain; charset=utf-8");
                    return;
                }
            }
            res.set_content(testing::read_file(testing::source_dir() / r.fixture), r.content_type);
            return;
        }
        {
            std::lock_guard lock(mutex_);
            unanswered_.push_back(req.method + " " + host + req.path);
        }
        res.status = 404;
        res.set_content("no saved response for " + host + req.path, "text/plain; charset=utf-8");
    }

    TestHttpServer server_;
    std::vector<Route> routes_;
    mutable std::mutex mutex_;
    std::vector<std::string> unanswered_;
};

TEST(BundledPlugins, EveryPluginRefreshesFromSavedResponsesAndTheResultIsMergedAndRanked) {
    TempDir dir;
    PluginCatalog catalog(testing::source_dir() / "plugins", std::nullopt);
    auto cases = plugin_cases();

    // The sources to run, for every usable bundled plugin; the hosts they may reach.
    std::vector<RefreshSource> sources;
    std::map<std::string, SourceCase> expected;
    std::vector<Route> routes;
    std::set<std::string> hosts;
    for (const PluginEntry& entry : catalog.entries()) {
        if (!entry.usable()) {
            // A plugin being rewritten right now: say so, and test the others.
            std::cout << "[ NOTE     ] not tested, not loadable: " << entry.path << ": "
                      << entry.disabled_reason << "\n";
            continue;
        }
        const PluginManifest& m = *entry.manifest;
        auto it = cases.find(m.id);
        if (it == cases.end()) {
            ADD_FAILURE() << "plugin " << m.id << " (" << entry.path
                          << ") has no case in bundled_plugins_refresh_test.cpp: add its "
                             "settings and saved responses";
            continue;
        }
        for (const auto& h : m.hosts) {
            if (h.find('*') == std::string::npos) {
                hosts.insert(h);
            }
        }
        for (const auto& r : it->second.routes) {
            hosts.insert(r.host);
            routes.push_back(r);
        }
        for (const auto& [name, value] : it->second.env) {
            ASSERT_EQ(::setenv(name.c_str(), value.c_str(), 1), 0);
        }
        for (const SourceCase& sc : it->second.sources) {
            RefreshSource s;
            s.config.plugin = m.id;
            s.config.instance = sc.instance;
            s.config.id = sc.instance.empty() ? m.id : m.id + ":" + sc.instance;
            s.config.settings = sc.settings;
            s.plugin_path = entry.path;
            expected[s.config.id] = sc;
            sources.push_back(std::move(s));
        }
    }
    ASSERT_FALSE(sources.empty()) << "no usable plugin in " << testing::source_dir() / "plugins";

    auto pki = testing::make_test_pki(dir.path() / "pki",
                                      std::vector<std::string>(hosts.begin(), hosts.end()));
    SavedPlatforms platforms(pki.server, routes);

    auto profile = load_profile(testing::source_dir() / "resources" / "profiles" /
                                "intermediate-cv-engineer.json");
    ASSERT_TRUE(profile.ok()) << profile.error().message;
    const std::int64_t now = *parse_iso8601("2025-11-25T12:00:00Z");

    RefreshOptions options;
    for (const auto& h : hosts) {
        options.policy.connect_to.push_back(h +
                                            ":443:127.0.0.1:" + std::to_string(platforms.port()));
    }
    options.policy.ca_file = pki.ca_cert.string();
    options.policy.max_attempts = 1;
    options.requests_per_minute = 0;  // the platforms' own limits would make this take minutes
    options.query = profile.value().search_terms;
    options.now = now;
    fetch::Fetcher fetcher;
    RefreshRunner runner(fetcher, nullptr, options);
    fetch::CancelToken cancel;
    RefreshReport report = runner.run(sources, {}, cancel);

    EXPECT_TRUE(platforms.unanswered().empty()) << "requests without a saved response: "
                                                << ::testing::PrintToString(platforms.unanswered());
    std::size_t delivered = 0;
    for (const SourceOutcome& o : report.sources) {
        const SourceCase& sc = expected[o.progress.source];
        SCOPED_TRACE("source " + o.progress.source);
        if (!sc.fails_with.empty()) {
            EXPECT_EQ(o.progress.state, SourceState::Failed);
            EXPECT_NE(o.progress.error.find(sc.fails_with), std::string::npos) << o.progress.error;
            continue;
        }
        EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
        EXPECT_EQ(o.progress.pages, sc.pages);
        EXPECT_EQ(o.listings.size(), sc.listings);
        EXPECT_NE(o.completeness, RefreshCompleteness::Failed);
        for (const Listing& l : o.listings) {
            EXPECT_EQ(l.source, o.progress.source) << l.id;
            EXPECT_EQ(l.id.rfind(o.plugin + ":", 0), 0u) << l.id;
        }
        delivered += o.listings.size();
    }

    // Deduplicated: the cross-posted job is one listing with both sources, and nothing left in
    // the merged list is a duplicate of anything else.
    EXPECT_EQ(report.listings.size() + report.duplicates_merged, delivered);
    EXPECT_TRUE(find_duplicates(report.listings).empty());
    if (expected.count("greenhouse:acmesons") && expected.count("weworkremotely")) {
        EXPECT_GE(report.duplicates_merged, 1u);
        const Listing* cross = nullptr;
        for (const Listing& l : report.listings) {
            std::set<std::string> from = {l.source};
            for (const auto& m : l.merged) {
                from.insert(m.source);
            }
            if (from.count("greenhouse:acmesons") && from.count("weworkremotely")) {
                cross = &l;
            }
        }
        ASSERT_NE(cross, nullptr) << "the Acme & Sons job was not merged across sources";
        EXPECT_EQ(normalised_title(cross->title), "senior computer vision engineer");
    }

    // Ranked by score, each score explained.
    Scorer scorer(profile.value(), Taxonomy::bundled(), CurrencyTable::bundled(), now);
    auto ranked = rank(report.listings, scorer);
    ASSERT_EQ(ranked.size(), report.listings.size());
    for (std::size_t i = 1; i < ranked.size(); ++i) {
        const Score& a = ranked[i - 1].score;
        const Score& b = ranked[i].score;
        if (a.filtered == b.filtered) {
            EXPECT_GE(a.exact, b.exact) << "rank " << i;
        } else {
            EXPECT_FALSE(a.filtered) << "a filtered listing ranks above an unfiltered one";
        }
    }
    for (const auto& r : ranked) {
        EXPECT_FALSE(r.score.components.empty());
        for (const auto& c : r.score.components) {
            EXPECT_FALSE(c.reason.empty()) << c.name;
        }
        if (r.score.filtered) {
            EXPECT_FALSE(r.score.filter_reasons.empty());
        }
    }
    const Score& best = ranked.front().score;
    EXPECT_FALSE(best.filtered);
    EXPECT_FALSE(best.matched_skills.empty());
    EXPECT_GT(best.exact, ranked.back().score.exact);
    std::cout << "[ NOTE     ] " << report.sources.size() << " sources, " << delivered
              << " listings, " << report.duplicates_merged
              << " merged, best: " << report.listings[ranked.front().index].title << " ("
              << best.total << ") in " << report.elapsed.count() << " ms\n";
}

}  // namespace
}  // namespace gigscout
