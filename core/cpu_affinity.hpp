#pragma once
// Holds a core budget that libraries and child processes cannot see: the calling thread, and
// every thread or process it starts while pinned, may run on the first `cores` CPUs this
// process may use. A pipeline of processes (ffmpeg | framebench | ffmpeg) given one worker then
// runs on one core instead of spreading over all of them.
#include <sched.h>

namespace framebench {

class PinnedCores {
 public:
  explicit PinnedCores(int cores);
  ~PinnedCores();  // restores the calling thread's previous CPU set
  PinnedCores(const PinnedCores&) = delete;
  PinnedCores& operator=(const PinnedCores&) = delete;

 private:
  cpu_set_t previous_;
};

}  // namespace framebench
