#include "strategies/child_usage.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::strategies {

ChildUsage wait_for_exit(pid_t pid) {
  // The raw waitid system call takes a rusage argument (glibc's wrapper does not) and, with
  // WNOWAIT, fills it from the zombie while leaving it to be reaped.
  siginfo_t info{};
  struct rusage usage {};
  while (::syscall(SYS_waitid, P_PID, pid, &info, WEXITED | WNOWAIT, &usage) < 0) {
    if (errno == EINTR) continue;
    if (errno == ECHILD) return {};
    throw Error(fmt::format("waitid({}): {}", pid, std::strerror(errno)));
  }
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
  return {seconds(usage.ru_utime) + seconds(usage.ru_stime), static_cast<std::int64_t>(usage.ru_maxrss) * 1024};
}

}  // namespace framebench::strategies
