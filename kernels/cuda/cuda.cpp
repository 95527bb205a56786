// Compiled in every build (into framebench_kernels): lists the CUDA implementations and forwards
// to framebench_cuda_kernels when it exists, or says "built without CUDA" when it does not.
#include "kernels/cuda/cuda.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cuda/batch_filter.hpp"

#if FRAMEBENCH_HAVE_CUDA
#include "kernels/cuda/library.hpp"
#endif

namespace framebench::kernels::cuda {

namespace {

struct Entry {
  const char* name;
  Algorithm algorithm;
  Exactness exactness;
  const char* description;
};

// Registry filters work on host frames, so each apply() includes the frame's upload and download.
constexpr Entry kEntries[] = {
    {"cuda-global", Algorithm::global, Exactness::exact, "GPU direct 2-D convolution from global memory (with transfers)"},
    {"cuda-shared", Algorithm::shared, Exactness::exact,
     "GPU shared-memory tiles, taps in constant memory, two passes when separable (with transfers)"},
    {"cuda-shared-2d", Algorithm::shared_2d, Exactness::exact,
     "GPU shared-memory tiles, one 2-D pass even when separable (with transfers)"},
    {"cuda-fft", Algorithm::fft, Exactness::one_lsb, "GPU cuFFT double-precision convolution, cached spectrum (with transfers)"},
};

Algorithm algorithm_named(const std::string& name) {
  for (const Entry& e : kEntries)
    if (name == e.name) return e.algorithm;
  throw InputError(fmt::format("'{}' is not a CUDA kernel implementation; known: cuda-global cuda-shared cuda-shared-2d cuda-fft", name));
}

}  // namespace

std::string unavailable_reason() {
#if FRAMEBENCH_HAVE_CUDA
  static const std::string reason = probe_device();
  return reason;
#else
  return "built without CUDA";
#endif
}

void append_implementations(std::vector<Implementation>& registry) {
  for (const Entry& e : kEntries) {
    registry.push_back({e.name, e.description, e.exactness, [] { return unavailable_reason(); },
                        [algorithm = e.algorithm, name = std::string(e.name)](const KernelSpec& kernel, int) -> std::unique_ptr<Filter> {
#if FRAMEBENCH_HAVE_CUDA
                          (void)name;
                          return make_frame_filter(algorithm, kernel);
#else
                          (void)algorithm;
                          (void)kernel;
                          throw Error(fmt::format("{}: {}", name, unavailable_reason()));
#endif
                        }});
  }
}

std::optional<Bandwidth> measure_bandwidth() {
#if FRAMEBENCH_HAVE_CUDA
  if (!unavailable_reason().empty()) return std::nullopt;
  static const Bandwidth measured = measure_device_bandwidth();
  return measured;
#else
  return std::nullopt;
#endif
}

std::unique_ptr<DeviceKernelTimer> make_device_kernel_timer(const std::string& implementation, const KernelSpec& kernel,
                                                            int width, int height, int batch) {
  const Algorithm algorithm = algorithm_named(implementation);
#if FRAMEBENCH_HAVE_CUDA
  if (const auto why = unavailable_reason(); !why.empty()) throw Error(fmt::format("{}: {}", implementation, why));
  return make_kernel_timer(algorithm, kernel, width, height, batch);
#else
  (void)algorithm;
  (void)kernel;
  (void)width;
  (void)height;
  (void)batch;
  throw Error(fmt::format("{}: {}", implementation, unavailable_reason()));
#endif
}

}  // namespace framebench::kernels::cuda
