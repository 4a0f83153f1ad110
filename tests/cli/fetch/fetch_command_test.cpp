// gigscout-cli fetch, run as a user runs it: the real binary with its real plugin workers, the
// test plugins of tests/refresh/plugins/ (GIGSCOUT_PLUGINS) sent to a real HTTPS server on
// 127.0.0.1 (--connect-to, --ca-file), a real data directory (--data-dir) with its
// config/sources.json and SQLite store. Exit codes and output: docs/cli.md.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "fetch/support/test_http_server.h"
#include "fetch/support/test_pki.h"
#include "run_cli.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using namespace std::chrono_literals;
using testing::CliResult;
using testing::TempDir;
using testing::TestHttpServer;
using testing::write_file;

const std::vector<std::string> kHosts = {"jobs.test-a.example", "jobs.test-c.example",
                                         "jobs.test-f.example", "jobs.test-g.example"};

std::string job(const std::string& id, const std::string& title, const std::string& company,
                const std::string& path, const std::string& description) {
    return R"({"id":")" + id + R"(","title":")" + title + R"(","company":")" + company +
           R"(","url":"https://jobs.test-a.example)" + path + R"(","description":")" + description +
           R"(","tags":["python"]})";
}

std::string page(const std::string& jobs, const std::string& next) {
    return R"({"jobs":[)" + jobs + R"(],"next":)" + (next.empty() ? "null" : "\"" + next + "\"") +
           "}";
}

// The platforms of the test plugins: board (three pages at /jobs, HTTP 500 at /down, a
// cross-posted copy at /mirror), crashy, keyed (checks its token header) and polite.
class Platforms {
  public:
    explicit Platforms(const testing::TlsIdentity& tls)
        : server_(TestHttpServer::Options{"127.0.0.1", 16, tls}) {
        server_.http().Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
            const std::string json = "application/json";
            std::string host = req.get_header_value("Host");
            if (host == "jobs.test-a.example" && req.path == "/jobs") {
                std::string n = req.get_param_value("page");
                if (n == "1") {
                    res.set_content(
                        page(job("a1", "Computer Vision Engineer", "Acme Vision", "/job/a1",
                                 "Build OpenCV and PyTorch pipelines for robots.") +
                                 "," +
                                 job("a2", "Robotics Perception Engineer", "Acme Vision", "/job/a2",
                                     "ROS and C++ on embedded boards."),
                             "/jobs?page=2"),
                        json);
                } else if (n == "2") {
                    res.set_content(page(job("a3", "Image Processing Developer", "Pixel Works",
                                             "/job/a3", "Classic image processing with OpenCV."),
                                         "/jobs?page=3"),
                                    json);
                } else {
                    res.set_content(page(job("a4", "Data Labeling Lead", "Label Co", "/job/a4",
                                             "Run a team that labels images."),
                                         ""),
                                    json);
                }
            } else if (host == "jobs.test-a.example" && req.path == "/mirror") {
                res.set_content(
                    page(job("m1", "Computer Vision Engineer", "Acme Vision Inc.", "/mirror/m1",
                             "Build OpenCV and PyTorch pipelines for robots."),
                         ""),
                    json);
            } else if (host == "jobs.test-a.example" && req.path == "/down") {
                res.status = 500;
                res.set_content("maintenance", "text/plain; charset=utf-8");
            } else if (host == "jobs.test-c.example") {
                res.set_content("{}", json);
            } else if (host == "jobs.test-f.example" &&
                       req.get_header_value("X-Api-Token") == "s3cret") {
                res.set_content(
                    page(job("k1", "Keyed Vision Job", "Key Corp", "/k1", "Vision."), ""), json);
            } else if (host == "jobs.test-g.example") {
                res.set_content(page(job("p1", "Polite Job", "Polite Ltd", "/p1", "Hello."), ""),
                                json);
            } else {
                res.status = host == "jobs.test-f.example" ? 401 : 404;
            }
        });
        server_.start();
    }
    int port() const { return server_.port(); }

  private:
    TestHttpServer server_;
};

class FetchCommandTest : public ::testing::Test {
  protected:
    void SetUp() override {
        pki_ = testing::make_test_pki(dir_.path() / "pki", kHosts);
        platforms_ = std::make_unique<Platforms>(pki_.server);
        data_ = dir_.path() / "data";
    }

    void write_sources(const std::string& json) {
        write_file(data_ / "config" / "sources.json", json);
    }

    // gigscout-cli ARGS with the test plugins and no keyring.
    CliResult cli(const std::vector<std::string>& args, std::vector<std::string> env = {}) {
        env.push_back("-DBUS_SESSION_BUS_ADDRESS");
        env.push_back("GIGSCOUT_PLUGINS=" +
                      (testing::tests_dir() / "refresh" / "plugins").string());
        return testing::run_gigscout_cli(args, "", env);
    }

