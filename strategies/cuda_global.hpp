#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Decode on the CPU; batches filtered on the GPU by direct convolution reading global memory,
// one batch at a time.
class CudaGlobal final : public Strategy {
 public:
  std::string name() const override { return "cuda-global"; }
  std::string description() const override;
  std::string unavailable_reason() const override;
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
