#pragma once
// The core budget: `workers` is the number of CPU cores a run may use, library threads included,
// so that strategies compare fairly. This is the one place that turns it into thread counts.
#include <utility>

namespace framebench {

// The most workers (or threads) anything may be asked for: far past any machine's cores, so that a
// typo fails in one line; one bound for the command line, configs and the worker protocol (the
// protocol's 1024 refused `process --workers 2048` in a worker, found 6 December 2026 by a review).
inline constexpr int kMostWorkers = 4096;

class CoreBudget {
 public:
  // Cores this process may run on (its affinity mask): what `workers = 0` means.
  static int available();

  // `workers` cores; 0 or less means every available core.
  explicit CoreBudget(int workers);

  int cores() const { return cores_; }
  // Threads a thread pool can run at once for this budget: no more than the cores the calling
  // thread may run on. oneTBB runs no more than the process could when it started (and warns
  // when asked for more), so a budget beyond the cores buys nothing but its warning.
  int runnable_threads() const;
  // Threads for each of `parallel` workers running at once (at least 1).
  int threads_per_worker(int parallel) const;
  // Workers to start for `tasks` independent tasks: one per core, never more than the tasks.
  int parallel_workers(int tasks) const;
  // Two libraries busy at the same time (decoder and encoder): the first gets half, the second
  // the rest, each at least one thread.
  std::pair<int, int> split_two() const;

 private:
  int cores_;
};

}  // namespace framebench