    // `fetch` with the server's routing and CA, plus `extra`.
    CliResult fetch(std::vector<std::string> extra, std::vector<std::string> env = {}) {
        std::vector<std::string> args = {"fetch",      "--data-dir", data_.string(),
                                         "--force",    "--ca-file",  pki_.ca_cert.string(),
                                         "--attempts", "1"};
        for (const auto& h : kHosts) {
            args.push_back("--connect-to");
            args.push_back(h + ":443:127.0.0.1:" + std::to_string(platforms_->port()));
        }
        args.insert(args.end(), extra.begin(), extra.end());
        return cli(args, env);
    }

    TempDir dir_;
    testing::TestPki pki_;
    std::unique_ptr<Platforms> platforms_;
    std::filesystem::path data_;
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The line of the per-source summary that starts with `source` and a space.
std::string summary_line(const std::string& out, const std::string& source) {
    std::size_t at = 0;
    while (at < out.size()) {
        std::size_t end = out.find('\n', at);
        std::string line = out.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (line.rfind(source + " ", 0) == 0) {
            return line;
        }
        if (end == std::string::npos) {
            break;
        }
        at = end + 1;
    }
    return "";
}

const std::string kProfile =
    (testing::source_dir() / "resources" / "profiles" / "intermediate-cv-engineer.json").string();

TEST_F(FetchCommandTest, HelpExitsZeroAndNamesTheOptions) {
    auto r = cli({"fetch", "--help"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "--source")) << r.out;
    EXPECT_TRUE(contains(r.out, "--json")) << r.out;
    EXPECT_TRUE(contains(r.out, "--profile")) << r.out;
}

TEST_F(FetchCommandTest, AnUnknownSourceIsAUsageError) {
    write_sources(R"({"sources": [{"plugin": "board"}]})");
    auto r = fetch({"--source", "nope"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "gigscout-cli fetch: no configured source named `nope` (see " +
                                    (data_ / "config" / "sources.json").string() + ")"))
        << r.err;
}

TEST_F(FetchCommandTest, AnUnknownSourceNamesTheConfiguredOnes) {
    write_sources(R"({"sources": [{"plugin": "board"}, {"plugin": "polite"}]})");
    auto r = fetch({"--source", "board", "--source", "nope"});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "the configured sources are: board, polite")) << r.err;
    EXPECT_EQ(r.out, "") << "nothing ran";
}

TEST_F(FetchCommandTest, SourceRunsExactlyTheSourcesNamed) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "mirror",
                                   "settings": {"start": "/mirror"}},
                                  {"plugin": "polite"}]})");
    auto one = fetch({"--source", "board:mirror"});
    EXPECT_EQ(one.code, 0) << one.out << one.err;
    EXPECT_NE(summary_line(one.out, "board:mirror"), "") << one.out;
    EXPECT_EQ(summary_line(one.out, "board"), "") << one.out;
    EXPECT_EQ(summary_line(one.out, "polite"), "") << one.out;

    auto two = fetch({"--source", "polite", "--source", "board"});
    EXPECT_EQ(two.code, 0) << two.out << two.err;
    EXPECT_NE(summary_line(two.out, "polite"), "") << two.out;
    EXPECT_NE(summary_line(two.out, "board"), "") << two.out;
    EXPECT_EQ(summary_line(two.out, "board:mirror"), "") << two.out;
}

TEST_F(FetchCommandTest, TheRankingPrintedIsTheOneListShowsRightAfter) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "mirror",
                                   "settings": {"start": "/mirror"}}]})");
    auto f = fetch({"--json", "--profile", kProfile});
    ASSERT_EQ(f.code, 0) << f.err;
    auto l = cli({"--data-dir", data_.string(), "list", "--json", "--all", "--profile", kProfile});
    ASSERT_EQ(l.code, 0) << l.err;
    auto fetched = json::parse(f.out, "fetch");
    auto listed = json::parse(l.out, "list");
    ASSERT_TRUE(fetched.ok() && listed.ok()) << f.out << l.out;
    std::vector<std::pair<std::string, int>> from_fetch;
    for (const auto& e : fetched.value()["listings"].GetArray()) {
        from_fetch.emplace_back(e["listing"]["id"].GetString(), e["score"].GetInt());
    }
    std::vector<std::pair<std::string, int>> from_list;
    for (const auto& e : listed.value().GetArray()) {
        from_list.emplace_back(e["id"].GetString(), e["score"].GetInt());
    }
    ASSERT_EQ(from_fetch.size(), 4u) << f.out;
    EXPECT_EQ(from_fetch, from_list);
}

