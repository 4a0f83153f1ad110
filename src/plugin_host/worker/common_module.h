// The `common` module plugins require: the small helpers nearly every plugin needs (str, tbl,
// id_of, setting, fit, clean_html, budget_from_text). Written in Lua (worker/common.lua,
// compiled in) on top of the other modules, and run in the sandbox like plugin code.
#pragma once

#include <lua.hpp>

namespace gigscout::worker {

// Runs common.lua in the state and pushes the table it returns.
int open_common_module(lua_State* L);

}  // namespace gigscout::worker
