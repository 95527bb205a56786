#pragma once
// The loop at the heart of the in-process strategies and the worker processes: decode a frame,
// filter it, encode it, each step timed to its stage.
#include <cstdint>

#include "core/interrupt.hpp"
#include "core/stopwatch.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

struct LoopSeconds {
  double decode = 0, filter = 0, encode = 0;

  StageSeconds stages() const { return make_stage_seconds({{Stage::decode, decode}, {Stage::filter, filter}, {Stage::encode, encode}}); }
};

// Runs until decode() returns false; returns the frames encoded. Ctrl-C or SIGTERM ends it at the
// next frame (Interrupted), so that a long input is not worked through to its end first, and so
// does the repetition's time limit (throw_if_stopped).
template <typename Decode, typename Filter, typename Encode>
std::int64_t decode_filter_encode(LoopSeconds& seconds, Decode&& decode, Filter&& filter, Encode&& encode) {
  for (std::int64_t frames = 0;; ++frames) {
    throw_if_stopped();
    {
      ScopedTimer t(seconds.decode);
      if (!decode()) return frames;
    }
    {
      ScopedTimer t(seconds.filter);
      filter();
    }
    ScopedTimer t(seconds.encode);
    encode();
  }
}

}  // namespace framebench::strategies
