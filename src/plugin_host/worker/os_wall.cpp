#include "plugin_host/worker/os_wall.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace gigscout::worker {
namespace {

#if defined(__x86_64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
#error "the worker's seccomp filter knows x86_64 and aarch64 only"
#endif

constexpr std::uint32_t kKill = SECCOMP_RET_KILL_PROCESS;
constexpr std::uint32_t kAllow = SECCOMP_RET_ALLOW;
constexpr std::uint32_t kEperm = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
constexpr std::uint32_t kEnosys = SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA);

std::uint32_t arg_low(int n) {
    return static_cast<std::uint32_t>(offsetof(seccomp_data, args) + n * sizeof(std::uint64_t));
}
std::uint32_t arg_high(int n) {
    return arg_low(n) + 4;
}

// A classic BPF program, built rule by rule. Each rule ends in a return, so a rule that does
// not match falls through to the next one.
class Filter {
  public:
    Filter() {
        // Only this architecture's calling convention: a 32-bit or x32 syscall table would
        // give the same numbers other meanings.
        load(offsetof(seccomp_data, arch));
        code_.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0));
        ret(kKill);
        load(offsetof(seccomp_data, nr));
#if defined(__x86_64__)
        code_.push_back(BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, __X32_SYSCALL_BIT, 0, 1));
        ret(kKill);
#endif
    }

    // nr == `nr` -> `action`.
    void on(long nr, std::uint32_t action) {
        jump_unless(static_cast<std::uint32_t>(nr), 1);
        ret(action);
    }

    // nr == `nr` and (arg `n` & mask) == value, over all 64 bits of the argument -> `action`.
    // Anything else with this nr falls through.
    void on_arg(long nr, int n, std::uint64_t mask, std::uint64_t value, std::uint32_t action) {
        // stack of jumps, counted from after each instruction:
        //   nr?  -> no: skip 8
        //   load high; and; cmp -> no: skip 4 (reload nr, continue)
        //   load low; and; cmp -> no: skip 1
        //   ret action
        //   load nr
        jump_unless(static_cast<std::uint32_t>(nr), 8);
        load(arg_high(n));
        code_.push_back(
            BPF_STMT(BPF_ALU | BPF_AND | BPF_K, static_cast<std::uint32_t>(mask >> 32)));
        jump_unless(static_cast<std::uint32_t>(value >> 32), 4);
        load(arg_low(n));
        code_.push_back(BPF_STMT(BPF_ALU | BPF_AND | BPF_K, static_cast<std::uint32_t>(mask)));
        jump_unless(static_cast<std::uint32_t>(value), 1);
        ret(action);
        load(offsetof(seccomp_data, nr));
    }

    std::string install(std::uint32_t default_action) {
        ret(default_action);
        sock_fprog prog{};
        prog.len = static_cast<unsigned short>(code_.size());
        prog.filter = code_.data();
        if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
            return std::string("seccomp: ") + std::strerror(errno);
        }
        return {};
    }

  private:
    void load(std::uint32_t offset) {
        code_.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offset));
    }
    void ret(std::uint32_t action) {
        code_.push_back(BPF_STMT(BPF_RET | BPF_K, action));
    }
    // Skips `skip` instructions when the accumulator differs from `value`.
    void jump_unless(std::uint32_t value, std::uint8_t skip) {
        code_.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, value, 0, skip));
    }

    std::vector<sock_filter> code_;
};

// What a worker needs once it runs: its socket (0/1) and stderr (2), memory, time, the
// deadline timer and its signal, signals to itself (abort), and exit.
constexpr long kAllowed[] = {
    SYS_read,
    SYS_write,
    SYS_readv,
    SYS_writev,
    SYS_recvfrom,
    SYS_recvmsg,
    SYS_sendto,
    SYS_sendmsg,
    SYS_poll,
    SYS_ppoll,
    SYS_close,
    SYS_fstat,
    SYS_newfstatat,
    SYS_lseek,
    SYS_fcntl,
    SYS_mmap,
    SYS_munmap,
    SYS_mremap,
    SYS_mprotect,
    SYS_madvise,
    SYS_brk,
    SYS_futex,
    SYS_clock_gettime,
    SYS_clock_getres,
    SYS_clock_nanosleep,
    SYS_nanosleep,
    SYS_gettimeofday,
    SYS_getpid,
    SYS_gettid,
    SYS_getppid,
    SYS_getuid,
    SYS_geteuid,
    SYS_getgid,
    SYS_getegid,
    SYS_getrandom,
    SYS_sched_yield,
    SYS_getrusage,
    SYS_sysinfo,
    SYS_rt_sigaction,
    SYS_rt_sigprocmask,
    SYS_rt_sigreturn,
    SYS_sigaltstack,
    SYS_alarm,
    SYS_setitimer,
    SYS_getitimer,
    SYS_timer_create,
    SYS_timer_settime,
    SYS_timer_gettime,
    SYS_timer_getoverrun,
    SYS_timer_delete,
    SYS_restart_syscall,
    SYS_exit,
    SYS_exit_group,
#if defined(__x86_64__)
    SYS_time,
#endif
};

