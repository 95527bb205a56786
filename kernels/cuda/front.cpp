// front.hpp in a CUDA build: forwards to the CUDA library (library.hpp), probing the device once.
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cuda/driver.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/cuda/library.hpp"

namespace framebench::kernels::cuda {

std::string unavailable_reason() {
  // The driver first: without it the runtime's own error text names the wrong cause.
  static const std::string reason = [] {
    auto problem = driver_problem(probe_driver(), runtime_version());
    return problem.empty() ? probe_device() : problem;
  }();
  return reason;
}

std::unique_ptr<Filter> make_frame_filter(Algorithm algorithm, const KernelSpec& kernel) {
  return make_host_frame_filter(algorithm, kernel);
}

std::optional<Bandwidth> measure_bandwidth() {
  if (!unavailable_reason().empty()) return std::nullopt;
  static const Bandwidth measured = measure_device_bandwidth();
  return measured;
}

std::unique_ptr<DeviceKernelTimer> make_device_kernel_timer(const std::string& implementation, const KernelSpec& kernel,
                                                            int width, int height, int batch) {
  const Algorithm algorithm = algorithm_named(implementation);
  if (const auto why = unavailable_reason(); !why.empty()) throw Error(fmt::format("{}: {}", implementation, why));
  return make_kernel_timer(algorithm, kernel, width, height, batch);
}

std::unique_ptr<FramePipeline> make_frame_pipeline(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch,
                                                   int slots, FramePipeline::Sink sink, SinkThread sink_thread) {
  return make_batch_ring(algorithm, kernel, width, height, batch, slots, std::move(sink), sink_thread);
}

}  // namespace framebench::kernels::cuda
