#include "harness/summary.hpp"

#include "harness/statistics.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace framebench::harness {

void print_summary(const std::vector<SummaryRow>& rows) {
  auto baseline = [&](const SummaryRow& r) -> double {
    for (const auto& b : rows)
      if (b.strategy == "single-core" && b.dataset == r.dataset && b.kernel == r.kernel && b.encoder == r.encoder && b.error.empty())
        return median(b.fps);
    return 0;
  };
  fmt::print("\n{:<24} {:<18} {:<10} {:<16} {:>7} {:>9} {:>8}  {}\n", "strategy", "dataset", "kernel", "encoder", "workers", "fps",
             "speedup", "verified");
  for (const auto& r : rows) {
    if (!r.error.empty()) {
      fmt::print("{:<24} {:<18} {:<10} {:<16} {:>7} {:>9} {:>8}  FAILED: {}\n", r.strategy, r.dataset, r.kernel, r.encoder, r.workers,
                 "-", "-", r.error);
      continue;
    }
    const double fps = median(r.fps);
    const double base = baseline(r);
    fmt::print("{:<24} {:<18} {:<10} {:<16} {:>7} {:>9.1f} {:>8}  {}\n", r.strategy, r.dataset, r.kernel, r.encoder, r.workers, fps,
               base > 0 ? fmt::format("{:.2f}x", fps / base) : "-", r.verified ? "yes" : "no");
  }
}

}  // namespace framebench::harness
