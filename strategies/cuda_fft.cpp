#include "strategies/cuda_fft.hpp"

#include "strategies/cuda_pipeline.hpp"

namespace framebench::strategies {

std::string CudaFft::description() const { return "CPU decode/encode; GPU cuFFT convolution in double, cached plans and spectrum, one batch at a time"; }
std::string CudaFft::unavailable_reason() const { return gpu_unavailable_reason(); }
RunReport CudaFft::run(const Job& job) const { return run_gpu_pipeline(job, kernels::cuda::Algorithm::fft, 1); }

}  // namespace framebench::strategies
