// gigscout-cli: a thin front end over the core. Commands register themselves
// (command_registry.h); this file only parses and dispatches.
#include <cstdio>
#include <exception>

#include "cli/command_registry.h"
#include "model/currency.h"
#include "taxonomy/taxonomy.h"

int main(int argc, char** argv) {
    using namespace gigscout::cli;
    CLI::App app{"GigScout: ranks freelance gigs and remote jobs against your skill profile.",
                 "gigscout-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("gigscout-cli ") + GIGSCOUT_VERSION);
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
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        // CLI11 returns 0 for --help/--version and its own codes for errors; ours is 2.
        return code == 0 ? kExitOk : kExitUsage;
    }
    try {
        for (auto& [sub, run] : runners) {
            if (sub->parsed()) {
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
