#include "cli/cli.hpp"
#include "core/large_allocations.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  framebench::map_large_allocations();
  const int status = framebench::cli::run_cli(argc, argv);
  // What was printed must have arrived: `completion bash > /dev/full` once exited 0 with nothing
  // written (found 5 December 2026 by a hostile-input sweep).
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::fprintf(stderr, "framebench: error: cannot write to standard output (%s)\n", std::strerror(errno));
    return status == 0 ? 1 : status;
  }
  return status;
}
