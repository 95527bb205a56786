#pragma once
// Brackets one repetition of a GPU case: a thread reads NVML every few milliseconds while it
// runs, and finish() summarises the readings (gpu_clocks.hpp). Without NVML it reads nothing.
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "harness/gpu_clocks.hpp"

namespace framebench::harness {

class GpuProbe {
 public:
  GpuProbe() = default;
  GpuProbe(const GpuProbe&) = delete;
  GpuProbe& operator=(const GpuProbe&) = delete;
  ~GpuProbe();

  void start();
  // nullopt when NVML is unavailable (Nvml::unavailable_reason() says why).
  std::optional<GpuRepetitionClocks> finish();

 private:
  void stop();

  std::atomic<bool> running_{false};
  std::thread sampler_;
  std::mutex mutex_;
  std::vector<GpuReading> readings_;
};

}  // namespace framebench::harness
