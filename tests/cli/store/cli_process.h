// Running the real gigscout-cli from the store's CLI tests: to completion with its output
// captured, or in the background to be killed mid-write.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace gigscout::testing {

struct CliRun {
    int code = -1;  // exit status, or -signal when killed
    std::string out;
    std::string err;
};

// The gigscout-cli under test: $GIGSCOUT_TEST_CLI when set (the private-checkout check runs a
// copy), else the one this tree built.
std::filesystem::path cli_binary();

// `gigscout-cli --data-dir DIR args...`, optionally behind `prefix` (e.g. setpriv ...), and
// optionally another copy of the binary (`cli`, default cli_binary()). Output goes through
// files in `scratch`; safe to call from several threads.
CliRun run_cli(const std::filesystem::path& data_dir, const std::vector<std::string>& args,
               const std::filesystem::path& scratch, const std::vector<std::string>& prefix = {},
               const std::filesystem::path& cli = {});

// A gigscout-cli process whose standard error is read through a pipe.
class CliProcess {
  public:
    CliProcess(const std::filesystem::path& data_dir, const std::vector<std::string>& args);
    ~CliProcess();
    CliProcess(const CliProcess&) = delete;
    CliProcess& operator=(const CliProcess&) = delete;

    // Reads standard error until a line contains `text`; false at end of output or after
    // `deadline` (a guard against hangs, not a timing check).
    bool wait_for(const std::string& text, std::chrono::seconds deadline);
    // SIGKILL; true when the process was still running (it had not exited yet).
    bool kill_now();
    // Exit status, or -signal; waits for the process.
    int wait();
    const std::string& err() const { return err_; }

  private:
    pid_t pid_ = -1;
    int err_fd_ = -1;
    std::string err_;
    bool reaped_ = false;
    int status_ = 0;
};

}  // namespace gigscout::testing
