#include "core/core_budget.hpp"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace framebench {

int CoreBudget::available() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

CoreBudget::CoreBudget(int workers) : cores_(workers > 0 ? workers : available()) {}

int CoreBudget::runnable_threads() const { return std::min(cores_, available()); }

int CoreBudget::threads_per_worker(int parallel) const { return std::max(1, cores_ / std::max(1, parallel)); }

int CoreBudget::parallel_workers(int tasks) const { return std::max(1, std::min(tasks, cores_)); }

std::pair<int, int> CoreBudget::split_two() const {
  const int first = std::max(1, cores_ / 2);
  return {first, std::max(1, cores_ - first)};
}

}  // namespace framebench