TEST_F(FetchCommandTest, SourceListShowsEachSourcesHealthAndDisableTakesOneOut) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "down",
                                   "settings": {"start": "/down"}}]})");
    auto before = cli({"--data-dir", data_.string(), "source", "list"});
    ASSERT_EQ(before.code, 0) << before.err;
    EXPECT_TRUE(contains(summary_line(before.out, "board"), "never refreshed")) << before.out;

    ASSERT_EQ(fetch({}).code, 4);
    auto after = cli({"--data-dir", data_.string(), "source", "list"});
    ASSERT_EQ(after.code, 0) << after.err;
    std::string ok = summary_line(after.out, "board");
    EXPECT_TRUE(contains(ok, " ok ")) << after.out;
    EXPECT_TRUE(contains(ok, "just now")) << after.out;
    std::string down = summary_line(after.out, "board:down");
    EXPECT_TRUE(contains(down, "failing")) << after.out;
    EXPECT_TRUE(contains(down, "HTTP 500")) << "the last error in words: " << after.out;

    auto off = cli({"--data-dir", data_.string(), "source", "disable", "board:down"});
    ASSERT_EQ(off.code, 0) << off.err;
    auto again = fetch({});
    EXPECT_EQ(again.code, 0) << again.out << again.err;
    EXPECT_EQ(summary_line(again.out, "board:down"), "") << "a disabled source does not run";

    auto nope = cli({"--data-dir", data_.string(), "source", "enable", "nope"});
    EXPECT_EQ(nope.code, 2);
    EXPECT_TRUE(contains(nope.err, "the configured sources are: board, board:down")) << nope.err;
}

TEST_F(FetchCommandTest, ThreeFailuresInARowPauseASourceUntilTheUserResumesIt) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "down",
                                   "settings": {"start": "/down"}}]})");
    for (int i = 0; i < 3; ++i) {
        auto r = fetch({});
        ASSERT_EQ(r.code, 4) << r.out << r.err;
        EXPECT_TRUE(contains(summary_line(r.out, "board:down"), "HTTP 500")) << r.out;
    }
    auto list = cli({"--data-dir", data_.string(), "source", "list"});
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_TRUE(contains(summary_line(list.out, "board:down"), "paused after 3 failed"))
        << list.out;
    EXPECT_TRUE(contains(list.out,
                         "    paused after 3 failed refreshes in a row: the site "
                         "answered with a server error: it may be down for now, or it "
                         "changed; resume: gigscout-cli source resume board:down\n"))
        << list.out;
    EXPECT_TRUE(contains(summary_line(list.out, "board"), " ok ")) << list.out;

    // The fourth refresh does not ask the site: the source is skipped with why and what to do.
    auto skipped = fetch({});
    EXPECT_EQ(skipped.code, 0) << skipped.out << skipped.err;
    std::string down = summary_line(skipped.out, "board:down");
    EXPECT_TRUE(contains(down, "skipped")) << skipped.out;
    EXPECT_TRUE(contains(down,
                         "(last error: source board:down: GET "
                         "https://jobs.test-a.example/down: server answered HTTP 500: "
                         "\"maintenance\"); resume it to try again: gigscout-cli source "
                         "resume board:down"))
        << skipped.out;

    auto resumed = cli({"--data-dir", data_.string(), "source", "resume", "board:down"});
    ASSERT_EQ(resumed.code, 0) << resumed.err;
    EXPECT_EQ(resumed.out,
              "resumed board:down: the next refresh runs it (one more failure pauses it again)\n");
    EXPECT_TRUE(contains(
        summary_line(cli({"--data-dir", data_.string(), "source", "list"}).out, "board:down"),
        "failing: 3 refreshes in a row"));
    auto again = fetch({});
    EXPECT_EQ(again.code, 4) << "it ran, and failed again";
    EXPECT_TRUE(contains(summary_line(again.out, "board:down"), "failed")) << again.out;

    auto ok = cli({"--data-dir", data_.string(), "source", "resume", "board"});
    EXPECT_EQ(ok.code, 0);
    EXPECT_EQ(ok.out, "board is not paused; nothing to resume\n");
    auto nope = cli({"--data-dir", data_.string(), "source", "resume", "nope"});
    EXPECT_EQ(nope.code, 2);
    EXPECT_TRUE(contains(nope.err, "the configured sources are: board, board:down")) << nope.err;
}

