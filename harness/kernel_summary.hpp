#pragma once
// The table `kernels` ends with, like `run`'s: per case the implementation, kernel, frame size,
// threads, time per frame, frames per second, bytes moved per second and the fraction of the
// measured memory bandwidth that is; then what the columns mean, once.
#include <string>
#include <vector>

namespace framebench::harness {

struct KernelSummaryRow {
  std::string impl, kernel, size;
  std::string pixels = "bgr24";  // or native
  int threads = 1;
  int repetitions = 0;       // 1 without --benchmark_repetitions; the figures are their median
  double seconds_per_frame = 0;
  double fps = 0;
  double bytes_per_second = 0;
  double bandwidth_fraction = 0;
  std::string error;         // the case failed: no figures
};

struct KernelSummaryNotes {
  double single_core_bytes_per_s = 0;  // the rooflines the fractions are of
  double all_cores_bytes_per_s = 0;
  bool library_debug = false;          // Google Benchmark calls itself a DEBUG build
};

void print_kernel_summary(const std::vector<KernelSummaryRow>& rows, const KernelSummaryNotes& notes);

}  // namespace framebench::harness
