// A plugin's case table: <plugin folder>/cases.json, each case a saved response (or a
// settings combination) and what the plugin must make of it. The format: docs/plugin-cases.md.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "base/result.h"

namespace gigscout::plugin_kit {

enum class CaseKind {
    Run,       // parse() on a saved response (as `gigscout-cli plugin run`)
    Requests,  // requests() with the case's settings (as `gigscout-cli plugin requests`)
};

struct PluginCase {
    std::string plugin;                // the plugin id (the table's folder name by default)
    std::filesystem::path plugin_dir;  // the folder with init.lua and cases.json
    std::string name;                  // [A-Za-z0-9_]+, unique in its table
    CaseKind kind = CaseKind::Run;
    std::string fixture;  // "responses/page1.json" (from plugin_dir) or "shared:x/y.json"
    int status = 200;
    int page = 1;                      // ctx.page
    std::string url;                   // response.url; empty: the first request's
    std::vector<std::string> headers;  // "Name: value"
    std::vector<std::pair<std::string, std::string>> settings;  // as --setting k=v
    std::vector<std::string> query;  // the profile's search terms, ctx.query
    // The case object itself, for the expectations (count, listings, error, ...). Shared by
    // all cases of a table, which owns the memory.
    std::shared_ptr<rapidjson::Document> table;
    const rapidjson::Value* spec = nullptr;
};

// Reads `plugin_dir`/cases.json. Errors name the file and the case
// ("plugins/remoteok/cases.json: case 3 (empty): field `status`: expected a number").
Result<std::vector<PluginCase>> load_case_table(const std::filesystem::path& plugin_dir);

}  // namespace gigscout::plugin_kit
