// The plugin worker's walls, tested on real worker processes: one memory budget for Lua and
// the helper modules' native trees (each hostile input from issue 19 ends with the memory-limit
// error while the worker's peak RSS stays near the limit), the operating-system wall (rlimits,
// no_new_privs, seccomp; probed by worker_wall_probe), and the worker's clean environment.
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "plugin_host/plugin_session.h"
#include "plugin_host/worker/os_wall.h"
#include "plugin_test_support.h"
#include "support/test_support.h"

extern char** environ;

namespace gigscout {
namespace {

using testing::contains;
using testing::TempDir;
using testing::TestPlugin;

// A field of /proc/<pid>/status ("VmHWM:   123 kB" -> "123 kB").
std::string proc_status(pid_t pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            std::size_t start = line.find_first_not_of(" \t", field.size() + 1);
            return start == std::string::npos ? "" : line.substr(start);
        }
    }
    return "";
}

std::size_t peak_rss_mib(pid_t pid) {
    return std::strtoull(proc_status(pid, "VmHWM").c_str(), nullptr, 10) / 1024;
}

// --- one memory budget ---------------------------------------------------------------------

// The documented default limit, so the figures printed are the ones docs/plugin-api.md gives.
constexpr std::size_t kLimitMiB = 64;

class MemoryBudget : public ::testing::Test {
  protected:
    // Runs `parse` on `body` in a fresh worker; expects the memory-limit error and a worker
    // peak RSS under twice the limit, and prints the peak.
    void expect_refused(const std::string& what, const std::string& parse,
                        const std::string& body) {
        TestPlugin p;
        p.id = "hungry";
        p.top =
            "local json = require('json')\nlocal xml = require('xml')\n"
            "local feed = require('feed')\nlocal html = require('html')";
        p.parse = parse;
        PluginLimits limits;
        limits.memory_bytes = kLimitMiB << 20;
        limits.cpu_time = std::chrono::milliseconds(30000);  // memory, not time, must end it
        PluginSession session(write_test_plugin(dir_.path(), p), limits);
        ASSERT_TRUE(session.load().ok());
        PluginResponse r;
        r.body = body;
        r.url = "https://example.com/api";
        auto outcome = session.parse(r, {});
        ASSERT_FALSE(outcome.ok()) << what << ": the input was accepted";
        EXPECT_TRUE(contains(outcome.error().message, "memory limit exceeded (64 MiB)"))
            << what << ": " << outcome.error().message;
        auto pid = session.worker_pid();
        ASSERT_TRUE(pid.has_value()) << what << ": the worker did not survive the refusal";
        std::size_t peak = peak_rss_mib(*pid);
        std::printf("[ figures  ] %s: worker peak RSS %zu MiB (limit %zu MiB)\n", what.c_str(),
                    peak, kLimitMiB);
        // AddressSanitizer keeps freed blocks in its quarantine (256 MiB by default) and adds
        // shadow memory and redzones, so its builds get a looser bound that still catches the
        // hundreds of MiB issue 19 measured.
        EXPECT_LT(peak, (worker::kSanitizerBuild ? 5 : 2) * kLimitMiB) << what;
        // The worker serves its next call.
        r.body = "small";
        auto next = session.parse(r, {});
        EXPECT_TRUE(next.ok()) << what << ": " << (next.ok() ? "" : next.error().message);
    }

    static std::string repeat(const std::string& piece, std::size_t total_bytes) {
        std::string out;
        out.reserve(total_bytes);
        while (out.size() + piece.size() <= total_bytes) {
            out += piece;
        }
        return out;
    }

    TempDir dir_;
};

const char* kSmallBodyReturns = "if response.body == 'small' then return {} end\n";

TEST_F(MemoryBudget, JsonDecodeOfSixteenMebibytesOfZerosIsRefused) {
    std::string body = "[" + repeat("0,", (16u << 20) - 4) + "0]";
    expect_refused(
        "json.decode 16 MiB [0,0,...]",
        std::string(kSmallBodyReturns) + "local t = json.decode(response.body) return {}", body);
}

TEST_F(MemoryBudget, XmlParseOfSixteenMebibytesOfEmptyElementsIsRefused) {
    std::string body = "<r>" + repeat("<a/>", (16u << 20) - 16) + "</r>";
    expect_refused("xml.parse 16 MiB <a/>",
                   std::string(kSmallBodyReturns) + "local t = xml.parse(response.body) return {}",
                   body);
}

TEST_F(MemoryBudget, FeedOfHalfAMillionItemsIsRefused) {
    std::string body = "<rss version=\"2.0\"><channel><title>t</title>";
    for (int i = 0; i < 500000; ++i) {
        body += "<item><title>x</title></item>";
    }
    body += "</channel></rss>";
    expect_refused("feed.parse 500k items",
                   std::string(kSmallBodyReturns) + "local f = feed.parse(response.body) return {}",
                   body);
}

