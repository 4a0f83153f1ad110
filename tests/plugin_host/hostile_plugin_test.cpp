// Hostile plugins: each test is one attack, and each must end with a clear plugin error (or a
// rejected listing) while the host stays responsive, its memory bounded, the attacked plugin
// usable for its next call, and other plugins unaffected. The limits are small (300 ms of
// Lua, 16 MiB); the 10 s bound in each test only catches a hang.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "plugin_host/plugin_session.h"
#include "plugin_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using Clock = std::chrono::steady_clock;
using testing::TempDir;
using testing::TestPlugin;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The benign path every hostile plugin keeps: it uses a host module and string methods, so
// a tampered module or string table would show on the next call.
const char* kBenign = R"~(
  if response.body ~= "attack" then
    local data = json.decode('{"title": "Benign"}')
    return { { id = 1, url = "https://example.com/1", title = data.title .. ("!"):lower() } }
  end
)~";

class HostilePlugin : public ::testing::Test {
  protected:
    void SetUp() override {
        peak_before_ = testing::peak_rss_kib();
        TestPlugin good;
        good.id = "good";
        good.top = "local json = require('json')";
        good.parse = kBenign;
        good_ = std::make_unique<PluginSession>(write_test_plugin(dir_.path(), good),
                                                testing::small_limits());
        ASSERT_TRUE(good_->load().ok());
    }

    void TearDown() override {
        // Other plugins are unaffected...
        auto o = good_->parse(response("benign"), {});
        ASSERT_TRUE(o.ok()) << o.error().message;
        EXPECT_EQ(o.value().listings.size(), 1u);
        // ...and the host's memory stayed bounded (the attacks happen in workers).
        std::size_t grown = testing::peak_rss_kib() - peak_before_;
        EXPECT_LT(grown, 32u * 1024) << "the host grew by " << grown << " KiB";
    }

    static PluginResponse response(std::string body) {
        PluginResponse r;
        r.body = std::move(body);
        r.url = "https://example.com/api";
        return r;
    }

    // Runs `code` in parse() of a plugin whose file starts with `top`; checks the time bound
    // and that the same plugin works on its next call.
    Result<ParseOutcome> attack(const std::string& code, const std::string& top = "") {
        return attack_with(testing::small_limits(), code, top);
    }

    // For attacks that must hit another limit than time: a busy machine (or a sanitizer
    // build) must not let the 300 ms time limit end them first.
    Result<ParseOutcome> attack_slowly(const std::string& code) {
        PluginLimits limits = testing::small_limits();
        limits.cpu_time = std::chrono::milliseconds(6000);
        return attack_with(limits, code, "");
    }

    Result<ParseOutcome> attack_with(const PluginLimits& limits, const std::string& code,
                                     const std::string& top) {
        TestPlugin p;
        p.id = "hostile";
        p.top = "local json = require('json')\n" + top;
        p.parse = std::string(kBenign) + code;
        session_ = std::make_unique<PluginSession>(write_test_plugin(dir_.path(), p), limits);
        auto start = Clock::now();
        auto outcome = session_->parse(response("attack"), {});
        EXPECT_LT(Clock::now() - start, std::chrono::seconds(10)) << "the attack was not stopped";
        auto next = session_->parse(response("benign"), {});
        EXPECT_TRUE(next.ok()) << next.error().message;
        if (next.ok()) {
            EXPECT_EQ(next.value().listings.size(), 1u);
            EXPECT_EQ(next.value().listings[0].title, "Benign!");
        }
        return outcome;
    }

    // The attack must fail the call with a message naming the plugin and containing `what`.
    void expect_failure(const Result<ParseOutcome>& o, const std::string& what) {
        ASSERT_FALSE(o.ok()) << "the attack succeeded";
        EXPECT_TRUE(contains(o.error().message, "plugin hostile: ")) << o.error().message;
        EXPECT_TRUE(contains(o.error().message, what)) << o.error().message;
    }

