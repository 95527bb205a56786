#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Like multiprocess-segments, but the encoded segments come back to the parent through pipes as
// packets and are muxed in order as they arrive: only the final output touches the disk.
class InMemory final : public Strategy {
 public:
  std::string name() const override { return "in-memory"; }
  std::string description() const override {
    return "N worker processes send encoded packets back through pipes; the parent muxes them in order, no part files";
  }
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
