// Runs a program to completion and captures what it printed: how the plugin cases drive the
// real `gigscout-cli` (which in turn starts its sandbox worker).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace gigscout::testing {

struct ChildResult {
    int exit_code = -1;  // the program's exit status; -1 when it was killed or did not start
    bool timed_out = false;
    std::string out;
    std::string err;
};

// Runs argv[0] (a path, not searched in PATH) with `argv`, stdin from /dev/null. A child still
// running after `deadline` is killed (a hang is a failure, never a wait).
ChildResult run_child(const std::vector<std::string>& argv, std::chrono::milliseconds deadline);

}  // namespace gigscout::testing