    TempDir dir_;
    std::unique_ptr<PluginSession> good_;
    std::unique_ptr<PluginSession> session_;
    std::size_t peak_before_ = 0;
};

// --- endless loops ------------------------------------------------------------------------

TEST_F(HostilePlugin, PlainInfiniteLoopHitsTheTimeLimit) {
    expect_failure(attack("while true do end"), "time limit");
}

TEST_F(HostilePlugin, InfiniteLoopInsidePcallIsNotSwallowed) {
    expect_failure(attack("while true do pcall(function() while true do end end) end"),
                   "time limit");
}

TEST_F(HostilePlugin, RetryingErrorsInPcallForeverHitsTheTimeLimit) {
    expect_failure(attack("while true do pcall(error, 'again') end"), "time limit");
}

TEST_F(HostilePlugin, SpinningXpcallHandlerIsStillKilled) {
    expect_failure(attack("xpcall(function() while true do end end, "
                          "function() while true do end end)"),
                   "time limit");
}

TEST_F(HostilePlugin, InfiniteLoopInALoadedTextChunkHitsTheTimeLimit) {
    expect_failure(attack("load('while true do end')()"), "time limit");
}

TEST_F(HostilePlugin, InfiniteLoopInTheMainChunkFailsTheLoad) {
    TestPlugin p;
    p.id = "hostile";
    p.top = "while true do end";
    PluginSession s(write_test_plugin(dir_.path(), p), testing::small_limits());
    auto start = Clock::now();
    auto m = s.load();
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(10));
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(contains(m.error().message, "time limit")) << m.error().message;
    EXPECT_TRUE(contains(m.error().message, "while loading")) << m.error().message;
}

TEST_F(HostilePlugin, CoroutinesAreNotAvailable) {
    expect_failure(attack("local co = coroutine.create(function() while true do end end)"),
                   "global 'coroutine'");
}

TEST_F(HostilePlugin, ToBeClosedHandlerCannotOutliveTheKill) {
    expect_failure(attack(R"~(
      local guard <close> = setmetatable({}, { __close = function() while true do end end })
      while true do end)~"),
                   "time limit");
}

TEST_F(HostilePlugin, LongPatternScanInCIsKilledByTheHost) {
    // One variable item passes the pattern guard, but scanning 250 kB from every position is
    // quadratic in C where the hook never runs: the host's deadline kills the worker.
    expect_failure(attack("local s = ('a'):rep(250000) .. 'c'\n"
                          "return { { id = 1, url = 'https://example.com', title = tostring("
                          "s:find('.-b')) } }"),
                   "killed after");
}

// --- memory -------------------------------------------------------------------------------

TEST_F(HostilePlugin, StringRepBombIsRefused) {
    expect_failure(attack_slowly("local s = string.rep('x', 1e12)"),
                   "larger than the memory limit");
}

TEST_F(HostilePlugin, StringRepOfNothingDoesNotLoopInC) {
    auto o = attack("local s = string.rep('', 1e15, '')\nerror('survived with ' .. #s)");
    expect_failure(o, "survived with 0");
}

TEST_F(HostilePlugin, TableGrowthHitsTheMemoryLimit) {
    expect_failure(attack_slowly("local t = {} local i = 0 while true do i = i + 1 t[i] = i end"),
                   "memory limit exceeded (16 MiB) in parse()");
}

TEST_F(HostilePlugin, ConcatenationDoublingHitsTheMemoryLimit) {
    expect_failure(attack_slowly("local s = 'xy' while true do s = s .. s end"), "memory limit");
}

TEST_F(HostilePlugin, MemoryErrorInsidePcallIsNotSwallowed) {
    expect_failure(attack_slowly(R"~(
      local keep = {}
      while true do
        pcall(function() for i = 1, 1e7 do keep[i] = ("x"):rep(1000) .. i end end)
      end)~"),
                   "memory limit");
}

