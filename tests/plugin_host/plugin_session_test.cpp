// The plugin API's happy paths and error reports, through a real worker process.
#include "plugin_host/plugin_session.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "base/iso_time.h"
#include "plugin_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::TempDir;
using testing::TestPlugin;
using testing::write_test_plugin;

constexpr std::int64_t kNow = 1795000000;  // 2026-11-18

PluginContext context() {
    PluginContext ctx;
    ctx.now = kNow;
    return ctx;
}

PluginResponse body(std::string text) {
    PluginResponse r;
    r.body = std::move(text);
    r.url = "https://example.com/api";
    return r;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

TEST(PluginSession, LoadReadsTheManifest) {
    TempDir dir;
    TestPlugin p;
    p.manifest_extra =
        "description = 'Test', multi_source = true, settings = { { key = 'q', "
        "label = 'Query', type = 'string', default = 'cv' } },";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto m = s.load();
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m.value().id, "testplug");
    EXPECT_TRUE(m.value().multi_source);
    ASSERT_EQ(m.value().settings.size(), 1u);
    EXPECT_EQ(s.worker_starts(), 1);
    ASSERT_TRUE(s.manifest().has_value());
}

TEST(PluginSession, RequestsSeeTheContextAndAreChecked) {
    TempDir dir;
    TestPlugin p;
    p.manifest_extra =
        "settings = { { key = 'q', label = 'Query', type = 'string', default = "
        "'cv' }, { key = 'n', label = 'N', type = 'number', default = 10 }, "
        "{ key = 'tags', label = 'Tags', type = 'list', default = {'a','b'} } },";
    p.requests = R"~(
      return { { url = "https://example.com/s?q=" .. ctx.settings.q .. "&n=" .. ctx.settings.n
                 .. "&t=" .. table.concat(ctx.settings.tags, "+") .. "&src=" .. ctx.source
                 .. "&now=" .. ctx.now .. "&page=" .. ctx.page .. "&query=" .. table.concat(ctx.query, ","),
                 method = "POST", headers = { Accept = "application/json" }, body = "{}" } })~";
    PluginSession s(write_test_plugin(dir.path(), p));
    PluginContext ctx = context();
    ctx.source = "testplug:mine";
    ctx.query = {"opencv", "pytorch"};
    auto r = s.requests(ctx);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r.value().size(), 1u);
    EXPECT_EQ(r.value()[0].url, "https://example.com/s?q=cv&n=10&t=a+b&src=testplug:mine&now=" +
                                    std::to_string(kNow) + "&page=1&query=opencv,pytorch");
    EXPECT_EQ(r.value()[0].method, "POST");
    EXPECT_EQ(r.value()[0].body, "{}");
    ctx.settings["q"] = std::string("vision");
    EXPECT_TRUE(contains(s.requests(ctx).value()[0].url, "q=vision&"));
}

TEST(PluginSession, ARequestToAnotherHostFailsTheCallNamingUrlAndRule) {
    TempDir dir;
    TestPlugin p;
    p.requests = "return { { url = 'https://example.com/ok' }, { url = 'https://evil.net/x' } }";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto r = s.requests(context());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "plugin testplug: requests(): request 2: url \"https://evil.net/x\" is not allowed: "
              "host evil.net is not in the plugin's hosts (example.com, *.example.org)");
}

TEST(PluginSession, ASingleRequestTableMustBeWrappedInAList) {
    TempDir dir;
    TestPlugin p;
    p.requests = "return { url = 'https://example.com/ok' }";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto r = s.requests(context());
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.error().message,
                         "requests() must return a list (keys 1..n) of "
                         "requests; the table has other keys"))
        << r.error().message;
}

