#include "strategies/strategy.hpp"

#include <sched.h>

#include <thread>

namespace framebench::strategies {

int available_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace framebench::strategies
