// gigscout-cli source: the configured sources and their health, as the app's sources panel
// shows them (views/sources_panel.h); turning one on or off in sources.json (docs/sources.md).
//   source list | source enable ID | source disable ID | source resume ID
//   source add URL [--id ID] [--plugin P] | source remove ID | source interval ID MINUTES
#include <charconv>
#include <cstdio>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "views/display_text.h"
#include "views/refresh_schedule.h"
#include "views/sources_panel.h"
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
};

int run_list(Workspace& workspace) {
    auto descriptions = workspace.source_descriptions();
    if (!descriptions) {
        return fail("source", descriptions.error().message, kExitUsage);
    }
    auto rows = load_sources_panel(workspace.store(), descriptions.value());
    if (!rows) {
        return fail("source", rows.error().message, kExitInternal);
    }
    const std::int64_t now = now_epoch_seconds();
    // The app's schedule as it stands now (views/refresh_schedule.h): interval and next run.
    RefreshSchedule schedule;
    schedule.update(rows.value());
    const auto plan = schedule.plan(now);
    std::printf("%s %s %s %s %8s  %s\n", fit_columns("source", 24).c_str(),
                fit_columns("state", 34).c_str(), fit_columns("last refresh", 12).c_str(),
                fit_columns("schedule", 30).c_str(), "listings", "last error");
    for (std::size_t i = 0; i < rows.value().size(); ++i) {
        const SourceRow& r = rows.value()[i];
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

int run_remove(Workspace& workspace, const std::string& id) {
    auto removed = remove_source(workspace, id);
    if (!removed) {
        return fail("source", removed.error().message, kExitUsage);
    }
    std::printf("removed %s from %s (its listings stay in the store)\n", id.c_str(),
                workspace.paths().sources_file().string().c_str());
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
        for (CLI::App* c : {list, enable, disable, resume, add, remove, interval}) {
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
            if (resume->parsed()) {
                return with_workspace(global, [&](Workspace& w) { return run_resume(w, opt->id); });
            }
            return kExitUsage;
        };
    }});

}  // namespace
}  // namespace gigscout::cli::source_command
