#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// One process: oneTBB parallel_pipeline of serial-in-order decode, parallel filter (whole frames,
// optionally also bands of rows) and serial-in-order encode, in a task arena of `workers` threads.
class TbbPipeline final : public Strategy {
 public:
  std::string name() const override { return "tbb-pipeline"; }
  std::string description() const override {
    return "one process: oneTBB pipeline, serial decode -> parallel filter -> serial encode, on `workers` threads";
  }
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
