// gigscout-cli source: the configured sources and their health, as the app's sources panel
// shows them (views/sources_panel.h); turning one on or off in sources.json (docs/sources.md).
//   source list | source enable ID | source disable ID | source resume ID
//   source add URL [--id ID] [--plugin P] | source remove ID | source interval ID MINUTES
//   source auth ID [--port N] [--no-listen] [--code TEXT] [--client-secret-stdin]
#include <charconv>
#include <cstdio>
#include <iostream>

#include "base/ascii.h"
#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "views/display_text.h"
#include "views/refresh_schedule.h"
#include "views/sources_panel.h"
#include "workspace/source_auth.h"
#include "workspace/source_from_url.h"
#include "workspace/source_settings.h"
#include "workspace/workspace.h"

namespace gigscout::cli::source_command {
namespace {

struct SourceOptions {
    std::string id;
    std::string url;
    std::optional<std::string> name;
    std::optional<std::string> plugin;
    std::string minutes;  // "90", or "default"
    // source auth
    int port = kDefaultRedirectPort;
    bool no_listen = false;
    std::optional<std::string> code;
    bool client_secret_stdin = false;
    int timeout_seconds = 300;
};

int run_list(Workspace& workspace) {
    if (auto descriptions = workspace.source_descriptions(); !descriptions) {
        return fail("source", descriptions.error().message, kExitUsage);
    }
    // The sources dialog's model (rows and sign-ins); without a secret store, only the
    // environment's tokens count as a sign-in, as in the dialog.
    auto secrets = SecretStore::open(workspace.paths());
    auto model = load_sources_dialog(workspace, secrets ? &secrets.value() : nullptr);
    if (!model) {
        return fail("source", model.error().message, kExitInternal);
    }
    const std::vector<SourceRow>& rows = model.value().sources();
    const std::int64_t now = now_epoch_seconds();
    // The app's schedule as it stands now (views/refresh_schedule.h): interval and next run.
    RefreshSchedule schedule;
    schedule.update(rows);
    const auto plan = schedule.plan(now);
    std::printf("%s %s %s %s %8s  %s\n", fit_columns("source", 24).c_str(),
                fit_columns("state", 34).c_str(), fit_columns("last refresh", 12).c_str(),
                fit_columns("schedule", 30).c_str(), "listings", "last error");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const SourceRow& r = rows[i];
        std::string state = r.state_text;
        if (!r.deprecated.empty()) {
            state += " (deprecated: " + r.deprecated + ")";
        }
        std::printf(
            "%s %s %s %s %8zu  %s\n", fit_columns(r.id, 24).c_str(), fit_columns(state, 34).c_str(),
            fit_columns(r.last_refresh_at ? relative_time(*r.last_refresh_at, now) : "never", 12)
                .c_str(),
            fit_columns(schedule_text(plan[i], now), 30).c_str(), r.open_listings,
            r.health == SourceHealth::Ok ? "" : r.last_error.c_str());
        // The whole reason on lines of their own: a column would cut what to do.
        if (r.health == SourceHealth::Paused) {
            std::printf("    %s; resume: gigscout-cli source resume %s\n", r.state_text.c_str(),
                        r.id.c_str());
        }
        if (r.suspicious) {
            std::printf("    suspicious: %s\n", r.suspicious_text.c_str());
        }
        if (auto sign_in = model.value().sign_in_text(r.id, now)) {
            std::printf("    %s\n", sign_in->c_str());
        }
    }
    return kExitOk;
}

// Writes sources.json with `id` turned on or off; before the user has a file, the bundled
// defaults become it (the file is then the one home of the choice).
int run_enable(Workspace& workspace, const std::string& id, bool enabled) {
    if (auto s = set_source_enabled(workspace, id, enabled); !s) {
        return fail("source", s.error().message, kExitUsage);
    }
    std::printf("%s %s in %s\n", enabled ? "enabled" : "disabled", id.c_str(),
                workspace.paths().sources_file().string().c_str());
    return kExitOk;
}

// Minutes between the app's scheduled refreshes of one source, or "default"; the plugin's
// politeness limit still applies, and the message says when it wins.
int run_interval(Workspace& workspace, const std::string& id, const std::string& text) {
    std::optional<int> minutes;
    if (text != "default") {
        int value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc{} || end != text.data() + text.size()) {
            return fail("source",
                        "interval: expected a number of minutes or `default`, got \"" + text + "\"",
                        kExitUsage);
        }
        minutes = value;
    }
    if (auto s = set_source_refresh_minutes(workspace, id, minutes); !s) {
        return fail("source", s.error().message, kExitUsage);
    }
    const int asked = minutes.value_or(kDefaultRefreshMinutes);
    int every = asked;
    std::string why;
    if (auto descriptions = workspace.source_descriptions(); descriptions) {
        for (const auto& d : descriptions.value()) {
            if (d.id == id && d.min_interval > d.refresh_interval) {
                every = static_cast<int>((d.min_interval + 59) / 60);
                why = " (you asked for " + std::to_string(asked) +
                      " min; its plugin asks for at least " + std::to_string(every) +
                      " min between refreshes)";
            }
        }
    }
    std::printf("%s refreshes every %d min while the app runs%s; written to %s\n", id.c_str(),
                every, why.c_str(), workspace.paths().sources_file().string().c_str());
    return kExitOk;
}

