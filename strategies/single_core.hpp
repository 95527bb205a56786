#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// One thread: decode -> filter -> encode in this process, every library's threading off.
class SingleCore final : public Strategy {
 public:
  std::string name() const override { return "single-core"; }
  std::string description() const override { return "one thread: decode, filter, encode in process; library threading off"; }
  int fixed_workers() const override { return 1; }
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
