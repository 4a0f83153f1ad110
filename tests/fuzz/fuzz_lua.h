// One Lua state per fuzzer process with the helper modules a plugin `require`s, and a chunk
// compiled once that receives each input as its only argument: the harness reaches the modules
// exactly as plugin code does (argument checks, Lua conversion, errors raised as Lua errors).
#pragma once
#include <lua.hpp>
#include <string_view>

namespace gigscout::fuzz {

class LuaHarness {
  public:
    // `script` may use the global tables json, xml, feed, html, time, money, url, text and
    // pcall; it must catch its own errors (an uncaught one is reported as a harness bug).
    explicit LuaHarness(const char* script);
    ~LuaHarness();
    LuaHarness(const LuaHarness&) = delete;
    LuaHarness& operator=(const LuaHarness&) = delete;

    // Runs the script on `input`; returns the state with the script's results on the stack,
    // which the caller may inspect before the next run clears it.
    lua_State* run(std::string_view input);

  private:
    lua_State* L_;
    int script_ref_;
    unsigned runs_ = 0;
};

}  // namespace gigscout::fuzz
