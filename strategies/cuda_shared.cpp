#include "strategies/cuda_shared.hpp"

#include "strategies/cuda_pipeline.hpp"

namespace framebench::strategies {

std::string CudaShared::description() const {
  return "CPU decode/encode; GPU shared-memory tiles, constant-memory taps (separable: two passes), one batch at a time";
}
std::string CudaShared::unavailable_reason() const { return gpu_unavailable_reason(); }
RunReport CudaShared::run(const Job& job) const { return run_gpu_pipeline(job, kernels::cuda::Algorithm::shared, 1); }

}  // namespace framebench::strategies
