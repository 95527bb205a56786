// front.hpp in a build without CUDA: everything is listed and says why it cannot run.
#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/cuda/profiler_range.hpp"

namespace framebench::kernels::cuda {

std::string unavailable_reason() { return "built without CUDA"; }

std::unique_ptr<Filter> make_frame_filter(Algorithm algorithm, const KernelSpec&) {
  throw Error(fmt::format("{}: {}", implementation_name(algorithm), unavailable_reason()));
}

std::optional<Bandwidth> measure_bandwidth() { return std::nullopt; }

std::unique_ptr<DeviceKernelTimer> make_device_kernel_timer(const std::string& implementation, const KernelSpec&, int, int, int) {
  algorithm_named(implementation);  // an unknown name is still the user's mistake
  throw Error(fmt::format("{}: {}", implementation, unavailable_reason()));
}

std::unique_ptr<FramePipeline> make_frame_pipeline(Algorithm, const KernelSpec&, int, int, int, int, FramePipeline::Sink, SinkThread) {
  throw Error(unavailable_reason());
}

// No CUDA, no NVTX: nothing to mark.
ProfilerRange::ProfilerRange(const char*) {}
ProfilerRange::~ProfilerRange() = default;

}  // namespace framebench::kernels::cuda