TEST_F(FetchCommandTest, SourceIntervalSetsASourcesScheduleAndSourceListShowsIt) {
    write_sources(R"({"sources": [{"plugin": "board"}]})");
    auto set = cli({"--data-dir", data_.string(), "source", "interval", "board", "90"});
    ASSERT_EQ(set.code, 0) << set.err;
    EXPECT_TRUE(contains(set.out, "board refreshes every 90 min while the app runs")) << set.out;
    auto file = read_text_file(data_ / "config" / "sources.json");
    ASSERT_TRUE(file.ok());
    EXPECT_TRUE(contains(file.value(), "\"refresh_minutes\": 90")) << file.value();
    EXPECT_TRUE(
        contains(summary_line(cli({"--data-dir", data_.string(), "source", "list"}).out, "board"),
                 "every 90 min, due now"));

    ASSERT_EQ(fetch({}).code, 0);
    auto list = cli({"--data-dir", data_.string(), "source", "list"});
    EXPECT_TRUE(contains(summary_line(list.out, "board"), "every 90 min, next in 90 min"))
        << list.out;

    auto zero = cli({"--data-dir", data_.string(), "source", "interval", "board", "0"});
    EXPECT_EQ(zero.code, 2);
    EXPECT_TRUE(contains(zero.err, "refresh_minutes must be 1 to 10080 (a week), got 0"))
        << zero.err;
    auto words = cli({"--data-dir", data_.string(), "source", "interval", "board", "often"});
    EXPECT_EQ(words.code, 2);
    EXPECT_TRUE(contains(words.err, "expected a number of minutes or `default`, got \"often\""))
        << words.err;
    auto back = cli({"--data-dir", data_.string(), "source", "interval", "board", "default"});
    ASSERT_EQ(back.code, 0) << back.err;
    file = read_text_file(data_ / "config" / "sources.json");
    ASSERT_TRUE(file.ok());
    EXPECT_FALSE(contains(file.value(), "refresh_minutes")) << file.value();
}

TEST_F(FetchCommandTest, ABrokenSourcesFileIsAUsageErrorNamingTheField) {
    write_sources(R"({"sources": [{"plugin": "board", "enabeld": true}]})");
    auto r = fetch({});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(contains(r.err, "sources.json: field `sources[0].enabeld`: unknown field"))
        << r.err;
}

TEST_F(FetchCommandTest, OneFailingSourceExitsFourAndTheOthersAreStillShown) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "down",
                                   "settings": {"start": "/down"}}]})");
    auto r = fetch({});
    EXPECT_EQ(r.code, 4) << r.out << r.err;
    std::string down = summary_line(r.out, "board:down");
    EXPECT_TRUE(contains(down, "failed")) << r.out;
    EXPECT_TRUE(contains(down, "GET https://jobs.test-a.example/down: server answered HTTP 500"))
        << r.out;
    std::string board = summary_line(r.out, "board");
    EXPECT_TRUE(contains(board, " ok ")) << r.out;
    EXPECT_TRUE(contains(board, "    3        4")) << r.out;  // pages, listings
    EXPECT_TRUE(contains(r.out, "4 listings (0 duplicates merged)")) << r.out;
    EXPECT_TRUE(contains(r.out, "Computer Vision Engineer")) << r.out;
    EXPECT_TRUE(contains(r.out, "https://jobs.test-a.example/job/a4")) << r.out;
    // Progress went to stderr.
    EXPECT_TRUE(contains(r.err, "board: fetching page 3")) << r.err;
}

TEST_F(FetchCommandTest, OfflineEverySourceFailsAtOnceWithOneNoNetworkMessage) {
    // Host names that never resolve (.invalid), as every name does without a network.
    write_sources(R"({"sources": [
        {"plugin": "byurl", "instance": "a", "settings": {"url": "https://jobs.nowhere-a.invalid/"}},
        {"plugin": "byurl", "instance": "b", "settings": {"url": "https://jobs.nowhere-b.invalid/"}}]})");
    // The default three attempts: a name that does not resolve is not retried.
    auto r = cli({"fetch", "--data-dir", data_.string(), "--force"});
    EXPECT_EQ(r.code, 4) << r.out << r.err;
    for (const char* source : {"byurl:a", "byurl:b"}) {
        std::string line = summary_line(r.out, source);
        EXPECT_TRUE(contains(line, "failed")) << r.out;
        EXPECT_TRUE(contains(line, "cannot resolve the host name")) << line;
        EXPECT_FALSE(contains(line, "tries")) << line;  // "(gave up after 3 tries)" before
    }
    EXPECT_TRUE(contains(r.err,
                         "gigscout-cli fetch: no network: none of the 2 sources' hosts could be "
                         "reached (host names do not resolve, or there is no route); check this "
                         "machine's connection and run the refresh again\n"))
        << r.err;
    // One source that answers is not "no network".
    write_sources(R"({"sources": [
        {"plugin": "byurl", "instance": "a", "settings": {"url": "https://jobs.nowhere-a.invalid/"}},
        {"plugin": "board"}]})");
    auto mixed = fetch({});
    EXPECT_EQ(mixed.code, 4) << mixed.out << mixed.err;
    EXPECT_FALSE(contains(mixed.err, "no network")) << mixed.err;
}