TEST_F(HostilePlugin, HugeLoadedChunkHitsTheMemoryLimit) {
    expect_failure(attack_slowly("local src = ('x = 1 '):rep(2e6)\nload(src)()"), "memory limit");
}

// --- patterns and C loops -----------------------------------------------------------------

TEST_F(HostilePlugin, BacktrackingPatternIsRefused) {
    expect_failure(attack("string.find(('a'):rep(200), ('a-'):rep(4) .. 'b')"),
                   "string.find: the pattern has 4 variable-length items");
}

TEST_F(HostilePlugin, PatternOnAHugeSubjectIsRefused) {
    expect_failure(attack("local s = ('<item>'):rep(100000)\n"
                          "for x in s:gmatch('<item>(.-)</item>') do end"),
                   "string.gmatch: a pattern with 1 variable-length item(s) may scan at most");
}

TEST_F(HostilePlugin, TableMoveOfAnEnormousRangeIsRefused) {
    expect_failure(attack("table.move({}, 1, 1e15, 2)"), "table.move: at most");
}

TEST_F(HostilePlugin, TableFunctionsRefuseMetatableTricks) {
    expect_failure(attack(R"~(
      local t = setmetatable({}, { __len = function() return 2^40 end, __index = rawlen })
      table.insert(t, 1, "x"))~"),
                   "table.insert: tables with metatables are not accepted");
}

// --- recursion ----------------------------------------------------------------------------

TEST_F(HostilePlugin, DeepLuaRecursionIsAnError) {
    // Growing the Lua stack to its million slots may take longer than 300 ms: any of the
    // three limits ends it.
    auto o = attack("local function f(n) return f(n + 1) + 1 end\nf(1)");
    ASSERT_FALSE(o.ok());
    EXPECT_TRUE(contains(o.error().message, "stack overflow") ||
                contains(o.error().message, "memory limit") ||
                contains(o.error().message, "time limit"))
        << o.error().message;
}

TEST_F(HostilePlugin, RecursionThroughCFunctionsIsAnError) {
    expect_failure(attack("local function f() return ('x'):gsub('x', f) end\nf()"),
                   "stack overflow");
}

TEST_F(HostilePlugin, RecursionThroughMetamethodsIsAnError) {
    expect_failure(
        attack("local t = setmetatable({}, { __index = function(t, k) return t[k] end })\n"
               "return t.x"),
        "stack overflow");
}

// --- escaping the sandbox -----------------------------------------------------------------

TEST_F(HostilePlugin, IoIsNotThere) {
    expect_failure(attack("io.open('/etc/passwd')"), "global 'io'");
}

TEST_F(HostilePlugin, OsIsNotThere) {
    expect_failure(attack("os.execute('touch /tmp/pwned')"), "global 'os'");
}

TEST_F(HostilePlugin, PackageAndNativeModulesAreNotThere) {
    expect_failure(attack("package.loadlib('libc.so.6', 'system')"), "global 'package'");
    expect_failure(attack("require('io')"), "require: no module 'io' (plugins can require only:");
}

TEST_F(HostilePlugin, DebugIsNotThere) {
    expect_failure(attack("debug.sethook()"), "global 'debug'");
}

TEST_F(HostilePlugin, DofileAndLoadfileAreNotThere) {
    expect_failure(attack("dofile('/etc/passwd')"), "global 'dofile'");
    expect_failure(attack("loadfile('/etc/passwd')"), "global 'loadfile'");
}

TEST_F(HostilePlugin, BinaryChunksAreRefusedByLoad) {
    expect_failure(attack("local f, err = load('\\27Lua\\84\\0\\25\\147\\13\\10')\nerror(err)"),
                   "binary chunks are not allowed");
    expect_failure(attack("load('return 1', 'x', 'b')"), "binary chunks are not allowed");
}

TEST_F(HostilePlugin, ABinaryPluginFileIsRefused) {
    testing::write_file(dir_.path() / "bin.lua", std::string("\x1bLuaT\0\x19\x93\r\n", 10));
    auto m = PluginSession(dir_.path() / "bin.lua", testing::small_limits()).load();
    ASSERT_FALSE(m.ok());
    EXPECT_TRUE(contains(m.error().message, "precompiled (binary) chunk")) << m.error().message;
}

