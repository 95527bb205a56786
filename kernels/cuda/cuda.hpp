#pragma once
// The CUDA kernels as the rest of framebench sees them, in every build. Without CUDA (or
// without a usable device) everything here still exists and says why it cannot run, so the
// cuda-* implementations and strategies are listed as unavailable with their reason.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kernels/implementation.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels::cuda {

// Empty when device 0 can run this build's kernels; otherwise why not: "built without CUDA",
// the cudaGetDeviceCount error text, or an unsupported compute capability. Probed once.
std::string unavailable_reason();

// Appends cuda-global, cuda-shared, cuda-shared-2d and cuda-fft to the registry.
void append_implementations(std::vector<Implementation>& registry);

// Rooflines, measured once per process on device 0 (nullopt when unavailable):
// d2d counts bytes read plus bytes written by a device-to-device copy; h2d and d2h count the
// bytes moved between pinned host memory and the device. Each is the median of several copies
// of 256 MiB timed with CUDA events.
struct Bandwidth {
  double d2d_bytes_per_s = 0;
  double h2d_bytes_per_s = 0;
  double d2h_bytes_per_s = 0;
};
std::optional<Bandwidth> measure_bandwidth();

// Kernel-only timing for `framebench kernels`: frames stay in device memory, so the number is
// the kernel's, without PCIe transfers. Inputs are random and rotate over a working set at
// least twice the L2 cache, so repeated launches do not measure the cache.
class DeviceKernelTimer {
 public:
  virtual ~DeviceKernelTimer() = default;
  // Runs `launches` launches back to back, each filtering frames_per_launch() frames, and
  // returns the seconds the device took for all of them (CUDA events).
  virtual double run(int launches) = 0;
  virtual int frames_per_launch() const = 0;
  // The least traffic one frame needs: every input byte read once, every output byte written once.
  virtual std::int64_t min_bytes_per_frame() const = 0;
};

// `implementation` is one of the cuda-* names; `batch` frames per launch (cuFFT batches them).
// Throws InputError for an unknown name, Error when CUDA is unavailable or a call fails.
std::unique_ptr<DeviceKernelTimer> make_device_kernel_timer(const std::string& implementation, const KernelSpec& kernel,
                                                            int width, int height, int batch = 1);

}  // namespace framebench::kernels::cuda