TEST_F(FetchCommandTest, UpworkWithoutATokenGetsTheHostsMessageAndNoTraceback) {
    write_sources(R"({"sources": [{"plugin": "upwork"}]})");
    // The bundled plugins, no keyring, no token in the environment: nothing is sent.
    auto r = testing::run_gigscout_cli(
        {"fetch", "--data-dir", data_.string(), "--force"}, "",
        {"-DBUS_SESSION_BUS_ADDRESS", "-GIGSCOUT_UPWORK_TOKEN",
         "GIGSCOUT_PLUGINS=" + (testing::source_dir() / "plugins").string()});
    EXPECT_EQ(r.code, 4) << r.out << r.err;
    std::string line = summary_line(r.out, "upwork");
    EXPECT_TRUE(contains(line, "failed")) << r.out;
    EXPECT_TRUE(contains(line,
                         "source upwork: not signed in to Upwork: gigscout-cli source auth "
                         "upwork (or set GIGSCOUT_UPWORK_TOKEN to a token of your own)"))
        << line;
    EXPECT_FALSE(contains(r.out + r.err, "traceback")) << r.out << r.err;
    EXPECT_FALSE(contains(r.out + r.err, "source's settings")) << r.out << r.err;
}

// `source auth` as a user runs it: the address printed, the redirect pasted in a second run
// (its state checked), the tokens kept in the 0600 file; the next `fetch` sends the token the
// platform issued. The platform is plain HTTP on 127.0.0.1; the source allows both.
TEST_F(FetchCommandTest, SourceAuthSignsInFromAPastedRedirectAndTheNextFetchUsesTheToken) {
    TestHttpServer platform;
    std::string issued_for;  // the token request's form, as the platform read it
    platform.http().Post("/token", [&](const httplib::Request& req, httplib::Response& res) {
        issued_for = req.body;
        if (req.get_param_value("code") != "code-1" ||
            req.get_param_value("client_secret") != "csecret-1") {
            res.status = 400;
            res.set_content(R"({"error":"invalid_grant"})", "application/json; charset=utf-8");
            return;
        }
        res.set_content(R"({"access_token":"a-cli","expires_in":86400,"refresh_token":"r-cli"})",
                        "application/json; charset=utf-8");
    });
    platform.http().Get("/jobs", [](const httplib::Request& req, httplib::Response& res) {
        if (req.get_header_value("Authorization") != "Bearer a-cli") {
            res.status = 401;
            return;
        }
        res.set_content(
            R"({"jobs":[{"id":"c1","title":"Vision Engineer","url":"https://x.example/c1"}]})",
            "application/json; charset=utf-8");
    });
    platform.start();
    const std::string base = "http://127.0.0.1:" + std::to_string(platform.port());
    write_file(data_ / "data" / "plugins" / "signed.lua",
               R"(local json = require("json")
return {
  id = "signed", name = "Signed Board", version = "1.0.0", api_version = 1,
  hosts = { "127.0.0.1" },
  oauth2 = { authorize_url = ")" +
                   base + R"(/authorize", token_url = ")" + base +
                   R"(/token" },
  settings = {
    { key = "client_id", label = "Client id", type = "string" },
    { key = "token", label = "Access token", type = "string", secret = true },
  },
  requests = function(ctx)
    return { { url = ")" +
                   base +
                   R"(/jobs", headers = { Authorization = "Bearer " .. ctx.settings.token } } }
  end,
  parse = function(response, ctx)
    local out = {}
    for _, j in ipairs(json.decode(response.body).jobs) do
      out[#out + 1] = { id = j.id, url = j.url, title = j.title }
    end
    return out
  end,
}
)");
    write_sources(R"({"sources": [{"plugin": "signed", "settings": {"client_id": "cid-1"},
                                   "allow_http": true, "allow_private_network": true}]})");

    std::vector<std::string> env = {
        "-DBUS_SESSION_BUS_ADDRESS",
        "GIGSCOUT_PLUGINS=" + (testing::tests_dir() / "refresh" / "plugins").string()};
    // `source list` words the sign-in as the sources dialog does (SourcesDialogModel).
    auto listed =
        testing::run_gigscout_cli({"source", "list", "--data-dir", data_.string()}, "", env);
    ASSERT_EQ(listed.code, 0) << listed.out << listed.err;
    EXPECT_TRUE(contains(listed.out, "\n    not signed in: run gigscout-cli source auth signed\n"))
        << listed.out;

    auto started =
        testing::run_gigscout_cli({"source", "auth", "signed", "--data-dir", data_.string(),
                                   "--no-listen", "--client-secret-stdin"},
                                  "csecret-1\n", env);
    ASSERT_EQ(started.code, 0) << started.out << started.err;
    const auto at = started.out.find(base + "/authorize?response_type=code&client_id=cid-1");
    ASSERT_NE(at, std::string::npos) << started.out;
    const auto state_at = started.out.find("&state=", at);
    ASSERT_NE(state_at, std::string::npos) << started.out;
    const std::string state = started.out.substr(state_at + 7, 43);
    EXPECT_TRUE(contains(started.out, "gigscout-cli source auth signed --code")) << started.out;

    auto forged = testing::run_gigscout_cli(
        {"source", "auth", "signed", "--data-dir", data_.string(), "--code",
         "http://127.0.0.1:8765/callback?code=code-1&state=forged"},
        "", env);
    EXPECT_EQ(forged.code, 2) << forged.out << forged.err;
    EXPECT_TRUE(contains(forged.err, "state does not match")) << forged.err;
    EXPECT_TRUE(issued_for.empty()) << "nothing was asked of the platform";

    auto done = testing::run_gigscout_cli(
        {"source", "auth", "signed", "--data-dir", data_.string(), "--code",
         "http://127.0.0.1:8765/callback?code=code-1&state=" + state},
        "", env);
    ASSERT_EQ(done.code, 0) << done.out << done.err;
    EXPECT_TRUE(contains(done.out, "signed signed in to Signed Board; the access token lasts 24 h"))
        << done.out;
    EXPECT_TRUE(contains(issued_for, "redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback"))
        << issued_for;
    listed = testing::run_gigscout_cli({"source", "list", "--data-dir", data_.string()}, "", env);
    ASSERT_EQ(listed.code, 0) << listed.out << listed.err;
    EXPECT_TRUE(contains(listed.out, "\n    signed in; token expires in 24 h\n")) << listed.out;
    EXPECT_FALSE(contains(listed.out, "not signed in")) << listed.out;
    const std::string sources = testing::read_file(data_ / "config" / "sources.json");
    for (const char* secret : {"a-cli", "r-cli", "csecret-1"}) {
        EXPECT_FALSE(contains(sources, secret)) << sources;
    }

    auto fetched = cli({"fetch", "--data-dir", data_.string(), "--force"});
    EXPECT_EQ(fetched.code, 0) << fetched.out << fetched.err;
    EXPECT_TRUE(contains(summary_line(fetched.out, "signed"), "ok")) << fetched.out;

    // A backup of the whole state carries the source, never its sign-in.
    const auto backup = dir_.path() / "backup.json";
    auto exported = cli({"--data-dir", data_.string(), "export", backup.string()});
    ASSERT_EQ(exported.code, 0) << exported.out << exported.err;
    const std::string backed_up = testing::read_file(backup);
    EXPECT_TRUE(contains(backed_up, "cid-1")) << "the client id is a setting";
    for (const char* secret : {"a-cli", "r-cli", "csecret-1"}) {
        EXPECT_FALSE(contains(backed_up, secret)) << secret;
    }

    // Removing the source forgets its sign-in too.
    const auto secrets_file = data_ / "config" / "secrets.json";
    ASSERT_TRUE(contains(testing::read_file(secrets_file), "r-cli"));
    auto removed = testing::run_gigscout_cli(
        {"source", "remove", "signed", "--data-dir", data_.string()}, "", env);
    ASSERT_EQ(removed.code, 0) << removed.out << removed.err;
    const std::string kept = testing::read_file(secrets_file);
    for (const char* secret : {"a-cli", "r-cli", "csecret-1"}) {
        EXPECT_FALSE(contains(kept, secret)) << secret << " in " << kept;
    }
}

