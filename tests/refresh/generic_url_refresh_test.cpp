// The generic plugins (plugins/rss/, plugins/jobposting/) added by URL alone, end to end:
// each source reaches the host of its own `url` setting (manifest `hosts_from_settings`) and
// nothing else. A real HTTPS server on 127.0.0.1 answers for the feeds' host names
// (FetchPolicy::connect_to, TLS verified against a test CA); the plugins run in their real
// sandbox workers.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "base/iso_time.h"
#include "refresh/refresh_runner.h"
#include "refresh_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::contains;
using testing::outcome;
using testing::TempDir;

const std::string kBoard = "feeds.example-board.test";        // RSS 2.0
const std::string kSecond = "jobs.second-board.test";         // Atom
const std::string kMoved = "feeds.moved-board.test";          // redirects to kBoard
const std::string kCompany = "careers.example-company.test";  // schema.org JobPosting
const std::vector<std::string> kHosts = {kBoard, kSecond, kMoved, kCompany};

const char* kRssBody = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Example Board: jobs</title>
    <link>https://feeds.example-board.test/</link>
    <description>New jobs</description>
    <item>
      <title>Computer Vision Engineer</title>
      <link>https://feeds.example-board.test/jobs/101</link>
      <guid isPermaLink="false">job-101</guid>
      <pubDate>Mon, 24 Nov 2025 09:00:00 GMT</pubDate>
      <author>Acme Vision</author>
      <category>opencv</category>
      <description>&lt;p&gt;Build &lt;b&gt;OpenCV&lt;/b&gt; and PyTorch pipelines.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Robotics Perception Engineer</title>
      <link>/jobs/102</link>
      <guid isPermaLink="false">job-102</guid>
      <pubDate>Sun, 23 Nov 2025 15:30:00 GMT</pubDate>
      <description>ROS and C++ on embedded boards.</description>
    </item>
  </channel>
</rss>
)";

const char* kAtomBody = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Second Board</title>
  <id>urn:second-board:jobs</id>
  <updated>2025-11-24T10:00:00Z</updated>
  <entry>
    <title>Image Processing Developer</title>
    <link href="https://jobs.second-board.test/jobs/7"/>
    <id>urn:second-board:job:7</id>
    <published>2025-11-24T10:00:00Z</published>
    <updated>2025-11-24T10:00:00Z</updated>
    <author><name>Pixel Works</name></author>
    <summary>Classic image processing in C++ with OpenCV.</summary>
  </entry>
</feed>
)";

const char* kCareersBody = R"(<!doctype html>
<html><head><title>Careers at Example Company</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "JobPosting", "title": "Machine Learning Engineer",
   "url": "/jobs/ml-1", "identifier": {"@type": "PropertyValue", "value": "ml-1"},
   "datePosted": "2025-11-20", "description": "<p>Train <b>PyTorch</b> models.</p>",
   "hiringOrganization": {"@type": "Organization", "name": "Example Company"},
   "jobLocationType": "TELECOMMUTE",
   "applicantLocationRequirements": {"@type": "Country", "name": "Germany"},
   "employmentType": "FULL_TIME",
   "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
                  "value": {"@type": "QuantitativeValue", "minValue": 70000,
                            "maxValue": 90000, "unitText": "YEAR"}}},
  {"@type": "JobPosting", "title": "Embedded Vision Developer",
   "url": "https://careers.example-company.test/jobs/ev-2", "identifier": "ev-2",
   "datePosted": "2025-11-21", "description": "C++ on ARM boards.",
   "hiringOrganization": "Example Company",
   "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                   "addressLocality": "Munich", "addressCountry": "DE"}},
   "employmentType": "CONTRACTOR"}
]}
</script></head>
<body><h1>Open roles</h1></body></html>
)";

// What each board answers; the server counts the requests.
void serve_boards(const std::string& host, const httplib::Request& req, httplib::Response& res) {
    if (host == kBoard && req.path == "/jobs.rss") {
        res.set_content(kRssBody, "application/rss+xml; charset=utf-8");
    } else if (host == kSecond && req.path == "/feed.atom") {
        res.set_content(kAtomBody, "application/atom+xml; charset=utf-8");
    } else if (host == kMoved && req.path == "/jobs.rss") {
        // A board that "moved" to another source's host.
        res.status = 301;
        res.set_header("Location", "https://" + kBoard + "/jobs.rss");
    } else if (host == kCompany && req.path == "/jobs") {
        res.set_content(kCareersBody, "text/html; charset=utf-8");
    } else {
        res.status = 404;
        res.set_content("not here", "text/plain; charset=utf-8");
    }
}

