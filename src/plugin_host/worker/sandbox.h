// One plugin call's Lua state, built by construction from an allow-list (docs/plugin-api.md,
// "Sandbox design"): a counting allocator with a cap, base/string/table/math/utf8 only, with
// the dangerous functions removed or wrapped (sandbox_stdlib.cpp), and a wall-clock deadline:
// a timer signal installs a count-1 hook that raises on every instruction from then on.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <lua.hpp>

#include "plugin_host/plugin_limits.h"

namespace gigscout::worker {

using Clock = std::chrono::steady_clock;

enum class Kill { None, Time, Memory };

struct LogMessage {
    std::string level;  // "info", "warn", "error"
    std::string text;
};

class Sandbox {
  public:
    // A fresh state; `ok()` is false only when even the empty state could not be allocated.
    explicit Sandbox(const PluginLimits& limits);
    ~Sandbox();  // closes the state with the hook still armed
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    bool ok() const { return L_ != nullptr; }
    lua_State* L() const { return L_; }
    const PluginLimits& limits() const { return limits_; }

    // Starts the clock for the call: at the deadline a timer signal installs the hook, which
    // raises a sticky error. stop_clock (also done by the destructor) disarms it.
    void start_clock();
    void stop_clock();
    // Called from the timer's signal handler: makes the next Lua instruction run the hook.
    void interrupt();
    Kill kill() const { return kill_; }
    // Marks the call as killed and makes every further Lua instruction raise an error, so no
    // pcall, loop or __close handler can go on running.
    void set_kill(Kill k);
    bool past_deadline() const { return Clock::now() >= deadline_; }

    // Bytes the call holds: Lua's heap and the helper modules' native trees (memory_budget.h).
    std::size_t memory_used() const;
    // How many allocations the cap refused so far. lauxlib's buffers (string.rep, table.concat,
    // gsub...) report a refusal as an ordinary error "not enough memory", not LUA_ERRMEM, and
    // so do the helper modules (`guarded`), so an error after a refusal counts as hitting the
    // memory limit.
    std::size_t refusals() const;

    // Messages from log.* and print, capped (limits().max_log_messages).
    void add_log(const char* level, std::string_view text);
    const std::vector<LogMessage>& log() const { return log_; }
    std::size_t dropped_log_messages() const { return dropped_log_; }

    // The sandbox that owns `L` (stored in the state's extra space).
    static Sandbox& of(lua_State* L);

  private:
    static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
    static void hook(lua_State* L, lua_Debug* ar);

    PluginLimits limits_;
    lua_State* L_ = nullptr;
    std::size_t refusals_at_start_ = 0;
    Kill kill_ = Kill::None;
    Clock::time_point deadline_ = Clock::time_point::max();
    std::vector<LogMessage> log_;
    std::size_t dropped_log_ = 0;
};

// True when a protected call that ended with `status` (error object on top) ran out of memory:
// LUA_ERRMEM, or lauxlib's "not enough memory" after the cap refused an allocation.
bool is_memory_error(lua_State* L, int status, std::size_t refusals_before);

// Installs the allowed standard library, the wrappers and `require` (sandbox_stdlib.cpp).
// Called once by the Sandbox constructor, inside a protected call.
int open_sandbox_stdlib(lua_State* L);

// The names `require` accepts, in order: the host modules, then "log".
std::vector<std::string> module_names();

}  // namespace gigscout::worker
