// gigscout-cli fetch: refreshes the enabled sources, prints a per-source summary and the
// ranked result (docs/cli.md, docs/fetch.md).
#include <csignal>
#include <cstdio>

#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "cli/fetch_output.h"
#include "workspace/refresh_job.h"
#include "workspace/workspace.h"

namespace gigscout::cli::fetch_command {
namespace {

struct FetchOptions {
    std::vector<std::string> sources;
    std::optional<std::string> profile;
    bool json = false;
    bool allow_loopback = false;
    bool allow_http = false;
    bool force = false;
    int max_pages = 10;
    int top = 20;
    std::vector<std::string> connect_to;
    std::string ca_file;
    long timeout_ms = 60'000;
    int attempts = 3;
};

fetch::CancelToken* g_cancel = nullptr;

extern "C" void on_interrupt(int) {
    // Only an atomic store happens here; the refresh threads notice within 100 ms.
    if (g_cancel != nullptr) {
        g_cancel->cancel();
    }
}

int run_fetch(const FetchOptions& opt, const GlobalOptions& global) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("fetch", opened.error().message, kExitUsage);
    }
    Workspace& workspace = opened.value();
    // The profile ranks the result and gives the plugins their search terms (ctx.query).
    auto chosen = workspace.profile(opt.profile);
    if (!chosen) {
        return fail("fetch", chosen.error().message, kExitUsage);
    }
    RefreshRequest request;
    request.sources = opt.sources;
    request.options.max_pages = opt.max_pages;
    request.options.allow_loopback = opt.allow_loopback;
    request.options.allow_http = opt.allow_http;
    request.options.ignore_min_interval = opt.force;
    request.options.policy.connect_to = opt.connect_to;
    request.options.policy.ca_file = opt.ca_file;
    request.options.policy.total_timeout_ms = opt.timeout_ms;
    request.options.policy.max_attempts = opt.attempts;
    if (chosen.value()) {
        request.options.query = chosen.value()->profile.search_terms;
    }

    fetch::CancelToken cancel;
    g_cancel = &cancel;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    FetchPrinter printer(opt.json, opt.top);
    auto refreshed = run_refresh(
        workspace, request, [&](const SourceProgress& p) { printer.progress(p); }, cancel,
        [](const std::string& warning) {
            std::fprintf(stderr, "gigscout-cli fetch: warning: %s\n", warning.c_str());
        });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_cancel = nullptr;
    if (!refreshed) {
        return fail("fetch", refreshed.error().message, kExitUsage);
    }
    const RefreshResult& result = refreshed.value();
    if (result.report.sources.empty()) {
        std::fprintf(stderr,
                     "gigscout-cli fetch: no source is enabled; add one to %s (docs/sources.md)\n",
                     paths->sources_file().string().c_str());
    }
    // What was fetched, ranked as `list` ranks it: read back from the store.
    std::optional<Scorer> scorer;
    if (chosen.value()) {
        scorer.emplace(make_scorer(chosen.value()->profile, now_epoch_seconds()));
    }
    auto ranked = load_fetched(workspace.store(), result.ids, scorer ? &*scorer : nullptr,
                               static_cast<std::size_t>(opt.top));
    if (!ranked) {
        return fail("fetch", ranked.error().message, kExitInternal);
    }
    printer.report(result.report, ranked.value(), scorer.has_value());
    if (result.report.no_network) {
        std::fprintf(stderr, "gigscout-cli fetch: %s\n", result.report.no_network->c_str());
    }
    for (const auto& e : result.store_errors) {
        std::fprintf(stderr, "gigscout-cli fetch: not stored: %s\n", e.c_str());
    }
    if (result.cancelled) {
        return fail("fetch", "cancelled", kExitSourcesFailed);
    }
    return result.ok() ? kExitOk : kExitSourcesFailed;
}

const bool registered = register_command(Command{
    "fetch", 30, [](CLI::App& app, const GlobalOptions& global) {
        auto opt = std::make_shared<FetchOptions>();
        CLI::App* sub = app.add_subcommand(
            "fetch", "Refresh the enabled sources, store what they bring and rank it");
        // `gigscout-cli fetch --data-dir D` reads as naturally as `gigscout-cli --data-dir D
        // fetch`: options the subcommand does not know go to the top level.
        sub->fallthrough();
        sub->add_option("--source", opt->sources, "Only this source (repeatable)")->type_name("ID");
        sub->add_option("--profile", opt->profile,
                        "Rank against this stored profile (by name) or profile file; default: the "
                        "active one")
            ->type_name("P.json");
        sub->add_flag("--json", opt->json, "Print the summary and ranking as JSON");
        sub->add_flag("--allow-loopback", opt->allow_loopback,
                      "Let sources reach loopback and private addresses (local test servers)");
        sub->add_flag("--allow-http", opt->allow_http, "Let sources use plain http");
        sub->add_flag("--force", opt->force,
                      "Ignore the platforms' minimum interval between refreshes");
        sub->add_option("--max-pages", opt->max_pages, "Pages per source at most")
            ->check(CLI::Range(1, 1000));
        sub->add_option("--top", opt->top, "Ranked listings to print")
            ->check(CLI::Range(0, 100000));
        sub->add_option("--connect-to", opt->connect_to,
                        "HOST:PORT:ADDR:PORT - send a host to another address (testing)")
            ->type_name("SPEC");
        sub->add_option("--ca-file", opt->ca_file, "Extra CA bundle (PEM) to verify servers with")
            ->check(CLI::ExistingFile);
        sub->add_option("--timeout-ms", opt->timeout_ms, "Total time per request")
            ->check(CLI::Range(100L, 600'000L));
        sub->add_option("--attempts", opt->attempts, "Tries per request (retries + 1)")
            ->check(CLI::Range(1, 10));
        return [opt, &global] { return run_fetch(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::fetch_command
