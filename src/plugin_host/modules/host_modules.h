// The helper modules a plugin may `require`; the sandbox installs them in every plugin state.
#pragma once

#include <vector>

struct lua_State;

namespace gigscout::plugin_modules {

using OpenFn = int (*)(lua_State*);  // pushes the module table, returns 1
struct HostModule {
    const char* name;
    OpenFn open;
};
// Every helper module plugins may `require`: json, xml, feed, html, time, money, url, text.
// (`log` belongs to the sandbox, which owns the per-call message list.)
const std::vector<HostModule>& host_modules();

}  // namespace gigscout::plugin_modules
