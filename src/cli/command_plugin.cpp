// gigscout-cli plugin run|requests|check|test|new|list: tools for plugin authors (docs/cli.md,
// docs/plugin-api.md, docs/plugin-tutorial.md). Everything runs in the same sandbox the app uses.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "model/listing_json.h"
#include "plugin_host/plugin_scaffold.h"
#include "plugin_host/plugin_session.h"
#include "plugin_kit/case_runner.h"
#include "taxonomy/listing_intake.h"
#include "views/display_text.h"
#include "workspace/workspace.h"

namespace gigscout::cli::plugin_command {
namespace {

namespace fs = std::filesystem;

struct PluginOptions {
    std::string file;
    std::string response_file;
    int status = 200;
    std::vector<std::string> headers;
    std::vector<std::string> settings;
    std::vector<std::string> query;
    std::string url;
    int page = 1;
    bool json = false;
    std::string id;
    std::string dir = ".";
    std::string target;  // plugin test: a folder or a plugin id
    std::string fixtures;
};

// Fails (exit 2) when the plugin file cannot be read, so that a typo in the path is a usage
// error, not a plugin failure.
std::optional<int> check_readable(const char* command, const std::string& file) {
    auto source = read_plugin_source(file);
    if (!source) {
        return fail(command, source.error().message, kExitUsage);
    }
    return std::nullopt;
}

void print_log(std::FILE* out, const std::vector<PluginLogMessage>& log) {
    for (const auto& m : log) {
        std::fprintf(out, "log %s: %s\n", m.level.c_str(), utf8::printable(m.text).c_str());
    }
}

// The --setting k=v values, typed by the manifest's schema, plus defaults.
Result<SettingValues> settings_from_options(const PluginManifest& m,
                                            const std::vector<std::string>& options) {
    SettingValues given;
    for (const auto& kv : options) {
        std::size_t eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            return Error{"--setting \"" + kv + "\": expected KEY=VALUE"};
        }
        std::string key = kv.substr(0, eq);
        const SettingSpec* spec = m.setting(key);
        if (spec == nullptr) {
            std::string known;
            for (const auto& s : m.settings) {
                known += (known.empty() ? "" : ", ") + s.key;
            }
            return Error{"--setting " + key + ": plugin " + m.id + " has no such setting" +
                         (known.empty() ? " (it has none)" : " (it has: " + known + ")")};
        }
        auto value = parse_setting_value(*spec, kv.substr(eq + 1));
        if (!value) {
            return value.error();
        }
        given[key] = std::move(value).value();
    }
    return resolve_settings(m, given);
}

// Loads the plugin and builds ctx from the options; on failure returns the exit code.
struct Loaded {
    PluginManifest manifest;
    PluginContext ctx;
};
std::variant<Loaded, int> load_with_context(const char* command, PluginSession& session,
                                            const PluginOptions& opt) {
    auto m = session.load();
    if (!m) {
        print_log(stderr, session.last_log());
        return fail(command, m.error().message, kExitPluginFailed);
    }
    auto settings = settings_from_options(m.value(), opt.settings);
    if (!settings) {
        return fail(command, settings.error().message, kExitUsage);
    }
    Loaded out{m.value(), {}};
    out.ctx.settings = std::move(settings).value();
    out.ctx.query = opt.query;
    out.ctx.page = opt.page;
    return out;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

void print_table(const std::vector<Listing>& listings) {
    constexpr std::size_t kId = 28, kTitle = 48, kBudget = 22;
    std::printf("%s  %s  %s  %s\n", fit_columns("id", kId).c_str(),
                fit_columns("title", kTitle).c_str(), fit_columns("budget", kBudget).c_str(),
                "posted");
    for (const auto& l : listings) {
        std::printf("%s  %s  %s  %s\n", fit_columns(l.id, kId).c_str(),
                    fit_columns(l.title, kTitle).c_str(),
                    fit_columns(budget_text(l.budget), kBudget).c_str(),
                    l.posted_at ? date_text(*l.posted_at).c_str() : "—");
    }
}

int run_plugin(const PluginOptions& opt) {
    constexpr const char* kCmd = "plugin run";
    if (auto code = check_readable(kCmd, opt.file)) {
        return *code;
    }
    auto body = read_text_file(opt.response_file);
    if (!body) {
        return fail(kCmd, "--response: " + body.error().message, kExitUsage);
    }
    PluginResponse response;
    response.status = opt.status;
    response.body = std::move(body).value();
    for (const auto& h : opt.headers) {
        std::size_t colon = h.find(':');
        if (colon == std::string::npos || colon == 0) {
            return fail(kCmd, "--header \"" + h + "\": expected 'Name: value'", kExitUsage);
        }
        std::string value = h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        response.headers.emplace_back(h.substr(0, colon), value);
    }

    PluginSession session(opt.file);
    auto loaded = load_with_context(kCmd, session, opt);
    if (std::holds_alternative<int>(loaded)) {
        return std::get<int>(loaded);
    }
    const PluginContext& ctx = std::get<Loaded>(loaded).ctx;
    response.url = opt.url;
    if (response.url.empty()) {
        // The address the plugin would have fetched, so parse() sees a realistic url.
        if (auto reqs = session.requests(ctx); reqs && !reqs.value().empty()) {
            response.url = reqs.value().front().url;
        }
    }
    auto outcome = session.parse(response, ctx);
    if (!outcome) {
        print_log(stderr, session.last_log());
        return fail(kCmd, outcome.error().message, kExitPluginFailed);
    }
    const ParseOutcome& o = outcome.value();
    std::FILE* notes = opt.json ? stderr : stdout;
    if (opt.json) {
        // With the skills GigScout finds in each (tags, title, description), as a refresh
        // stores them: an author sees which tags became which skills.
        // The session validated them; the intake door extracts their skills as it would for a
        // refresh.
        std::vector<Listing> annotated = o.listings;
        const std::int64_t now = ctx.now != 0 ? ctx.now : now_epoch_seconds();
        for (auto& l : annotated) {
            (void)admit_listing(l, now);
        }
        std::string json = listings_to_json(annotated, true);
        std::fwrite(json.data(), 1, json.size(), stdout);
        std::fputc('\n', stdout);
    } else {
        print_table(o.listings);
        std::printf("\n");
    }
    std::size_t rejected = o.returned - o.listings.size();
    std::fprintf(notes, "%zu listing%s valid, %zu rejected\n", o.listings.size(),
                 o.listings.size() == 1 ? "" : "s", rejected);
    for (const auto& p : o.problems) {
        std::fprintf(notes, "  %s\n", utf8::printable(p).c_str());
    }
    if (o.next) {
        std::fprintf(notes, "next request: %s\n", utf8::printable(describe(*o.next)).c_str());
    }
    print_log(notes, o.log);
    return o.problems.empty() ? kExitOk : kExitPluginFailed;
}

int run_requests(const PluginOptions& opt) {
    constexpr const char* kCmd = "plugin requests";
    if (auto code = check_readable(kCmd, opt.file)) {
        return *code;
    }
    PluginSession session(opt.file);
    auto loaded = load_with_context(kCmd, session, opt);
    if (std::holds_alternative<int>(loaded)) {
        return std::get<int>(loaded);
    }
    auto requests = session.requests(std::get<Loaded>(loaded).ctx);
    if (!requests) {
        print_log(stderr, session.last_log());
        return fail(kCmd, requests.error().message, kExitPluginFailed);
    }
    for (const auto& r : requests.value()) {
        std::printf("%s\n", utf8::printable(describe(r)).c_str());
        for (const auto& [name, value] : r.headers) {
            std::printf("  %s: %s\n", utf8::printable(name).c_str(),
                        utf8::printable(value).c_str());
        }
        if (!r.body.empty()) {
            std::printf("  body: %s\n", utf8::printable(r.body, 4096).c_str());
        }
        if (!r.forward_headers.empty()) {
            std::string names;
            for (const auto& n : r.forward_headers) {
                names += (names.empty() ? "" : ", ") + n;
            }
            std::printf("  forwarded on a redirect to another origin: %s\n",
                        utf8::printable(names).c_str());
        }
    }
    if (requests.value().empty()) {
        std::printf("(no requests)\n");
    }
    print_log(stdout, session.last_log());
    return kExitOk;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out.empty() ? "-" : out;
}

int run_check(const PluginOptions& opt) {
    constexpr const char* kCmd = "plugin check";
    if (auto code = check_readable(kCmd, opt.file)) {
        return *code;
    }
    PluginSession session(opt.file);
    auto m = session.load();
    if (!m) {
        print_log(stderr, session.last_log());
        return fail(kCmd, m.error().message, kExitPluginFailed);
    }
    const PluginManifest& p = m.value();
    std::printf("%s: manifest ok\n", opt.file.c_str());
    // Everything below is the plugin's own text.
    std::printf("  id:            %s\n", utf8::printable(p.id).c_str());
    std::printf("  name:          %s\n", utf8::printable(p.name).c_str());
    std::printf("  version:       %s (plugin API %d)\n", utf8::printable(p.version).c_str(),
                p.api_version);
    std::string hosts = p.hosts.empty() ? "" : join(p.hosts);
    for (const auto& key : p.hosts_from_settings) {
        // Each source reaches the host of its own value, so there is no fixed name to show.
        hosts += (hosts.empty() ? "" : ", ") + ("the host of setting `" + key + "` (per source)");
    }
    std::printf("  hosts:         %s\n", hosts.empty() ? "-" : utf8::printable(hosts).c_str());
    std::printf("  url patterns:  %s\n", utf8::printable(join(p.url_patterns)).c_str());
    std::printf("  multi source:  %s\n", p.multi_source ? "yes" : "no");
    std::string politeness;
    if (p.politeness.requests_per_minute) {
        politeness = number(*p.politeness.requests_per_minute) + " requests/min";
    }
    if (p.politeness.min_refresh_interval) {
        politeness += (politeness.empty() ? "" : ", ") + std::string("refresh at most every ") +
                      std::to_string(*p.politeness.min_refresh_interval) + " s";
    }
    std::printf("  politeness:    %s\n", politeness.empty() ? "-" : politeness.c_str());
    std::printf("  max cache age: %s\n",
                p.max_cache_age ? (std::to_string(*p.max_cache_age) + " s").c_str() : "no limit");
    for (const auto& s : p.settings) {
        std::string what = std::string(to_string(s.type));
        if (s.secret)
            what += ", secret";
        what += s.optional ? ", optional" : ", required";
        if (s.default_value)
            what += ", default \"" + setting_value_to_text(*s.default_value) + "\"";
        std::printf("  setting:       %s (%s): %s\n", utf8::printable(s.key).c_str(),
                    utf8::printable(s.label).c_str(), utf8::printable(what).c_str());
    }
    // Advice that does not make the manifest invalid.
    if (p.description.empty())
        std::printf("  note: no description\n");
    if (p.homepage.empty())
        std::printf("  note: no homepage\n");
    if (p.hosts.empty() && p.hosts_from_settings.empty())
        std::printf("  note: no hosts: every request will be refused\n");
    if (p.experimental)
        std::printf("  note: marked experimental\n");
    if (!p.deprecated.empty())
        std::printf("  note: deprecated: %s\n", utf8::printable(p.deprecated).c_str());
    print_log(stdout, session.last_log());
    return kExitOk;
}

// `plugin test DIR|ID`: DIR when such a path exists, else the id of a bundled or user plugin.
std::variant<fs::path, int> resolve_test_target(const GlobalOptions& global,
                                                const std::string& target) {
    constexpr const char* kCmd = "plugin test";
    std::error_code ec;
    fs::path path = target;
    if (!fs::exists(path, ec)) {
        auto paths = global.paths();
        if (!paths) {
            return kExitUsage;
        }
        PluginCatalog catalog = plugin_catalog(*paths);
        const PluginEntry* entry = catalog.find(target);
        if (entry == nullptr) {
            return fail(kCmd,
                        "\"" + target +
                            "\" is neither a plugin folder nor the id of a usable plugin "
                            "(gigscout-cli plugin list shows them)",
                        kExitUsage);
        }
        path = entry->path;
    }
    auto folder = plugin_kit::plugin_folder(path);
    if (!folder) {
        return fail(kCmd, folder.error().message, kExitUsage);
    }
    return folder.value();
}

// Where "shared:" cases read real captures: --fixtures, else $GIGSCOUT_SHARED/fixtures.
std::optional<fs::path> shared_fixtures_dir(const std::string& option) {
    if (!option.empty()) {
        return fs::path(option);
    }
    const char* env = std::getenv("GIGSCOUT_SHARED");
    if (env != nullptr && *env != '\0') {
        return fs::path(env) / "fixtures";
    }
    return std::nullopt;
}

// `text` after `label`, a line at a time (an error's traceback stays readable), each line made
// printable: the text is the plugin's own.
void print_lines(const char* label, const std::string& text) {
    constexpr int kMaxLines = 12;
    std::size_t at = 0;
    for (int n = 0; at <= text.size(); ++n) {
        std::size_t end = text.find('\n', at);
        std::string line = text.substr(at, end == std::string::npos ? end : end - at);
        if (n == kMaxLines) {
            std::printf("%*s...\n", static_cast<int>(std::strlen(label)), "");
            return;
        }
        if (n == 0 || !line.empty()) {
            std::printf("%*s%s\n", static_cast<int>(std::strlen(label)), n == 0 ? label : "",
                        utf8::printable(line, 2000).c_str());
        }
        if (end == std::string::npos) {
            return;
        }
        at = end + 1;
    }
}

void print_failure(const plugin_kit::CaseResult& r) {
    if (!r.reason.empty()) {
        std::printf("        %s\n", utf8::printable(r.reason, 2000).c_str());
        return;
    }
    const auto& m = r.mismatches.front();
    std::printf("        at:       %s\n", utf8::printable(m.path, 400).c_str());
    print_lines("        expected: ", m.expected);
    print_lines("        actual:   ", m.actual);
    if (r.mismatches.size() > 1) {
        std::size_t more = r.mismatches.size() - 1;
        std::printf("        (and %zu more difference%s)\n", more, more == 1 ? "" : "s");
    }
}

int run_test(const GlobalOptions& global, const PluginOptions& opt) {
    constexpr const char* kCmd = "plugin test";
    auto target = resolve_test_target(global, opt.target);
    if (std::holds_alternative<int>(target)) {
        return std::get<int>(target);
    }
    const fs::path folder = std::get<fs::path>(target);
    auto cases = plugin_kit::load_case_table(folder);
    if (!cases) {
        return fail(kCmd, cases.error().message, kExitPluginFailed);
    }
    PluginSession session(folder);
    if (auto m = session.load(); !m) {
        print_log(stderr, session.last_log());
        return fail(kCmd, m.error().message, kExitPluginFailed);
    }
    std::printf("%s: %zu case%s\n", utf8::printable(folder.string()).c_str(), cases.value().size(),
                cases.value().size() == 1 ? "" : "s");
    plugin_kit::CaseOptions options;
    options.shared_fixtures = shared_fixtures_dir(opt.fixtures);
    int passed = 0, failed = 0, skipped = 0;
    for (const auto& c : cases.value()) {
        auto r = plugin_kit::run_case(session, c, options);
        std::string name = utf8::printable(c.name);
        switch (r.verdict) {
            case plugin_kit::CaseVerdict::Pass:
                ++passed;
                std::printf("  pass  %s\n", name.c_str());
                break;
            case plugin_kit::CaseVerdict::Skip:
                ++skipped;
                std::printf("  skip  %s: %s\n", name.c_str(), utf8::printable(r.reason).c_str());
                break;
            case plugin_kit::CaseVerdict::Fail:
                ++failed;
                std::printf("  FAIL  %s\n", name.c_str());
                print_failure(r);
                break;
        }
    }
    std::printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed == 0 ? kExitOk : kExitPluginFailed;
}

// This program's own path, for the scripts it writes; "gigscout-cli" (from PATH) if unknown.
std::string own_path() {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("gigscout-cli") : self.string();
}

int run_new(const GlobalOptions& global, const PluginOptions& opt) {
    const std::string cli = own_path();
    auto written = write_scaffold(opt.dir, opt.id, cli);
    if (!written) {
        return fail("plugin new", written.error().message, kExitUsage);
    }
    for (const auto& p : written.value()) {
        std::printf("wrote %s\n", p.string().c_str());
    }
    const std::string folder = written.value().front().parent_path().string();
    std::printf(
        "\nNext: edit %s, then run its cases in the real sandbox:\n"
        "  %s plugin test %s\n"
        "(or %s/test.sh)\n",
        written.value().front().string().c_str(), cli.c_str(), folder.c_str(), folder.c_str());
    if (auto paths = global.paths()) {
        std::printf("To use it, move the folder into %s\n",
                    paths->user_plugins_dir().string().c_str());
    }
    std::printf("Walk-through: docs/plugin-tutorial.md; reference: docs/plugin-api.md\n");
    return kExitOk;
}

int run_list(const GlobalOptions& global) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    PluginCatalog catalog = plugin_catalog(*paths);
    for (const auto& e : catalog.entries()) {
        std::string id = e.manifest ? e.manifest->id : e.path.filename().string();
        std::string version = e.manifest ? e.manifest->version : "-";
        std::string status = e.usable() ? "enabled" : "disabled: " + e.disabled_reason;
        // The id, version and refusal may be a plugin's own text.
        std::printf("%s  %s  %s  %s\n  %s\n", fit_columns(utf8::printable(id, 64), 20).c_str(),
                    fit_columns(utf8::printable(version, 64), 8).c_str(),
                    e.user ? "user   " : "bundled", utf8::printable(status).c_str(),
                    utf8::printable(e.path.string()).c_str());
    }
    if (catalog.entries().empty()) {
        std::printf("no plugins found\n");
    }
    return kExitOk;
}

const bool registered = register_command(Command{
    "plugin", 60, [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto opt = std::make_shared<PluginOptions>();
        CLI::App* plugin = app.add_subcommand("plugin",
                                              "Tools for plugin authors: run a "
                                              "plugin on a saved response, check it, "
                                              "start a new one");
        plugin->require_subcommand(1);

        CLI::App* run = plugin->add_subcommand(
            "run",
            "Run a plugin in the real sandbox on a saved response and print the "
            "listings and every validation message");
        run->add_option("file", opt->file, "The plugin (.lua file or folder with init.lua)")
            ->required();
        run->add_option("--response", opt->response_file, "The saved response body")
            ->required()
            ->type_name("FILE");
        run->add_option("--status", opt->status, "HTTP status the plugin sees (default 200)");
        run->add_option("--header", opt->headers, "A response header, 'Name: value'")
            ->type_name("'K: V'");
        run->add_option("--setting", opt->settings, "A plugin setting")->type_name("KEY=VALUE");
        run->add_option("--query", opt->query, "A profile search term (ctx.query)");
        run->add_option("--url", opt->url,
                        "The response's URL (default: the plugin's first request)");
        run->add_option("--page", opt->page, "ctx.page (default 1)");
        run->add_flag("--json", opt->json,
                      "Print the listings as a JSON array (messages go to standard error)");

        CLI::App* requests =
            plugin->add_subcommand("requests", "Print the requests a plugin would make");
        requests->add_option("file", opt->file, "The plugin")->required();
        requests->add_option("--setting", opt->settings, "A plugin setting")
            ->type_name("KEY=VALUE");
        requests->add_option("--query", opt->query, "A profile search term (ctx.query)");

        CLI::App* check = plugin->add_subcommand("check", "Validate a plugin's manifest");
        check->add_option("file", opt->file, "The plugin")->required();

        CLI::App* test = plugin->add_subcommand(
            "test",
            "Run a plugin's cases (cases.json in its folder) in the real sandbox and show what "
            "differs");
        test->add_option("plugin", opt->target,
                         "The plugin's folder, or the id of a bundled or user plugin")
            ->required();
        test->add_option("--fixtures", opt->fixtures,
                         "Where \"shared:\" cases find real captures (default: "
                         "$GIGSCOUT_SHARED/fixtures; without it they are skipped)")
            ->type_name("DIR");

        CLI::App* create = plugin->add_subcommand(
            "new",
            "Write a working plugin folder: init.lua, cases.json with one case on a saved "
            "sample response, and test.sh");
        create->add_option("id", opt->id, "The new plugin's id ([a-z0-9_-]+)")->required();
        create->add_option("--dir", opt->dir, "Where to write the folder ID/ (default: here)");

        CLI::App* list = plugin->add_subcommand(
            "list", "List the bundled and user plugins, with why any is disabled");

        return [=, &global]() -> int {
            if (run->parsed())
                return run_plugin(*opt);
            if (requests->parsed())
                return run_requests(*opt);
            if (check->parsed())
                return run_check(*opt);
            if (test->parsed())
                return run_test(global, *opt);
            if (create->parsed())
                return run_new(global, *opt);
            if (list->parsed())
                return run_list(global);
            return kExitUsage;
        };
    }});

}  // namespace
}  // namespace gigscout::cli::plugin_command
