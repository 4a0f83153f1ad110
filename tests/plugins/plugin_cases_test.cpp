// Every shipped plugin, run through the real sandbox by the real CLI on saved responses, with
// the expectations of its case table (tests/plugins/<id>/cases.json; format in
// docs/plugin-cases.md). One GoogleTest test per case, named <plugin id>.<case name>.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "plugin_host/plugin_session.h"
#include "plugins/case_table.h"
#include "plugins/child_process.h"
#include "plugins/json_expect.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;

// A hang is a failure, not a wait; the CLI's own deadline per plugin call is seconds.
constexpr std::chrono::milliseconds kChildDeadline{60'000};

std::string cli_path() {
    return GIGSCOUT_CLI_PATH;
}

std::string describe_child(const std::vector<std::string>& argv, const ChildResult& r) {
    std::string cmd;
    for (const auto& a : argv) {
        cmd += (cmd.empty() ? "" : " ") + a;
    }
    std::string out = r.out.size() > 4000 ? r.out.substr(0, 4000) + "..." : r.out;
    return "command: " + cmd + "\nexit: " + std::to_string(r.exit_code) +
           (r.timed_out ? " (killed: timed out)" : "") + "\nstderr:\n" + r.err + "\nstdout:\n" +
           out;
}

std::string str_field(const rapidjson::Value& v, const char* key) {
    if (v.IsObject() && v.HasMember(key) && v[key].IsString()) {
        return {v[key].GetString(), v[key].GetStringLength()};
    }
    return {};
}

// `plugin run --json` prints the valid listings as a JSON array on stdout; the counts, the
// refused listings, the next request and the plugin's log go to stderr.
const rapidjson::Value* listings_of(const rapidjson::Document& doc) {
    return doc.IsArray() ? &doc : nullptr;
}

// "next request: GET https://..." from the notes on stderr, as {"method", "url"}.
bool next_request_from_notes(const std::string& notes, rapidjson::Document& out) {
    const std::string marker = "next request: ";
    std::size_t at = notes.find(marker);
    if (at == std::string::npos) {
        return false;
    }
    std::size_t end = notes.find('\n', at);
    std::string line =
        notes.substr(at + marker.size(), end == std::string::npos ? end : end - at - marker.size());
    std::size_t space = line.find(' ');
    out.SetObject();
    auto& a = out.GetAllocator();
    out.AddMember("method", rapidjson::Value(line.substr(0, space).c_str(), a), a);
    out.AddMember(
        "url",
        rapidjson::Value(space == std::string::npos ? "" : line.substr(space + 1).c_str(), a), a);
    return true;
}

// A request as JSON: {"method", "url", "headers": {name: value}, "body"}.
void request_json(const PluginRequest& r, rapidjson::Value& out,
                  rapidjson::Document::AllocatorType& a) {
    out.SetObject();
    out.AddMember("method", rapidjson::Value(r.method.c_str(), a), a);
    out.AddMember("url", rapidjson::Value(r.url.c_str(), a), a);
    rapidjson::Value headers(rapidjson::kObjectType);
    for (const auto& [name, value] : r.headers) {
        headers.AddMember(rapidjson::Value(name.c_str(), a), rapidjson::Value(value.c_str(), a), a);
    }
    out.AddMember("headers", headers, a);
    if (!r.body.empty()) {
        out.AddMember("body", rapidjson::Value(r.body.c_str(), a), a);
    }
}

// `plugin requests` prints each request as "METHOD URL", then "  Name: value" per header and
// The text the CLI printed through utf8::printable, back to what the plugin wrote: a doubled
// backslash is one backslash, and the escapes of the few control characters a body holds ("\n",
// "\r", "\t") are those characters again.
std::string unprintable(std::string_view printed) {
    std::string out;
    for (std::size_t i = 0; i < printed.size(); ++i) {
        if (printed[i] == '\\' && i + 1 < printed.size()) {
            char next = printed[i + 1];
            const char* plain = next == '\\'  ? "\\"
                                : next == 'n' ? "\n"
                                : next == 'r' ? "\r"
                                : next == 't' ? "\t"
                                              : nullptr;
            if (plain != nullptr) {
                out += plain;
                ++i;
                continue;
            }
        }
        out += printed[i];
    }
    return out;
}

// "  body: ..." — read back into the JSON form above.
rapidjson::Document requests_from_text(const std::string& text) {
    rapidjson::Document doc(rapidjson::kArrayType);
    auto& a = doc.GetAllocator();
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::string line = text.substr(pos, end == std::string::npos ? end : end - pos);
        pos = end == std::string::npos ? text.size() : end + 1;
        if (line.empty() || line.rfind("log ", 0) == 0 || line == "(no requests)") {
            continue;
        }
        if (line.rfind("  ", 0) != 0) {
            std::size_t space = line.find(' ');
            rapidjson::Value r(rapidjson::kObjectType);
            r.AddMember("method", rapidjson::Value(line.substr(0, space).c_str(), a), a);
            r.AddMember("url",
                        rapidjson::Value(
                            space == std::string::npos ? "" : line.substr(space + 1).c_str(), a),
                        a);
            r.AddMember("headers", rapidjson::Value(rapidjson::kObjectType), a);
            doc.PushBack(r, a);
            continue;
        }
        if (doc.Empty()) {
            continue;
        }
        rapidjson::Value& r = doc[doc.Size() - 1];
        std::string rest = line.substr(2);
        if (rest.rfind("body: ", 0) == 0) {
            r.AddMember("body", rapidjson::Value(unprintable(rest.substr(6)).c_str(), a), a);
        } else if (std::size_t colon = rest.find(": "); colon != std::string::npos) {
            r["headers"].AddMember(rapidjson::Value(rest.substr(0, colon).c_str(), a),
                                   rapidjson::Value(rest.substr(colon + 2).c_str(), a), a);
        }
    }
    return doc;
}

