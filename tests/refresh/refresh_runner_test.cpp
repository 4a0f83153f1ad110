// The refresh pipeline end to end: real plugin workers running the small plugins of
// tests/refresh/plugins/, a real HTTPS server on 127.0.0.1 that the plugins' own host names are
// sent to (FetchPolicy::connect_to, TLS verified against a test CA), real files for the HTTP
// cache and the refresh ledger.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "refresh/refresh_runner.h"
#include "refresh_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using namespace std::chrono_literals;
using testing::contains;
using testing::outcome;
using testing::TempDir;

const std::vector<std::string> kHosts = {"jobs.test-a.example", "jobs.test-c.example",
                                         "jobs.test-f.example", "jobs.test-g.example"};

std::string job_json(const std::string& id, const std::string& title, const std::string& company,
                     const std::string& url, const std::string& description) {
    return R"({"id":")" + id + R"(","title":")" + title + R"(","company":")" + company +
           R"(","url":")" + url + R"(","description":")" + description + R"(","tags":["python"]})";
}

std::string page_json(const std::vector<std::string>& jobs, const std::string& next) {
    std::string out = R"({"jobs":[)";
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        out += (i ? "," : "") + jobs[i];
    }
    out += "],\"next\":" + (next.empty() ? std::string("null") : "\"" + next + "\"") + "}";
    return out;
}

// The job both the healthy board and its mirror list: same title and company, other urls.
const std::string kCrossPosted =
    job_json("a1", "Computer Vision Engineer", "Acme Vision", "https://jobs.test-a.example/job/a1",
             "Build OpenCV and PyTorch pipelines for warehouse robots.");

// What each test host answers; the shared server counts the requests.
class Platforms {
  public:
    explicit Platforms(const testing::TestPki& pki)
        : hosts_(pki.server, kHosts,
                 [this](const std::string& host, const httplib::Request& req,
                        httplib::Response& res) { serve(host, req, res); }) {}

    std::vector<std::string> connect_to() const { return hosts_.connect_to(); }
    int hits(const std::string& host_and_path) const { return hosts_.hits(host_and_path); }
    int not_modified_answers() const { return not_modified_.load(); }

  private:
    void serve(const std::string& host, const httplib::Request& req, httplib::Response& res) {
        const std::string json = "application/json";
        if (host == "jobs.test-a.example") {
            if (req.path == "/jobs") {
                std::string page = req.get_param_value("page");
                if (page == "1") {
                    res.set_content(
                        page_json({kCrossPosted,
                                   job_json("a2", "Robotics Perception Engineer", "Acme Vision",
                                            "https://jobs.test-a.example/job/a2",
                                            "ROS and C++ on embedded boards.")},
                                  "/jobs?page=2"),
                        json);
                } else if (page == "2") {
                    res.set_content(
                        page_json({job_json("a3", "Image Processing Developer", "Pixel Works",
                                            "https://jobs.test-a.example/job/a3",
                                            "Classic image processing with OpenCV.")},
                                  "/jobs?page=3"),
                        json);
                } else {
                    res.set_content(page_json({job_json("a4", "Data Labeling Lead", "Label Co",
                                                        "https://jobs.test-a.example/job/a4",
                                                        "Run a team that labels images.")},
                                              ""),
                                    json);
                }
            } else if (req.path == "/mirror") {
                res.set_content(
                    page_json(
                        {job_json("m1", "Computer Vision Engineer", "Acme Vision Inc.",
                                  "https://jobs.test-a.example/mirror/m1",
                                  "Build OpenCV and PyTorch pipelines for warehouse robots.")},
                        ""),
                    json);
            } else if (req.path == "/down") {
                res.status = 500;
                res.set_content("maintenance", "text/plain; charset=utf-8");
            } else if (req.path == "/then-slow") {
                res.set_content(
                    page_json({job_json("t1", "Vision Engineer", "Quick Then Slow",
                                        "https://jobs.test-a.example/job/t1", "OpenCV.")},
                              "/slow"),
                    json);
            } else if (req.path == "/slow") {
                hosts_.sleep_for(10s);
                res.set_content(page_json({}, ""), json);
            } else if (req.path == "/etag") {
                if (req.get_header_value("If-None-Match") == "\"v1\"") {
                    ++not_modified_;
                    res.status = 304;
                    return;
                }
                res.set_header("ETag", "\"v1\"");
                res.set_content(
                    page_json({job_json("e1", "Vision Engineer", "Etag Labs",
                                        "https://jobs.test-a.example/job/e1", "OpenCV.")},
                              ""),
                    json);
            } else {
                res.status = 404;
            }
        } else if (host == "jobs.test-c.example") {
            if (req.path == "/ua") {
                res.set_content(R"({"user_agent":")" + req.get_header_value("User-Agent") + "\"}",
                                json);
                return;
            }
            res.set_content("{}", json);
        } else if (host == "jobs.test-f.example") {
            if (req.get_header_value("X-Api-Token") != "s3cret") {
                res.status = 401;
                res.set_content("bad token", "text/plain; charset=utf-8");
                return;
            }
            res.set_content(page_json({job_json("k1", "Keyed Vision Job", "Key Corp",
                                                "https://jobs.test-f.example/job/k1",
                                                "Needs " + req.get_param_value("q") + ".")},
                                      ""),
                            json);
        } else if (host == "jobs.test-g.example") {
            res.set_content(page_json({job_json("p1", "Polite Job", "Polite Ltd",
                                                "https://jobs.test-g.example/job/p1", "Hello.")},
                                      ""),
                            json);
        } else {
            res.status = 404;
        }
    }

    std::atomic<int> not_modified_{0};
    testing::VirtualHosts hosts_;  // last: it serves from its own threads until destroyed
};

