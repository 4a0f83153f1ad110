// Writing small plugins for tests, and the limits hostile tests run under.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "plugin_host/plugin_limits.h"

namespace gigscout::testing {

// A plugin with a fixed, valid manifest around the given Lua code.
struct TestPlugin {
    std::string id = "testplug";
    std::string top;             // code before `return { ... }` (locals, requires)
    std::string manifest_extra;  // more manifest fields, e.g. "multi_source = true,"
    std::string requests = "return { { url = 'https://example.com/api' } }";
    std::string parse = "return {}";
};

// Writes <dir>/<id>.lua and returns its path.
std::filesystem::path write_test_plugin(const std::filesystem::path& dir, const TestPlugin& p);

// Small limits so hostile tests end fast (also under AddressSanitizer): 300 ms of Lua, 16 MiB.
PluginLimits small_limits();

// The host process's peak resident memory (VmHWM), in KiB.
std::size_t peak_rss_kib();

}  // namespace gigscout::testing
