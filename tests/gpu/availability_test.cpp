// Runs on every CUDA build, device or not: the cuda-* implementations and strategies are listed,
// and say why they cannot run exactly when the device probe says so.
#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"
#include "kernels/cuda/driver.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/implementation.hpp"
#include "strategies/registry.hpp"

namespace framebench {
namespace {

TEST(CudaAvailability, ImplementationsAreListedWithTheProbesReason) {
  const auto why = kernels::cuda::unavailable_reason();
  std::set<std::string> seen;
  for (const auto& impl : kernels::implementations()) {
    if (impl.name.rfind("cuda-", 0) != 0) continue;
    seen.insert(impl.name);
    ASSERT_TRUE(impl.unavailable_reason);
    EXPECT_EQ(impl.unavailable_reason(), why) << impl.name;
    EXPECT_EQ(impl.exactness, impl.name == "cuda-fft" ? kernels::Exactness::one_lsb : kernels::Exactness::exact);
  }
  EXPECT_EQ(seen, (std::set<std::string>{"cuda-global", "cuda-shared", "cuda-shared-2d", "cuda-fft"}));
}

TEST(CudaAvailability, StrategiesAreListedWithTheProbesReason) {
  const auto why = kernels::cuda::unavailable_reason();
  for (const char* name : {"cuda-global", "cuda-shared", "cuda-fft", "cuda-streams"})
    EXPECT_EQ(strategies::strategy(name).unavailable_reason(), why) << name;
}

TEST(CudaAvailability, WithoutADeviceTheReasonNamesTheProbeAndNothingRuns) {
  const auto why = kernels::cuda::unavailable_reason();
  if (why.empty()) GTEST_SKIP() << "a CUDA device is present";
  // Which of the causes it is, in so many words; no driver is never called an old driver.
  const bool named = why.starts_with("no NVIDIA driver: libcuda.so.1 cannot be loaded") ||
                     why.starts_with("NVIDIA driver too old: it supports CUDA ") || why.starts_with("no CUDA device:") ||
                     why.find("cudaGetDeviceCount") != std::string::npos ||
                     why.find("cannot run this build's kernels") != std::string::npos;
  EXPECT_TRUE(named) << why;
  if (!kernels::cuda::probe_driver().loaded) {
    EXPECT_TRUE(why.starts_with("no NVIDIA driver:")) << why;
  }
  EXPECT_FALSE(kernels::cuda::measure_bandwidth().has_value());
  EXPECT_THROW(kernels::cuda::make_device_kernel_timer("cuda-shared", kernels::make_kernel("box5"), 64, 64), Error);
}

TEST(CudaAvailability, DeviceTimerRejectsUnknownImplementations) {
  EXPECT_THROW(kernels::cuda::make_device_kernel_timer("cpu-fast", kernels::make_kernel("box5"), 64, 64), InputError);
}

}  // namespace
}  // namespace framebench