std::filesystem::path plugin(const std::string& file) {
    return testing::tests_dir() / "refresh" / "plugins" / file;
}

RefreshSource source(const std::string& plugin_id, const std::string& instance = "",
                     std::map<std::string, std::string> settings = {}) {
    return testing::make_source(plugin(plugin_id + ".lua"), plugin_id, instance,
                                std::move(settings));
}

// Everything a progress callback saw, per source.
struct ProgressLog {
    std::mutex mutex;
    std::map<std::string, std::vector<SourceProgress>> seen;

    ProgressCallback callback() {
        return [this](const SourceProgress& p) {
            std::lock_guard lock(mutex);
            seen[p.source].push_back(p);
        };
    }
    std::vector<SourceState> states(const std::string& source) {
        std::lock_guard lock(mutex);
        std::vector<SourceState> out;
        for (const auto& p : seen[source]) {
            if (out.empty() || out.back() != p.state) {
                out.push_back(p.state);
            }
        }
        return out;
    }
};

class RefreshRunnerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        pki_ = testing::make_test_pki(dir_.path() / "pki", kHosts);
        platforms_ = std::make_unique<Platforms>(pki_);
        options_.policy.connect_to = platforms_->connect_to();
        options_.policy.ca_file = pki_.ca_cert.string();
        options_.policy.max_attempts = 2;
        options_.policy.backoff_initial_ms = 20;
        options_.policy.backoff_max_ms = 50;
        options_.policy.total_timeout_ms = 30'000;
    }

    RefreshReport run(const std::vector<RefreshSource>& sources, ProgressLog* log = nullptr,
                      fetch::RefreshLedger* ledger = nullptr) {
        RefreshRunner runner(fetcher_, ledger, options_);
        fetch::CancelToken cancel;
        return runner.run(sources, log ? log->callback() : ProgressCallback{}, cancel);
    }

    TempDir dir_;
    testing::TestPki pki_;
    std::unique_ptr<Platforms> platforms_;
    fetch::Fetcher fetcher_;
    RefreshOptions options_;
};

