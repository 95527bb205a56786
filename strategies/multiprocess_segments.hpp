#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// N worker processes (this binary re-executed), each decoding, filtering and encoding one segment
// to a part file in a private scratch directory; the parent joins the parts by stream copy.
class MultiprocessSegments final : public Strategy {
 public:
  std::string name() const override { return "multiprocess-segments"; }
  std::string description() const override {
    return "N worker processes each encode one segment to a part file; the parent joins the parts by stream copy";
  }
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
