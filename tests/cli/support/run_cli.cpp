#include "run_cli.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <thread>

#include "support/test_support.h"

extern char** environ;

namespace gigscout::testing {

namespace {

// The inherited environment with `changes` applied ("NAME=value" sets, "-NAME" removes).
std::vector<std::string> environment_with(const std::vector<std::string>& changes) {
    std::vector<std::string> out;
    auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
    for (char** e = environ; *e != nullptr; ++e) {
        std::string entry = *e;
        bool changed = false;
        for (const auto& c : changes) {
            changed = changed || name_of(c[0] == '-' ? c.substr(1) : c) == name_of(entry);
        }
        if (!changed) {
            out.push_back(entry);
        }
    }
    for (const auto& c : changes) {
        if (c[0] != '-') {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

}  // namespace

CliResult run_gigscout_cli(const std::vector<std::string>& args, const std::string& input,
                           const std::vector<std::string>& env) {
    // Files, not pipes: nothing can block on a full pipe, and nothing needs polling.
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
    std::vector<char*> c_argv = c_strings(argv);
    // A test never reads or writes the user's own store, config or cache: unless it chooses
    // them, each run gets empty XDG folders of its own (a stored profile of the user's once
    // changed what `match --profile` said about a missing file).
    std::vector<std::string> changes = env;
    for (const char* name :
         {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"}) {
        const std::string prefix = std::string(name) + "=";
        const bool chosen = std::any_of(changes.begin(), changes.end(), [&](const std::string& c) {
            return c.rfind(prefix, 0) == 0 || c == "-" + std::string(name);
        });
        if (!chosen) {
            changes.push_back(prefix + (scratch.path() / name).string());
        }
    }
    std::vector<std::string> envp = environment_with(changes);
    std::vector<char*> c_envp = c_strings(envp);

    CliResult r;
    pid_t pid = -1;
    int spawned = posix_spawn(&pid, c_argv[0], &actions, nullptr, c_argv.data(), c_envp.data());
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
    return r;
}

}  // namespace gigscout::testing