TEST_F(RefreshRunnerTest, EachSourceEndsOnItsOwnAndOneFailureStopsNoOther) {
    ProgressLog log;
    std::vector<std::string> done;
    RefreshRunner runner(fetcher_, nullptr, options_);
    fetch::CancelToken cancel;
    auto report = runner.run({source("board"), source("board", "down", {{"start", "/down"}}),
                              source("crashy"), source("offsite")},
                             log.callback(), cancel,
                             [&](const SourceOutcome& o) { done.push_back(o.progress.source); });

    ASSERT_EQ(report.sources.size(), 4u);
    // The healthy source followed `next` through its three pages.
    const auto& board = outcome(report, "board");
    EXPECT_EQ(board.progress.state, SourceState::Done) << board.progress.error;
    EXPECT_EQ(board.completeness, RefreshCompleteness::Complete);
    EXPECT_EQ(board.progress.pages, 3);
    EXPECT_EQ(board.listings.size(), 4u);
    EXPECT_EQ(board.plugin, "board");
    EXPECT_FALSE(board.page_limited);
    EXPECT_TRUE(board.progress.error.empty()) << board.progress.error;
    EXPECT_GT(board.progress.bytes, 0u);

    // HTTP 500 (retried once) fails that source alone, naming the url and the status.
    const auto& down = outcome(report, "board:down");
    EXPECT_EQ(down.progress.state, SourceState::Failed);
    EXPECT_EQ(down.completeness, RefreshCompleteness::Failed);
    EXPECT_TRUE(contains(down.progress.error,
                         "source board:down: GET "
                         "https://jobs.test-a.example/down: server "
                         "answered HTTP 500"))
        << down.progress.error;
    EXPECT_TRUE(down.listings.empty());
    EXPECT_EQ(platforms_->hits("jobs.test-a.example/down"), 2);

    // A plugin raising in parse() fails its source with the plugin's own words.
    const auto& crashy = outcome(report, "crashy");
    EXPECT_EQ(crashy.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(crashy.progress.error, "plugin crashy: error in parse()"))
        << crashy.progress.error;
    EXPECT_TRUE(contains(crashy.progress.error, "the board sent no `jobs` array"))
        << crashy.progress.error;
    EXPECT_EQ(crashy.progress.pages, 1);

    // A request to a host the manifest does not list is refused before anything is sent.
    const auto& offsite = outcome(report, "offsite");
    EXPECT_EQ(offsite.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(offsite.progress.error,
                         "url \"https://evil.test-x.example/steal\" is not allowed: host "
                         "evil.test-x.example is not in the plugin's hosts (jobs.test-e.example)"))
        << offsite.progress.error;
    EXPECT_EQ(offsite.progress.pages, 0);

    EXPECT_FALSE(report.all_succeeded());
    EXPECT_EQ(report.listings.size(), 4u);
    std::multiset<std::string> ended(done.begin(), done.end());
    EXPECT_EQ(ended, (std::multiset<std::string>{"board", "board:down", "crashy", "offsite"}));

    // Progress: the pipeline's states in order, with the counts growing.
    EXPECT_EQ(
        log.states("board"),
        (std::vector<SourceState>{SourceState::Loading, SourceState::Fetching, SourceState::Parsing,
                                  SourceState::Fetching, SourceState::Parsing,
                                  SourceState::Fetching, SourceState::Parsing, SourceState::Done}));
    {
        std::lock_guard lock(log.mutex);
        const auto& last = log.seen["board"].back();
        EXPECT_EQ(last.pages, 3);
        EXPECT_EQ(last.listings, 4u);
        const auto& fetching_page_3 = log.seen["board"][5];
        EXPECT_EQ(fetching_page_3.state, SourceState::Fetching);
        EXPECT_EQ(fetching_page_3.pages, 2);
        EXPECT_EQ(fetching_page_3.listings, 3u);
    }
    EXPECT_EQ(log.states("offsite"),
              (std::vector<SourceState>{SourceState::Loading, SourceState::Failed}));
    EXPECT_EQ(log.states("board:down").back(), SourceState::Failed);
}

TEST_F(RefreshRunnerTest, WhenNoSourceFindsANetworkTheReportSaysSoOnce) {
    options_.policy.max_attempts = 3;
    options_.policy.backoff_initial_ms = 5'000;
    options_.policy.backoff_max_ms = 5'000;
    auto start = std::chrono::steady_clock::now();
    auto report = run({source("byurl", "a", {{"url", "https://jobs.nowhere-a.invalid/"}}),
                       source("byurl", "b", {{"url", "https://jobs.nowhere-b.invalid/"}})});
    // Not retried: the two sources end long before one 2.5-5 s backoff.
    EXPECT_LT(std::chrono::steady_clock::now() - start, 2500ms);
    for (const char* id : {"byurl:a", "byurl:b"}) {
        const auto& o = outcome(report, id);
        EXPECT_EQ(o.progress.state, SourceState::Failed);
        EXPECT_TRUE(o.no_network) << o.progress.error;
    }
    ASSERT_TRUE(report.no_network);
    EXPECT_EQ(*report.no_network,
              "no network: none of the 2 sources' hosts could be reached (host names do not "
              "resolve, or there is no route); check this machine's connection and run the "
              "refresh again");
    // One source that reaches its host: the others just failed.
    report =
        run({source("byurl", "a", {{"url", "https://jobs.nowhere-a.invalid/"}}), source("board")});
    EXPECT_TRUE(outcome(report, "byurl:a").no_network);
    EXPECT_FALSE(report.no_network);
}