// The next request with its headers and body, which the CLI's notes leave out: the same
// call made in-process through PluginSession, the API the CLI itself uses.
Result<std::optional<PluginRequest>> next_request_in_process(const PluginCase& c,
                                                             const fs::path& fixture) {
    PluginSession session(c.plugin_file);
    auto manifest = session.load();
    if (!manifest) {
        return manifest.error();
    }
    SettingValues given;
    for (const auto& [key, text] : c.settings) {
        const SettingSpec* spec = manifest.value().setting(key);
        if (spec == nullptr) {
            return Error{"no setting " + key};
        }
        auto value = parse_setting_value(*spec, text);
        if (!value) {
            return value.error();
        }
        given[key] = std::move(value).value();
    }
    auto settings = resolve_settings(manifest.value(), given);
    if (!settings) {
        return settings.error();
    }
    PluginContext ctx;
    ctx.settings = std::move(settings).value();
    ctx.page = c.page;
    ctx.query = c.query;
    auto body = read_text_file(fixture);
    if (!body) {
        return body.error();
    }
    PluginResponse response;
    response.status = c.status;
    response.body = std::move(body).value();
    for (const auto& h : c.headers) {
        std::size_t colon = h.find(':');
        std::string value = h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        response.headers.emplace_back(h.substr(0, colon), value);
    }
    response.url = c.url;
    if (response.url.empty()) {
        if (auto reqs = session.requests(ctx); reqs && !reqs.value().empty()) {
            response.url = reqs.value().front().url;
        }
    }
    auto outcome = session.parse(response, ctx);
    if (!outcome) {
        return outcome.error();
    }
    return outcome.value().next;
}

void add_common_args(const PluginCase& c, std::vector<std::string>& argv) {
    for (const auto& [key, value] : c.settings) {
        argv.push_back("--setting");
        argv.push_back(key + "=" + value);
    }
    for (const auto& q : c.query) {
        argv.push_back("--query");
        argv.push_back(q);
    }
}

