-- luacheck (Debian lua-check) for plugins/ (each plugin folder's init.lua), the worker's own Lua
-- and the scaffold of `plugin new`, src/plugin_host/scaffold/ (ctest lint.lua).
-- The standard library is the plugin sandbox's allow-list (docs/plugin-api.md, "What a plugin
-- can use"): a plugin that reaches for io, os, debug or coroutine fails here before it fails in
-- the sandbox. Plugins return their table; they write no globals.
stds.gigscout_sandbox = {
  read_globals = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "rawequal", "rawget", "rawlen",
    "rawset", "select", "setmetatable", "tonumber", "type", "load", "pcall", "xpcall", "tostring",
    "print", "collectgarbage", "require",
    string = { fields = {
      "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
      "packsize", "rep", "reverse", "sub", "unpack", "upper",
    } },
    table = { fields = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" } },
    math = { fields = {
      "abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "deg", "exp", "floor", "fmod",
      "frexp", "huge", "ldexp", "log", "log10", "max", "maxinteger", "min", "mininteger", "modf",
      "pi", "pow", "rad", "random", "randomseed", "sin", "sinh", "sqrt", "tan", "tanh",
      "tointeger", "type", "ult",
    } },
    utf8 = { fields = { "char", "charpattern", "codepoint", "codes", "len", "offset" } },
  },
}
std = "gigscout_sandbox"
max_line_length = 100
-- `requests(ctx)` and `parse(response, ctx)` keep the API's signature even when a plugin reads
-- nothing from ctx.
unused_args = false
