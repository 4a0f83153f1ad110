// JSON text <-> Lua values, for `json` and for `html.json_ld`. Bounded on hostile input: the
// parse is RapidJSON's iterative one (no C recursion per nesting level), UTF-8 is validated,
// and conversion stops at kMaxDepth levels of nesting.
#pragma once

#include <string_view>

struct lua_State;

namespace gigscout::plugin_modules {

// Pushes the decoded value and returns true, or pushes an error message ("json: offset 120:
// Missing a comma or ']' after an array element.") and returns false. Objects become tables,
// arrays sequences, null the json.null sentinel; integers that fit int64 become Lua integers,
// other numbers floats.
bool push_json_decoded(lua_State* L, std::string_view text);

// Pushes the JSON text for the value at `index` and returns true, or pushes an error message
// ("json.encode: $.items[2].tags: cycle ...") and returns false.
bool push_json_encoded(lua_State* L, int index);

// The per-state json.null sentinel (a userdata with a locked, empty metatable).
void push_json_null(lua_State* L);
bool is_json_null(lua_State* L, int index);

}  // namespace gigscout::plugin_modules
