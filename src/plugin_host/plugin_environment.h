// What a plugin's Lua state offers, as a real worker reports it: every function reachable from
// the globals ("pcall", "string.find") and from every module `require` accepts ("json.decode",
// "log.info"). The documentation test checks each one has an entry in docs/plugin-api.md or
// docs/plugin-api-helpers.md.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "plugin_host/plugin_limits.h"

namespace gigscout {

Result<std::vector<std::string>> plugin_environment_functions(const PluginLimits& limits = {});

}  // namespace gigscout
