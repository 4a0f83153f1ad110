#include "plugin_host/worker_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "base/paths.h"

namespace gigscout {
namespace fs = std::filesystem;

namespace {

bool is_executable(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

std::string describe_status(int status) {
    if (WIFSIGNALED(status)) {
        return "signal " + std::to_string(WTERMSIG(status));
    }
    if (WIFEXITED(status)) {
        return "exit code " + std::to_string(WEXITSTATUS(status));
    }
    return "status " + std::to_string(status);
}

}  // namespace

std::vector<std::string> worker_environment() {
    std::vector<std::string> env{"LANG=C.UTF-8"};
    // GIGSCOUT_RESOURCES is a folder, not a secret: the worker reads its currency table there.
    for (const char* name :
         {"GIGSCOUT_RESOURCES", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (const char* value = std::getenv(name)) {
            env.push_back(std::string(name) + "=" + value);
        }
    }
    return env;
}

fs::path find_worker_executable() {
    if (const char* env = std::getenv("GIGSCOUT_PLUGIN_WORKER"); env != nullptr && *env != '\0') {
        return env;
    }
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path beside = self.parent_path() / "gigscout-plugin-worker";
        if (is_executable(beside)) {
            return beside;
        }
    }
    // Installed: <prefix>/libexec/gigscout/, beside the program's own prefix.
    if (fs::path installed = installed_beside_executable("libexec/gigscout/gigscout-plugin-worker");
        !installed.empty() && is_executable(installed)) {
        return installed;
    }
    return GIGSCOUT_PLUGIN_WORKER_BUILD_PATH;
}

Result<std::unique_ptr<WorkerProcess>> WorkerProcess::spawn(const fs::path& executable,
                                                            const std::vector<std::string>& args) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        return Error{std::string("cannot create the plugin worker's socket: ") +
                     std::strerror(errno)};
    }
    // Bodies and listings are megabytes: with the default 208 KiB buffer every frame is a
    // long ping-pong between the two processes, each turn waiting for the scheduler. Ask for
    // more (the kernel caps it at net.core.wmem_max).
    for (int fd : sv) {
        int size = 4 << 20;
        ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    // dup2 onto 0/1 clears close-on-exec; a socket that already sits on 0..2 (a host started
    // with closed stdio) must move first, or dup2 would be a no-op and exec would close it.
    int child_end = sv[1];
    if (child_end <= 2) {
        child_end = ::fcntl(sv[1], F_DUPFD_CLOEXEC, 3);
        ::close(sv[1]);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_end, 0);
    posix_spawn_file_actions_adddup2(&actions, child_end, 1);
    // Descriptors other parts opened without O_CLOEXEC (curl, sqlite, other threads) stay out.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::string path = executable.string();
    std::vector<std::string> arg_strings = args;
    std::vector<char*> argv{path.data()};
    for (std::string& a : arg_strings) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> env_strings = worker_environment();
    std::vector<char*> envp;
    for (std::string& e : env_strings) {
        envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    pid_t pid = 0;
    int rc = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(child_end);
    if (rc != 0) {
        ::close(sv[0]);
        return Error{"cannot start the plugin worker " + path + ": " + std::strerror(rc) +
                     " (set GIGSCOUT_PLUGIN_WORKER to its location)"};
    }
    int flags = ::fcntl(sv[0], F_GETFL);
    ::fcntl(sv[0], F_SETFL, flags | O_NONBLOCK);
    return std::unique_ptr<WorkerProcess>(new WorkerProcess(pid, sv[0]));
}

WorkerProcess::~WorkerProcess() {
    terminate();
    ::close(fd_);
}

std::optional<std::chrono::nanoseconds> WorkerProcess::cpu_time() {
    std::lock_guard lock(mutex_);
    clockid_t clock{};
    timespec t{};
    if (wait_status_ || ::clock_getcpuclockid(pid_, &clock) != 0 ||
        ::clock_gettime(clock, &t) != 0) {
        return std::nullopt;
    }
    return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

void WorkerProcess::kill() {
    std::lock_guard lock(mutex_);
    if (!wait_status_) {
        ::kill(pid_, SIGKILL);
    }
}

std::string WorkerProcess::terminate() {
    std::lock_guard lock(mutex_);
    if (!wait_status_) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        wait_status_ = status;
    }
    return describe_status(*wait_status_);
}

}  // namespace gigscout
