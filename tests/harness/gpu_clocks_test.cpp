// A GPU repetition's clocks: the throttle flag, and what happens without NVML.
#include <gtest/gtest.h>

#include "core/shared_library.hpp"
#include "harness/gpu_clocks.hpp"
#include "harness/gpu_probe.hpp"
#include "harness/nvml.hpp"

namespace framebench::harness {
namespace {

GpuReading busy(double sm_mhz, std::uint64_t reasons = 0) { return {sm_mhz, 2619, 40, 300, reasons}; }

TEST(GpuClocks, AtTheDefaultClockIsNotThrottled) {
  const auto c = summarize_gpu_readings({busy(1980), busy(1980), busy(1755)}, 1980);
  EXPECT_FALSE(c.throttled);
  EXPECT_EQ(c.samples, 3);
  EXPECT_EQ(c.busy_samples, 3);
  EXPECT_DOUBLE_EQ(c.sm_mhz_min, 1755);
  EXPECT_DOUBLE_EQ(c.sm_mhz_mean, 1905);
}

TEST(GpuClocks, ABusyReadingBelowTheThresholdFlagsTheRepetition) {
  // 1485 is exactly 75% of 1980: not below; 1484 is.
  EXPECT_FALSE(summarize_gpu_readings({busy(1980), busy(1485)}, 1980).throttled);
  const auto c = summarize_gpu_readings({busy(1980), busy(1484, 0x40)}, 1980);
  EXPECT_TRUE(c.throttled);
  EXPECT_EQ(c.throttle_reasons, 0x40u);  // HW thermal slowdown, kept for the reader
  EXPECT_TRUE(summarize_gpu_readings({busy(1700)}, 1980, 0.9).throttled);
}

TEST(GpuClocks, IdleReadingsDoNotCount) {
  // Between batches the GPU idles at a low clock on purpose: not a throttle.
  const auto c = summarize_gpu_readings({busy(345, kGpuIdleReason), busy(1980), {345, 1593, 55, 90, kGpuIdleReason}}, 1980);
  EXPECT_FALSE(c.throttled);
  EXPECT_EQ(c.busy_samples, 1);
  EXPECT_DOUBLE_EQ(c.sm_mhz_min, 1980);
  EXPECT_DOUBLE_EQ(c.temperature_c_max, 55);  // temperature and power count every reading
  EXPECT_DOUBLE_EQ(c.power_w_max, 300);
  EXPECT_EQ(c.throttle_reasons, 0u);
}

TEST(GpuClocks, NoBusyReadingOrNoDefaultClockIsNeverThrottled) {
  EXPECT_FALSE(summarize_gpu_readings({}, 1980).throttled);
  EXPECT_FALSE(summarize_gpu_readings({busy(345, kGpuIdleReason)}, 1980).throttled);
  EXPECT_FALSE(summarize_gpu_readings({busy(100)}, 0).throttled);
}

// Without the NVIDIA driver (this project's build machines) NVML says why, and a probe reads nothing.
TEST(Nvml, WithoutTheDriverSaysWhyAndReadsNothing) {
  if (SharedLibrary("libnvidia-ml.so.1").loaded()) GTEST_SKIP() << "NVML is installed here";
  EXPECT_EQ(Nvml::instance(), nullptr);
  EXPECT_TRUE(Nvml::unavailable_reason().starts_with("NVML: libnvidia-ml.so.1 cannot be loaded (")) << Nvml::unavailable_reason();
  GpuProbe probe;
  probe.start();
  EXPECT_FALSE(probe.finish().has_value());
}

}  // namespace
}  // namespace framebench::harness
