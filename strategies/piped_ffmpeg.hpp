#pragma once
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// The talk's method: per segment, an `ffmpeg` process decodes into a pipe as raw BGR24, framebench
// filters, and another `ffmpeg` process encodes from a pipe to a part file; the parts are joined
// by stream copy. Large pipe buffers (F_SETPIPE_SZ); the pipes' cost is the `transfer` stage.
class PipedFfmpeg final : public Strategy {
 public:
  std::string name() const override { return "piped-ffmpeg"; }
  std::string description() const override {
    return "per segment: ffmpeg decodes into a pipe, framebench filters, ffmpeg encodes from a pipe; parts joined";
  }
  std::string unavailable_reason() const override;
  RunReport run(const Job& job) const override;
};

}  // namespace framebench::strategies
