// framebench-worker: the segment strategies' worker process, started by their parent
// (segments/worker_pool.hpp) with jobs on stdin, answering on stdout (segments/protocol.hpp).
// An executable of its own, not framebench re-executed, so that each worker loads only what a
// chunk needs (libav*, libyuv, oneTBB): about 40 fewer shared libraries, whose symbol lookups
// were most of a worker's start. Not for people: it takes no arguments.
#include <unistd.h>

#include <cstdio>
#include <exception>

#include "core/interrupt.hpp"
#include "core/large_allocations.hpp"
#include "strategies/segments/worker_process.hpp"

int main(int argc, char**) {
  framebench::map_large_allocations();
  if (argc > 1) {
    std::fprintf(stderr, "framebench-worker: takes no arguments; framebench starts it for the segment strategies\n");
    return 2;
  }
  const framebench::InterruptGuard interrupts;  // Ctrl-C: the job stops at its next frame
  try {
    return framebench::strategies::run_segment_worker(STDIN_FILENO, STDOUT_FILENO);
  } catch (const std::exception& e) {  // the protocol itself failed; a job's own failure is in its status
    std::fprintf(stderr, "framebench-worker: error: %s\n", e.what());
    return 1;
  }
}
