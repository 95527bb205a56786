#pragma once
// A kernel implementation prepared for one kernel: it may hold state such as quantised taps,
// a separated form or an FFT plan, and filters whole frames. One Filter is used by one thread
// at a time; make one per thread.
#include "core/frame.hpp"

namespace framebench::kernels {

class Filter {
 public:
  virtual ~Filter() = default;
  // `in` and `out` have the same size and do not overlap.
  virtual void apply(ConstFrameView in, FrameView out) = 0;
};

}  // namespace framebench::kernels
