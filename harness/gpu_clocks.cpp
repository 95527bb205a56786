#include "harness/gpu_clocks.hpp"

#include <algorithm>

namespace framebench::harness {

GpuRepetitionClocks summarize_gpu_readings(const std::vector<GpuReading>& readings, double default_sm_mhz, double threshold) {
  GpuRepetitionClocks c;
  c.samples = static_cast<int>(readings.size());
  double sm_sum = 0;
  for (const GpuReading& r : readings) {
    c.temperature_c_max = std::max(c.temperature_c_max, r.temperature_c);
    c.power_w_max = std::max(c.power_w_max, r.power_w);
    // An idle GPU lowers its clocks on purpose; only readings while it worked say anything.
    if (r.throttle_reasons & kGpuIdleReason) continue;
    c.throttle_reasons |= r.throttle_reasons;
    c.sm_mhz_min = c.busy_samples == 0 ? r.sm_mhz : std::min(c.sm_mhz_min, r.sm_mhz);
    c.memory_mhz_min = c.busy_samples == 0 ? r.memory_mhz : std::min(c.memory_mhz_min, r.memory_mhz);
    sm_sum += r.sm_mhz;
    ++c.busy_samples;
  }
  if (c.busy_samples > 0) c.sm_mhz_mean = sm_sum / c.busy_samples;
  c.throttled = c.busy_samples > 0 && default_sm_mhz > 0 && c.sm_mhz_min < threshold * default_sm_mhz;
  return c;
}

}  // namespace framebench::harness
