// The plugin case tables: tests/plugins/<plugin id>/cases.json, one per shipped plugin, each
// case a saved response (or a settings combination) and what the plugin must make of it.
// The format is described in docs/plugin-cases.md.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "base/result.h"

namespace gigscout::testing {

enum class CaseKind {
    Run,       // gigscout-cli plugin run FILE --response FIXTURE ... --json
    Requests,  // gigscout-cli plugin requests FILE --setting ...
};

struct PluginCase {
    std::string plugin;                 // the plugin id, also the test suite's name
    std::filesystem::path plugin_file;  // plugins/<id>.lua
    std::string name;                   // the test's name: [A-Za-z0-9_]+
    CaseKind kind = CaseKind::Run;
    std::string fixture;  // "tests/plugins/x/y.json" or "shared:x/y.json"
    int status = 200;
    int page = 1;                      // ctx.page (--page)
    std::string url;                   // response.url (--url); empty: the first request's
    std::vector<std::string> headers;  // "Name: value"
    std::vector<std::pair<std::string, std::string>> settings;  // as --setting k=v
    std::vector<std::string> query;  // the profile's search terms, ctx.query (--query)
    // The case object itself, for the expectations (count, listings, error, ...). Shared by
    // all cases of a table, which owns the memory.
    std::shared_ptr<rapidjson::Document> table;
    const rapidjson::Value* spec = nullptr;
};

// Reads one case table. `source_root` resolves project-relative plugin paths. Errors name the
// file and the case ("tests/plugins/remoteok/cases.json: case 3: field `status`: expected a
// number").
Result<std::vector<PluginCase>> load_case_table(const std::filesystem::path& file,
                                                const std::filesystem::path& source_root);

}  // namespace gigscout::testing
