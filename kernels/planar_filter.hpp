#pragma once
// The pixel path's one rule for filtering: each plane of a frame on its own, at its own size,
// through one Filter. A BGR24 frame is one plane of three channels, filtered as it always was;
// a yuv420p frame is three, its chroma at half size. Strategies filter through this, and
// verification builds its reference with it, so both paths share one definition.
#include <memory>
#include <span>

#include "core/planar_frame.hpp"
#include "kernels/filter.hpp"

namespace framebench::kernels {

class PlanarFilter {
 public:
  // `filter` must take the planes' channel counts (see Filter::apply).
  explicit PlanarFilter(std::unique_ptr<Filter> filter);
  // Reshapes `out` like `in`, then filters each plane of `in` into the same plane of `out`.
  void apply(const PlanarFrame& in, PlanarFrame& out);
  // The same over planes held elsewhere (a decoder's frame into an encoder's, the native path's
  // way without copies); `out` must have `in`'s plane shapes. Throws Error if it has not.
  void apply(std::span<const ConstFrameView> in, std::span<const FrameView> out);

 private:
  std::unique_ptr<Filter> filter_;
};

}  // namespace framebench::kernels