// A pasted board address becomes a source in sources.json; what was chosen and why is said
// (workspace/source_from_url.h does the choosing).
int run_add(Workspace& workspace, const SourceOptions& opt) {
    auto made = source_from_url(workspace.catalog(), opt.url, opt.name, opt.plugin);
    if (!made) {
        return fail("source", made.error().message, kExitUsage);
    }
    const SourceConfig& source = made.value().source;
    if (auto added = add_source(workspace, source); !added) {
        return fail("source", added.error().message, kExitUsage);
    }
    std::printf("added %s to %s: %s\n", source.id.c_str(),
                workspace.paths().sources_file().string().c_str(), made.value().how.c_str());
    std::printf("try it: gigscout-cli fetch --source %s\n", source.id.c_str());
    return kExitOk;
}

// The source goes with its secrets and sign-in, as in the app's Sources dialog.
int run_remove(Workspace& workspace, const std::string& id) {
    auto secrets = SecretStore::open(workspace.paths());
    auto removed = remove_source_and_secrets(workspace, id, secrets ? &secrets.value() : nullptr);
    if (!removed) {
        return fail("source", removed.error().message, kExitUsage);
    }
    std::printf("removed %s from %s (its listings stay in the store)\n", id.c_str(),
                workspace.paths().sources_file().string().c_str());
    if (!secrets) {
        std::fprintf(stderr, "gigscout-cli source: its secrets stay where they are: %s\n",
                     secrets.error().message.c_str());
    }
    return kExitOk;
}

// One command resumes a source the health rules paused; its next refresh runs it again.
int run_resume(Workspace& workspace, const std::string& id) {
    auto resumed = resume_source(workspace, id);
    if (!resumed) {
        return fail("source", resumed.error().message, kExitUsage);
    }
    if (!resumed.value()) {
        std::printf("%s is not paused; nothing to resume\n", id.c_str());
        return kExitOk;
    }
    std::printf("resumed %s: the next refresh runs it (one more failure pauses it again)\n",
                id.c_str());
    return kExitOk;
}

// The user's input at fault: 2; the platform refused or could not be reached: 4, as a source
// that failed.
int auth_failed(const Error& error) {
    return fail("source", error.message, error.bad_input ? kExitUsage : kExitSourcesFailed);
}

int print_signed_in(const SourceAuthDone& done, const SecretStore& secrets) {
    std::string lasts;
    if (done.expires_in) {
        const auto s = *done.expires_in;
        lasts = "; the access token lasts " +
                (s >= 7200 ? std::to_string(s / 3600) + " h" : std::to_string(s / 60) + " min");
    }
    std::printf("signed %s in to %s%s%s; kept in %s\n", done.source.c_str(), done.platform.c_str(),
                lasts.c_str(),
                done.refresh_token ? ", renewed by each refresh as it nears its end"
                                   : "; no refresh token came, so sign in again when it ends",
                secrets.describe().c_str());
    return kExitOk;
}

// OAuth2 sign-in (workspace/source_auth.h does the work): print the address to open, wait on
// the loopback redirect (or, with --code, finish one started earlier), store the tokens.
int run_auth(Workspace& workspace, const SourceOptions& opt) {
    auto secrets = SecretStore::open(workspace.paths());
    if (!secrets) {
        return fail("source", "no secret store: " + secrets.error().message, kExitInternal);
    }
    fetch::CancelToken never;
    if (opt.code) {
        auto done = finish_source_auth(workspace, opt.id, auth_params_from_paste(*opt.code),
                                       secrets.value(), never);
        if (!done) {
            return auth_failed(done.error());
        }
        return print_signed_in(done.value(), secrets.value());
    }
    std::string client_secret;
    if (opt.client_secret_stdin) {
        std::getline(std::cin, client_secret);
        client_secret = std::string(ascii::trim(client_secret));
    }
    std::optional<fetch::LoopbackRedirect> listener;
    std::string redirect_uri = loopback_redirect_uri(opt.port);
    if (!opt.no_listen) {
        auto bound = fetch::LoopbackRedirect::listen(opt.port);
        if (!bound) {
            return fail("source", bound.error().message, kExitUsage);
        }
        listener.emplace(std::move(bound).value());
        redirect_uri = listener->redirect_uri();
    }
    auto start = begin_source_auth(workspace, opt.id, redirect_uri, secrets.value(), client_secret);
    if (!start) {
        return auth_failed(start.error());
    }
    const SourceAuthStart& s = start.value();
    std::printf("Open this address in a browser and sign in to %s:\n\n  %s\n\n", s.platform.c_str(),
                s.authorize_url.c_str());
    if (!listener) {
        std::printf(
            "Then paste the address the browser is sent to (%s?code=...):\n"
            "  gigscout-cli source auth %s --code '<that address>'\n",
            s.redirect_uri.c_str(), s.source.c_str());
        return kExitOk;
    }
    std::printf("Waiting for %s (the redirect URI registered with %s) ...\n",
                s.redirect_uri.c_str(), s.platform.c_str());
    std::fflush(stdout);
    auto done = await_source_auth(workspace, opt.id, *listener, secrets.value(),
                                  std::chrono::seconds(opt.timeout_seconds), never);
    if (!done) {
        return auth_failed(done.error());
    }
    return print_signed_in(done.value(), secrets.value());
}

