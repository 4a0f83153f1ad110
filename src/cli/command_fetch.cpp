// gigscout-cli fetch: refreshes the enabled sources, prints a per-source summary and the
// ranked result (docs/cli.md, docs/fetch.md).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <limits>
#include <mutex>
#include <set>

#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "cli/fetch_output.h"
#include "cli/profile_choice.h"
#include "fetch/fetcher.h"
#include "fetch/refresh_ledger.h"
#include "plugin_host/plugin_catalog.h"
#include "refresh/refresh_runner.h"
#include "refresh/source_config.h"
#include "scoring/profile.h"
#include "store/secret_store.h"
#include "store/store.h"

namespace gigscout::cli::fetch_command {
namespace {

constexpr std::chrono::seconds kHttpCacheMaxAge = std::chrono::hours(24 * 30);

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

// Sources from sources.json, or — before the user wrote one — every bundled plugin that is
// enabled by default and works with its default settings.
Result<std::vector<SourceConfig>> configured_sources(const Paths& paths,
                                                     const PluginCatalog& catalog) {
    auto file = load_sources(paths.sources_file());
    if (!file) {
        return file.error();
    }
    if (file.value().exists) {
        return file.value().sources;
    }
    std::vector<SourceConfig> out;
    for (const auto& entry : catalog.entries()) {
        if (!entry.usable() || !entry.manifest->enabled_by_default) {
            continue;
        }
        const PluginManifest& m = *entry.manifest;
        bool needs_more = false;
        for (const auto& s : m.settings) {
            needs_more = needs_more || (!s.optional && !s.default_value);
        }
        if (needs_more) {
            continue;
        }
        SourceConfig c;
        c.id = m.id;
        c.plugin = m.id;
        out.push_back(std::move(c));
    }
    return out;
}

RefreshCompleteness stored_completeness(Completeness c) {
    switch (c) {
        case Completeness::Complete:
            return RefreshCompleteness::Complete;
        case Completeness::NotModified:
            return RefreshCompleteness::NotModified;
        case Completeness::Partial:
            return RefreshCompleteness::Partial;
        case Completeness::Failed:
            return RefreshCompleteness::Failed;
    }
    return RefreshCompleteness::Failed;
}

// Secret settings the environment does not give, from the keyring or the 0600 file. Opened on
// the first question only (finding out whether a keyring runs can take a second), and asked
// from the refresh threads, hence the mutex.
class SecretLookup {
  public:
    explicit SecretLookup(const Paths& paths) : paths_(paths) {}

    std::optional<std::string> get(const std::string& source, const std::string& key) {
        std::lock_guard lock(mutex_);
        if (!tried_) {
            tried_ = true;
            auto opened = SecretStore::open(paths_);
            if (opened) {
                store_.emplace(std::move(opened).value());
            } else {
                std::fprintf(stderr, "gigscout-cli fetch: warning: no secret store: %s\n",
                             opened.error().message.c_str());
            }
        }
        if (!store_) {
            return std::nullopt;
        }
        auto value = store_->get(source, key);
        if (!value) {
            std::fprintf(stderr, "gigscout-cli fetch: warning: %s\n",
                         value.error().message.c_str());
            return std::nullopt;
        }
        return value.value();
    }

  private:
    Paths paths_;
    std::mutex mutex_;
    bool tried_ = false;
    std::optional<SecretStore> store_;
};

int run_fetch(const FetchOptions& opt, const GlobalOptions& global) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    if (auto s = paths->ensure_exist(); !s) {
        return fail("fetch", s.error().message, kExitUsage);
    }
    PluginCatalog catalog = PluginCatalog::standard(*paths);
    auto configured = configured_sources(*paths, catalog);
    if (!configured) {
        return fail("fetch", configured.error().message, kExitUsage);
    }
    std::vector<RefreshSource> sources;
    std::vector<SourceOutcome> not_runnable;
    std::set<std::string> wanted(opt.sources.begin(), opt.sources.end());
    for (const auto& c : configured.value()) {
        if (!wanted.empty() ? wanted.count(c.id) == 0 : !c.enabled) {
            continue;
        }
        wanted.erase(c.id);
        const PluginEntry* entry = catalog.find(c.plugin);
        if (entry == nullptr) {
            SourceOutcome o;
            o.plugin = c.plugin;
            o.progress.source = c.id;
            o.progress.state = SourceState::Failed;
            o.progress.error = "plugin `" + c.plugin + "` is not installed or is disabled";
            for (const auto& e : catalog.entries()) {
                if (e.manifest && e.manifest->id == c.plugin && !e.disabled_reason.empty()) {
                    o.progress.error =
                        "plugin `" + c.plugin + "` is disabled: " + e.disabled_reason;
                }
            }
            not_runnable.push_back(std::move(o));
            continue;
        }
        sources.push_back({c, entry->path});
    }
    if (sources.empty() && not_runnable.empty()) {
        std::fprintf(stderr,
                     "gigscout-cli fetch: no source is enabled; add one to %s (docs/sources.md)\n",
                     paths->sources_file().string().c_str());
    }
    if (!wanted.empty()) {
        return fail("fetch",
                    "no configured source named `" + *wanted.begin() + "` (see " +
                        paths->sources_file().string() + ")",
                    kExitUsage);
    }

