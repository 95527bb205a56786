#pragma once
// Internal: what framebench_cuda_kernels offers kernels/cuda/cuda.cpp, which forwards to it in
// CUDA builds (and answers "built without CUDA" otherwise). Plain C++.
#include <memory>
#include <string>

#include "kernels/cuda/batch_filter.hpp"
#include "kernels/cuda/cuda.hpp"
#include "kernels/filter.hpp"

namespace framebench::kernels::cuda {

// The uncached probe behind unavailable_reason().
std::string probe_device();

// A Filter on host frames: uploads, filters and downloads each frame (synchronously).
std::unique_ptr<Filter> make_frame_filter(Algorithm algorithm, const KernelSpec& kernel);

Bandwidth measure_device_bandwidth();

std::unique_ptr<DeviceKernelTimer> make_kernel_timer(Algorithm algorithm, const KernelSpec& kernel, int width, int height,
                                                     int batch);

}  // namespace framebench::kernels::cuda
