// One gigscout-plugin-worker child process: started with posix_spawn (never fork: the host is
// threaded), talking over one socket on its stdin/stdout, killed with SIGKILL and always
// reaped.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace gigscout {

// GIGSCOUT_PLUGIN_WORKER if set; else gigscout-plugin-worker next to the running executable;
// else the one in the build tree this library was built in.
std::filesystem::path find_worker_executable();

// The whole environment a worker gets: LANG=C.UTF-8, and GIGSCOUT_RESOURCES and the sanitizer
// options when set. Nothing else of the host's (no GIGSCOUT_<SOURCE>_<KEY> secrets, proxies,
// HOME): native code in a compromised worker finds nothing there.
std::vector<std::string> worker_environment();

class WorkerProcess {
  public:
    // `args` follow the program name (the worker reads --data-limit=BYTES).
    static Result<std::unique_ptr<WorkerProcess>> spawn(const std::filesystem::path& executable,
                                                        const std::vector<std::string>& args = {});
    ~WorkerProcess();  // kills and reaps
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    int fd() const { return fd_; }
    pid_t pid() const { return pid_; }

    // CPU time (user + system) the process has used so far; nullopt once it has been reaped.
    std::optional<std::chrono::nanoseconds> cpu_time();
    // SIGKILL unless already reaped; safe from any thread, at any time.
    void kill();
    // Kills (if still running), reaps, and describes how it ended: "signal 11", "exit code 1".
    std::string terminate();

  private:
    WorkerProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) {}

    pid_t pid_;
    int fd_;
    std::mutex mutex_;  // guards the pid against reuse: no kill() after the reap
    std::optional<int> wait_status_;
};

}  // namespace gigscout
