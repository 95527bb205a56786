#include "harness/bandwidth.hpp"

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "core/core_budget.hpp"
#include "strategies/strategy.hpp"

namespace framebench::harness {

namespace {

constexpr std::size_t kBytes = std::size_t{256} << 20;
constexpr int kRuns = 5;

using Clock = std::chrono::steady_clock;

// Best copy rate over kRuns with `threads` threads each copying a contiguous share of the
// buffers. All threads start together at a barrier; a run lasts until the last one finishes.
double copy_rate(const std::uint8_t* from, std::uint8_t* to, int threads) {
  const std::size_t share = kBytes / static_cast<std::size_t>(threads);
  double best = 0;
  for (int run = 0; run < kRuns; ++run) {
    std::barrier start(threads + 1);
    std::barrier done(threads + 1);
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        const std::size_t begin = share * static_cast<std::size_t>(t);
        const std::size_t size = t == threads - 1 ? kBytes - begin : share;
        start.arrive_and_wait();
        std::memcpy(to + begin, from + begin, size);
        done.arrive_and_wait();
      });
    start.arrive_and_wait();
    const auto t0 = Clock::now();
    done.arrive_and_wait();
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    best = std::max(best, 2.0 * static_cast<double>(kBytes) / seconds);
  }
  return best;
}

}  // namespace

MemoryBandwidth measure_memory_bandwidth() {
  // Written before timing, so page faults are not measured.
  auto from = std::make_unique_for_overwrite<std::uint8_t[]>(kBytes);
  auto to = std::make_unique_for_overwrite<std::uint8_t[]>(kBytes);
  std::memset(from.get(), 1, kBytes);
  std::memset(to.get(), 2, kBytes);
  MemoryBandwidth bw;
  bw.single_core_bytes_per_s = copy_rate(from.get(), to.get(), 1);
  bw.all_cores_bytes_per_s = copy_rate(from.get(), to.get(), std::max(1, CoreBudget::available()));
  return bw;
}

}  // namespace framebench::harness
