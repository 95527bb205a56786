#include "cli/cli.hpp"
#include "core/large_allocations.hpp"
#include "core/standard_output.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  // A reader that goes away (`framebench run ... | head`, quitting `less`) must be an EPIPE error,
  // after which standard output drops what is printed (core/standard_output.hpp), not a SIGPIPE
  // that kills framebench before it removes its scratch folders, its results lock and `process`'s
  // half-written .OUT.tmp-XXXXXX file. A file-size limit (`ulimit -f`) likewise must be a write
  // error, said and cleaned up after, not SIGXFSZ (found 6 December 2026 by a sweep of
  // environments: exit 153 without a word, temporaries and a lock left). Children inherit both.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  framebench::drop_output_once_its_reader_leaves();
  framebench::map_large_allocations();
  const int status = framebench::cli::run_cli(argc, argv);
  // What was printed must have arrived: `completion bash > /dev/full` once exited 0 with nothing
  // written (found 5 December 2026 by a hostile-input sweep).
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error = errno;
  if (flushed && !std::ferror(stdout)) return status;  // a reader gone (`| head`) too, as it may go
  std::fprintf(stderr, "framebench: error: cannot write to standard output%s\n",
               flushed ? "" : (std::string(" (") + std::strerror(error) + ")").c_str());
  return status == 0 ? 1 : status;
}
