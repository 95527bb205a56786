#include "core/cpu_affinity.hpp"

#include "core/error.hpp"

namespace framebench {

PinnedCores::PinnedCores(int cores) {
  if (sched_getaffinity(0, sizeof previous_, &previous_) != 0) throw Error("sched_getaffinity failed");
  cpu_set_t pinned;
  CPU_ZERO(&pinned);
  int taken = 0;
  for (int cpu = 0; cpu < CPU_SETSIZE && taken < cores; ++cpu)
    if (CPU_ISSET(cpu, &previous_)) {
      CPU_SET(cpu, &pinned);
      ++taken;
    }
  if (sched_setaffinity(0, sizeof pinned, &pinned) != 0) throw Error("sched_setaffinity failed");
}

PinnedCores::~PinnedCores() { sched_setaffinity(0, sizeof previous_, &previous_); }

}  // namespace framebench
