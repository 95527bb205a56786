#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Decode on the CPU; batches filtered on the GPU with tile + halo in shared memory and taps in
// constant memory (two passes for separable kernels), one batch at a time.
class CudaShared final : public Strategy {
 public:
  std::string name() const override { return "cuda-shared"; }
  std::string description() const override;
  std::string unavailable_reason() const override;
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
