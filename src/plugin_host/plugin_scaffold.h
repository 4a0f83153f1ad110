// `gigscout-cli plugin new ID`: a working starting point for a plugin author — the plugin, a
// saved sample response it parses, and a test script that runs it in the real sandbox. The
// files come from plugins/examples/template/, compiled in.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gigscout {

struct ScaffoldFile {
    std::string name;  // "<id>.lua", "<id>.sample.json", "<id>_test.sh"
    std::string content;
    bool executable = false;
};

// Fails when `id` is not a valid plugin id ([a-z0-9_-]+). `cli` is the gigscout-cli the test
// script runs (the absolute path of the one writing it: there is no install rule, so
// `gigscout-cli` is usually not on PATH).
Result<std::vector<ScaffoldFile>> scaffold_plugin(std::string_view id, std::string_view cli);

// Writes the scaffold into `dir` (created if missing); refuses to overwrite any existing file
// (the error names it). Returns the paths written.
Result<std::vector<std::filesystem::path>> write_scaffold(const std::filesystem::path& dir,
                                                          std::string_view id,
                                                          std::string_view cli);

}  // namespace gigscout
