#include "harness/kernel_summary.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace framebench::harness {

void print_kernel_summary(const std::vector<KernelSummaryRow>& rows, const KernelSummaryNotes& notes) {
  // Sizes of native-path rows say so: the same size is another amount of data in yuv420p planes.
  const bool any_native = std::any_of(rows.begin(), rows.end(), [](const auto& r) { return r.pixels != "bgr24"; });
  auto size = [&](const KernelSummaryRow& r) { return any_native ? fmt::format("{} {}", r.size, r.pixels) : r.size; };
  const int size_width = any_native ? 17 : 10;
  std::size_t impl_width = 14;  // as wide as "implementation", or the longest name
  for (const auto& r : rows) impl_width = std::max(impl_width, r.impl.size());
  fmt::print("\n{:<{}} {:<16} {:>{}} {:>7} {:>10} {:>10} {:>8} {:>10} {:>4}\n", "implementation", impl_width, "kernel", "size", size_width,
             "threads", "ms/frame", "fps", "GB/s", "bandwidth", "n");
  for (const auto& r : rows) {
    if (!r.error.empty()) {
      fmt::print("{:<{}} {:<16} {:>{}} {:>7}  FAILED: {}\n", r.impl, impl_width, r.kernel, size(r), size_width, r.threads, r.error);
      continue;
    }
    // ms per frame to four significant digits: a small frame takes microseconds (0.000 before).
    fmt::print("{:<{}} {:<16} {:>{}} {:>7} {:>10.4g} {:>10.1f} {:>8.2f} {:>9.1f}% {:>4}\n", r.impl, impl_width, r.kernel, size(r), size_width,
               r.threads,
               1e3 * r.seconds_per_frame, r.fps, r.bytes_per_second / 1e9, 100 * r.bandwidth_fraction, r.repetitions);
  }
  fmt::print("GB/s: the frame read and the result written once per frame; bandwidth: that against the measured memory "
             "bandwidth ({:.1f} GB/s on one core, {:.1f} GB/s on all, for multithreaded cases; for @device rows the device's copy "
             "bandwidth, for @pipeline rows the transfer bound, 2 x the slower of host-to-device and device-to-host, or both ways at once where less); n > 1: "
             "medians of n repetitions\n",
             notes.single_core_bytes_per_s / 1e9, notes.all_cores_bytes_per_s / 1e9);
  if (notes.library_debug)
    fmt::print("note: Google Benchmark reports itself as a DEBUG build (library_build_type in the results): that is how "
               "libbenchmark itself was compiled (without NDEBUG, as Debian's package is), not framebench; the kernels timed "
               "are framebench's code, built as framebench_build_type says\n");
}

}  // namespace framebench::harness
