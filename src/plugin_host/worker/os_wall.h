// The operating system as the second wall around a plugin worker (docs/plugin-api.md,
// "Sandbox design"): if a memory bug in liblua, expat, gumbo or RapidJSON let plugin input run
// native code, that code still runs in a process that cannot open files, sockets or other
// processes, gain privileges, or grow past its memory.
#pragma once

#include <cstddef>
#include <string>

namespace gigscout::worker {

// Builds with AddressSanitizer need a looser wall (its runtime reserves terabytes of address
// space, and LeakSanitizer's exit check runs a thread that ptraces the process).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizerBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif
#else
inline constexpr bool kSanitizerBuild = false;
#endif

// Applies, in order: rlimits (RLIMIT_DATA = `data_limit_bytes`, RLIMIT_NOFILE 16, RLIMIT_CORE
// 0, RLIMIT_FSIZE 0, RLIMIT_NPROC 0; DATA, FSIZE and NPROC are left alone in sanitizer builds),
// PR_SET_NO_NEW_PRIVS, and a seccomp filter. Release builds get an allow-list (what the worker
// does after start-up: read and write its socket, memory, time, signals to itself, exit);
// anything else fails with EPERM, and execve, ptrace, socket, fork and clone kill the process.
// Sanitizer builds get a deny-list instead (EPERM for execve, socket, fork and clone without
// CLONE_VM, signals to other processes and open for writing; everything else allowed). Returns an
// empty string, or what failed.
std::string raise_os_wall(std::size_t data_limit_bytes);

}  // namespace gigscout::worker
