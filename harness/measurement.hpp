#pragma once
// One strategy run, measured from outside: wall time, CPU time of this process and its children,
// peak resident memory and the output's size, around what the strategy itself reports.
#include <cstdint>

#include "strategies/strategy.hpp"

namespace framebench::harness {

struct Measurement {
  strategies::RunReport report;
  double wall_s = 0;
  double cpu_s = 0;                 // this process + reaped children
  std::int64_t peak_rss_bytes = 0;  // max of this process's and any child's peak
  // The output file's size once written (0 where there is none): a faster case whose file is larger
  // did less of the encoder's work, which fps alone does not show.
  std::int64_t output_bytes = 0;

  double fps() const { return wall_s > 0 ? static_cast<double>(report.frames) / wall_s : 0; }
};

Measurement measure_run(const strategies::Strategy& strategy, const strategies::Job& job);

}  // namespace framebench::harness
