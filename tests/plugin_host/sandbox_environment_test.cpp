// What a plugin's Lua state contains: exactly the allow-listed functions, with the wrapped
// ones behaving as docs/plugin-api.md says.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "plugin_host/plugin_environment.h"
#include "plugin_host/plugin_session.h"
#include "plugin_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::TempDir;
using testing::TestPlugin;

TEST(SandboxEnvironment, GlobalsAreExactlyTheAllowList) {
    auto functions = plugin_environment_functions();
    ASSERT_TRUE(functions.ok()) << functions.error().message;
    std::set<std::string> globals;
    std::set<std::string> libraries;
    for (const auto& f : functions.value()) {
        auto dot = f.find('.');
        if (dot == std::string::npos) {
            globals.insert(f);
        } else {
            libraries.insert(f.substr(0, dot));
        }
    }
    EXPECT_EQ(globals, (std::set<std::string>{
                           "assert",   "collectgarbage", "error",    "getmetatable", "ipairs",
                           "load",     "next",           "pairs",    "pcall",        "print",
                           "rawequal", "rawget",         "rawlen",   "rawset",       "require",
                           "select",   "setmetatable",   "tonumber", "tostring",     "type",
                           "xpcall"}));
    EXPECT_EQ(libraries,
              (std::set<std::string>{"string", "table", "math", "utf8", "json", "xml", "feed",
                                     "html", "time", "money", "url", "text", "log", "common"}));
    for (const char* absent : {"string.dump", "table.foreach", "os.execute", "io.open"}) {
        EXPECT_EQ(std::count(functions.value().begin(), functions.value().end(), absent), 0)
            << absent;
    }
    for (const char* present : {"log.info", "log.warn", "log.error", "string.find", "table.move"}) {
        EXPECT_EQ(std::count(functions.value().begin(), functions.value().end(), present), 1)
            << present;
    }
}

// Runs Lua assertions inside parse(); a failed assert fails the call with its message. The
// checks may call `fails(pattern, f, ...)`: f(...) must raise an error matching `pattern`.
// Returns what the checks logged.
std::vector<PluginLogMessage> expect_lua_checks(const std::string& checks) {
    TempDir dir;
    TestPlugin p;
    p.top = "local log = require('log')";
    p.parse = R"~(
      local function fails(pattern, f, ...)
        local ok, why = pcall(f, ...)
        assert(not ok, "expected an error like " .. pattern)
        assert(tostring(why):find(pattern), why)
      end
    )~" + checks +
              "\nreturn {}";
    PluginSession s(write_test_plugin(dir.path(), p));
    PluginResponse r;
    r.body = "body";
    auto o = s.parse(r, {});
    EXPECT_TRUE(o.ok()) << o.error().message;
    return o.ok() ? o.value().log : std::vector<PluginLogMessage>{};
}

