// A fast path for the commonest shape of Lua pattern, used by the sandbox's string.find,
// string.match and string.gsub: a fixed sequence of single-character items (a character, '.',
// a class such as %a or %s, a set such as [%w_] or [\xC2\xC3]), optionally anchored with '^',
// and nothing else: no captures, no '*', '+', '-', '?', no %b, %f, back references or a final
// '$'. Such a pattern can only match its own length, so it is compiled to one byte table per
// item and the subject is scanned for the first item's bytes, instead of calling Lua's
// backtracking matcher at every position (lstrlib.c), which costs several times more per byte.
//
// The results — values, errors, and which Lua functions a gsub replacement calls — are the
// standard library's: every case the fast path does not answer exactly the same way (any other
// pattern, a non-integer position, a number as replacement, a replacement string with %2..%9 or
// a stray '%') is left to the standard function. tests/plugin_host/modules/lua_patterns_test.cpp
// compares both on many generated patterns and texts.
#pragma once

#include <lua.hpp>

namespace gigscout::plugin_modules {

// string.find (find = true) or string.match (find = false) with the call's arguments at 1...
// when the pattern is of the form above and the call is not a plain find; returns the number
// of results pushed, or -1 (nothing pushed) when the standard function must answer.
int fast_find(lua_State* L, bool find);

// string.gsub with the call's arguments at 1..; returns 2 (results pushed), or -1 as above.
int fast_gsub(lua_State* L);

}  // namespace gigscout::plugin_modules