TEST_F(MemoryBudget, HtmlSelectOverSixMebibytesOfParagraphsIsRefused) {
    std::string body = "<html><body>" + repeat("<p>x</p>", (6u << 20) - 32) + "</body></html>";
    expect_refused(
        "html.select over 6 MiB of <p>",
        std::string(kSmallBodyReturns) + "local m = html.select(response.body, 'p') return {}",
        body);
}

TEST_F(MemoryBudget, HtmlHandlesKeptAliveCountUntilTheLimit) {
    std::string body = "<html><body>" + repeat("<p>x</p>", 256u << 10) + "</body></html>";
    expect_refused("html.parse handles kept alive",
                   std::string(kSmallBodyReturns) +
                       "local keep = {} while true do keep[#keep + 1] = html.parse(response.body) "
                       "end",
                   body);
}

TEST_F(MemoryBudget, AHonestPluginStillParsesLargeDocuments) {
    // A 1 MiB feed of 9000 items (the feed limit is 10000) and 2 MiB of JSON fit in the limit.
    TestPlugin p;
    p.id = "honest";
    p.top = "local json = require('json')\nlocal feed = require('feed')";
    p.parse = R"(
      local f = assert(feed.parse(response.body))
      local j = json.decode('[' .. ('1,'):rep(1000000) .. '1]')
      return { { id = 1, url = 'https://example.com/1', title = #f.items .. ' ' .. #j } }
    )";
    PluginSession session(write_test_plugin(dir_.path(), p));
    ASSERT_TRUE(session.load().ok());
    PluginResponse r;
    r.url = "https://example.com/api";
    r.body = "<rss version=\"2.0\"><channel><title>t</title>";
    for (int i = 0; i < 9000; ++i) {
        r.body += "<item><title>item " + std::to_string(i) + "</title><link>https://example.com/" +
                  std::to_string(i) + "</link><description>" + std::string(50, 'd') +
                  "</description></item>";
    }
    r.body += "</channel></rss>";
    auto outcome = session.parse(r, {});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    ASSERT_EQ(outcome.value().listings.size(), 1u);
    EXPECT_EQ(outcome.value().listings[0].title, "9000 1000001");
}

// --- the operating system's wall -----------------------------------------------------------

struct ProbeResult {
    std::string out;
    int signal = 0;  // the signal that ended it, or 0
    int exit_code = -1;
};

ProbeResult run_probe(const std::string& probe, const std::string& path = "") {
    int pipefd[2];
    if (::pipe(pipefd) != 0) {
        return {};
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipefd[0]);
    std::string program = GIGSCOUT_WALL_PROBE_PATH;
    std::vector<std::string> args{program, probe};
    if (!path.empty()) {
        args.push_back(path);
    }
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipefd[1]);
    ProbeResult result;
    if (rc != 0) {
        ::close(pipefd[0]);
        result.out = "cannot start the probe";
        return result;
    }
    char buf[512];
    ssize_t n = 0;
    while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0) {
        result.out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(pipefd[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    } else if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    }
    return result;
}

// Release builds kill the process for these; sanitizer builds (a looser filter, os_wall.h)
// refuse them with EPERM.
void expect_killed_or_refused(const std::string& probe) {
    ProbeResult r = run_probe(probe);
    ASSERT_TRUE(r.out.rfind("walled\n", 0) == 0) << probe << ": " << r.out;
    if (worker::kSanitizerBuild) {
        EXPECT_EQ(r.out, "walled\nerrno EPERM\n") << probe;
    } else {
        EXPECT_EQ(r.signal, SIGSYS) << probe << " was not killed: " << r.out;
        EXPECT_EQ(r.out, "walled\n") << probe;
    }
}

void expect_refused_with_eperm(const std::string& probe, const std::string& path = "") {
    ProbeResult r = run_probe(probe, path);
    EXPECT_EQ(r.out, "walled\nerrno EPERM\n") << probe;
    EXPECT_EQ(r.exit_code, 0) << probe;
}

TEST(OsWall, OrdinaryWorkStillRunsBehindTheWall) {
    ProbeResult r = run_probe("work");
    EXPECT_EQ(r.out, "walled\nok\n");
    EXPECT_EQ(r.exit_code, 0);
}

TEST(OsWall, NetworkSocketsAreRefused) {
    expect_killed_or_refused("socket_inet");
    expect_killed_or_refused("socket_unix");
}

TEST(OsWall, ExecIsRefused) {
    expect_killed_or_refused("execve");
}

TEST(OsWall, NewProcessesAreRefused) {
    expect_killed_or_refused("fork");
}