TEST_F(FetchCommandTest, AllSourcesOkExitsZero) {
    write_sources(R"({"sources": [{"plugin": "board"}, {"plugin": "polite"},
                                  {"plugin": "crashy", "enabled": false}]})");
    auto r = fetch({});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "5 listings")) << r.out;
    EXPECT_EQ(summary_line(r.out, "crashy"), "") << "a disabled source ran";
    // --source runs a source even when it is disabled, and only that one.
    auto only = fetch({"--source", "crashy"});
    EXPECT_EQ(only.code, 4);
    EXPECT_TRUE(contains(summary_line(only.out, "crashy"), "plugin crashy: error in parse()"))
        << only.out;
    EXPECT_EQ(summary_line(only.out, "board"), "");
}

TEST_F(FetchCommandTest, JsonHoldsEverySourceAndTheRankedListings) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "mirror",
                                   "settings": {"start": "/mirror"}},
                                  {"plugin": "board", "instance": "down",
                                   "settings": {"start": "/down"}}]})");
    auto r = fetch({"--json", "--profile", kProfile});
    EXPECT_EQ(r.code, 4) << r.err;
    auto doc = json::parse(r.out, "stdout");
    ASSERT_TRUE(doc.ok()) << doc.error().message << "\n" << r.out;
    const auto& d = doc.value();
    ASSERT_TRUE(d.IsObject());
    ASSERT_TRUE(d["sources"].IsArray());
    ASSERT_EQ(d["sources"].Size(), 3u);
    std::map<std::string, const rapidjson::Value*> by_id;
    for (const auto& s : d["sources"].GetArray()) {
        by_id[s["source"].GetString()] = &s;
        EXPECT_TRUE(s["status"].IsString());
        EXPECT_TRUE(s["pages"].IsInt());
        EXPECT_TRUE(s["listings"].IsUint64());
    }
    const auto& board = *by_id.at("board");
    EXPECT_STREQ(board["status"].GetString(), "ok");
    EXPECT_STREQ(board["completeness"].GetString(), "complete");
    EXPECT_EQ(board["pages"].GetInt(), 3);
    EXPECT_EQ(board["listings"].GetUint64(), 4u);
    EXPECT_FALSE(board.HasMember("error"));
    const auto& down = *by_id.at("board:down");
    EXPECT_STREQ(down["status"].GetString(), "failed");
    EXPECT_EQ(down["listings"].GetUint64(), 0u);
    EXPECT_TRUE(contains(down["error"].GetString(), "HTTP 500")) << down["error"].GetString();
    EXPECT_EQ(d["duplicates_merged"].GetUint64(), 1u);

    ASSERT_TRUE(d["listings"].IsArray());
    ASSERT_EQ(d["listings"].Size(), 4u);
    int previous = 101;
    bool previous_filtered = false;
    for (const auto& l : d["listings"].GetArray()) {
        ASSERT_TRUE(l["score"].IsInt());
        bool filtered = l["filtered"].GetBool();
        if (filtered == previous_filtered) {
            EXPECT_LE(l["score"].GetInt(), previous);
        }
        EXPECT_TRUE(!previous_filtered || filtered) << "filtered listings come last";
        previous = l["score"].GetInt();
        previous_filtered = filtered;
        EXPECT_TRUE(l["matched_skills"].IsArray());
        EXPECT_TRUE(l["listing"]["id"].IsString());
    }
    const auto& best = d["listings"][0];
    EXPECT_STREQ(best["listing"]["title"].GetString(), "Computer Vision Engineer");
    EXPECT_TRUE(best["listing"]["merged"].IsArray());
}