RefreshSource rss(const std::string& instance, const std::string& url,
                  std::map<std::string, std::string> more = {}) {
    more["url"] = url;
    return testing::make_source(testing::source_dir() / "plugins" / "rss", "rss", instance,
                                std::move(more));
}

const Listing* listing(const SourceOutcome& o, const std::string& id) {
    for (const auto& l : o.listings) {
        if (l.id == id) {
            return &l;
        }
    }
    ADD_FAILURE() << "source " << o.progress.source << " has no listing " << id;
    return nullptr;
}

class GenericUrlRefresh : public ::testing::Test {
  protected:
    void SetUp() override {
        pki_ = testing::make_test_pki(dir_.path() / "pki", kHosts);
        boards_ = std::make_unique<testing::VirtualHosts>(pki_.server, kHosts, serve_boards);
        options_.policy.connect_to = boards_->connect_to();
        options_.policy.ca_file = pki_.ca_cert.string();
        options_.policy.max_attempts = 1;
        options_.policy.total_timeout_ms = 30'000;
        options_.requests_per_minute = 0;  // the plugins' 6/min would make this take a minute
        options_.now = *parse_iso8601("2025-11-25T12:00:00Z");
    }

    RefreshReport run(const std::vector<RefreshSource>& sources) {
        RefreshRunner runner(fetcher_, nullptr, options_);
        fetch::CancelToken cancel;
        return runner.run(sources, {}, cancel);
    }

    TempDir dir_;
    testing::TestPki pki_;
    std::unique_ptr<testing::VirtualHosts> boards_;
    fetch::Fetcher fetcher_;
    RefreshOptions options_;
};

