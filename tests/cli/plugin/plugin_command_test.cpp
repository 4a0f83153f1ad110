// gigscout-cli plugin run|requests|check|test|new: output and exit codes (docs/cli.md).
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdlib>

#include "base/json_reader.h"
#include "run_cli.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::read_file;
using testing::source_dir;
using testing::TempDir;
using testing::write_file;

using testing::CliResult;

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

// Runs a shell command line (a generated plugin's test script) with its output captured.
CliResult shell(const TempDir& dir, const std::string& command) {
    auto out = dir.path() / "stdout.txt";
    auto err = dir.path() / "stderr.txt";
    int status =
        std::system((command + " >" + quote(out.string()) + " 2>" + quote(err.string())).c_str());
    CliResult r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
}

CliResult cli(const std::vector<std::string>& args, const std::string& input = "",
              const std::vector<std::string>& env = {}) {
    return testing::run_gigscout_cli(args, input, env);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

const std::string kExample = (source_dir() / "plugins" / "examples" / "gigboard").string();
const std::string kSample =
    (source_dir() / "plugins" / "examples" / "gigboard" / "responses" / "sample.json").string();

TEST(CliPlugin, NewWritesAFolderWhoseCasesPass) {
    TempDir dir;
    auto r = cli({"plugin", "new", "demo", "--dir", (dir.path() / "p").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    const auto folder = dir.path() / "p" / "demo";
    for (const char* file : {"init.lua", "cases.json", "responses/sample.json", "test.sh"}) {
        EXPECT_TRUE(contains(r.out, "wrote " + (folder / file).string())) << r.out;
    }
    EXPECT_TRUE(contains(r.out, std::string(GIGSCOUT_CLI_PATH) + " plugin test " + folder.string()))
        << r.out;
    // `plugin test` on the new folder: its one case passes.
    auto test = cli({"plugin", "test", folder.string()});
    EXPECT_EQ(test.code, 0) << test.out << test.err;
    EXPECT_TRUE(contains(test.out, "  pass  sample_page\n")) << test.out;
    EXPECT_TRUE(contains(test.out, "1 passed, 0 failed, 0 skipped")) << test.out;
    // Its test script, with no gigscout-cli on PATH, runs the CLI that wrote it.
    auto alone = shell(
        dir, "env -u GIGSCOUT_CLI PATH=/usr/bin:/bin " + quote((folder / "test.sh").string()));
    EXPECT_EQ(alone.code, 0) << alone.out << alone.err;
    EXPECT_TRUE(contains(alone.out, "1 passed, 0 failed")) << alone.out;
    // A second `new` refuses to overwrite (exit 2, naming the file).
    auto again = cli({"plugin", "new", "demo", "--dir", (dir.path() / "p").string()});
    EXPECT_EQ(again.code, 2);
    EXPECT_TRUE(contains(again.err, "init.lua already exists")) << again.err;
    EXPECT_EQ(cli({"plugin", "new", "Not Valid"}).code, 2);
}

// A copy of the example plugin's folder with `cases` as its case table.
std::filesystem::path example_with_cases(const TempDir& dir, const std::string& cases) {
    auto folder = dir.path() / "gigboard";
    std::filesystem::create_directories(folder / "responses");
    std::filesystem::copy_file(std::filesystem::path(kExample) / "init.lua", folder / "init.lua");
    std::filesystem::copy_file(kSample, folder / "responses" / "sample.json");
    write_file(folder / "cases.json", cases);
    return folder;
}

TEST(CliPlugin, TestShowsTheFirstDifferenceAndExits3) {
    TempDir dir;
    auto folder = example_with_cases(dir, R"({"cases": [
      {"name": "right", "fixture": "responses/sample.json", "count": 2},
      {"name": "wrong_title", "fixture": "responses/sample.json",
       "listings": {"gigboard:5012": {"title": "OpenCV expert", "company": "Nobody"}}},
      {"name": "real_capture", "fixture": "shared:gigboard/none.json", "count": 1}
    ]})");
    auto r = cli({"plugin", "test", folder.string()}, "", {"-GIGSCOUT_SHARED"});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "  pass  right\n")) << r.out;
    EXPECT_TRUE(contains(r.out,
                         "  FAIL  wrong_title\n"
                         "        at:       listings[\"gigboard:5012\"].title\n"
                         "        expected: \"OpenCV expert\"\n"
                         "        actual:   \"OpenCV expert for PCB defect detection\"\n"
                         "        (and 1 more difference)\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "  skip  real_capture: needs the real capture gigboard/none.json"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "1 passed, 1 failed, 1 skipped\n")) << r.out;
}

TEST(CliPlugin, TestNamesAMissingResponseFile) {
    TempDir dir;
    auto folder = example_with_cases(
        dir, R"({"cases": [{"name": "gone", "fixture": "responses/page9.json", "count": 1}]})");
    auto r = cli({"plugin", "test", folder.string()});
    EXPECT_EQ(r.code, 3) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "  FAIL  gone\n        response file missing: " +
                                    (folder / "responses" / "page9.json").string()))
        << r.out;
}