TEST_F(FetchCommandTest, WithoutProfileTheActiveStoredProfileRanksTheResult) {
    write_sources(R"({"sources": [{"plugin": "board"}]})");
    auto unranked = fetch({"--json"});
    ASSERT_EQ(unranked.code, 0) << unranked.err;
    auto before = json::parse(unranked.out, "stdout");
    ASSERT_TRUE(before.ok()) << unranked.out;
    ASSERT_GT(before.value()["listings"].Size(), 0u);
    EXPECT_FALSE(before.value()["listings"][0].HasMember("score")) << unranked.out;

    auto add =
        cli({"--data-dir", data_.string(), "profile", "add", "cv", "--starter", "intermediate"});
    ASSERT_EQ(add.code, 0) << add.err;
    auto ranked = fetch({"--json"});
    ASSERT_EQ(ranked.code, 0) << ranked.err;
    auto after = json::parse(ranked.out, "stdout");
    ASSERT_TRUE(after.ok()) << ranked.out;
    const auto& best = after.value()["listings"][0];
    ASSERT_TRUE(best.HasMember("score")) << ranked.out;
    EXPECT_STREQ(best["listing"]["title"].GetString(), "Computer Vision Engineer");

    // The text names skills as `match` does ("OpenCV"), not by id ("opencv").
    auto text = fetch({});
    ASSERT_EQ(text.code, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "matched: ")) << text.out;
    EXPECT_TRUE(contains(text.out, "OpenCV")) << text.out;
    EXPECT_FALSE(contains(text.out, "matched: opencv")) << text.out;
    EXPECT_FALSE(contains(text.out, ", opencv")) << text.out;

    auto missing = fetch({"--profile", "nope"});
    EXPECT_EQ(missing.code, 2);
    EXPECT_TRUE(contains(missing.err, "no stored profile is named `nope`")) << missing.err;
}