std::string install_release_filter() {
    Filter f;
    // What native code taking over the worker would want first: the process dies.
    for (long nr : {long{SYS_execve}, long{SYS_execveat}, long{SYS_ptrace}, long{SYS_socket},
                    long{SYS_socketpair}, long{SYS_connect}, long{SYS_bind}, long{SYS_clone},
                    long{SYS_process_vm_readv}, long{SYS_process_vm_writev}
#if defined(__x86_64__)
                    ,
                    long{SYS_fork}, long{SYS_vfork}
#endif
         }) {
        f.on(nr, kKill);
    }
    // clone3's flags live in memory a filter cannot read; ENOSYS makes glibc fall back to
    // clone, which is refused above.
    f.on(SYS_clone3, kEnosys);
    // Signals only to itself (abort() raises SIGABRT with tgkill), never to the host.
    const auto self = static_cast<std::uint64_t>(::getpid());
    f.on_arg(SYS_kill, 0, ~std::uint64_t{0}, self, kAllow);
    f.on_arg(SYS_tgkill, 0, ~std::uint64_t{0}, self, kAllow);
    // getrlimit (prlimit64 with no new limit) but not setrlimit.
    f.on_arg(SYS_prlimit64, 2, ~std::uint64_t{0}, 0, kAllow);
    for (long nr : kAllowed) {
        f.on(nr, kAllow);
    }
    return f.install(kEperm);  // open, openat, ioctl, and everything not listed
}

std::string install_sanitizer_filter() {
    Filter f;
    for (long nr : {long{SYS_execve}, long{SYS_execveat}, long{SYS_socket}, long{SYS_connect},
                    long{SYS_bind}, long{SYS_process_vm_writev}
#if defined(__x86_64__)
                    ,
                    long{SYS_fork}, long{SYS_vfork}
#endif
         }) {
        f.on(nr, kEperm);
    }
    const auto self = static_cast<std::uint64_t>(::getpid());
    f.on_arg(SYS_kill, 0, ~std::uint64_t{0}, self, kAllow);
    f.on(SYS_kill, kEperm);
    f.on_arg(SYS_tgkill, 0, ~std::uint64_t{0}, self, kAllow);
    f.on(SYS_tgkill, kEperm);
    // clone only when it shares the address space: threads, and LeakSanitizer's tracer (a
    // CLONE_VM task that ptraces the process at exit). fork and vfork are refused; a
    // posix_spawn child (CLONE_VM | CLONE_VFORK) can run nothing, execve being refused.
    f.on_arg(SYS_clone, 0, CLONE_VM, 0, kEperm);
    f.on(SYS_clone3, kEnosys);
    // Opening for writing (or creating, truncating) is refused; reading stays (the sanitizer
    // runtime reads /proc/self/maps for its reports).
    constexpr std::uint64_t kWriteFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;
#if defined(__x86_64__)
    f.on_arg(SYS_open, 1, kWriteFlags, 0, kAllow);
    f.on(SYS_open, kEperm);
    f.on(SYS_creat, kEperm);
#endif
    f.on_arg(SYS_openat, 2, kWriteFlags, 0, kAllow);
    f.on(SYS_openat, kEperm);
    f.on(SYS_openat2, kEnosys);  // its flags live in memory too
    return f.install(kAllow);
}

std::string set_limit(int resource, rlim_t value, const char* name) {
    rlimit l{value, value};
    if (::setrlimit(resource, &l) != 0) {
        return std::string("setrlimit(") + name + "): " + std::strerror(errno);
    }
    return {};
}

}  // namespace

std::string raise_os_wall(std::size_t data_limit_bytes) {
    std::string error = set_limit(RLIMIT_NOFILE, 16, "RLIMIT_NOFILE");
    if (error.empty()) {
        error = set_limit(RLIMIT_CORE, 0, "RLIMIT_CORE");
    }
    if (error.empty() && !kSanitizerBuild) {
        // The plugin's memory budget is the first wall; this one catches whatever the budget
        // does not see (a leak in a library, a bug in the accounting).
        error = set_limit(RLIMIT_DATA, data_limit_bytes, "RLIMIT_DATA");
    }
    if (error.empty() && !kSanitizerBuild) {
        error = set_limit(RLIMIT_FSIZE, 0, "RLIMIT_FSIZE");
    }
    if (error.empty() && !kSanitizerBuild) {
        // Ignored for root, which the seccomp filter covers.
        error = set_limit(RLIMIT_NPROC, 0, "RLIMIT_NPROC");
    }
    if (!error.empty()) {
        return error;
    }
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return std::string("PR_SET_NO_NEW_PRIVS: ") + std::strerror(errno);
    }
    return kSanitizerBuild ? install_sanitizer_filter() : install_release_filter();
}

}  // namespace gigscout::worker
