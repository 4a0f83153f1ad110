#include "plugin_host/worker/sandbox.h"

#include <signal.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "plugin_host/modules/memory_budget.h"
#include "plugin_host/worker/message_text.h"

namespace gigscout::worker {

// The deadline is a watchdog, not a hook that looks at the clock every N instructions: in Lua
// 5.4 any count hook makes the VM take its slow path on every instruction, which halves the
// speed of plugin code (measured: 0.31 s -> 0.60 s for a plain loop). A POSIX timer signals at
// the deadline and the handler installs the count-1 hook, as lua.c does from its SIGINT
// handler (ldebug.c: lua_sethook may be called from a signal). The worker runs one call at a
// time on one thread, so one timer and one armed sandbox suffice. Plugins get no coroutines,
// so the main thread's hook covers all their code.
namespace {

constexpr int kDeadlineSignal = SIGUSR1;
std::atomic<Sandbox*> g_armed{nullptr};
timer_t g_timer;
bool g_timer_ready = false;

extern "C" void on_deadline(int) {
    if (Sandbox* sb = g_armed.load()) {
        sb->interrupt();
    }
}

// Arms the timer to fire `after` from now (at once if `after` is not positive), or disarms it.
bool set_timer(std::chrono::nanoseconds after, bool arm) {
    if (!g_timer_ready) {
        struct sigaction sa {};
        sa.sa_handler = on_deadline;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigevent ev{};
        ev.sigev_notify = SIGEV_SIGNAL;
        ev.sigev_signo = kDeadlineSignal;
        if (sigaction(kDeadlineSignal, &sa, nullptr) != 0 ||
            timer_create(CLOCK_MONOTONIC, &ev, &g_timer) != 0) {
            return false;
        }
        g_timer_ready = true;
    }
    itimerspec spec{};
    auto ns = arm ? std::max<std::int64_t>(after.count(), 1) : 0;  // 0 disarms
    spec.it_value.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    spec.it_value.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    return timer_settime(g_timer, 0, &spec, nullptr) == 0;
}

}  // namespace

Sandbox::Sandbox(const PluginLimits& limits) : limits_(limits) {
    // From here to the end of the call, Lua's heap and every tree a helper module builds share
    // one budget (memory_budget.h).
    memory_budget::arm(limits_.memory_bytes);
    refusals_at_start_ = memory_budget::refusals();
    L_ = lua_newstate(&Sandbox::allocate, this);
    if (L_ == nullptr) {
        return;
    }
    *static_cast<Sandbox**>(lua_getextraspace(L_)) = this;
    lua_pushcfunction(L_, &open_sandbox_stdlib);
    if (lua_pcall(L_, 0, 0, 0) != LUA_OK) {
        lua_close(L_);
        L_ = nullptr;
    }
}

Sandbox::~Sandbox() {
    if (L_ != nullptr) {
        // The timer must not reach a closed state. Closing runs no plugin code: plugins cannot
        // set __gc (setmetatable refuses it) and the host modules' finalizers are C.
        stop_clock();
        lua_close(L_);
    }
    memory_budget::disarm();
}

std::size_t Sandbox::memory_used() const {
    return memory_budget::used();
}

std::size_t Sandbox::refusals() const {
    return memory_budget::refusals() - refusals_at_start_;
}

void Sandbox::stop_clock() {
    if (g_armed.load() != this) {
        return;
    }
    set_timer(std::chrono::nanoseconds(0), false);
    // A signal generated before the timer stopped is delivered by now (single thread, on the
    // return from timer_settime); block it anyway while the pointer goes away.
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, kDeadlineSignal);
    sigprocmask(SIG_BLOCK, &block, &old);
    g_armed.store(nullptr);
    sigprocmask(SIG_SETMASK, &old, nullptr);
}

void Sandbox::interrupt() {
    lua_sethook(L_, &Sandbox::hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
}

Sandbox& Sandbox::of(lua_State* L) {
    return **static_cast<Sandbox**>(lua_getextraspace(L));
}

void Sandbox::start_clock() {
    assert(g_armed.load() == nullptr || g_armed.load() == this);
    deadline_ = Clock::now() + limits_.cpu_time;
    g_armed.store(this);
    if (!set_timer(limits_.cpu_time, true)) {
        // No timer (should not happen): fall back to looking at the clock from a count hook.
        lua_sethook(L_, &Sandbox::hook, LUA_MASKCOUNT, 1000);
    }
}

void Sandbox::set_kill(Kill k) {
    if (kill_ == Kill::None) {
        kill_ = k;
    }
    // Count 1 plus the line mask: the hook runs before every instruction from now on, and its
    // error is re-raised by the wrapped pcall/xpcall, so nothing can catch it and go on.
    lua_sethook(L_, &Sandbox::hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
}

void Sandbox::hook(lua_State* L, lua_Debug*) {
    Sandbox& sb = of(L);
    if (sb.kill_ == Kill::None) {
        if (Clock::now() < sb.deadline_) {
            return;  // the fallback count hook, before the deadline
        }
        sb.set_kill(Kill::Time);
    }
    // Level 0 inside a hook is the function that was running: its line is where it stopped.
    luaL_where(L, 0);
    lua_pushstring(
        L, sb.kill_ == Kill::Time ? "stopped here (time limit)" : "stopped here (memory limit)");
    lua_concat(L, 2);
    lua_error(L);
}

void* Sandbox::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
    (void)ud;
    // With ptr == NULL, osize is the type of the object being created, not a size.
    std::size_t old = ptr != nullptr ? osize : 0;
    if (nsize == 0) {
        std::free(ptr);
        memory_budget::credit(old);
        return nullptr;
    }
    if (nsize > old && !memory_budget::try_charge(nsize - old, false)) {
        return nullptr;  // Lua collects garbage, retries once, then raises LUA_ERRMEM
    }
    void* p = std::realloc(ptr, nsize);
    if (p == nullptr) {
        if (nsize > old) {
            memory_budget::credit(nsize - old);
            return nullptr;
        }
        // Lua assumes a shrink never fails: keep the old (larger) block.
        return ptr;
    }
    if (nsize < old) {
        memory_budget::credit(old - nsize);
    }
    return p;
}

bool is_memory_error(lua_State* L, int status, std::size_t refusals_before) {
    if (status == LUA_ERRMEM) {
        return true;
    }
    if (status == LUA_OK || Sandbox::of(L).refusals() == refusals_before ||
        lua_type(L, -1) != LUA_TSTRING) {
        return false;
    }
    std::size_t len = 0;
    const char* s = lua_tolstring(L, -1, &len);
    constexpr std::string_view kMessage = "not enough memory";
    return std::string_view(s, len).find(kMessage) != std::string_view::npos;
}

void Sandbox::add_log(const char* level, std::string_view text) {
    if (log_.size() >= limits_.max_log_messages) {
        ++dropped_log_;
        return;
    }
    log_.push_back({level, clean_message(text, limits_.max_log_message_bytes)});
}

}  // namespace gigscout::worker
