#pragma once
// NVML, the NVIDIA driver's management library, opened at run time (libnvidia-ml.so.1 comes with
// the driver, so there is no build dependency): clocks, temperature, power and throttle reasons
// of device 0.
#include <memory>
#include <optional>
#include <string>

#include "harness/gpu_clocks.hpp"

namespace framebench::harness {

class Nvml {
 public:
  // The process's NVML, opened and initialised once; nullptr when unavailable (see unavailable_reason()).
  static const Nvml* instance();
  // Empty when NVML answers; otherwise why not: the library cannot be loaded, lacks a function,
  // or nvmlInit / the device handle failed (with NVML's error text).
  static std::string unavailable_reason();

  // Device 0 now; nullopt when NVML refuses a reading.
  std::optional<GpuReading> read() const;
  // The SM clock the device runs at by default (its default applications clock), 0 if unknown.
  double default_sm_mhz() const { return default_sm_mhz_; }

  struct Api;
  explicit Nvml(std::unique_ptr<Api> api, void* device, double default_sm_mhz);
  ~Nvml();

 private:
  std::unique_ptr<Api> api_;
  void* device_ = nullptr;  // nvmlDevice_t
  double default_sm_mhz_ = 0;
};

}  // namespace framebench::harness