TEST(PluginSession, ParseNormalisesIdsAndSourceAndReportsBadListings) {
    TempDir dir;
    TestPlugin p;
    p.top = "local json = require('json')";
    p.parse = R"~(
      local data = json.decode(response.body)
      local out = {}
      for i, job in ipairs(data) do
        out[i] = { id = job.id, url = job.url, title = job.title, tags = { "C++", "OpenCV" },
                   budget = { kind = "hourly", min = 40, max = 60.5, currency = "USD" },
                   posted_at = "2026-11-17T10:00:00Z", remote = true, source = "forged" }
      end
      return out)~";
    PluginSession s(write_test_plugin(dir.path(), p));
    PluginContext ctx = context();
    ctx.source = "testplug:board";
    ctx.page = 2;
    auto o = s.parse(body(R"~([
        {"id": 7, "url": "https://example.com/7", "title": "CV engineer"},
        {"id": "x-8", "url": "javascript:alert(1)", "title": "Bad url"},
        {"id": 9, "url": "https://example.com/9", "title": ""}])~"),
                     ctx);
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_EQ(o.value().returned, 3u);
    ASSERT_EQ(o.value().listings.size(), 1u);
    const Listing& l = o.value().listings[0];
    EXPECT_EQ(l.id, "testplug:7");
    EXPECT_EQ(l.source, "testplug:board");
    EXPECT_EQ(l.title, "CV engineer");
    EXPECT_EQ(l.tags, (std::vector<std::string>{"C++", "OpenCV"}));
    ASSERT_TRUE(l.budget.has_value());
    EXPECT_EQ(l.budget->kind, BudgetKind::Hourly);
    EXPECT_EQ(*l.budget->max, 60.5);
    EXPECT_EQ(l.posted_at, parse_iso8601("2026-11-17T10:00:00Z"));
    ASSERT_EQ(o.value().problems.size(), 2u);
    EXPECT_EQ(o.value().problems[0],
              "testplug: page 2: listing 2: field `url`: must be an http or https URL, got "
              "\"javascript:alert(1)\"");
    EXPECT_EQ(o.value().problems[1], "testplug: page 2: listing 3: field `title`: is required");
}

TEST(PluginSession, AnImplausiblePostingTimeCostsTheTimeNotTheListing) {
    // Issue 20: one home for the rule, the session, so every plugin keeps such jobs.
    TempDir dir;
    TestPlugin p;
    p.parse = R"~(
      local out = {}
      for i, t in ipairs({ "1970-01-01T00:00:00Z", "1990-06-01T00:00:00Z",
                           "2026-11-25T00:00:00Z", "2026-11-17T10:00:00Z" }) do
        out[i] = { id = i, url = "https://example.com/" .. i, title = "Job " .. i, posted_at = t }
      end
      return out)~";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto o = s.parse(body("{}"), context());
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().listings.size(), 4u);
    EXPECT_TRUE(o.value().problems.empty());
    EXPECT_EQ(o.value().listings[0].posted_at, std::nullopt);
    EXPECT_EQ(o.value().listings[1].posted_at, std::nullopt);
    EXPECT_EQ(o.value().listings[2].posted_at, std::nullopt);  // a week after kNow
    EXPECT_EQ(o.value().listings[3].posted_at, parse_iso8601("2026-11-17T10:00:00Z"));
    ASSERT_EQ(o.value().log.size(), 1u);
    EXPECT_EQ(o.value().log[0].level, "warn");
    EXPECT_EQ(o.value().log[0].text,
              "3 listing(s) kept without their posting time; the first: testplug: page 1: "
              "listing 1: field `posted_at`: is before 1995-01-01");
}

TEST(PluginSession, RepliesOfChangingSizesComeBackWhole) {
    // The host keeps its reply buffer from call to call: a short reply after a long one must
    // not carry the long one's tail, and a long one after a short one must come back whole.
    TempDir dir;
    TestPlugin p;
    p.parse = R"~(
      local out = {}
      for i = 1, tonumber(response.body) do
        out[i] = { id = i, url = "https://example.com/" .. i, title = string.rep("t", 200) .. i }
      end
      return out)~";
    PluginSession s(write_test_plugin(dir.path(), p));
    for (std::size_t n : {3000u, 2u, 3000u, 0u, 1u}) {
        auto o = s.parse(body(std::to_string(n)), context());
        ASSERT_TRUE(o.ok()) << o.error().message;
        ASSERT_EQ(o.value().listings.size(), n);
        EXPECT_TRUE(o.value().problems.empty());
        if (n > 0) {
            EXPECT_EQ(o.value().listings.back().title, std::string(200, 't') + std::to_string(n));
        }
    }
    EXPECT_EQ(s.worker_starts(), 1);
}

