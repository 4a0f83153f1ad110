// The `log` module plugins require: log.info/warn/error add a line to the call's messages,
// which travel back with the reply (capped; see PluginLimits::max_log_messages). `print` is
// log.info.
#pragma once

#include <lua.hpp>

namespace gigscout::worker {

// Pushes the module table.
int open_log_module(lua_State* L);

// Converts each argument like tostring (without addresses) and joins them with spaces; adds
// the line at `level`. Used by log.* and print.
int log_arguments(lua_State* L, const char* level);

// Pushes what tostring(value at idx) shows plugins: __tostring's result if there is one,
// numbers/strings/booleans/nil as Lua prints them, other types by type name only ("table").
void push_display_string(lua_State* L, int idx);

}  // namespace gigscout::worker
