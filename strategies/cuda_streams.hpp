#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// options.streams CUDA streams with pinned buffers: batch i's upload, kernel (cuda-shared's) and
// download overlap CPU decode of the next batch and encode of earlier ones.
class CudaStreams final : public Strategy {
 public:
  std::string name() const override { return "cuda-streams"; }
  std::string description() const override;
  std::string unavailable_reason() const override;
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
