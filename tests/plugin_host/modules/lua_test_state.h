// A real Lua state for the helper-module tests: base, string, table, math and utf8 only, the
// helper modules as globals (json, xml, ...), and results rendered as strings so tests can
// compare exact values.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

struct lua_State;

namespace gigscout::testing {

struct LuaRun {
    bool ok = false;
    std::vector<std::string> values;  // each result rendered (see LuaTestState::render)
    std::string error;                // the error message when !ok
};

class LuaTestState {
  public:
    // `memory_cap` > 0 limits what the state may allocate, like the sandbox's allocator.
    explicit LuaTestState(std::size_t memory_cap = 0);
    ~LuaTestState();
    LuaTestState(const LuaTestState&) = delete;
    LuaTestState& operator=(const LuaTestState&) = delete;

    lua_State* get() const { return L_; }

    // Runs `chunk` under lua_pcall and renders what it returns.
    LuaRun run(const std::string& chunk);
    // The first result rendered, or "error: <message>".
    std::string eval(const std::string& chunk);
    // All results rendered and joined with " | ", or "error: <message>".
    std::string eval_all(const std::string& chunk);
    // Sets global `name` to the string `value` (binary safe).
    void set_string(const std::string& name, const std::string& value);

    // Renders the value at `index`: strings as they are, integers "3", floats "3.0" (Lua's
    // tostring), nil, true/false, json.null as "null", tables as {k=v,...} with keys sorted
    // and sequences as {1,2,3}.
    std::string render(int index, int depth = 0);

  private:
    lua_State* L_ = nullptr;
    std::size_t cap_ = 0;
    std::size_t used_ = 0;
    static void* allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size);
};

}  // namespace gigscout::testing
