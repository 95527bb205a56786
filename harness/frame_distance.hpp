#pragma once
// How far apart two frames are: squared errors summed over every sample, and the PSNR they make.
// Verification's PSNR mode measures an output frame against its own expected frame and, to catch
// dropped or reordered frames, against its neighbours; squared_errors gives the two distances a
// frame always needs in one pass over its expected frame.
#include <cstdint>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"

namespace framebench::harness {

struct SquaredError {
  std::uint64_t sum = 0;
  std::uint64_t samples = 0;

  // Adds every sample of two equal-size views; throws Error when their sizes differ.
  void add(ConstFrameView a, ConstFrameView b);
  // In dB, over the samples added; +infinity when they were all equal.
  double psnr_db() const;
};

// SE(own, got) and, where there is a `next` frame, SE(own, next), in one pass over `own`; throws
// Error when the frames' layouts differ.
struct OwnAndNext {
  SquaredError got, next;
};
OwnAndNext squared_errors(const PlanarFrame& own, const PlanarFrame& got, const PlanarFrame* next);

// The largest difference between two samples at one place, over every plane; throws Error when
// the layouts differ.
int max_difference(const PlanarFrame& a, const PlanarFrame& b);

// PSNR over all samples of two equal-size frames, in dB; +infinity when identical.
double psnr_db(ConstFrameView a, ConstFrameView b);
// The same over every plane's samples together; throws Error when the layouts differ.
double psnr_db(const PlanarFrame& a, const PlanarFrame& b);

}  // namespace framebench::harness
