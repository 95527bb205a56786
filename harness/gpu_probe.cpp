#include "harness/gpu_probe.hpp"

#include <chrono>

#include "harness/nvml.hpp"

namespace framebench::harness {

namespace {
// nvbench reads every 10 ms too; an NVML query costs tens of microseconds of one CPU.
constexpr auto kInterval = std::chrono::milliseconds(10);
}  // namespace

GpuProbe::~GpuProbe() { stop(); }

void GpuProbe::start() {
  const Nvml* nvml = Nvml::instance();
  if (nvml == nullptr) return;
  readings_.clear();
  running_ = true;
  sampler_ = std::thread([this, nvml] {
    do {
      if (const auto r = nvml->read()) {
        const std::lock_guard lock(mutex_);
        readings_.push_back(*r);
      }
      std::this_thread::sleep_for(kInterval);
    } while (running_);
  });
}

void GpuProbe::stop() {
  running_ = false;
  if (sampler_.joinable()) sampler_.join();
}

std::optional<GpuRepetitionClocks> GpuProbe::finish() {
  const Nvml* nvml = Nvml::instance();
  if (nvml == nullptr) return std::nullopt;
  stop();
  const std::lock_guard lock(mutex_);
  return summarize_gpu_readings(readings_, nvml->default_sm_mhz());
}

}  // namespace framebench::harness