TEST(CliPlugin, TestFindsAPluginByIdAndRefusesWhatIsNotOne) {
    // The example plugin by its id, through the catalog (GIGSCOUT_PLUGINS: the bundled folder).
    auto examples = (source_dir() / "plugins" / "examples").string();
    auto by_id = cli({"plugin", "test", "gigboard"}, "", {"GIGSCOUT_PLUGINS=" + examples});
    EXPECT_EQ(by_id.code, 0) << by_id.out << by_id.err;
    EXPECT_TRUE(contains(by_id.out, "0 failed")) << by_id.out;
    auto unknown = cli({"plugin", "test", "no_such_plugin"}, "", {"GIGSCOUT_PLUGINS=" + examples});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_TRUE(contains(unknown.err, "\"no_such_plugin\" is neither a plugin folder nor the id"))
        << unknown.err;
    TempDir dir;
    write_file(dir.path() / "flat.lua", "return {}");
    auto flat = cli({"plugin", "test", (dir.path() / "flat.lua").string()});
    EXPECT_EQ(flat.code, 2);
    EXPECT_TRUE(contains(flat.err, "is a single-file plugin")) << flat.err;
}

TEST(CliPlugin, RunPrintsATableAndTheMessages) {
    TempDir dir;
    auto r = cli({"plugin", "run", kExample, "--response", kSample});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "id                            title")) << r.out;
    EXPECT_TRUE(contains(r.out, "gigboard:5012")) << r.out;
    EXPECT_TRUE(contains(r.out, "€45–70/h")) << r.out;  // display_text.h: one style
    EXPECT_TRUE(contains(r.out, "2026-11-20")) << r.out;
    EXPECT_TRUE(contains(r.out, "2 listings valid, 0 rejected")) << r.out;
    EXPECT_TRUE(contains(r.out, "next request: GET https://api.gigboard.example/v1/gigs?page=2"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "log warn: skipped gig 5014")) << r.out;
}

