#include "cli/cli.hpp"
#include "core/large_allocations.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  // A reader that goes away (`framebench run ... | head`, quitting `less`) must be an EPIPE error,
  // handled below and by run_cli, not a SIGPIPE that kills framebench before it removes its
  // scratch folders, its results lock and `process`'s half-written .OUT.tmp-XXXXXX file.
  std::signal(SIGPIPE, SIG_IGN);
  framebench::map_large_allocations();
  const int status = framebench::cli::run_cli(argc, argv);
  // What was printed must have arrived: `completion bash > /dev/full` once exited 0 with nothing
  // written (found 5 December 2026 by a hostile-input sweep).
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error = errno;
  if (flushed && !std::ferror(stdout)) return status;
  if (error == EPIPE) return status;  // the reader went away (`| head`), as it may
  std::fprintf(stderr, "framebench: error: cannot write to standard output%s\n",
               flushed ? "" : (std::string(" (") + std::strerror(error) + ")").c_str());
  return status == 0 ? 1 : status;
}