TEST(OsWall, FilesCannotBeOpenedForWriting) {
    TempDir dir;
    auto target = dir.path() / "written";
    expect_refused_with_eperm("open_write", target.string());
    EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(OsWall, FilesCannotBeOpenedForReadingInReleaseBuilds) {
    ProbeResult r = run_probe("open_read", "/etc/passwd");
    EXPECT_EQ(r.out, worker::kSanitizerBuild ? "walled\nok\n" : "walled\nerrno EPERM\n");
}

TEST(OsWall, OtherProcessesCannotBeSignalled) {
    expect_refused_with_eperm("signal_parent");
}

TEST(OsWall, LimitsCannotBeRaisedAndPtraceKillsInReleaseBuilds) {
    if (worker::kSanitizerBuild) {
        GTEST_SKIP() << "sanitizer builds allow setrlimit and ptrace (LeakSanitizer needs it)";
    }
    expect_refused_with_eperm("raise_limit");
    expect_killed_or_refused("ptrace");
}

TEST(OsWall, MemoryPastTheDataLimitIsRefusedInReleaseBuilds) {
    if (worker::kSanitizerBuild) {
        GTEST_SKIP() << "AddressSanitizer's shadow memory cannot live under RLIMIT_DATA";
    }
    ProbeResult r = run_probe("memory_past_data_limit");
    EXPECT_EQ(r.out, "walled\nerrno Cannot allocate memory\n");
}

class RealWorker : public ::testing::Test {
  protected:
    std::unique_ptr<PluginSession> start() {
        TestPlugin p;
        p.parse = "return { { id = 1, url = 'https://example.com/1', title = 'fine' } }";
        auto session = std::make_unique<PluginSession>(write_test_plugin(dir_.path(), p));
        EXPECT_TRUE(session->load().ok());
        return session;
    }
    TempDir dir_;
};

TEST_F(RealWorker, RunsWithNoNewPrivsASeccompFilterAndLimits) {
    auto session = start();
    auto pid = session->worker_pid();
    ASSERT_TRUE(pid.has_value());
    EXPECT_EQ(proc_status(*pid, "NoNewPrivs"), "1");
    EXPECT_EQ(proc_status(*pid, "Seccomp"), "2");
    std::string limits = testing::read_file("/proc/" + std::to_string(*pid) + "/limits");
    EXPECT_TRUE(contains(limits, "Max core file size        0                    0")) << limits;
    EXPECT_TRUE(contains(limits, "Max open files            16                   16")) << limits;
    if (!worker::kSanitizerBuild) {
        std::string data = std::to_string(PluginLimits{}.data_limit());
        EXPECT_TRUE(contains(limits, "Max data size             " + data)) << limits;
        EXPECT_TRUE(contains(limits, "Max file size             0                    0")) << limits;
    }
    // ...and a normal plugin still works behind it.
    PluginResponse r;
    r.url = "https://example.com/api";
    auto outcome = session->parse(r, {});
    ASSERT_TRUE(outcome.ok()) << outcome.error().message;
    EXPECT_EQ(outcome.value().listings.size(), 1u);
}

// --- a clean environment -------------------------------------------------------------------

TEST_F(RealWorker, GetsNoneOfTheHostsEnvironment) {
    ASSERT_EQ(::setenv("GIGSCOUT_X_TOKEN", "secret-token-value", 1), 0);
    const char* home = std::getenv("HOME");
    std::string saved_home = home != nullptr ? home : "";
    ASSERT_EQ(::setenv("HOME", "/root-of-secrets", 1), 0);
    auto session = start();
    ::unsetenv("GIGSCOUT_X_TOKEN");
    ::setenv("HOME", saved_home.c_str(), 1);
    auto pid = session->worker_pid();
    ASSERT_TRUE(pid.has_value());
    std::string environ_text = testing::read_file("/proc/" + std::to_string(*pid) + "/environ");
    std::vector<std::string> vars;
    std::stringstream ss(environ_text);
    for (std::string v; std::getline(ss, v, '\0');) {
        vars.push_back(v);
    }
    EXPECT_FALSE(contains(environ_text, "GIGSCOUT_X_TOKEN"));
    EXPECT_FALSE(contains(environ_text, "secret-token-value"));
    EXPECT_FALSE(contains(environ_text, "HOME="));
    EXPECT_FALSE(contains(environ_text, "PATH="));
    EXPECT_NE(std::find(vars.begin(), vars.end(), "LANG=C.UTF-8"), vars.end());
    for (const std::string& v : vars) {
        EXPECT_TRUE(v.rfind("LANG=", 0) == 0 || v.rfind("GIGSCOUT_RESOURCES=", 0) == 0 ||
                    v.rfind("ASAN_OPTIONS=", 0) == 0 || v.rfind("UBSAN_OPTIONS=", 0) == 0 ||
                    v.rfind("LSAN_OPTIONS=", 0) == 0)
            << "the worker inherited " << v;
    }
}

}  // namespace
}  // namespace gigscout