void run_case(const PluginCase& c) {
    const rapidjson::Value& spec = *c.spec;
    fs::path fixture;
    const std::string shared_prefix = "shared:";
    if (c.fixture.rfind(shared_prefix, 0) == 0) {
        auto p = shared_fixture(c.fixture.substr(shared_prefix.size()));
        if (!p) {
            GTEST_SKIP() << "shared fixtures are absent (../shared/fixtures or $GIGSCOUT_SHARED): "
                         << c.fixture;
        }
        fixture = *p;
    } else {
        fixture = c.plugin_file / c.fixture;
        ASSERT_TRUE(fs::exists(fixture)) << "fixture missing: " << fixture;
    }
    std::vector<std::string> argv = {
        cli_path(),   "plugin",         "run",      c.plugin_file.string(),
        "--response", fixture.string(), "--status", std::to_string(c.status)};
    for (const auto& h : c.headers) {
        argv.push_back("--header");
        argv.push_back(h);
    }
    if (c.page != 1) {
        argv.push_back("--page");
        argv.push_back(std::to_string(c.page));
    }
    if (!c.url.empty()) {
        argv.push_back("--url");
        argv.push_back(c.url);
    }
    add_common_args(c, argv);
    argv.push_back("--json");
    ChildResult r = run_child(argv, kChildDeadline);
    ASSERT_FALSE(r.timed_out) << describe_child(argv, r);
    std::string context = describe_child(argv, r);

    if (spec.HasMember("error")) {
        // A clear error, never a crash (1 = internal error, -1 = killed by a signal).
        EXPECT_EQ(r.exit_code, 3) << context;
        std::string words = r.err + "\n" + r.out;
        std::string want = spec["error"].GetString();
        EXPECT_NE(words.find(want), std::string::npos)
            << "expected the error to say: " << want << "\n"
            << context;
        return;
    }

    ASSERT_EQ(r.exit_code, 0) << context;
    auto parsed = json::parse(r.out, "plugin run --json output");
    ASSERT_TRUE(parsed.ok()) << parsed.error().message << "\n" << context;
    const rapidjson::Document& doc = parsed.value();
    const rapidjson::Value* listings = listings_of(doc);
    ASSERT_NE(listings, nullptr) << "no `listings` array in the output\n" << context;

    if (spec.HasMember("count")) {
        EXPECT_EQ(listings->Size(), spec["count"].GetUint()) << context;
    }
    if (spec.HasMember("min_count")) {
        EXPECT_GE(listings->Size(), spec["min_count"].GetUint()) << context;
    }
    if (spec.HasMember("listings")) {
        for (const auto& want : spec["listings"].GetObject()) {
            std::string id = want.name.GetString();
            const rapidjson::Value* found = nullptr;
            for (const auto& l : listings->GetArray()) {
                if (str_field(l, "id") == id) {
                    found = &l;
                    break;
                }
            }
            if (found == nullptr) {
                std::string ids;
                for (const auto& l : listings->GetArray()) {
                    ids += (ids.empty() ? "" : ", ") + str_field(l, "id");
                    if (ids.size() > 600) {
                        ids += ", ...";
                        break;
                    }
                }
                ADD_FAILURE() << "no listing with id " << id << " (ids: " << ids << ")";
                continue;
            }
            for (const auto& m : json_mismatches(want.value, found, id)) {
                ADD_FAILURE() << m;
            }
        }
    }
    if (spec.HasMember("absent")) {
        for (const auto& id : spec["absent"].GetArray()) {
            for (const auto& l : listings->GetArray()) {
                EXPECT_NE(str_field(l, "id"), id.GetString()) << "listing should have been skipped";
            }
        }
    }
    if (spec.HasMember("warning")) {
        std::string want = spec["warning"].GetString();
        EXPECT_NE(r.err.find(want), std::string::npos)
            << "expected a message saying: " << want << "\n"
            << context;
    }
    if (spec.HasMember("next_request")) {
        const rapidjson::Value& want = spec["next_request"];
        bool details = want.IsObject() && (want.HasMember("headers") || want.HasMember("body"));
        rapidjson::Document next;
        const rapidjson::Value* got = nullptr;
        if (details) {
            auto in_process = next_request_in_process(c, fixture);
            ASSERT_TRUE(in_process.ok()) << in_process.error().message;
            if (in_process.value()) {
                next.SetObject();
                request_json(*in_process.value(), next, next.GetAllocator());
                got = &next;
            }
        } else if (next_request_from_notes(r.err, next)) {
            got = &next;
        }
        for (const auto& m : json_mismatches(want, got, "next_request")) {
            ADD_FAILURE() << m << "\n" << context;
        }
    }
}

