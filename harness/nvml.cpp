#include "harness/nvml.hpp"

#include <fmt/format.h>

#include "core/shared_library.hpp"

namespace framebench::harness {

// NVML's C interface as nvml.h declares it (the toolkit here ships no nvml.h); these entry
// points and enum values are stable across drivers.
namespace {
using NvmlReturn = int;  // NVML_SUCCESS = 0
using NvmlDevice = void*;
constexpr int kClockSm = 1, kClockMemory = 2, kTemperatureGpu = 0;
}  // namespace

struct Nvml::Api {
  SharedLibrary library{"libnvidia-ml.so.1"};
  NvmlReturn (*init)() = nullptr;
  NvmlReturn (*shutdown)() = nullptr;
  const char* (*error_string)(NvmlReturn) = nullptr;
  NvmlReturn (*device_by_index)(unsigned, NvmlDevice*) = nullptr;
  NvmlReturn (*clock)(NvmlDevice, int, unsigned*) = nullptr;
  NvmlReturn (*default_clock)(NvmlDevice, int, unsigned*) = nullptr;
  NvmlReturn (*temperature)(NvmlDevice, int, unsigned*) = nullptr;
  NvmlReturn (*power_mw)(NvmlDevice, unsigned*) = nullptr;
  NvmlReturn (*reasons)(NvmlDevice, unsigned long long*) = nullptr;
};

namespace {

// The Nvml of this process, or why there is none.
struct Opened {
  std::unique_ptr<Nvml> nvml;
  std::string why_not;
};

template <typename F>
bool bind(const SharedLibrary& library, F& function, const char* name) {
  function = library.function<F>(name);
  return function != nullptr;
}

Opened open_nvml() {
  auto api = std::make_unique<Nvml::Api>();
  const SharedLibrary& lib = api->library;
  if (!lib.loaded()) return {nullptr, fmt::format("NVML: {} cannot be loaded ({})", lib.soname(), lib.error())};
  // Drivers since R535 call the throttle reasons "clocks event reasons"; older ones only know the first name.
  const bool reasons = bind(lib, api->reasons, "nvmlDeviceGetCurrentClocksEventReasons") ||
                       bind(lib, api->reasons, "nvmlDeviceGetCurrentClocksThrottleReasons");
  const bool all = bind(lib, api->init, "nvmlInit_v2") && bind(lib, api->shutdown, "nvmlShutdown") &&
                   bind(lib, api->error_string, "nvmlErrorString") &&
                   bind(lib, api->device_by_index, "nvmlDeviceGetHandleByIndex_v2") &&
                   bind(lib, api->clock, "nvmlDeviceGetClockInfo") &&
                   bind(lib, api->default_clock, "nvmlDeviceGetDefaultApplicationsClock") &&
                   bind(lib, api->temperature, "nvmlDeviceGetTemperature") && bind(lib, api->power_mw, "nvmlDeviceGetPowerUsage");
  if (!all || !reasons) return {nullptr, fmt::format("NVML: {} lacks a function framebench reads", lib.soname())};
  if (const NvmlReturn e = api->init(); e != 0) return {nullptr, fmt::format("NVML: nvmlInit failed: {}", api->error_string(e))};
  NvmlDevice device = nullptr;
  if (const NvmlReturn e = api->device_by_index(0, &device); e != 0) {
    const std::string why = fmt::format("NVML: no device 0: {}", api->error_string(e));
    api->shutdown();
    return {nullptr, why};
  }
  unsigned default_sm = 0;
  if (api->default_clock(device, kClockSm, &default_sm) != 0) default_sm = 0;
  return {std::make_unique<Nvml>(std::move(api), device, default_sm), {}};
}

const Opened& opened() {
  static const Opened o = open_nvml();
  return o;
}

}  // namespace

Nvml::Nvml(std::unique_ptr<Api> api, void* device, double default_sm_mhz)
    : api_(std::move(api)), device_(device), default_sm_mhz_(default_sm_mhz) {}

Nvml::~Nvml() { api_->shutdown(); }

const Nvml* Nvml::instance() { return opened().nvml.get(); }

std::string Nvml::unavailable_reason() { return opened().why_not; }

std::optional<GpuReading> Nvml::read() const {
  unsigned sm = 0, memory = 0, temperature = 0, milliwatts = 0;
  unsigned long long reasons = 0;
  if (api_->clock(device_, kClockSm, &sm) != 0 || api_->clock(device_, kClockMemory, &memory) != 0 ||
      api_->temperature(device_, kTemperatureGpu, &temperature) != 0 || api_->reasons(device_, &reasons) != 0)
    return std::nullopt;
  // Power is not reported by every board; 0 then.
  if (api_->power_mw(device_, &milliwatts) != 0) milliwatts = 0;
  return GpuReading{static_cast<double>(sm), static_cast<double>(memory), static_cast<double>(temperature), milliwatts / 1000.0,
                    static_cast<std::uint64_t>(reasons)};
}

}  // namespace framebench::harness
