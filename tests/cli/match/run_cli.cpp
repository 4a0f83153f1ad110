#include "run_cli.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "support/test_support.h"

extern char** environ;

namespace gigscout::testing {

CliResult run_gigscout_cli(const std::vector<std::string>& args, const std::string& input) {
    // Files, not pipes: nothing can block on a full pipe, and nothing needs polling.
    static std::atomic<int> counter{0};
    TempDir scratch;
    auto in_file = scratch.path() / "stdin";
    auto out_file = scratch.path() / "stdout";
    auto err_file = scratch.path() / "stderr";
    write_file(in_file, input);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_file.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<std::string> argv{GIGSCOUT_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c_argv;
    for (auto& a : argv) {
        c_argv.push_back(a.data());
    }
    c_argv.push_back(nullptr);

    CliResult r;
    pid_t pid = -1;
    int spawned = posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        r.err = "cannot start " + argv[0];
        return r;
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    int status = 0;
    while (true) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR)) {
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? -WTERMSIG(status) : -1;
    r.out = read_file(out_file);
    r.err = read_file(err_file);
    ++counter;
    return r;
}

}  // namespace gigscout::testing
