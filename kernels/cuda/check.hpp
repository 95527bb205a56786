#pragma once
// Internal to the CUDA library: every CUDA runtime and cuFFT call is checked, and a failure
// throws framebench::Error naming the call and the library's error text.
#include <cuda_runtime_api.h>
#include <cufft.h>

namespace framebench::kernels::cuda {

[[noreturn]] void throw_cuda_error(cudaError_t error, const char* call);
[[noreturn]] void throw_cufft_error(cufftResult result, const char* call);

inline void check(cudaError_t error, const char* call) {
  if (error != cudaSuccess) throw_cuda_error(error, call);
}
inline void check(cufftResult result, const char* call) {
  if (result != CUFFT_SUCCESS) throw_cufft_error(result, call);
}
// After a kernel launch: configuration errors surface from cudaGetLastError.
inline void check_launch(const char* kernel) { check(cudaGetLastError(), kernel); }

}  // namespace framebench::kernels::cuda

#define FRAMEBENCH_CUDA_CHECK(call) ::framebench::kernels::cuda::check((call), #call)
