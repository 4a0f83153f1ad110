// `gigscout-cli plugin new ID`: a working starting point for a plugin author — a plugin folder
// with init.lua (written with `common`), cases.json with one case on a saved sample response
// (responses/sample.json), and test.sh, which runs the cases with `gigscout-cli plugin test`.
// The files come from src/plugin_host/scaffold/, compiled in.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gigscout {

struct ScaffoldFile {
    std::string name;  // inside the folder: "init.lua", "cases.json", "responses/sample.json", ...
    std::string content;
    bool executable = false;
};

// Fails when `id` is not a valid plugin id ([a-z0-9_-]+). `cli` is the gigscout-cli the test
// script runs (the absolute path of the one writing it: there is no install rule, so
// `gigscout-cli` is usually not on PATH).
Result<std::vector<ScaffoldFile>> scaffold_plugin(std::string_view id, std::string_view cli);

// Writes the scaffold into the folder `dir`/`id` (created if missing); refuses to overwrite any
// existing file (the error names it). Returns the paths written, init.lua first.
Result<std::vector<std::filesystem::path>> write_scaffold(const std::filesystem::path& dir,
                                                          std::string_view id,
                                                          std::string_view cli);

}  // namespace gigscout