TEST(CliPlugin, RunJsonPrintsTheListingArrayAlone) {
    TempDir dir;
    auto r = cli({"plugin", "run", kExample, "--response", kSample, "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto doc = json::parse(r.out, "stdout");
    ASSERT_TRUE(doc.ok()) << doc.error().message << "\n" << r.out;
    ASSERT_TRUE(doc.value().IsArray());
    ASSERT_EQ(doc.value().Size(), 2u);
    EXPECT_STREQ(doc.value()[0]["id"].GetString(), "gigboard:5012");
    EXPECT_STREQ(doc.value()[0]["budget"]["currency"].GetString(), "EUR");
    EXPECT_TRUE(contains(r.err, "2 listings valid, 0 rejected")) << r.err;
    // Which skills the tags ("OpenCV", "Python", "Defect detection") became; the title ("OpenCV
    // expert for PCB defect detection") names two of them, and a skill is kept at its title.
    ASSERT_TRUE(doc.value()[0].HasMember("skills")) << r.out;
    std::vector<std::string> from_title;
    std::vector<std::string> from_tags;
    for (const auto& s : doc.value()[0]["skills"].GetArray()) {
        const std::string origin = s["origin"].GetString();
        if (origin == "title") {
            from_title.push_back(s["skill"].GetString());
        } else if (origin == "tag") {
            from_tags.push_back(s["skill"].GetString());
        }
    }
    EXPECT_EQ(from_title, (std::vector<std::string>{"opencv", "visual-inspection"})) << r.out;
    EXPECT_EQ(from_tags, (std::vector<std::string>{"python"})) << r.out;
}

TEST(CliPlugin, RunExitsThreeOnInvalidListingsAndNamesThem) {
    TempDir dir;
    write_file(dir.path() / "bad.lua", R"~(
return { id = "bad", name = "Bad", version = "1", api_version = 1, hosts = { "example.com" },
  requests = function(ctx) return {} end,
  parse = function(response, ctx)
    return { { id = 1, url = "https://example.com/1", title = "Fine" },
             { id = 2, url = "javascript:alert(1)", title = "Evil" } }
  end }
)~");
    write_file(dir.path() / "r.txt", "anything");
    auto r = cli({"plugin", "run", (dir.path() / "bad.lua").string(), "--response",
                  (dir.path() / "r.txt").string(), "--status", "200", "--header",
                  "Content-Type: text/plain"});
    EXPECT_EQ(r.code, 3);
    EXPECT_TRUE(contains(r.out, "1 listing valid, 1 rejected")) << r.out;
    EXPECT_TRUE(contains(r.out,
                         "bad: page 1: listing 2: field `url`: must be an http or https "
                         "URL, got \"javascript:alert(1)\""))
        << r.out;
}

TEST(CliPlugin, RunExitsThreeWhenThePluginFails) {
    TempDir dir;
    write_file(dir.path() / "fails.lua", R"~(
return { id = "fails", name = "F", version = "1", api_version = 1, hosts = { "example.com" },
  requests = function(ctx) return {} end,
  parse = function(response, ctx) error("status " .. response.status) end }
)~");
    auto r = cli({"plugin", "run", (dir.path() / "fails.lua").string(), "--response", kSample,
                  "--status", "503"});
    EXPECT_EQ(r.code, 3);
    EXPECT_TRUE(contains(r.err,
                         "gigscout-cli plugin run: plugin fails: error in parse(): "
                         "fails.lua:4: status 503"))
        << r.err;
}

TEST(CliPlugin, BadUsageAndUnreadableFilesExitTwoNamingThem) {
    TempDir dir;
    auto missing = cli({"plugin", "run", kExample, "--response", "/nonexistent/r.json"});
    EXPECT_EQ(missing.code, 2);
    EXPECT_TRUE(contains(missing.err, "/nonexistent/r.json")) << missing.err;
    auto no_plugin = cli({"plugin", "run", "/nonexistent/p.lua", "--response", kSample});
    EXPECT_EQ(no_plugin.code, 2);
    EXPECT_TRUE(contains(no_plugin.err, "/nonexistent/p.lua")) << no_plugin.err;
    auto header = cli({"plugin", "run", kExample, "--response", kSample, "--header", "oops"});
    EXPECT_EQ(header.code, 2);
    EXPECT_TRUE(contains(header.err, "--header \"oops\": expected 'Name: value'")) << header.err;
    auto setting = cli({"plugin", "run", kExample, "--response", kSample, "--setting", "x=1"});
    EXPECT_EQ(setting.code, 2);
    EXPECT_TRUE(contains(setting.err,
                         "plugin gigboard has no such setting (it has: query, "
                         "max_pages)"))
        << setting.err;
    auto typed =
        cli({"plugin", "run", kExample, "--response", kSample, "--setting", "max_pages=many"});
    EXPECT_EQ(typed.code, 2);
    EXPECT_TRUE(contains(typed.err, "setting `max_pages`: expected a number, got \"many\""))
        << typed.err;
    EXPECT_EQ(cli({"plugin", "run", kExample}).code, 2);  // --response is required
}

TEST(CliPlugin, RequestsPrintsWhatThePluginWouldFetch) {
    TempDir dir;
    auto r = cli({"plugin", "requests", kExample, "--setting", "query=deep learning"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "GET https://api.gigboard.example/v1/gigs?page=1&q=deep%20learning\n"
              "  Accept: application/json\n");
}

TEST(CliPlugin, RequestsNameTheHeadersThatMayFollowARedirect) {
    TempDir dir;
    write_file(
        dir.path() / "fwd.lua",
        "return { id = 'fwd', name = 'F', version = '1', api_version = 1,\n"
        "  hosts = { 'example.com' },\n"
        "  requests = function() return { { url = 'https://example.com/',\n"
        "    headers = { ['X-Api-Version'] = '2' }, forward_headers = { 'X-Api-Version' } } }"
        " end,\n"
        "  parse = function() return {} end }");
    auto r = cli({"plugin", "requests", (dir.path() / "fwd.lua").string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "GET https://example.com/\n"
              "  X-Api-Version: 2\n"
              "  forwarded on a redirect to another origin: X-Api-Version\n");
}

TEST(CliPlugin, CheckValidatesTheManifest) {
    TempDir dir;
    auto ok = cli({"plugin", "check", kExample});
    ASSERT_EQ(ok.code, 0) << ok.err;
    EXPECT_TRUE(contains(ok.out, "manifest ok")) << ok.out;
    EXPECT_TRUE(contains(ok.out, "hosts:         api.gigboard.example")) << ok.out;
    // A generic plugin: its hosts come from each source's `url`, so no "every request will be
    // refused" note.
    auto generic = cli({"plugin", "check", (source_dir() / "plugins" / "rss").string()});
    ASSERT_EQ(generic.code, 0) << generic.err;
    EXPECT_TRUE(contains(generic.out, "hosts:         the host of setting `url` (per source)\n"))
        << generic.out;
    EXPECT_FALSE(contains(generic.out, "no hosts")) << generic.out;
    write_file(dir.path() / "wrong.lua",
               "return { id = 'Wrong', name = 'W', version = '1', api_version = 1,\n"
               "  hosts = { 'https://x.com' }, requests = function() end }");
    auto bad = cli({"plugin", "check", (dir.path() / "wrong.lua").string()});
    EXPECT_EQ(bad.code, 3);
    EXPECT_TRUE(contains(bad.err, "field `id`: must use only a-z, 0-9, _ and -")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "field `hosts[1]`")) << bad.err;
    EXPECT_TRUE(contains(bad.err, "field `parse`: is required")) << bad.err;
}

// Text a plugin chose never reaches the terminal raw (issue 19): no escape sequence, and no
// newline that would let it print a line looking like the host's.
TEST(CliPlugin, PluginTextIsPrintedEscaped) {
    TempDir dir;
    write_file(dir.path() / "loud.lua",
               "local log = require('log')\n"
               "return { id = 'loud', version = '1.0.0', api_version = 1,\n"
               "  name = 'Loud\\27[31m\\n[INFO] plugin upwork: signature verified OK',\n"
               "  hosts = { 'example.com' },\n"
               "  requests = function()\n"
               "    log.warn('first\\n[INFO] forged line')\n"
               "    return { { url = 'https://example.com/a', headers = { ['X-B\\r\\nInjected'] = "
               "'v\\27]0;t\\7' } } }\n"
               "  end,\n"
               "  parse = function() return {} end }\n");
    auto check = cli({"plugin", "check", (dir.path() / "loud.lua").string()});
    ASSERT_EQ(check.code, 0) << check.err;
    EXPECT_TRUE(contains(check.out,
                         "  name:          Loud\\e[31m\\n[INFO] plugin upwork: signature verified "
                         "OK\n"))
        << check.out;
    EXPECT_FALSE(contains(check.out, "\x1b")) << check.out;
    EXPECT_FALSE(contains(check.out, "\n[INFO]")) << check.out;
    auto requests = cli({"plugin", "requests", (dir.path() / "loud.lua").string()});
    EXPECT_FALSE(contains(requests.out + requests.err, "\x1b"));
    EXPECT_FALSE(contains(requests.out + requests.err, "\r"));
    EXPECT_FALSE(contains(requests.out + requests.err, "\n[INFO]"));
    EXPECT_FALSE(contains(requests.out + requests.err, "\nInjected"));
    EXPECT_TRUE(contains(requests.out + requests.err, "first\\n[INFO] forged line"))
        << requests.out << requests.err;
}

}  // namespace
}  // namespace gigscout