TEST_F(HostilePlugin, StringDumpIsGoneEvenThroughTheStringMetatable) {
    expect_failure(attack("string.dump(print)"), "field 'dump'");
    expect_failure(attack("('').dump(print)"), "field 'dump'");
    expect_failure(attack("getmetatable('').__index.dump(print)"), "a boolean value");
}

TEST_F(HostilePlugin, TamperingWithStringsAndModulesStaysInsideTheCall) {
    // The call breaks the string table, the string metatable and a host module; the next call
    // (checked by attack()) sees them intact.
    auto o = attack(R"~(
      string.lower = function() return "tampered" end
      json.decode = function() return { title = "tampered" } end
      pcall(setmetatable, "", {})
      error("tampered"))~");
    expect_failure(o, "tampered");
}

TEST_F(HostilePlugin, CollectgarbageOnlyCounts) {
    expect_failure(attack("collectgarbage('stop')"), "only \"count\"");
}

TEST_F(HostilePlugin, AddressesDoNotLeak) {
    auto o = attack("error(tostring({}) .. ' ' .. tostring(print))");
    expect_failure(o, "table function");
    EXPECT_FALSE(contains(o.error().message, "0x"));
    expect_failure(attack("error(string.format('%p', {}))"), "%p is not available");
}

// --- error objects --------------------------------------------------------------------------

TEST_F(HostilePlugin, ErrorObjectWithSpinningTostringIsNeverFormatted) {
    expect_failure(
        attack("error(setmetatable({}, { __tostring = function() while true do end end }))"),
        "error object is a table value, not a string");
}

TEST_F(HostilePlugin, FinalizersAreRefused) {
    expect_failure(attack("setmetatable({}, { __gc = function() while true do end end })"),
                   "__gc metamethods are not available");
}

TEST_F(HostilePlugin, HugeErrorMessageIsCut) {
    auto o = attack("error(('x'):rep(1e6))");
    ASSERT_FALSE(o.ok());
    EXPECT_LT(o.error().message.size(), 5000u);
}

// --- hostile results ------------------------------------------------------------------------

TEST_F(HostilePlugin, ListingWithAMetatableIsRejectedWithoutRunningIt) {
    auto o = attack(R"~(
      local trap = setmetatable({ id = 2, url = "https://example.com/2", title = "t" },
                                { __index = function() while true do end end,
                                  __pairs = function() while true do end end })
      return { { id = 1, url = "https://example.com/1", title = "fine" }, trap })~");
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().listings.size(), 1u);
    ASSERT_EQ(o.value().problems.size(), 1u);
    EXPECT_EQ(o.value().problems[0],
              "hostile: page 1: listing 2: tables with metatables are not "
              "accepted (return plain tables)");
}

TEST_F(HostilePlugin, ResultListWithAMetatableFailsTheCall) {
    expect_failure(attack("return setmetatable({}, { __len = function() while true do end end })"),
                   "parse() must return a plain table (no metatable)");
}

TEST_F(HostilePlugin, CyclicListingIsRejected) {
    auto o = attack(R"~(
      local l = { id = 1, url = "https://example.com/1", title = "t", client = {} }
      l.client.self = l.client
      return { l })~");
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().problems.size(), 1u);
    EXPECT_EQ(o.value().problems[0],
              "hostile: page 1: listing 1: field `client.self`: a table "
              "that contains itself (a cycle)");
}

