// Each command lives in its own command_<name>.cpp and registers itself here, so adding a
// command touches no shared file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/paths.h"
#include "cli/exit_codes.h"

namespace gigscout::cli {

// Options every command shares, filled by the top-level parser.
struct GlobalOptions {
    std::optional<std::string> data_dir;  // --data-dir
    std::string command;                  // the command running, for messages (main sets it)

    // Paths from --data-dir or XDG; prints the error and returns nullopt when unusable (the
    // caller exits 2): --data-dir naming something that is not a directory is refused here.
    std::optional<Paths> paths() const;
};

struct Command {
    std::string name;
    int order = 100;  // position in --help
    // Adds the subcommand; the returned function runs it after parsing and gives the exit code.
    std::function<std::function<int()>(CLI::App& parent, const GlobalOptions& global)> add;
};

bool register_command(Command command);
const std::vector<Command>& registered_commands();

// Prints "gigscout-cli <command>: <message>" to stderr and returns `code`.
int fail(const std::string& command, const std::string& message, int code);

// The same for an error of the core: exit 2 when the user's file or argument is at fault
// (Error::bad_input: e.g. a file at the database path that is not a GigScout store), else 1.
int fail(const std::string& command, const Error& error);

}  // namespace gigscout::cli