template <class Action>
int with_workspace(const GlobalOptions& global, Action action) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("source", opened.error());
    }
    return action(opened.value());
}

const bool registered = register_command(Command{
    "source", 46, [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto opt = std::make_shared<SourceOptions>();
        CLI::App* source = app.add_subcommand(
            "source",
            "The configured sources: their health; adding, removing, turning on or off, resuming");
        source->require_subcommand(1);
        source->fallthrough();
        CLI::App* list = source->add_subcommand(
            "list", "Each source's state, last refresh, listings and last error");
        CLI::App* enable = source->add_subcommand("enable", "Refresh this source again");
        enable->add_option("id", opt->id, "The source's id (source list shows them)")->required();
        CLI::App* disable = source->add_subcommand("disable", "Stop refreshing this source");
        disable->add_option("id", opt->id, "The source's id (source list shows them)")->required();
        CLI::App* add = source->add_subcommand(
            "add",
            "Add a source from a board's address (a Greenhouse, Lever or Ashby board, a "
            "feed, a page with JobPosting data)");
        add->add_option("url", opt->url, "The board's address, as the browser shows it")
            ->required();
        add->add_option("--id", opt->name,
                        "The source's name (PLUGIN:NAME or NAME; default: from the address)");
        add->add_option("--plugin", opt->plugin,
                        "Use this plugin (rss or jobposting when the guess is wrong)");
        CLI::App* remove = source->add_subcommand("remove", "Take a source out of sources.json");
        remove->add_option("id", opt->id, "The source's id (source list shows them)")->required();
        CLI::App* resume = source->add_subcommand(
            "resume", "Refresh a source again that failed too often in a row and was paused");
        resume->add_option("id", opt->id, "The source's id (source list shows them)")->required();
        CLI::App* interval = source->add_subcommand(
            "interval", "Minutes between the app's scheduled refreshes of a source");
        interval->add_option("id", opt->id, "The source's id (source list shows them)")->required();
        interval
            ->add_option("minutes", opt->minutes,
                         "1 to 10080 (a week), or `default` (60); never below the "
                         "plugin's politeness limit")
            ->required();
        CLI::App* auth = source->add_subcommand(
            "auth",
            "Sign a source in to its platform (OAuth2): prints the address to open and waits "
            "for the browser on the loopback redirect");
        auth->add_option("id", opt->id, "The source's id (source list shows them)")->required();
        auth->add_option("--port", opt->port,
                         "Port of the redirect URI http://127.0.0.1:PORT/callback you registered "
                         "with the platform (default 8765)")
            ->check(CLI::Range(1, 65535));
        auth->add_flag("--no-listen", opt->no_listen,
                       "Only print the address; finish later with --code");
        auth->add_option("--code", opt->code,
                         "Finish a sign-in started earlier: the address the browser was sent to "
                         "(its state is checked), or the bare code");
        auth->add_flag("--client-secret-stdin", opt->client_secret_stdin,
                       "Read the client secret from the first line of standard input and keep "
                       "it in the secret store (or set GIGSCOUT_<SOURCE>_CLIENT_SECRET)");
        auth->add_option("--timeout", opt->timeout_seconds,
                         "Seconds to wait for the browser (default 300)")
            ->check(CLI::Range(1, 3600));
        for (CLI::App* c : {list, enable, disable, resume, add, remove, interval, auth}) {
            c->fallthrough();
        }
        return [=, &global]() -> int {
            if (list->parsed()) {
                return with_workspace(global, [](Workspace& w) { return run_list(w); });
            }
            if (enable->parsed() || disable->parsed()) {
                const bool on = enable->parsed();
                return with_workspace(global,
                                      [&](Workspace& w) { return run_enable(w, opt->id, on); });
            }
            if (add->parsed()) {
                return with_workspace(global, [&](Workspace& w) { return run_add(w, *opt); });
            }
            if (remove->parsed()) {
                return with_workspace(global, [&](Workspace& w) { return run_remove(w, opt->id); });
            }
            if (interval->parsed()) {
                return with_workspace(
                    global, [&](Workspace& w) { return run_interval(w, opt->id, opt->minutes); });
            }
            if (auth->parsed()) {
                return with_workspace(global, [&](Workspace& w) { return run_auth(w, *opt); });
            }
            if (resume->parsed()) {
                return with_workspace(global, [&](Workspace& w) { return run_resume(w, opt->id); });
            }
            return kExitUsage;
        };
    }});

}  // namespace
}  // namespace gigscout::cli::source_command