TEST_F(GenericUrlRefresh, EachSourceReachesItsOwnUrlsHostAndNoOther) {
    auto report = run({
        rss("board", "https://" + kBoard + "/jobs.rss"),
        rss("second", "https://" + kSecond + "/feed.atom", {{"remote", "true"}}),
        rss("moved", "https://" + kMoved + "/jobs.rss"),
        testing::make_source(testing::source_dir() / "plugins" / "jobposting", "jobposting",
                             "company", {{"url", "https://" + kCompany + "/jobs"}}),
        // A request to another host than its url's, in the plugin's own requests().
        testing::make_source(testing::tests_dir() / "refresh" / "plugins" / "byurl.lua", "byurl",
                             "offhost",
                             {{"url", "https://" + kCompany + "/jobs"},
                              {"also", "https://" + kBoard + "/jobs.rss"}}),
    });
    ASSERT_EQ(report.sources.size(), 5u);

    // The RSS feed, by URL alone.
    const auto& board = outcome(report, "rss:board");
    EXPECT_EQ(board.progress.state, SourceState::Done) << board.progress.error;
    EXPECT_EQ(board.completeness, RefreshCompleteness::Complete);
    EXPECT_EQ(board.progress.pages, 1);
    ASSERT_EQ(board.listings.size(), 2u);
    if (const Listing* l = listing(board, "rss:job-101")) {
        EXPECT_EQ(l->title, "Computer Vision Engineer");
        EXPECT_EQ(l->url, "https://feeds.example-board.test/jobs/101");
        EXPECT_EQ(l->company, "Acme Vision");
        EXPECT_EQ(l->description, "Build OpenCV and PyTorch pipelines.");
        EXPECT_EQ(l->source, "rss:board");
        EXPECT_EQ(l->posted_at, *parse_iso8601("2025-11-24T09:00:00Z"));
    }
    if (const Listing* l = listing(board, "rss:job-102")) {
        EXPECT_EQ(l->url, "https://feeds.example-board.test/jobs/102");  // resolved
    }

    // A second source of the same plugin, another URL on another host.
    const auto& second = outcome(report, "rss:second");
    EXPECT_EQ(second.progress.state, SourceState::Done) << second.progress.error;
    ASSERT_EQ(second.listings.size(), 1u);
    EXPECT_EQ(second.listings[0].id, "rss:urn:second-board:job:7");
    EXPECT_EQ(second.listings[0].url, "https://jobs.second-board.test/jobs/7");
    EXPECT_EQ(second.listings[0].company, "Pixel Works");
    EXPECT_EQ(second.listings[0].remote, true);

    // A redirect to a host this source was not configured with is refused, even though another
    // source of the same plugin may reach it.
    const auto& moved = outcome(report, "rss:moved");
    EXPECT_EQ(moved.progress.state, SourceState::Failed);
    EXPECT_TRUE(moved.listings.empty());
    EXPECT_EQ(moved.progress.error,
              "source rss:moved: GET https://feeds.moved-board.test/jobs.rss: redirect to "
              "https://feeds.example-board.test/jobs.rss refused: host "
              "`feeds.example-board.test` is not on this source's allowed hosts "
              "(feeds.moved-board.test)");

    // schema.org JobPosting data, by URL alone.
    const auto& company = outcome(report, "jobposting:company");
    EXPECT_EQ(company.progress.state, SourceState::Done) << company.progress.error;
    ASSERT_EQ(company.listings.size(), 2u);
    if (const Listing* l = listing(company, "jobposting:careers.example-company.test/ml-1")) {
        EXPECT_EQ(l->title, "Machine Learning Engineer");
        EXPECT_EQ(l->url, "https://careers.example-company.test/jobs/ml-1");
        EXPECT_EQ(l->company, "Example Company");
        EXPECT_EQ(l->remote, true);
        EXPECT_EQ(l->location, "Germany");
        ASSERT_TRUE(l->budget.has_value());
        EXPECT_EQ(l->budget->min, 70000.0);
        EXPECT_EQ(l->budget->max, 90000.0);
        EXPECT_EQ(l->budget->currency, "EUR");
    }
    if (const Listing* l = listing(company, "jobposting:careers.example-company.test/ev-2")) {
        EXPECT_EQ(l->location, "Munich, DE");
        EXPECT_EQ(l->job_type, JobType::Contract);
    }

    // A request the plugin builds for another host is refused before anything is sent.
    const auto& offhost = outcome(report, "byurl:offhost");
    EXPECT_EQ(offhost.progress.state, SourceState::Failed);
    EXPECT_EQ(offhost.progress.pages, 0);
    EXPECT_EQ(offhost.progress.error,
              "plugin byurl: requests(): request 2: url "
              "\"https://feeds.example-board.test/jobs.rss\" is not allowed: host "
              "feeds.example-board.test is not in the plugin's hosts (the plugin declares none) "
              "nor the host of this source's setting `url` (careers.example-company.test)");

    // What reached the server: each feed once, from its own source alone.
    EXPECT_EQ(boards_->hits(kBoard + "/jobs.rss"), 1);
    EXPECT_EQ(boards_->hits(kSecond + "/feed.atom"), 1);
    EXPECT_EQ(boards_->hits(kMoved + "/jobs.rss"), 1);
    EXPECT_EQ(boards_->hits(kCompany + "/jobs"), 1);
    EXPECT_EQ(report.listings.size(), 5u);
}

TEST_F(GenericUrlRefresh, AUrlSettingThatIsNotAnAddressFailsItsSourceNamingTheSetting) {
    auto report =
        run({rss("typo", kBoard + "/jobs.rss"), rss("board", "https://" + kBoard + "/jobs.rss")});
    const auto& typo = outcome(report, "rss:typo");
    EXPECT_EQ(typo.progress.state, SourceState::Failed);
    EXPECT_EQ(typo.progress.pages, 0);
    EXPECT_EQ(typo.progress.error,
              "source rss:typo: setting `url`: expected an http or https URL with a host name "
              "(the only host this source may reach besides the plugin's own), got "
              "\"feeds.example-board.test/jobs.rss\"");
    const auto& board = outcome(report, "rss:board");
    EXPECT_EQ(board.progress.state, SourceState::Done) << board.progress.error;
    EXPECT_EQ(board.listings.size(), 2u);
    EXPECT_EQ(boards_->hits(kBoard + "/jobs.rss"), 1);
}

TEST_F(GenericUrlRefresh, ALocalAddressStaysRefusedUnlessTheSourceAllowsIt) {
    auto report = run({rss("local", "https://127.0.0.1/jobs.rss")});
    const auto& local = outcome(report, "rss:local");
    EXPECT_EQ(local.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(local.progress.error,
                         "source rss:local: GET https://127.0.0.1/jobs.rss: host `127.0.0.1` is "
                         "a loopback address"))
        << local.progress.error;
}

}  // namespace
}  // namespace gigscout