TEST_F(RefreshRunnerTest, ListingsCarrySkillsAndCrossPostedJobsAreMergedAcrossSources) {
    auto report = run({source("board"), source("board", "mirror", {{"start", "/mirror"}})});
    ASSERT_TRUE(report.all_succeeded());
    EXPECT_EQ(outcome(report, "board").listings.size(), 4u);
    EXPECT_EQ(outcome(report, "board:mirror").listings.size(), 1u);

    EXPECT_EQ(report.duplicates_merged, 1u);
    ASSERT_EQ(report.listings.size(), 4u);
    const Listing* merged = nullptr;
    for (const auto& l : report.listings) {
        if (!l.merged.empty()) {
            merged = &l;
        }
    }
    ASSERT_NE(merged, nullptr);
    EXPECT_EQ(merged->title, "Computer Vision Engineer");
    ASSERT_EQ(merged->merged.size(), 1u);
    std::set<std::string> ids = {merged->id, merged->merged[0].id};
    EXPECT_EQ(ids, (std::set<std::string>{"board:a1", "board:m1"}));
    std::set<std::string> sources = {merged->source, merged->merged[0].source};
    EXPECT_EQ(sources, (std::set<std::string>{"board", "board:mirror"}));

    // annotate_skills ran: the tag (which the text never names), and the description's skills.
    std::map<std::string, SkillOrigin> skills;
    for (const auto& s : merged->skills) {
        skills[s.skill] = s.origin;
    }
    ASSERT_TRUE(skills.count("python")) << merged->skills.size();
    EXPECT_EQ(skills["python"], SkillOrigin::TagOnly);
    ASSERT_TRUE(skills.count("opencv"));
    EXPECT_EQ(skills["opencv"], SkillOrigin::Description);
    EXPECT_TRUE(skills.count("pytorch"));
    for (const auto& o : report.sources) {
        for (const auto& l : o.listings) {
            EXPECT_FALSE(l.skills.empty()) << l.id;
        }
    }
}

TEST_F(RefreshRunnerTest, TheDedupeRankChoosesWhichCopyKeepsItsId) {
    // As the store does: the copy seen first (lowest rank) keeps its id.
    options_.dedupe_rank = [](const std::vector<Listing>& listings) {
        std::vector<std::int64_t> rank;
        for (const auto& l : listings) {
            rank.push_back(l.id == "board:m1" ? 1 : 1000);
        }
        return rank;
    };
    auto report = run({source("board"), source("board", "mirror", {{"start", "/mirror"}})});
    EXPECT_EQ(report.duplicates_merged, 1u);
    bool kept_mirror = false;
    for (const auto& l : report.listings) {
        EXPECT_NE(l.id, "board:a1");
        if (l.id == "board:m1") {
            kept_mirror = true;
            ASSERT_EQ(l.merged.size(), 1u);
            EXPECT_EQ(l.merged[0].id, "board:a1");
        }
    }
    EXPECT_TRUE(kept_mirror);
}

// A board that answers its first page and then trickles: the source's time budget ends it,
// keeping the page it read, long before the slow page's own timeouts (10 s here, 60 s live).
TEST_F(RefreshRunnerTest, ASourceThatOutrunsItsTimeBudgetKeepsWhatItRead) {
    options_.source_time_budget = 1500ms;
    auto started = std::chrono::steady_clock::now();
    auto report = run({source("board", "trickle", {{"start", "/then-slow"}})});
    auto took = std::chrono::steady_clock::now() - started;
    const auto& o = outcome(report, "board:trickle");
    EXPECT_EQ(o.progress.state, SourceState::Partial);
    EXPECT_EQ(o.completeness, RefreshCompleteness::Partial);
    ASSERT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(o.listings[0].title, "Vision Engineer");
    EXPECT_EQ(o.progress.error,
              "source board:trickle: stopped after 2 s, the time one source's refresh may take; "
              "1 page read (the rest comes with the next refresh)");
    // Generous: only a budget that did not hold reaches the slow page's 10 s.
    EXPECT_LT(took, 8s);
}