    auto opened = Store::open(*paths);
    if (!opened) {
        return fail("fetch", opened.error().message, kExitUsage);
    }
    Store store = std::move(opened).value();
    // The profile ranks the result and gives the plugins their search terms (ctx.query).
    std::optional<Profile> profile;
    auto chosen = choose_profile(store, opt.profile);
    if (!chosen) {
        return fail("fetch", chosen.error().message, kExitUsage);
    }
    if (chosen.value()) {
        profile = std::move(chosen.value()->profile);
    }
    SecretLookup secrets(*paths);

    fetch::FetcherOptions fetcher_options;
    fetcher_options.http_cache_dir = paths->http_cache_dir();
    fetch::Fetcher fetcher(fetcher_options);
    fetch::RefreshLedger ledger(paths->cache_dir / "refresh-ledger.json");
    RefreshOptions ro;
    ro.max_pages = opt.max_pages;
    ro.allow_loopback = opt.allow_loopback;
    ro.allow_http = opt.allow_http;
    ro.ignore_min_interval = opt.force;
    ro.policy.connect_to = opt.connect_to;
    ro.policy.ca_file = opt.ca_file;
    ro.policy.total_timeout_ms = opt.timeout_ms;
    ro.policy.max_attempts = opt.attempts;
    if (profile) {
        ro.query = profile->search_terms;
    }
    ro.secret = [&secrets](const std::string& source, const std::string& key) {
        return secrets.get(source, key);
    };
    // Of a job cross-posted on several sources, the copy the store saw first keeps its id, so
    // what the user did with it stays where it was (docs/dedupe.md).
    ro.dedupe_rank = [&store](const std::vector<Listing>& listings) {
        std::vector<std::string> ids;
        for (const auto& l : listings) {
            ids.push_back(l.id);
        }
        std::vector<std::int64_t> rank;
        auto seen = store.first_seen(ids);
        if (!seen) {
            return rank;
        }
        for (const auto& id : ids) {
            auto it = seen.value().find(id);
            rank.push_back(it == seen.value().end() ? std::numeric_limits<std::int64_t>::max()
                                                    : it->second);
        }
        return rank;
    };
    if (auto s = fetch::validate_policy(ro.policy); !s) {
        return fail("fetch", s.error().message, kExitUsage);
    }
    RefreshRunner runner(fetcher, &ledger, ro);

    fetch::CancelToken cancel;
    g_cancel = &cancel;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    FetchPrinter printer(opt.json, opt.top);
    // Each source is stored as soon as it ends (the runner serialises these calls), so a
    // cancel or a crash later keeps what already came in.
    std::vector<std::string> store_errors;
    auto record = [&](const SourceOutcome& o) {
        if (o.progress.state == SourceState::Skipped) {
            return;  // nothing was asked, so nothing is confirmed or closed
        }
        auto summary =
            store.record_refresh(o.progress.source, o.listings, stored_completeness(o.completeness),
                                 now_epoch_seconds());
        if (!summary) {
            store_errors.push_back(summary.error().message);
        }
    };
    RefreshReport report = runner.run(
        sources, [&](const SourceProgress& p) { printer.progress(p); }, cancel, record);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_cancel = nullptr;
    for (const auto& l : report.listings) {
        for (const auto& copy : l.merged) {
            if (auto s = store.merge_listings(l.id, copy.id); !s) {
                store_errors.push_back(s.error().message);
            }
        }
    }
    for (auto& o : not_runnable) {
        if (auto s = store.record_refresh(o.progress.source, {}, RefreshCompleteness::Failed,
                                          now_epoch_seconds());
            !s) {
            store_errors.push_back(s.error().message);
        }
        report.sources.push_back(std::move(o));
    }

    if (fetcher.cache()) {
        // A feed not fetched for a month is likely gone from sources.json; its validators and
        // body would only take disk space (docs/fetch.md).
        fetcher.cache()->prune(kHttpCacheMaxAge);
    }
    printer.report(report, profile ? &*profile : nullptr);
    if (report.no_network) {
        std::fprintf(stderr, "gigscout-cli fetch: %s\n", report.no_network->c_str());
    }
    for (const auto& e : store_errors) {
        std::fprintf(stderr, "gigscout-cli fetch: not stored: %s\n", e.c_str());
    }
    if (cancel.cancelled()) {
        return fail("fetch", "cancelled", kExitSourcesFailed);
    }
    return report.all_succeeded() && store_errors.empty() ? kExitOk : kExitSourcesFailed;
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