TEST(SandboxEnvironment, TheCommonModuleGivesThePluginHelpers) {
    expect_lua_checks(R"~(
      local common = require("common")
      local json = require("json")
      assert(require("common") == common, "cached like every module")
      assert(common.str("  Acme \n") == "Acme")
      assert(common.str("   ") == nil and common.str(json.null) == nil and common.str(7) == nil)
      assert(common.tbl({}) and common.tbl(json.null) == nil and common.tbl("x") == nil)
      assert(common.id_of(123.0) == "123" and common.id_of(" a1 ") == "a1")
      assert(common.setting({settings = {q = "cv"}}, "q", "x") == "cv")
      assert(common.setting({}, "q", "x") == "x")
      local tags = common.list_setting({settings = {tags = "python,ai"}}, "tags", {})
      assert(#tags == 2 and tags[1] == "python" and tags[2] == "ai")
      assert(common.list_setting({settings = {tags = {"cv"}}}, "tags", {})[1] == "cv")
      assert(#common.list_setting({}, "tags", {"x"}) == 1)
      assert(common.num(12.5) == 12.5 and common.num(" 1,200 ") == 1200)
      assert(common.num("n/a") == nil and common.num(json.null) == nil)
      assert(common.decode_json("x", '{"a": 1}').a == 1)
      local ok, why = pcall(common.decode_json, "board", "<html>blocked</html>")
      assert(not ok and why:find("^board: the response is not JSON %("), why)
      local l = common.fit({title = string.rep("t", 400), tags = {"ok", string.rep("x", 65)}})
      assert(#l.title == 300 and l.title:sub(-3) == "\u{2026}", #l.title)
      assert(#l.tags == 1 and l.tags[1] == "ok")
      assert(common.clean_html("&lt;p&gt;Hello &amp;amp; bye&lt;/p&gt;") == "Hello & bye",
             common.clean_html("&lt;p&gt;Hello &amp;amp; bye&lt;/p&gt;"))
      local b = common.budget_from_text("$6,000 a month", "fixed")
      assert(b.kind == "salary" and b.min == 72000 and b.currency == "USD", b.kind)
      assert(common.budget_from_text("$40/hr").kind == "hourly")
      assert(common.budget_from_text("no pay given", "fixed") == nil)
      local pay, phrase = common.pay_in_text(
        "We raised $20M.\nCompensation: $120k \u{2013} $150k base, plus equity.\nBenefits")
      assert(pay.kind == "salary" and pay.min == 120000 and pay.max == 150000, tostring(phrase))
      assert(phrase == "$120k \u{2013} $150k base, plus equity", phrase)
      assert(common.pay_in_text("Rate: \u{20AC}60\u{2013}80/h").kind == "hourly")
      assert(common.pay_in_text("Salary: $150,000 per year").min == 150000)
      assert(common.pay_in_text(" - Fertility HRA (up to $10,000 per year)") == nil)
      assert(common.pay_in_text("We raised $20M and earn $3M a year") == nil)
      assert(common.pay_in_text(nil) == nil)
      -- A code after its amount; several currencies with no period (Anthropic's real Greenhouse
      -- board: "Weekly stipend of 3,850 USD / 2,310 GBP / 4,300 CAD") are left alone.
      local week = common.pay_in_text("Stipend: 3,850 USD per week")
      assert(week.kind == "salary" and week.min == 3850 * 52 and week.currency == "USD")
      assert(common.pay_in_text("- Weekly stipend of 3,850 USD / 2,310 GBP / 4,300 CAD") == nil)
    )~");
}

TEST(SandboxEnvironment, CommonChecksStatusesAndDecodesJson) {
    expect_lua_checks(R"~(
      local common = require("common")
      local msgs = {
        [404] = "there is no board `x` (HTTP {status}): check `board`",
        [429] = "the board is limiting requests (HTTP 429); wait an hour",
        other = "the board API answered HTTP {status}; try again later",
      }
      -- Below 400 nothing happens; a missing status is 200.
      common.check_status("b", {status = 200}, msgs)
      common.check_status("b", {}, msgs)
      common.check_status("b", {status = 304}, nil)
      fails("^b: there is no board `x` %(HTTP 404%): check `board`$",
            common.check_status, "b", {status = 404}, msgs)
      fails("^b: the board is limiting requests %(HTTP 429%)", common.check_status, "b",
            {status = 429}, msgs)
      fails("^b: the board API answered HTTP 503; try again later$", common.check_status, "b",
            {status = 503}, msgs)
      fails("^b: the API answered HTTP 500; try again later$", common.check_status, "b",
            {status = 500})
      -- A function message reads the body when it is JSON.
      local why = function(status, data)
        return "refused (HTTP " .. status .. "): " .. (data and data.error or "no JSON")
      end
      fails("^b: refused %(HTTP 401%): bad key$", common.check_status, "b",
            {status = 401, body = '{"error": "bad key"}'}, {[401] = why})
      fails("^b: refused %(HTTP 401%): no JSON$", common.check_status, "b",
            {status = 401, body = "<html>no</html>"}, {[401] = why})
      -- Mistakes in the call name the helper.
      fails("common%.check_status: `name` must be a string, got nil", common.check_status, nil,
            {status = 404})
      fails("common%.check_status: `response` must be a table, got string",
            common.check_status, "b", "404")
      fails("common%.check_status: `messages` must be a table, got string",
            common.check_status, "b", {status = 404}, "gone")
      fails("common%.check_status: the message for HTTP 404 must be a text or a function " ..
            "giving one, got number", common.check_status, "b", {status = 404}, {[404] = 7})

      -- decode_json takes the response or its body; a byte order mark is skipped.
      assert(common.decode_json("b", {body = '{"a": 1}'}).a == 1)
      assert(common.decode_json("b", '\u{FEFF}[1, 2]')[2] == 2)
      fails('^b: the response is not JSON %(.*; it starts with "<html> <body>Blocked</body>"%)$',
            common.decode_json, "b", {body = "<html>\n<body>Blocked</body>"})
      -- Control characters from the body (a terminal escape) do not reach the message.
      local _, escaped = pcall(common.decode_json, "b", "\27[31mred\0")
      assert(escaped:find("red", 1, true) and not escaped:find("[%z\27]"), escaped)
      fails("^b: the response is not JSON %(the body is empty%)$", common.decode_json, "b",
            {status = 200})
      fails("^b: the response is not JSON %(the body is empty%); try later$",
            common.decode_json, "b", "  ", "try later")
      fails("common%.decode_json: `name` must be a string, got number", common.decode_json, 1, "{}")
      fails("common%.decode_json: `response` must be a response or its body, got number",
            common.decode_json, "b", {body = 12})
    )~");
}

TEST(SandboxEnvironment, CommonListOfGivesTheListOrTheApisError) {
    expect_lua_checks(R"~(
      local common = require("common")
      local json = require("json")
      local jobs = {{title = "A"}}
      assert(common.list_of("b", {jobs = jobs}, "jobs") == jobs)
      assert(#common.list_of("b", {jobs = {}, message = "ignored"}, "jobs") == 0)
      -- Not an object: what was expected, with no position prefix.
      fails("^b: expected a JSON object with `jobs`$", common.list_of, "b", "text", "jobs")
      fails("^b: expected a JSON object with `jobs`$", common.list_of, "b", json.null, "jobs")
      fails("^b: expected a JSON object with `data`$", common.list_of, "b", nil, "data")
      -- No list: the API's own message (message, then error, by default), else what is missing.
      fails("^b: the API answered with an error: Too Many Attempts%.$", common.list_of, "b",
            {message = " Too Many Attempts. ", error = "second"}, "jobs")
      fails("^b: the API answered with an error: Invalid cursor$", common.list_of, "b",
            {message = "", error = "Invalid cursor", jobs = json.null}, "jobs")
      fails("^b: the response has no `jobs` list$", common.list_of, "b", {detail = "x"}, "jobs")
      fails("^b: the response has no `hits` list$", common.list_of, "b", {hits = "none"}, "hits")
      -- The plugin names its API, the fields its errors come in (a list gives its first text)
      -- and what to say when there is neither.
      fails("^b: the board API answered with an error: gone$", common.list_of, "b",
            {message = "m", error = "gone"}, "jobs",
            {api = "board API", messages = {"error", "message"}})
      fails("^b: the posting API answered with an error: Job board not found$", common.list_of,
            "b", {success = false, errors = {"Job board not found"}}, "jobs",
            {api = "posting API", messages = {"error", "message", "errors"}})
      fails("^b: the API answered with an error: AUTH_FAIL$", common.list_of, "b",
            {exception = "AUTH_FAIL", message = "not read"}, "results",
            {messages = {"display", "exception"}})
      fails("^b: the API found no jobs; check `tag`$", common.list_of, "b", {success = false},
            "jobs", {missing = "the API found no jobs; check `tag`"})
      fails("^b: the response has no `jobs` list$", common.list_of, "b", {}, "jobs",
            {missing = false})
      -- Mistakes in the call name the helper.
      fails("common%.list_of: `name` must be a string, got nil", common.list_of, nil, {}, "jobs")
      fails("common%.list_of: `field` must be a string, got nil", common.list_of, "b", {})
      fails("common%.list_of: `opts` must be a table, got string", common.list_of, "b", {},
            "jobs", "message")
      fails("common%.list_of: `opts%.messages` must be a table, got string", common.list_of, "b",
            {}, "jobs", {messages = "error"})

      assert(common.name_from_slug("acme-robotics") == "Acme Robotics")
      assert(common.name_from_slug("spotify") == "Spotify")
      assert(common.name_from_slug("open_ai--labs") == "Open Ai Labs")
      fails("common%.name_from_slug: `slug` must be a string, got nil", common.name_from_slug)
    )~");
}

TEST(SandboxEnvironment, CommonReadsTextAndSalaries) {
    expect_lua_checks(R"~(
      local common = require("common")
      local json = require("json")
      -- plain_text: plain text keeps its lines and decodes entities; a tag means HTML.
      assert(common.plain_text("  R&amp;D\nLead  ") == "R&D\nLead")
      assert(common.plain_text("<p>Hello</p><p>World &amp; more</p>"):find("^Hello\n+World & more$"))
      assert(common.plain_text("a < b") == "a < b")
      assert(common.plain_text("   ") == nil and common.plain_text("<p></p>") == nil)
      assert(common.plain_text(nil) == nil and common.plain_text(12) == nil and
             common.plain_text(json.null) == nil)

      local function same(b, kind, min, max, currency)
        assert(b, "no budget")
        assert(b.kind == kind and b.min == min and b.max == max and b.currency == currency,
               tostring(b.kind) .. " " .. tostring(b.min) .. " " .. tostring(b.max) .. " " ..
               tostring(b.currency))
      end
      same(common.salary_budget(100000, 120000, "usd", nil), "salary", 100000, 120000, "USD")
      same(common.salary_budget("5,000", nil, "EUR", "Monthly"), "salary", 60000, nil, "EUR")
      same(common.salary_budget(1000, 0, "GBP", "per week"), "salary", 52000, nil, "GBP")
      same(common.salary_budget(0, 400, "EUR", "DAY"), "salary", nil, 104000, "EUR")
      same(common.salary_budget(300, nil, "EUR", "daily"), "salary", 78000, nil, "EUR")
      same(common.salary_budget(40, 60, "USD", "HOUR"), "hourly", 40, 60, "USD")
      same(common.salary_budget(90000, 90000, "CAD", "annual"), "salary", 90000, 90000, "CAD")
      -- No amount, or no currency code: no budget.
      assert(common.salary_budget(nil, nil, "USD", "year") == nil)
      assert(common.salary_budget(0, 0, "USD") == nil)
      assert(common.salary_budget("n/a", json.null, "USD") == nil)
      assert(common.salary_budget(50000, 60000, nil) == nil)
      assert(common.salary_budget(50000, 60000, "$") == nil)
      assert(common.salary_budget(50000, 60000, "dollars") == nil)
      assert(common.salary_budget(50000, 60000, 840) == nil)
    )~");
}

TEST(SandboxEnvironment, CommonCollectKeepsSkipsAndReports) {
    auto log = expect_lua_checks(R"~(
      local common = require("common")
      local function convert(item, i)
        if not item.title then return nil, "no `title`" end
        return {id = tostring(i), url = "https://x.test/" .. i, title = item.title}
      end
      local items = {{title = "A"}, {notice = true}, "junk", {title = "B", listed = false},
                     {}, {title = string.rep("t", 400)}}
      -- Without keep every object is converted; the notice and {} are unreadable.
      local all = common.collect("b", items, convert, "job")
      assert(#all == 3 and all[1].title == "A" and all[2].title == "B", #all)
      assert(#all[3].title == 300, "listings are fitted")
      -- keep skips the notice and the unlisted job quietly.
      local seen = {}
      local kept = common.collect("b", items, convert, "job", {keep = function(item, i)
        seen[#seen + 1] = i
        return not item.notice and item.listed ~= false
      end})
      assert(#kept == 2 and kept[1].title == "A" and kept[2].id == "6", #kept)
      assert(table.concat(seen, ",") == "1,2,4,5,6", "keep sees objects only")
      -- Items refused by keep do not make a page unreadable; unreadable ones do.
      assert(#common.collect("b", {{notice = true}}, convert, "job",
                             {keep = function() return false end}) == 0)
      assert(#common.collect("b", {}, convert, "job") == 0)
      fails("^b: none of the 2 jobs could be read %(job 2: no `title`%)$", common.collect, "b",
            {{notice = true}, {}, "x"}, convert, "job", {keep = function(item)
              return not item.notice end})
      fails("common%.collect: `items` must be a table, got nil", common.collect, "b", nil,
            convert, "job")
      fails("common%.collect: `convert` must be a function, got nil", common.collect, "b", {},
            nil, "job")
      fails("common%.collect: `noun` must be a string, got nil", common.collect, "b", {}, convert)
      fails("common%.collect: `opts.keep` must be a function, got boolean", common.collect, "b",
            {}, convert, "job", {keep = true})
    )~");
    // One warning per collect that skipped something: the first, 2 of 6 unreadable; the second
    // only "{}" (the notice and the unlisted job were refused by keep, quietly).
    std::vector<std::string> warnings;
    for (const auto& m : log) {
        if (m.level == "warn")
            warnings.push_back(m.text);
    }
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0], "b: skipped 3 unreadable item(s); the first: job 2: no `title`");
    EXPECT_EQ(warnings[1], "b: skipped 2 unreadable item(s); the first: job 3: not an object");
}

TEST(SandboxEnvironment, DangerousLibrariesAreAbsent) {
    expect_lua_checks(R"~(
      for _, name in ipairs({ "io", "os", "package", "debug", "coroutine", "dofile", "loadfile",
                              "warn", "loadstring", "module", "setfenv", "getfenv", "unpack" }) do
        assert(_G[name] == nil, name .. " should not exist")
      end
      assert(string.dump == nil, "string.dump")
      assert(getmetatable("") == false, "the string metatable is locked")
      assert(not pcall(setmetatable, "", {}), "strings cannot get a metatable")
    )~");
}

TEST(SandboxEnvironment, WrappedFunctionsBehaveAsDocumented) {
    expect_lua_checks(R"~(
      -- load: text only, optional env
      local env = { x = 41 }
      local f = load("return x + 1", "=chunk", "t", env)
      assert(f() == 42, "load with env")
      assert(load("return 1")() == 1, "load text")
      local g, err = load("return +")
      assert(g == nil and err:find("unexpected symbol"), "syntax errors are returned")
      -- pcall / xpcall keep their ordinary meaning
      local ok, e = pcall(error, "boom", 0)
      assert(not ok and e == "boom", "pcall")
      local ok2, r = xpcall(function() error("x", 0) end, function(m) return "handled " .. m end)
      assert(not ok2 and r == "handled x", "xpcall handler")
      local ok3, a, b = pcall(function() return 1, 2 end)
      assert(ok3 and a == 1 and b == 2, "pcall results")
      -- tostring has no addresses
      assert(tostring({}) == "table" and tostring(print) == "function", "tostring")
      assert(tostring(setmetatable({}, { __tostring = function() return "custom" end })) == "custom")
      assert(tostring(1.5) == "1.5" and tostring(nil) == "nil", "tostring values")
      -- collectgarbage counts only
      assert(type(collectgarbage("count")) == "number", "collectgarbage count")
      assert(not pcall(collectgarbage), "collectgarbage collect is refused")
      -- require: host modules, cached per call
      assert(require("log") == require("log"), "require caches")
      assert(not pcall(require, "socket"), "unknown modules")
      -- setmetatable works, except for __gc
      assert(getmetatable(setmetatable({}, { __index = {} })) ~= nil)
      -- string.format works, %p does not
      assert(string.format("%5.1f|%d|%s", 3.14159, 7, "x") == "  3.1|7|x")
      assert(not pcall(string.format, "%p", {}))
      -- integers stay integers
      assert(math.type(1) == "integer" and math.type(1.0) == "float")
    )~");
}

TEST(SandboxEnvironment, PatternGuardAllowsCheapPatternsOnBigTexts) {
    expect_lua_checks(R"~(
      local big = ("abc "):rep(100000) .. "needle"       -- 400 kB
      assert(big:find("needle", 1, true), "plain find")
      assert(big:find("needle"), "a pattern without specials is plain")
      assert(big:find("n%a%a"), "fixed-length items only")
      assert(select(2, big:gsub("abc", "x")) == 100000, "gsub without repetition")
      local small = ("x"):rep(1000)
      assert(small:match("^(x+)$") == small, "one repetition on a small text")
      assert(("key: value"):match("^(%w+):%s*(.-)$") == "key", "two repetitions on a short text")
      assert(not pcall(string.find, big, "%a+"), "repetition on 400 kB is refused")
      assert(not pcall(string.match, ("x"):rep(20000), "(x-)(x-)y"), "two items on 20 kB")
      assert(not pcall(string.find, "aaaa", "a*a*a*a*b"), "four items")
      assert(#string.rep("ab", 3, ",") == 8, "rep with a separator")
      assert(#table.concat({ "a", "b" }, ",") == 3, "concat")
      local t = { 3, 1, 2 }
      table.sort(t)
      assert(t[1] == 1 and t[3] == 3, "sort")
      assert(select("#", table.unpack({ 1, 2, 3 })) == 3, "unpack")
      local moved = table.move({ 1, 2, 3 }, 1, 3, 2, {})
      assert(moved[2] == 1 and moved[4] == 3, "move")
    )~");
}

TEST(SandboxEnvironment, ArgumentErrorsNameTheFunction) {
    // Called through pcall, Lua knows no name at the call site; the error still names the
    // helper (issue 19: it said '?').
    expect_lua_checks(R"~(
      local json = require("json")
      local ok, err = pcall(json.decode)
      assert(not ok and err:find("bad argument #1 to 'json.decode'", 1, true), err)
      local ok2, err2 = pcall(string.rep)
      assert(not ok2 and err2:find("'string.rep'", 1, true), err2)
    )~");
}

}  // namespace
}  // namespace gigscout
