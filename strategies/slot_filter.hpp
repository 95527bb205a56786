#pragma once
// The filter step of a FrameSlot, by its path: the kernel's fast filter over the slot's planes
// (bgr24, native), or, on bgr24_bands, media::BgrBands with cpu-fast's rows, the conversions to
// and from BGR24 included (so strategies book them to filter, not to decode and encode). One per
// thread.
#include <memory>
#include <optional>

#include "kernels/kernel_spec.hpp"
#include "kernels/planar_filter.hpp"
#include "media/bgr_bands.hpp"
#include "strategies/frame_slot.hpp"

namespace framebench::strategies {

class SlotFilter {
 public:
  SlotFilter(const kernels::KernelSpec& kernel, SlotPath path);
  ~SlotFilter();
  SlotFilter(SlotFilter&&) noexcept;
  SlotFilter& operator=(SlotFilter&&) noexcept;

  void apply(FrameSlot& slot);
  // The planes the last apply filtered: the slot's in_planes, or on bgr24_bands the decoded frame
  // in BGR24 (the bytes bgr24's reader gives it).
  std::vector<ConstFrameView> input_planes(const FrameSlot& slot) const;

 private:
  struct Rows;  // cpu-fast's kernel and scratch rows, where BgrBands' filter finds them
  std::optional<kernels::PlanarFilter> planes_;
  std::unique_ptr<Rows> rows_;
  std::optional<media::BgrBands> bands_;
};

}  // namespace framebench::strategies