// The source's own budget (sources.json `time_budget_seconds`) replaces the refresh's.
TEST_F(RefreshRunnerTest, ASourcesOwnTimeBudgetReplacesTheDefault) {
    options_.source_time_budget = 60s;
    RefreshSource s = source("board", "trickle", {{"start", "/then-slow"}});
    s.config.time_budget_seconds = 1;
    auto started = std::chrono::steady_clock::now();
    auto report = run({s});
    auto took = std::chrono::steady_clock::now() - started;
    const auto& o = outcome(report, "board:trickle");
    EXPECT_EQ(o.progress.state, SourceState::Partial);
    ASSERT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(o.progress.error,
              "source board:trickle: stopped after 1 s, the time one source's refresh may take; "
              "1 page read (the rest comes with the next refresh)");
    EXPECT_LT(took, 8s);
}

TEST_F(RefreshRunnerTest, CancelFromAnotherThreadEndsASlowSourceAtOnce) {
    RefreshRunner runner(fetcher_, nullptr, options_);
    fetch::CancelToken cancel;
    std::mutex m;
    std::condition_variable cv;
    bool slow_fetching = false;
    std::optional<std::chrono::steady_clock::time_point> cancelled_at;
    std::thread canceller([&] {
        std::unique_lock lock(m);
        // A generous limit so a broken pipeline fails the test instead of hanging it.
        cv.wait_for(lock, 60s, [&] { return slow_fetching; });
        cancelled_at = std::chrono::steady_clock::now();
        cancel.cancel();
    });
    auto report = runner.run(
        {source("board"), source("board", "slow", {{"start", "/slow"}})},
        [&](const SourceProgress& p) {
            if (p.source == "board:slow" && p.state == SourceState::Fetching) {
                std::lock_guard lock(m);
                slow_fetching = true;
                cv.notify_all();
            }
        },
        cancel);
    auto returned_at = std::chrono::steady_clock::now();
    canceller.join();
    ASSERT_TRUE(cancelled_at.has_value());
    EXPECT_LE(returned_at - *cancelled_at, 1500ms);
    std::cout << "[ NOTE     ] returned "
              << std::chrono::duration_cast<std::chrono::milliseconds>(returned_at - *cancelled_at)
                     .count()
              << " ms after the cancel\n";

    const auto& slow = outcome(report, "board:slow");
    EXPECT_EQ(slow.progress.state, SourceState::Cancelled);
    EXPECT_EQ(slow.progress.error, "cancelled");
    EXPECT_EQ(slow.completeness, RefreshCompleteness::Failed);
    EXPECT_FALSE(report.all_succeeded());
}

TEST_F(RefreshRunnerTest, ACancelBeforeTheRunStartsEndsEverySourceCancelled) {
    RefreshRunner runner(fetcher_, nullptr, options_);
    fetch::CancelToken cancel;
    cancel.cancel();
    auto report = runner.run({source("board"), source("crashy")}, {}, cancel);
    for (const auto& o : report.sources) {
        EXPECT_EQ(o.progress.state, SourceState::Cancelled) << o.progress.source;
        EXPECT_EQ(o.progress.pages, 0) << o.progress.source;
    }
    EXPECT_EQ(platforms_->hits("jobs.test-a.example/jobs"), 0);
}

TEST_F(RefreshRunnerTest, ThePageLimitGivesAPartialResult) {
    options_.max_pages = 2;
    ProgressLog log;
    auto report = run({source("board")}, &log);
    const auto& board = outcome(report, "board");
    EXPECT_EQ(board.progress.state, SourceState::Partial);
    EXPECT_EQ(board.completeness, RefreshCompleteness::Partial);
    EXPECT_TRUE(board.page_limited);
    EXPECT_EQ(board.progress.pages, 2);
    EXPECT_EQ(board.listings.size(), 3u);
    EXPECT_EQ(board.progress.error, "stopped after 2 pages (page limit)");
    EXPECT_EQ(platforms_->hits("jobs.test-a.example/jobs"), 2);
    EXPECT_EQ(log.states("board").back(), SourceState::Partial);
    // What came is kept, but the run is not a failure of the source.
    EXPECT_EQ(report.listings.size(), 3u);
}

