#include "strategies/cuda_streams.hpp"

#include <algorithm>

#include "strategies/cuda_pipeline.hpp"

namespace framebench::strategies {

std::string CudaStreams::description() const {
  return "CPU decode/encode overlapped with GPU upload, shared-memory kernel and download on several streams";
}
std::string CudaStreams::unavailable_reason() const { return gpu_unavailable_reason(); }
RunReport CudaStreams::run(const Job& job) const {
  return run_gpu_pipeline(job, kernels::cuda::Algorithm::shared, std::max(1, job.options.streams));
}

}  // namespace framebench::strategies