void requests_case(const PluginCase& c) {
    const rapidjson::Value& spec = *c.spec;
    std::vector<std::string> argv = {cli_path(), "plugin", "requests", c.plugin_file.string()};
    add_common_args(c, argv);
    ChildResult r = run_child(argv, kChildDeadline);
    ASSERT_FALSE(r.timed_out) << describe_child(argv, r);
    std::string context = describe_child(argv, r);
    if (spec.HasMember("error")) {
        EXPECT_NE(r.exit_code, 0) << context;
        EXPECT_NE(r.exit_code, 1) << "an internal error is a crash, not a clear error\n" << context;
        std::string want = spec["error"].GetString();
        EXPECT_NE((r.err + r.out).find(want), std::string::npos)
            << "expected the error to say: " << want << "\n"
            << context;
        return;
    }
    ASSERT_EQ(r.exit_code, 0) << context;
    rapidjson::Document requests = requests_from_text(r.out);
    for (const auto& m : json_mismatches(spec["requests"], &requests, "requests")) {
        ADD_FAILURE() << m << "\n" << context;
    }
}

// `gigscout-cli plugin check FILE`: the manifest is valid.
void manifest_case(const fs::path& plugin_file) {
    std::vector<std::string> argv = {cli_path(), "plugin", "check", plugin_file.string()};
    ChildResult r = run_child(argv, kChildDeadline);
    EXPECT_EQ(r.exit_code, 0) << describe_child(argv, r);
}

class CaseTest : public ::testing::Test {
  public:
    explicit CaseTest(PluginCase c) : case_(std::move(c)) {}
    void TestBody() override {
        if (case_.kind == CaseKind::Run) {
            run_case(case_);
        } else {
            requests_case(case_);
        }
    }

  private:
    PluginCase case_;
};

class FailingTest : public ::testing::Test {
  public:
    explicit FailingTest(std::string why) : why_(std::move(why)) {}
    void TestBody() override { FAIL() << why_; }

  private:
    std::string why_;
};

template <class Factory>
void register_test(const std::string& suite, const std::string& name, Factory factory) {
    ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            std::move(factory));
}

// Registers one test per case of every table, a manifest check per plugin, and a failure for
// each plugin that has no case table or no case at all.
void register_all() {
    fs::path root = source_dir();
    fs::path cases_root = root / "plugins";
    std::set<std::string> with_cases;
    std::vector<fs::path> tables;
    for (const auto& entry : fs::directory_iterator(cases_root)) {
        if (entry.is_directory() && fs::exists(entry.path() / "cases.json")) {
            tables.push_back(entry.path() / "cases.json");
        }
    }
    std::sort(tables.begin(), tables.end());
    for (const auto& table : tables) {
        auto loaded = load_case_table(table, root);
        std::string suite = table.parent_path().filename().string();
        if (!loaded.ok()) {
            with_cases.insert(suite);  // it has a table; the table is what is wrong
            std::string why = loaded.error().message;
            register_test(suite, "case_table",
                          [why]() -> ::testing::Test* { return new FailingTest(why); });
            continue;
        }
        bool has_run = false;
        for (auto& c : loaded.value()) {
            has_run = has_run || c.kind == CaseKind::Run;
            with_cases.insert(c.plugin);
            std::string plugin = c.plugin;
            std::string name = c.name;
            register_test(plugin, name, [c]() -> ::testing::Test* { return new CaseTest(c); });
        }
        if (!has_run) {
            std::string why = table.string() +
                              ": no `run` case: every plugin needs at least one "
                              "saved response run through the CLI";
            register_test(suite, "has_run_case",
                          [why]() -> ::testing::Test* { return new FailingTest(why); });
        }
    }
    std::vector<fs::path> plugins;
    for (const auto& entry : fs::directory_iterator(root / "plugins")) {
        if (entry.is_directory() && fs::exists(entry.path() / "init.lua")) {
            plugins.push_back(entry.path());
        }
    }
    std::sort(plugins.begin(), plugins.end());
    for (const auto& p : plugins) {
        std::string id = p.filename().string();
        register_test(id, "manifest_check", [p]() -> ::testing::Test* {
            struct T : ::testing::Test {
                explicit T(fs::path f) : file(std::move(f)) {}
                void TestBody() override { manifest_case(file); }
                fs::path file;
            };
            return new T(p);
        });
        if (with_cases.count(id) == 0) {
            std::string why =
                "plugin " + p.string() + " has no case table (cases.json)";
            register_test(id, "has_cases",
                          [why]() -> ::testing::Test* { return new FailingTest(why); });
        }
    }
}

}  // namespace
}  // namespace gigscout::testing

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    gigscout::testing::register_all();
    return RUN_ALL_TESTS();
}