TEST_F(RefreshRunnerTest, ASecondRunAnsweredWith304IsNotModifiedAndKeepsItsListings) {
    fetch::FetcherOptions fo;
    fo.http_cache_dir = dir_.path() / "http-cache";
    fetch::Fetcher cached(fo);
    fetch::CancelToken cancel;
    RefreshRunner runner(cached, nullptr, options_);
    auto etag = source("board", "etag", {{"start", "/etag"}});

    auto first = runner.run({etag}, {}, cancel);
    EXPECT_EQ(outcome(first, "board:etag").completeness, RefreshCompleteness::Complete);
    EXPECT_EQ(outcome(first, "board:etag").listings.size(), 1u);
    EXPECT_EQ(platforms_->not_modified_answers(), 0);

    auto second = runner.run({etag}, {}, cancel);
    const auto& o = outcome(second, "board:etag");
    EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
    EXPECT_EQ(o.completeness, RefreshCompleteness::NotModified);
    ASSERT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(o.listings[0].id, "board:e1");
    EXPECT_EQ(platforms_->not_modified_answers(), 1);
    EXPECT_EQ(platforms_->hits("jobs.test-a.example/etag"), 2);
}

TEST_F(RefreshRunnerTest, ASecretSettingComesFromItsEnvironmentVariable) {
    ASSERT_EQ(::setenv("GIGSCOUT_KEYED_GOOD_TOKEN", "s3cret", 1), 0);
    ::unsetenv("GIGSCOUT_KEYED_MISSING_TOKEN");
    options_.secret = [](const std::string& source,
                         const std::string& key) -> std::optional<std::string> {
        if (source == "keyed:keyring" && key == "token") {
            return "s3cret";
        }
        return std::nullopt;
    };
    auto report =
        run({source("keyed", "good", {{"query", "opencv"}}), source("keyed", "missing"),
             source("keyed", "keyring"), source("keyed", "infile", {{"token", "s3cret"}})});
    ::unsetenv("GIGSCOUT_KEYED_GOOD_TOKEN");

    // The server answers 401 unless the header carries the token.
    const auto& good = outcome(report, "keyed:good");
    EXPECT_EQ(good.progress.state, SourceState::Done) << good.progress.error;
    ASSERT_EQ(good.listings.size(), 1u);
    EXPECT_EQ(good.listings[0].description, "Needs opencv.");

    const auto& keyring = outcome(report, "keyed:keyring");
    EXPECT_EQ(keyring.progress.state, SourceState::Done) << keyring.progress.error;

    const auto& missing = outcome(report, "keyed:missing");
    EXPECT_EQ(missing.progress.state, SourceState::Failed);
    EXPECT_EQ(missing.progress.error,
              "source keyed:missing: needs its secret setting `token` (API token): set "
              "GIGSCOUT_KEYED_MISSING_TOKEN or store it in the keyring");
    EXPECT_EQ(missing.progress.pages, 0);

    const auto& infile = outcome(report, "keyed:infile");
    EXPECT_EQ(infile.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(infile.progress.error,
                         "secret setting `token` must not be written in sources.json; set "
                         "GIGSCOUT_KEYED_INFILE_TOKEN"))
        << infile.progress.error;
    EXPECT_EQ(platforms_->hits("jobs.test-f.example/keyed"), 2);
}

TEST_F(RefreshRunnerTest, ASettingTheManifestDoesNotKnowOrCannotReadFailsTheSourceNamingIt) {
    auto report = run({source("board", "typo", {{"strat", "/jobs"}}),
                       source("board", "badnum", {{"limit", "many"}}),
                       source("board", "goodnum", {{"limit", "25"}})});
    const auto& typo = outcome(report, "board:typo");
    EXPECT_EQ(typo.progress.state, SourceState::Failed);
    EXPECT_EQ(typo.progress.error,
              "source board:typo: setting `strat` is not one of plugin board's settings");
    const auto& badnum = outcome(report, "board:badnum");
    EXPECT_EQ(badnum.progress.state, SourceState::Failed);
    EXPECT_EQ(badnum.progress.error,
              "source board:badnum: setting `limit`: expected a number, got \"many\"");
    EXPECT_EQ(outcome(report, "board:goodnum").progress.state, SourceState::Done);
}

