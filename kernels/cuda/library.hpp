#pragma once
// Internal: what framebench_cuda_kernels offers front.cpp, the front door that forwards to it in
// CUDA builds. Plain C++.
#include <memory>
#include <string>

#include "kernels/cuda/front.hpp"

namespace framebench::kernels::cuda {

// The uncached probe behind unavailable_reason(), once the driver is known to serve this runtime.
std::string probe_device();

// The CUDA runtime this build links (CUDART_VERSION: 1000 * major + 10 * minor).
int runtime_version();

std::unique_ptr<Filter> make_host_frame_filter(Algorithm algorithm, const KernelSpec& kernel);

Bandwidth measure_device_bandwidth();

std::unique_ptr<DeviceKernelTimer> make_kernel_timer(Algorithm algorithm, const KernelSpec& kernel, int width, int height,
                                                     int batch);

std::unique_ptr<FramePipeline> make_batch_ring(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch,
                                               int slots, FramePipeline::Sink sink, SinkThread sink_thread);

}  // namespace framebench::kernels::cuda
