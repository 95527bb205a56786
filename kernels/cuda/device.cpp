// Whether device 0 can run this build's kernels, and why not.
#include <fmt/format.h>

#include "kernels/cuda/check.hpp"
#include "kernels/cuda/direct_launch.hpp"
#include "kernels/cuda/library.hpp"

namespace framebench::kernels::cuda {

std::string probe_device() {
  int count = 0;
  if (const cudaError_t e = cudaGetDeviceCount(&count); e == cudaErrorNoDevice) {
    cudaGetLastError();
    return "no CUDA device: the NVIDIA driver is loaded but finds no GPU (cudaErrorNoDevice)";
  } else if (e != cudaSuccess) {
    cudaGetLastError();  // clear the record of the failure
    return fmt::format("no usable CUDA device: cudaGetDeviceCount: {} ({})", cudaGetErrorString(e), cudaGetErrorName(e));
  }
  if (count == 0) return "no CUDA device: cudaGetDeviceCount found none";
  if (const cudaError_t e = probe_kernel_image(); e != cudaSuccess) {
    cudaGetLastError();
    cudaDeviceProp p{};
    const bool named = cudaGetDeviceProperties(&p, 0) == cudaSuccess;
    return fmt::format("CUDA device 0 ({}, compute capability {}.{}) cannot run this build's kernels (built for {}): {}",
                       named ? p.name : "unknown", p.major, p.minor, FRAMEBENCH_CUDA_ARCHITECTURES, cudaGetErrorString(e));
  }
  return {};
}

int runtime_version() { return CUDART_VERSION; }

}  // namespace framebench::kernels::cuda
