#include "kernels/cuda/check.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::kernels::cuda {

namespace {
// cuFFT has no error-string function; these are the names from cufft.h.
const char* cufft_name(cufftResult r) {
  switch (r) {
    case CUFFT_SUCCESS: return "CUFFT_SUCCESS";
    case CUFFT_INVALID_PLAN: return "CUFFT_INVALID_PLAN";
    case CUFFT_ALLOC_FAILED: return "CUFFT_ALLOC_FAILED (out of device memory)";
    case CUFFT_INVALID_TYPE: return "CUFFT_INVALID_TYPE";
    case CUFFT_INVALID_VALUE: return "CUFFT_INVALID_VALUE";
    case CUFFT_INTERNAL_ERROR: return "CUFFT_INTERNAL_ERROR";
    case CUFFT_EXEC_FAILED: return "CUFFT_EXEC_FAILED";
    case CUFFT_SETUP_FAILED: return "CUFFT_SETUP_FAILED";
    case CUFFT_INVALID_SIZE: return "CUFFT_INVALID_SIZE";
    case CUFFT_UNALIGNED_DATA: return "CUFFT_UNALIGNED_DATA";
    case CUFFT_INVALID_DEVICE: return "CUFFT_INVALID_DEVICE";
    case CUFFT_NO_WORKSPACE: return "CUFFT_NO_WORKSPACE";
    case CUFFT_NOT_IMPLEMENTED: return "CUFFT_NOT_IMPLEMENTED";
    case CUFFT_NOT_SUPPORTED: return "CUFFT_NOT_SUPPORTED";
    case CUFFT_MISSING_DEPENDENCY: return "CUFFT_MISSING_DEPENDENCY";
    default: return "unknown cufftResult";
  }
}
}  // namespace

void throw_cuda_error(cudaError_t error, const char* call) {
  // Clear the runtime's record of a non-sticky error, or the next launch check would report it again.
  cudaGetLastError();
  throw Error(fmt::format("CUDA call failed: {}: {} ({})", call, cudaGetErrorString(error), cudaGetErrorName(error)));
}

void throw_cufft_error(cufftResult result, const char* call) {
  throw Error(fmt::format("cuFFT call failed: {}: {} ({})", call, cufft_name(result), static_cast<int>(result)));
}

}  // namespace framebench::kernels::cuda
