// The exit codes of every gigscout-cli command (docs/cli.md). Later commands extend this table;
// existing values never change.
#pragma once

namespace gigscout::cli {

enum ExitCode : int {
    kExitOk = 0,
    kExitInternal = 1,       // a bug or an unexpected system failure
    kExitUsage = 2,          // bad usage or a bad input file (the message names it)
    kExitPluginFailed = 3,   // a plugin failed or produced invalid listings
    kExitSourcesFailed = 4,  // some sources failed (partial result)
};

}  // namespace gigscout::cli