TEST_F(HostilePlugin, WrongTypesAreRejectedNamingTheField) {
    auto o = attack(R"~(
      return {
        { id = 1, url = "https://example.com/1", title = print },
        { id = 2, url = "https://example.com/2", title = "t", budget = { kind = "fixed", min = 0/0, currency = "USD" } },
        { id = 3, url = "https://example.com/3", title = "t", tags = "not a list" },
        { id = 4, url = "https://example.com/4", title = "\xff\xfe" },
        "not a table",
        { id = 6, url = "https://example.com/6", title = ("x"):rep(300000) },
        { id = 7, url = "https://example.com/7", title = "t", [1] = "mixed" },
      })~");
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_TRUE(o.value().listings.empty());
    const auto& p = o.value().problems;
    ASSERT_EQ(p.size(), 7u);
    EXPECT_EQ(p[0],
              "hostile: page 1: listing 1: field `title`: expected a string, number, "
              "boolean or table, got a function");
    EXPECT_TRUE(contains(p[1], "listing 2: field `budget.min`: expected a finite number")) << p[1];
    EXPECT_EQ(p[2], "hostile: page 1: listing 3: field `tags`: expected an array, got a string");
    EXPECT_TRUE(contains(p[3], "listing 4: field `title`: is not valid UTF-8")) << p[3];
    EXPECT_EQ(p[4], "hostile: page 1: listing 5: expected a table (a listing), got a string");
    EXPECT_TRUE(contains(p[5],
                         "listing 6: field `title`: a string of 300000 bytes is longer "
                         "than the limit"))
        << p[5];
    EXPECT_TRUE(contains(p[6], "listing 7: expected a list (keys 1..n) or a record")) << p[6];
}

TEST_F(HostilePlugin, MillionsOfListingsAreRefused) {
    auto o = attack_slowly(R"~(
      local l = { id = 1, url = "https://example.com/1", title = "t" }
      local t = {}
      for i = 1, 2e5 do t[i] = l end
      return t)~");
    expect_failure(o, "parse() returned 200000 listings; the limit is 5000");
}

TEST_F(HostilePlugin, FileAndJavascriptUrlsAreRejected) {
    auto o = attack(R"~(
      return { { id = 1, url = "file:///etc/passwd", title = "t" },
               { id = 2, url = "javascript:alert(1)", title = "t" },
               { id = 3, url = "https://example.com/3", title = "t" } },
             { url = "file:///etc/shadow" })~");
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_EQ(o.value().listings.size(), 1u);
    ASSERT_EQ(o.value().problems.size(), 3u);
    EXPECT_EQ(o.value().problems[0],
              "hostile: page 1: listing 1: field `url`: must be an http or "
              "https URL, got \"file:///etc/passwd\"");
    EXPECT_EQ(o.value().problems[1],
              "hostile: page 1: listing 2: field `url`: must be an http or "
              "https URL, got \"javascript:alert(1)\"");
    EXPECT_EQ(o.value().problems[2],
              "hostile: page 1: next request: field `url`: must be an http "
              "or https URL, got \"file:///etc/shadow\"");
    EXPECT_FALSE(o.value().next.has_value());
}

TEST_F(HostilePlugin, RequestsToUndeclaredHostsAreRefused) {
    TestPlugin p;
    p.id = "hostile";
    p.requests = "return { { url = 'http://169.254.169.254/latest/meta-data/' } }";
    PluginSession s(write_test_plugin(dir_.path(), p), testing::small_limits());
    auto r = s.requests({});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "plugin hostile: requests(): request 1: url "
              "\"http://169.254.169.254/latest/meta-data/\" is not allowed: host 169.254.169.254 "
              "is not in the plugin's hosts (example.com, *.example.org)");
}

TEST_F(HostilePlugin, LogFloodIsCapped) {
    auto o =
        attack("local spam = ('spam'):rep(1000)\nfor i = 1, 1e4 do log.info(spam) end\nreturn {}",
               "local log = require('log')");
    ASSERT_TRUE(o.ok()) << o.error().message;
    ASSERT_EQ(o.value().log.size(), 101u);
    EXPECT_LE(o.value().log[0].text.size(), 1024u);
    EXPECT_EQ(o.value().log.back().text, "9900 more log messages dropped");
}

}  // namespace
}  // namespace gigscout
