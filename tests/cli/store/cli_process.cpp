#include "cli_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cassert>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace gigscout::testing {
namespace {

std::vector<std::string> command(const std::filesystem::path& data_dir,
                                 const std::vector<std::string>& args,
                                 const std::vector<std::string>& prefix,
                                 const std::filesystem::path& cli = {}) {
    std::vector<std::string> argv = prefix;
    argv.push_back(cli.empty() ? cli_binary().string() : cli.string());
    argv.push_back("--data-dir");
    argv.push_back(data_dir.string());
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::vector<char*> c_argv(std::vector<std::string>& argv) {
    std::vector<char*> out;
    for (auto& a : argv) {
        out.push_back(a.data());
    }
    out.push_back(nullptr);
    return out;
}

int decode(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return WIFSIGNALED(status) ? -WTERMSIG(status) : -1000;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

std::filesystem::path cli_binary() {
    const char* env = std::getenv("GIGSCOUT_TEST_CLI");
    return env != nullptr && *env != '\0' ? std::filesystem::path(env)
                                          : std::filesystem::path(GIGSCOUT_CLI_PATH);
}

CliRun run_cli(const std::filesystem::path& data_dir, const std::vector<std::string>& args,
               const std::filesystem::path& scratch, const std::vector<std::string>& prefix,
               const std::filesystem::path& cli) {
    static std::atomic<int> counter{0};
    int n = counter++;
    auto out_file = scratch / ("cli-" + std::to_string(n) + ".out");
    auto err_file = scratch / ("cli-" + std::to_string(n) + ".err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    auto argv = command(data_dir, args, prefix, cli);
    auto cargv = c_argv(argv);
    pid_t pid = -1;
    CliRun r;
    if (posix_spawnp(&pid, cargv[0], &actions, nullptr, cargv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        r.err = "cannot start " + argv[0];
        return r;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    r.code = decode(status);
    r.out = slurp(out_file);
    r.err = slurp(err_file);
    std::filesystem::remove(out_file);
    std::filesystem::remove(err_file);
    return r;
}

CliProcess::CliProcess(const std::filesystem::path& data_dir,
                       const std::vector<std::string>& args) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    auto argv = command(data_dir, args, {});
    auto cargv = c_argv(argv);
    if (posix_spawn(&pid_, cargv[0], &actions, nullptr, cargv.data(), environ) != 0) {
        pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    err_fd_ = fds[0];
}

CliProcess::~CliProcess() {
    if (pid_ > 0 && !reaped_) {
        kill(pid_, SIGKILL);
        wait();
    }
    if (err_fd_ >= 0) {
        close(err_fd_);
    }
}

bool CliProcess::wait_for(const std::string& text, std::chrono::seconds deadline) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (err_.find(text) == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now());
        if (left.count() <= 0 || err_fd_ < 0) {
            return false;
        }
        pollfd p{err_fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) {
            continue;
        }
        char buf[4096];
        ssize_t n = read(err_fd_, buf, sizeof buf);
        if (n <= 0) {
            return err_.find(text) != std::string::npos;
        }
        err_.append(buf, static_cast<std::size_t>(n));
    }
    return true;
}

bool CliProcess::kill_now() {
    assert(pid_ > 0 && !reaped_);
    // Still running (not yet a zombie waiting to be reaped)?
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        status_ = status;
        return false;
    }
    kill(pid_, SIGKILL);
    return true;
}

int CliProcess::wait() {
    if (!reaped_ && pid_ > 0) {
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        status_ = status;
        reaped_ = true;
    }
    // Drain what is left so err() is complete.
    if (err_fd_ >= 0) {
        char buf[4096];
        ssize_t n;
        while ((n = read(err_fd_, buf, sizeof buf)) > 0) {
            err_.append(buf, static_cast<std::size_t>(n));
        }
    }
    return decode(status_);
}

}  // namespace gigscout::testing
