// Runs the real gigscout-cli for the CLI tests: standard input from a string, standard output
// and error captured, and a generous deadline that only catches hangs.
#pragma once

#include <string>
#include <vector>

namespace gigscout::testing {

struct CliResult {
    int code = -1;  // exit status, or -signal when it died or was killed at the deadline
    std::string out;
    std::string err;
};

// `gigscout-cli args...` with `input` on standard input. `env` changes the inherited
// environment: "NAME=value" sets a variable, "-NAME" removes it.
CliResult run_gigscout_cli(const std::vector<std::string>& args, const std::string& input = "",
                           const std::vector<std::string>& env = {});

}  // namespace gigscout::testing
