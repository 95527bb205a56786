#pragma once
// What a child process used, read when it has exited but before it is reaped: the kernel keeps a
// zombie's CPU time and peak memory, and Subprocess::wait() reaps it afterwards as usual.
#include <sys/types.h>

#include <cstdint>

namespace framebench::strategies {

struct ChildUsage {
  double cpu_s = 0;                 // user + system, the child and its own reaped children
  std::int64_t peak_rss_bytes = 0;
};

// Blocks until `pid` has exited and returns its usage; zeros if it was already reaped.
ChildUsage wait_for_exit(pid_t pid);

}  // namespace framebench::strategies
