#pragma once
// A kernel implementation prepared for one kernel: it may hold state such as quantised taps,
// a separated form or an FFT plan, and filters whole frames. One Filter is used by one thread
// at a time; make one per thread.
#include "core/frame.hpp"

namespace framebench::kernels {

class Filter {
 public:
  virtual ~Filter() = default;
  // `in` and `out` have the same size and channel count and do not overlap. Packed BGR24 has
  // three channels; the planes of the native pixel path (kernels/planar_filter.hpp) one or two,
  // which implementations marked `planes` take (the reference, cpu-fast, cpu-fast-portable and
  // tbb-rows); the others filter BGR24 only.
  virtual void apply(ConstFrameView in, FrameView out) = 0;
};

}  // namespace framebench::kernels
