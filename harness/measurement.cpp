#include "harness/measurement.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/resource_usage.hpp"
#include "core/stopwatch.hpp"

namespace framebench::harness {

Measurement measure_run(const strategies::Strategy& strategy, const strategies::Job& job) {
  Measurement m;
  reset_peak_rss();
  const ResourceSample before = sample_resources();
  const Stopwatch watch;
  m.report = strategy.run(job);
  m.wall_s = watch.seconds();
  const ResourceSample after = sample_resources();
  m.cpu_s = (after.self_cpu_s - before.self_cpu_s) + (after.children_cpu_s - before.children_cpu_s);
  m.peak_rss_bytes = std::max(peak_rss_bytes(), m.report.peak_rss_bytes);
  // Untimed; a missing output is left for the read-back to say.
  std::error_code missing;
  const auto bytes = std::filesystem::file_size(job.output, missing);
  m.output_bytes = missing ? 0 : static_cast<std::int64_t>(bytes);
  return m;
}

}  // namespace framebench::harness
