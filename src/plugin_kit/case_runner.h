// Runs a plugin's cases (case_table.h) through the real sandbox, in this process, with the
// PluginSession the refresh and `gigscout-cli plugin run` use: `gigscout-cli plugin test` and
// the test suite's plugin_cases_test both call this.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "plugin_host/plugin_session.h"
#include "plugin_kit/case_table.h"
#include "plugin_kit/json_expect.h"

namespace gigscout::plugin_kit {

enum class CaseVerdict { Pass, Fail, Skip };

struct CaseResult {
    std::string name;
    CaseVerdict verdict = CaseVerdict::Pass;
    // Why it was skipped, or why it failed when no field comparison says it (a response file
    // missing, a case setting the plugin does not have).
    std::string reason;
    // Every expectation that did not hold, first difference first.
    std::vector<FieldMismatch> mismatches;
};

struct CaseOptions {
    // ../shared/fixtures (real captures, never committed); without it "shared:" cases skip.
    std::optional<std::filesystem::path> shared_fixtures;
};

// Runs one case with `session`, a session of the case's plugin (loaded here if it is not yet).
CaseResult run_case(PluginSession& session, const PluginCase& c, const CaseOptions& options);

// The folder a plugin's cases live in, for `path`: a folder with init.lua and cases.json.
// Errors: "x.lua is a single-file plugin: its cases need a folder (x/init.lua, x/cases.json)".
Result<std::filesystem::path> plugin_folder(const std::filesystem::path& path);

}  // namespace gigscout::plugin_kit
