// The manual page of gigscout-cli, written from the same command table that builds --help, so
// the two cannot disagree (the package installs it as gigscout-cli.1).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace gigscout::cli {

// roff (man(7)) for `app` and every command and sub-command under it, with their options.
std::string man_page(const CLI::App& app, const std::string& date);

}  // namespace gigscout::cli
