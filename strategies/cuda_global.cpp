#include "strategies/cuda_global.hpp"

#include "strategies/cuda_pipeline.hpp"

namespace framebench::strategies {

std::string CudaGlobal::description() const { return "CPU decode/encode; GPU direct convolution from global memory, one batch at a time"; }
std::string CudaGlobal::unavailable_reason() const { return gpu_unavailable_reason(); }
RunReport CudaGlobal::run(const Job& job) const { return run_gpu_pipeline(job, kernels::cuda::Algorithm::global, 1); }

}  // namespace framebench::strategies
