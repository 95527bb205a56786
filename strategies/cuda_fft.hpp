#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Decode on the CPU; batches filtered on the GPU by cuFFT convolution in double with cached plans
// and kernel spectrum, one batch at a time. Within 1 LSB of the reference.
class CudaFft final : public Strategy {
 public:
  std::string name() const override { return "cuda-fft"; }
  std::string description() const override;
  std::string unavailable_reason() const override;
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
