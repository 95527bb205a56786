// framebench-opencv-videoio: opencv-videoio's worker process, started by the strategy with the
// job on stdin and answering on stdout in the protocol of framebench-worker
// (segments/protocol.hpp). Not for people: it takes no arguments.
#include <unistd.h>

#include <cstdio>

#include "core/interrupt.hpp"
#include "strategies/opencv_videoio.hpp"
#include "strategies/segments/worker_process.hpp"

namespace {

framebench::strategies::WorkerStatus run(const framebench::strategies::WorkerJob& job, int) {
  if (job.kind != framebench::strategies::WorkerJob::Kind::opencv_videoio)
    throw framebench::Error("framebench-opencv-videoio: it runs opencv-videoio's job only; segments go to framebench-worker");
  return framebench::strategies::run_opencv_videoio_job(job);
}

}  // namespace

int main(int argc, char**) {
  if (argc > 1) {
    std::fprintf(stderr, "framebench-opencv-videoio: takes no arguments; framebench starts it for the opencv-videoio strategy\n");
    return 2;
  }
  const framebench::InterruptGuard interrupts;  // Ctrl-C: the job stops at its next frame
  return framebench::strategies::serve_jobs(STDIN_FILENO, STDOUT_FILENO, run);
}
