// gigscout-cli: a thin front end over the core. Commands register themselves
// (command_registry.h); this file only parses and dispatches.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "cli/command_registry.h"
#include "cli/man_page.h"
#include "model/currency.h"
#include "taxonomy/taxonomy.h"
#include "workspace/build_info.h"

namespace {

// A command-line mistake in the words of every other error (docs/cli.md): "gigscout-cli
// <command>: <message>", with where to read more; CLI11's own text says neither.
int usage_error(CLI::App& app, int argc, char** argv, const CLI::ParseError& e) {
    using namespace gigscout::cli;
    std::string command;  // "profile add"
    std::string top;      // "profile", as the command's other errors name it
    for (CLI::App* at = &app; at != nullptr;) {
        auto subs = at->get_subcommands();
        at = subs.empty() ? nullptr : subs.front();
        if (at != nullptr) {
            command += (command.empty() ? "" : " ") + at->get_name();
            top = top.empty() ? at->get_name() : top;
        }
    }
    std::string message = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        message = "unexpected argument(s): " + message.substr(message.find(':') + 2);
    }
    if (command.empty()) {
        // No command was recognised: the first word that is not a global option names it.
        std::string word;
        for (int i = 1; i < argc && word.empty(); ++i) {
            std::string_view a = argv[i];
            if (a == "--data-dir") {
                ++i;
            } else if (!a.empty() && a[0] != '-') {
                word = a;
            }
        }
        std::string known;
        for (const CLI::App* sub : app.get_subcommands({})) {
            known += (known.empty() ? "" : ", ") + sub->get_name();
        }
        if (!word.empty() && dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
            message = "unknown command `" + word + "` (commands: " + known + ")";
        } else if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
            message = "give a command (" + known + ")";
        }
        std::fprintf(stderr, "gigscout-cli: %s; see gigscout-cli --help\n", message.c_str());
        return kExitUsage;
    }
    std::fprintf(stderr, "gigscout-cli %s: %s; see gigscout-cli %s --help\n", top.c_str(),
                 message.c_str(), command.c_str());
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace gigscout::cli;
    // `--version --verbose` (either order) names the libraries too, for a bug report. CLI11's
    // version flag stops parsing where it stands, before a later --verbose is seen.
    if (argc == 3 &&
        ((std::string_view(argv[1]) == "--version" && std::string_view(argv[2]) == "--verbose") ||
         (std::string_view(argv[1]) == "--verbose" && std::string_view(argv[2]) == "--version"))) {
        std::fputs(gigscout::component_versions_text(gigscout::component_versions()).c_str(),
                   stdout);
        return kExitOk;
    }
    CLI::App app{"GigScout: ranks freelance gigs and remote jobs against your skill profile.",
                 "gigscout-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("gigscout-cli ") + GIGSCOUT_VERSION,
                         "Print the version and exit (with --verbose: the libraries' too)");
    GlobalOptions global;
    app.add_option("--data-dir", global.data_dir,
                   "Keep all data, config and cache under this directory instead of the XDG ones")
        ->type_name("DIR");

    std::vector<std::pair<CLI::App*, std::function<int()>>> runners;
    for (const auto& command : registered_commands()) {
        std::size_t before = app.get_subcommands({}).size();
        auto run = command.add(app, global);
        auto subs = app.get_subcommands({});
        if (subs.size() > before) {
            runners.emplace_back(subs.back(), std::move(run));
        }
    }
    // The package's manual page (`gigscout-cli --man-page DATE`), written from this table.
    if (argc == 3 && std::string_view(argv[1]) == "--man-page") {
        std::fputs(man_page(app, argv[2]).c_str(), stdout);
        return kExitOk;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e) == 0 ? kExitOk : kExitUsage;
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e) == 0 ? kExitOk : kExitUsage;
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e) == 0 ? kExitOk : kExitUsage;
    } catch (const CLI::ParseError& e) {
        return usage_error(app, argc, argv, e);
    }
    try {
        for (auto& [sub, run] : runners) {
            if (sub->parsed()) {
                global.command = sub->get_name();
                // Every command reads the shipped taxonomy or currency table somewhere; a
                // missing or broken one is this command's error (exit 1), said once up front.
                if (auto t = gigscout::Taxonomy::load_bundled(); !t.ok()) {
                    return fail(sub->get_name(), t.error().message, kExitInternal);
                }
                if (auto c = gigscout::CurrencyTable::load_bundled(); !c.ok()) {
                    return fail(sub->get_name(), c.error().message, kExitInternal);
                }
                return run();
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gigscout-cli: internal error: %s\n", e.what());
        return kExitInternal;
    }
    return kExitUsage;
}