TEST_F(RefreshRunnerTest, APluginSetsUserAgentOnlyToTheSettingItsManifestDeclares) {
    const std::string email = "me@example.org";
    auto report =
        run({source("contact", "declared", {{"email", " " + email + " "}}),
             source("contact", "other", {{"email", email}, {"send", "Mozilla/5.0"}}),
             source("contact", "unset"), source("nocontact", "undeclared", {{"email", email}})});
    auto sent = [&](const std::string& id) {
        const auto& o = outcome(report, id);
        EXPECT_EQ(o.progress.state, SourceState::Done) << id << ": " << o.progress.error;
        return o.listings.size() == 1 ? o.listings[0].description : "(no listing)";
    };
    auto dropped = [&](const std::string& id) {
        const auto& o = outcome(report, id);
        return std::find(o.problems.begin(), o.problems.end(),
                         "source " + id +
                             ": header `User-Agent` is set by GigScout; the plugin's value was "
                             "not sent") != o.problems.end();
    };
    EXPECT_EQ(sent("contact:declared"), email);
    EXPECT_FALSE(dropped("contact:declared"));
    // Declared, but not the setting's value: the host's own goes, and the user is told.
    EXPECT_EQ(sent("contact:other"), fetch::default_user_agent());
    EXPECT_TRUE(dropped("contact:other"));
    EXPECT_EQ(sent("contact:unset"), fetch::default_user_agent());
    EXPECT_EQ(sent("nocontact:undeclared"), fetch::default_user_agent());
    EXPECT_TRUE(dropped("nocontact:undeclared"));
}

TEST_F(RefreshRunnerTest, MinRefreshIntervalSkipsASecondRunUnlessForced) {
    fetch::RefreshLedger ledger(dir_.path() / "ledger.json");
    auto first = run({source("polite")}, nullptr, &ledger);
    EXPECT_EQ(outcome(first, "polite").progress.state, SourceState::Done);
    EXPECT_TRUE(ledger.last_refresh("polite").has_value());

    auto second = run({source("polite")}, nullptr, &ledger);
    const auto& skipped = outcome(second, "polite");
    EXPECT_EQ(skipped.progress.state, SourceState::Skipped);
    EXPECT_TRUE(contains(skipped.progress.error,
                         "Polite board allows a refresh every 60 min; "
                         "next one at "))
        << skipped.progress.error;
    EXPECT_TRUE(skipped.listings.empty());
    EXPECT_TRUE(second.all_succeeded());  // waiting is not failing
    EXPECT_EQ(platforms_->hits("jobs.test-g.example/jobs"), 1);

    options_.ignore_min_interval = true;
    auto forced = run({source("polite")}, nullptr, &ledger);
    EXPECT_EQ(outcome(forced, "polite").progress.state, SourceState::Done);
    EXPECT_EQ(platforms_->hits("jobs.test-g.example/jobs"), 2);
}

// A deprecated plugin still runs, and the refresh says so where the user reads its outcome
// (fetch's table, the app's sources), not only in `plugin check`.
TEST_F(RefreshRunnerTest, ADeprecatedPluginRunsAndItsOutcomeSaysSo) {
    auto report = run({source("retired")});
    const auto& o = outcome(report, "retired");
    EXPECT_EQ(o.progress.state, SourceState::Done);
    EXPECT_FALSE(o.listings.empty());
    ASSERT_FALSE(o.problems.empty());
    EXPECT_EQ(o.problems.front(),
              "plugin retired is deprecated: the board moved to a new API; use the `board` plugin");
}

TEST_F(RefreshRunnerTest, AFailedRefreshDoesNotCountForTheMinimumInterval) {
    fetch::RefreshLedger ledger(dir_.path() / "ledger.json");
    auto report = run({source("crashy")}, nullptr, &ledger);
    EXPECT_EQ(outcome(report, "crashy").progress.state, SourceState::Failed);
    EXPECT_FALSE(ledger.last_refresh("crashy").has_value());
}

TEST_F(RefreshRunnerTest, AMissingPluginFileFailsItsSourceWithTheFileName) {
    RefreshSource s = source("board", "gone");
    s.plugin_path = dir_.path() / "nowhere.lua";
    auto report = run({s, source("board")});
    const auto& gone = outcome(report, "board:gone");
    EXPECT_EQ(gone.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(gone.progress.error, "nowhere.lua")) << gone.progress.error;
    EXPECT_EQ(outcome(report, "board").progress.state, SourceState::Done);
}

}  // namespace
}  // namespace gigscout
