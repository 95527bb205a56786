#pragma once
// What the GPU's clocks, temperature and power did during one repetition, and whether it was
// throttled: as nvbench does, a repetition whose SM clock fell below a share of the default clock
// while the GPU was busy is flagged, never silently averaged in.
#include <cstdint>
#include <vector>

namespace framebench::harness {

// One NVML reading of device 0.
struct GpuReading {
  double sm_mhz = 0;
  double memory_mhz = 0;
  double temperature_c = 0;
  double power_w = 0;
  std::uint64_t throttle_reasons = 0;  // NVML's clocks-event reason bits
};

// NVML's reason bit for "nothing is running": the clock drops on purpose, not a throttle.
inline constexpr std::uint64_t kGpuIdleReason = 0x1;
// The share of the default SM clock below which a busy repetition is throttled (nvbench's 75%).
inline constexpr double kThrottleThreshold = 0.75;

struct GpuRepetitionClocks {
  int samples = 0;       // readings taken
  int busy_samples = 0;  // readings without the idle reason
  double sm_mhz_min = 0;  // over busy readings (0 if none)
  double sm_mhz_mean = 0;
  double memory_mhz_min = 0;
  double temperature_c_max = 0;
  double power_w_max = 0;
  std::uint64_t throttle_reasons = 0;  // every reason seen, idle left out
  bool throttled = false;
};

// Summarises a repetition's readings against the device's default SM clock (0: unknown, never throttled).
GpuRepetitionClocks summarize_gpu_readings(const std::vector<GpuReading>& readings, double default_sm_mhz,
                                           double threshold = kThrottleThreshold);

}  // namespace framebench::harness