TEST_F(FetchCommandTest, FetchedListingsAreStoredAndListed) {
    write_sources(R"({"sources": [{"plugin": "board"},
                                  {"plugin": "board", "instance": "mirror",
                                   "settings": {"start": "/mirror"}}]})");
    auto f = fetch({});
    ASSERT_EQ(f.code, 0) << f.out << f.err;
    auto r = cli({"--data-dir", data_.string(), "list", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto doc = json::parse(r.out, "stdout");
    ASSERT_TRUE(doc.ok()) << doc.error().message << "\n" << r.out;
    ASSERT_TRUE(doc.value().IsArray());
    std::set<std::string> ids;
    std::set<std::string> merged_sources;
    for (const auto& row : doc.value().GetArray()) {
        std::string id = row["id"].GetString();
        ids.insert(id);
        if (id == "board:a1" || id == "board:m1") {
            for (const auto& s : row["sources"].GetArray()) {
                merged_sources.insert(s.GetString());
            }
        }
    }
    // The cross-posted job is one stored listing that both sources brought.
    EXPECT_EQ(ids.size(), 4u) << r.out;
    EXPECT_TRUE(ids.count("board:a2") && ids.count("board:a3") && ids.count("board:a4")) << r.out;
    EXPECT_TRUE(ids.count("board:a1") + ids.count("board:m1") == 1) << r.out;
    EXPECT_EQ(merged_sources, (std::set<std::string>{"board", "board:mirror"})) << r.out;
}

TEST_F(FetchCommandTest, CacheEntriesUnusedForAMonthAreRemovedAfterARefresh) {
    write_sources(R"({"sources": [{"plugin": "board"}]})");
    const auto http = data_ / "cache" / "http";
    const auto old_entry = http / "0000dead.entry";
    const auto recent_entry = http / "0000beef.entry";
    const auto not_ours = http / "notes.txt";
    for (const auto& f : {old_entry, recent_entry, not_ours}) {
        write_file(f, "x");
    }
    const auto long_ago =
        std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 31);
    std::filesystem::last_write_time(old_entry, long_ago);
    std::filesystem::last_write_time(not_ours, long_ago);
    auto r = fetch({});
    ASSERT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_FALSE(std::filesystem::exists(old_entry));
    EXPECT_TRUE(std::filesystem::exists(recent_entry));
    EXPECT_TRUE(std::filesystem::exists(not_ours));
}

TEST_F(FetchCommandTest, WithoutSourcesJsonEveryDefaultPluginRuns) {
    auto r = fetch({"--json"});
    auto doc = json::parse(r.out, "stdout");
    ASSERT_TRUE(doc.ok()) << doc.error().message << "\n" << r.out << r.err;
    std::set<std::string> sources;
    for (const auto& s : doc.value()["sources"].GetArray()) {
        sources.insert(s["source"].GetString());
    }
    // keyed is off by default and needs a token; the others need nothing (retired is
    // deprecated, which is said with its outcome, but still runs).
    EXPECT_EQ(sources, (std::set<std::string>{"board", "crashy", "offsite", "polite", "retired"}));
    EXPECT_EQ(r.code, 4);  // crashy and offsite fail
}

TEST_F(FetchCommandTest, SecretsComeFromTheEnvironmentAndNeverFromTheFile) {
    write_sources(R"({"sources": [{"plugin": "keyed", "instance": "good"},
                                  {"plugin": "keyed", "instance": "infile",
                                   "settings": {"token": "s3cret"}},
                                  {"plugin": "keyed", "instance": "missing"}]})");
    auto r = fetch({}, {"GIGSCOUT_KEYED_GOOD_TOKEN=s3cret"});
    EXPECT_EQ(r.code, 4);
    EXPECT_TRUE(contains(summary_line(r.out, "keyed:good"), " ok ")) << r.out;
    EXPECT_TRUE(contains(summary_line(r.out, "keyed:infile"),
                         "secret setting `token` must not be written in sources.json; set "
                         "GIGSCOUT_KEYED_INFILE_TOKEN"))
        << r.out;
    EXPECT_TRUE(contains(summary_line(r.out, "keyed:missing"), "GIGSCOUT_KEYED_MISSING_TOKEN"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "Keyed Vision Job")) << r.out;
}

}  // namespace
}  // namespace gigscout
