#pragma once
// The GPU's twins of a cuda-* kernel case, registered when the GPU is usable:
//   impl:<name>@device        the kernel alone on device-resident batches, against the device's
//                             copy bandwidth (every CUDA implementation);
//   impl:cuda-shared@pipeline:N  the GPU side of the cuda-* strategies without their codecs:
//                             frames in the batch ring's pinned memory uploaded, filtered and
//                             downloaded with N batches in flight (1: cuda-shared, 4: cuda-streams
//                             as configs/gpu.toml runs it), against the bound the transfers set.
#include <memory>
#include <vector>

#include "harness/kernel_case.hpp"

namespace framebench::harness {

std::vector<std::unique_ptr<KernelCase>> register_gpu_twins(const KernelCase& host);

}  // namespace framebench::harness