TEST(PluginSession, TheWorkersCpuTimeCanBeReadWhileItRuns) {
    TempDir dir;
    TestPlugin p;
    p.parse = "local x = 0 for i = 1, 3000000 do x = x + i end return {}";
    PluginSession s(write_test_plugin(dir.path(), p));
    EXPECT_FALSE(s.worker_cpu_time().has_value());
    ASSERT_TRUE(s.load().ok());
    auto before = s.worker_cpu_time();
    ASSERT_TRUE(before.has_value());
    ASSERT_TRUE(s.parse(body(""), context()).ok());
    auto after = s.worker_cpu_time();
    ASSERT_TRUE(after.has_value());
    EXPECT_GT(*after - *before, std::chrono::milliseconds(2));
}

TEST(PluginSession, ParseReceivesStatusHeadersUrlAndBody) {
    TempDir dir;
    TestPlugin p;
    p.parse = R"~(
      return { { id = 1, url = response.url, title = response.status .. " " ..
                 response.headers["content-type"] .. " " .. response.headers["x-multi"] ..
                 " " .. #response.body } })~";
    PluginSession s(write_test_plugin(dir.path(), p));
    PluginResponse r = body(std::string("a\0b", 3));
    r.status = 203;
    r.headers = {{"Content-Type", "text/plain"}, {"X-Multi", "1"}, {"x-multi", "2"}};
    auto o = s.parse(r, context());
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().listings.size(), 1u);
    EXPECT_EQ(o.value().listings[0].title, "203 text/plain 1, 2 3");
    EXPECT_EQ(o.value().listings[0].url, "https://example.com/api");
}

TEST(PluginSession, NextRequestIsReturnedWhenAllowedAndReportedWhenNot) {
    TempDir dir;
    TestPlugin p;
    p.parse = R"~(
      if ctx.page == 1 then return {}, { url = "https://api.example.org/page2" } end
      return {}, { url = "http://localhost/admin" })~";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto first = s.parse(body(""), context());
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_TRUE(first.value().next.has_value());
    EXPECT_EQ(first.value().next->url, "https://api.example.org/page2");
    EXPECT_EQ(first.value().next->method, "GET");
    PluginContext ctx = context();
    ctx.page = 2;
    auto second = s.parse(body(""), ctx);
    ASSERT_TRUE(second.ok());
    EXPECT_FALSE(second.value().next.has_value());
    ASSERT_EQ(second.value().problems.size(), 1u);
    EXPECT_EQ(second.value().problems[0],
              "testplug: page 2: next request: url \"http://localhost/admin\" is not allowed: host "
              "localhost is not in the plugin's hosts (example.com, *.example.org)");
}

TEST(PluginSession, LogAndPrintMessagesComeBackWithTheCall) {
    TempDir dir;
    TestPlugin p;
    p.top = "local log = require('log')";
    p.parse = R"~(
      print("hello", 42, nil, true, {})
      log.warn("careful:", "x")
      log.error("bad\0byte")
      return {})~";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto o = s.parse(body(""), context());
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().log.size(), 3u);
    EXPECT_EQ(o.value().log[0].level, "info");
    EXPECT_EQ(o.value().log[0].text, "hello 42 nil true table");
    EXPECT_EQ(o.value().log[1].level, "warn");
    EXPECT_EQ(o.value().log[1].text, "careful: x");
    EXPECT_EQ(o.value().log[2].text, "bad\\x00byte");
}

