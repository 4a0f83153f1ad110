// worker_wall_probe PROBE [PATH]: raises the plugin worker's operating-system wall
// (worker/os_wall.h) exactly as the worker does, then tries one thing native code in a
// compromised worker might try, and prints what happened: "ok", "errno EPERM", ... A probe
// the filter kills prints nothing more (the test sees SIGSYS).
#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include "plugin_host/worker/os_wall.h"

namespace {

constexpr std::size_t kDataLimit = std::size_t{256} << 20;

int report(long rc) {
    if (rc >= 0) {
        std::printf("ok\n");
    } else {
        std::printf("errno %s\n", errno == EPERM ? "EPERM" : std::strerror(errno));
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        return 2;
    }
    std::string probe = argv[1];
    const char* path = argc > 2 ? argv[2] : "/etc/hostname";
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    std::string error = gigscout::worker::raise_os_wall(kDataLimit);
    if (!error.empty()) {
        std::printf("wall failed: %s\n", error.c_str());
        return 1;
    }
    std::printf("walled\n");
    if (probe == "work") {
        // What a worker does: memory, time, its own timer signal.
        std::size_t n = std::size_t{32} << 20;
        auto* p = static_cast<char*>(std::malloc(n));
        if (p == nullptr) {
            return report(-1);
        }
        std::memset(p, 1, n);
        std::free(p);
        timespec t{};
        return report(clock_gettime(CLOCK_MONOTONIC, &t));
    }
    if (probe == "memory_past_data_limit") {
        // Twice the data limit, touched: RLIMIT_DATA refuses it.
        auto* p = static_cast<char*>(std::malloc(2 * kDataLimit));
        if (p == nullptr) {
            errno = ENOMEM;
            return report(-1);
        }
        std::memset(p, 1, 2 * kDataLimit);
        return report(0);
    }
    if (probe == "socket_inet") {
        return report(::socket(AF_INET, SOCK_STREAM, 0));
    }
    if (probe == "socket_unix") {
        return report(::socket(AF_UNIX, SOCK_STREAM, 0));
    }
    if (probe == "execve") {
        char* args[] = {const_cast<char*>("/bin/true"), nullptr};
        char* env[] = {nullptr};
        return report(::execve("/bin/true", args, env));
    }
    if (probe == "fork") {
        pid_t pid = ::fork();
        if (pid == 0) {
            _exit(0);
        }
        if (pid > 0) {
            ::waitpid(pid, nullptr, 0);
        }
        return report(pid);
    }
    if (probe == "open_write") {
        return report(::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600));
    }
    if (probe == "open_read") {
        return report(::open(path, O_RDONLY));
    }
    if (probe == "signal_parent") {
        return report(::kill(::getppid(), 0));
    }
    if (probe == "raise_limit") {
        rlimit l{RLIM_INFINITY, RLIM_INFINITY};
        return report(::setrlimit(RLIMIT_CORE, &l));
    }
    if (probe == "ptrace") {
        return report(::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr));
    }
    std::printf("unknown probe\n");
    return 2;
}