TEST(PluginSession, ErrorsCarryPluginIdFileLineAndTraceback) {
    TempDir dir;
    TestPlugin p;
    p.top = "local function check(x)\n  if not x then error('the feed has no items') end\nend";
    p.parse = "check(false)";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto o = s.parse(body(""), context());
    ASSERT_FALSE(o.ok());
    const std::string& e = o.error().message;
    EXPECT_EQ(e,
              "plugin testplug: error in parse(): testplug.lua:2: the feed has no items\n"
              "stack traceback:\n"
              "\t[C]: in function 'error'\n"
              "\ttestplug.lua:2: in upvalue 'check'\n"
              "\ttestplug.lua:12: in function <testplug.lua:11>");
}

TEST(PluginSession, AnErrorOfSeveralLinesStaysOneLineAndKeepsEveryLine) {
    TempDir dir;
    TestPlugin p;
    // Three lines, the second made to look like the host's, and a backslash of its own.
    p.parse = R"~(error("first line\n[INFO] plugin upwork: signature verified OK\nC:\\path \\n"))~";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto o = s.parse(body(""), context());
    ASSERT_FALSE(o.ok());
    const std::string& e = o.error().message;
    std::string message = e.substr(0, e.find("\nstack traceback:"));
    EXPECT_EQ(message,
              "plugin testplug: error in parse(): testplug.lua:10: first line\\n[INFO] plugin "
              "upwork: signature verified OK\\nC:\\\\path \\\\n");
    EXPECT_TRUE(contains(e, "\nstack traceback:\n\t[C]: in function 'error'")) << e;
}

TEST(PluginSession, SyntaxErrorsAndBadManifestsFailTheLoad) {
    TempDir dir;
    testing::write_file(dir.path() / "broken.lua", "return {\n id = 'x',,\n}");
    PluginSession broken(dir.path() / "broken.lua");
    auto m = broken.load();
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(contains(m.error().message,
                         "plugin broken.lua: error while loading the plugin: broken.lua:2:"))
        << m.error().message;
    testing::write_file(dir.path() / "notable.lua", "return 42");
    EXPECT_EQ(PluginSession(dir.path() / "notable.lua").load().error().message,
              "plugin notable.lua: the plugin file must return a table (its manifest and "
              "functions), got a number");
    testing::write_file(dir.path() / "future.lua",
                        "return { id = 'f', name = 'F', version = '9', api_version = 2 }");
    EXPECT_EQ(PluginSession(dir.path() / "future.lua").load().error().message,
              "plugin future.lua: needs API 2; this GigScout supports API 1");
    EXPECT_TRUE(
        contains(PluginSession(dir.path() / "missing.lua").load().error().message, "missing.lua"));
}

TEST(PluginSession, AManifestWithThreeBadFieldsIsRefusedNamingEachOfThem) {
    TempDir dir;
    // Two the worker cannot send (not UTF-8, not a finite number), one the host refuses.
    testing::write_file(dir.path() / "three.lua",
                        "return { id = 'three', name = 'bad \\255 name', version = 0/0,\n"
                        "  api_version = 1, hosts = 'example.com',\n"
                        "  requests = function() return {} end,\n"
                        "  parse = function() return {} end }");
    auto m = PluginSession(dir.path() / "three.lua").load();
    ASSERT_FALSE(m.ok());
    const std::string& e = m.error().message;
    EXPECT_EQ(e.rfind("plugin three.lua: field `", 0), 0u) << e;
    EXPECT_TRUE(contains(e, "field `name`: is not valid UTF-8")) << e;
    EXPECT_TRUE(contains(e, "field `version`: expected a finite number, got nan;")) << e;
    EXPECT_TRUE(contains(e, "field `hosts`: expected a list")) << e;
    // Left out by the worker, so not also "required".
    EXPECT_FALSE(contains(e, "is required")) << e;
}

TEST(PluginSession, EveryCallGetsAFreshState) {
    TempDir dir;
    TestPlugin p;
    p.top = "counter = 0";
    p.parse = R"~(
      counter = counter + 1
      string.upper = function() return "tampered" end
      return { { id = counter, url = "https://example.com/" .. ("x"):upper(), title = "t" } })~";
    PluginSession s(write_test_plugin(dir.path(), p));
    for (int i = 0; i < 3; ++i) {
        auto o = s.parse(body(""), context());
        ASSERT_TRUE(o.ok()) << o.error().message;
        ASSERT_EQ(o.value().listings.size(), 1u);
        EXPECT_EQ(o.value().listings[0].id, "testplug:1");
        EXPECT_EQ(o.value().listings[0].url, "https://example.com/tampered");
    }
    EXPECT_EQ(s.worker_starts(), 1);  // one worker, kept between calls
}

TEST(PluginSession, RequiredSettingsMustHaveValues) {
    TempDir dir;
    TestPlugin p;
    p.manifest_extra =
        "settings = { { key = 'token', label = 'API token', type = 'string', "
        "secret = true } },";
    PluginSession s(write_test_plugin(dir.path(), p));
    auto r = s.requests(context());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "plugin testplug: setting `token` (API token) is required");
}

TEST(PluginSession, ReloadPicksUpAnEditedFile) {
    TempDir dir;
    TestPlugin p;
    p.parse = "return { { id = 1, url = 'https://example.com/1', title = 'before' } }";
    auto file = write_test_plugin(dir.path(), p);
    PluginSession s(file);
    EXPECT_EQ(s.parse(body(""), context()).value().listings[0].title, "before");
    p.parse = "return { { id = 1, url = 'https://example.com/1', title = 'after' } }";
    write_test_plugin(dir.path(), p);
    // Without a reload the session keeps the source it loaded.
    EXPECT_EQ(s.parse(body(""), context()).value().listings[0].title, "before");
    ASSERT_TRUE(s.reload().ok());
    EXPECT_EQ(s.parse(body(""), context()).value().listings[0].title, "after");
}

TEST(PluginSession, FolderPluginsUseInitLua) {
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "board");
    TestPlugin p;
    p.id = "init";
    auto file = write_test_plugin(dir.path() / "board", p);
    ASSERT_EQ(file.filename(), "init.lua");
    PluginSession s(dir.path() / "board");
    auto m = s.load();
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m.value().id, "init");
}

TEST(PluginSession, CancelEndsTheCallInFlightAtOnce) {
    TempDir dir;
    TestPlugin p;
    p.parse = "while true do end";
    PluginLimits limits;
    limits.cpu_time = std::chrono::milliseconds(30000);
    PluginSession s(write_test_plugin(dir.path(), p), limits);
    ASSERT_TRUE(s.load().ok());
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        s.cancel();
    });
    auto start = std::chrono::steady_clock::now();
    auto o = s.parse(body(""), context());
    canceller.join();
    ASSERT_FALSE(o.ok());
    EXPECT_EQ(o.error().message, "plugin testplug: cancelled");
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    // The next call starts a new worker.
    TestPlugin fine;
    write_test_plugin(dir.path(), fine);
    ASSERT_TRUE(s.reload().ok());
    EXPECT_TRUE(s.parse(body(""), context()).ok());
}

TEST(PluginSession, ACrashedWorkerIsReportedAndReplaced) {
    TempDir dir;
    // A stand-in worker that dies of SIGSEGV at its first request.
    auto fake = dir.path() / "crashing-worker";
    testing::write_file(fake, "#!/bin/sh\nkill -SEGV $$\n");
    std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
    ASSERT_EQ(::setenv("GIGSCOUT_PLUGIN_WORKER", fake.c_str(), 1), 0);
    PluginSession s(write_test_plugin(dir.path(), TestPlugin{}));
    auto m = s.load();
    ::unsetenv("GIGSCOUT_PLUGIN_WORKER");
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().message, "plugin testplug.lua: worker crashed (signal 11) while loading");
    EXPECT_TRUE(s.load().ok());  // the real worker, started afresh
    EXPECT_EQ(s.worker_starts(), 2);
}

}  // namespace
}  // namespace gigscout
