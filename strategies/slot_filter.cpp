#include "strategies/slot_filter.hpp"

#include "kernels/cpu/fast.hpp"
#include "kernels/fast_filter.hpp"

namespace framebench::strategies {

struct SlotFilter::Rows {
  kernels::FastKernel kernel;
  kernels::FastScratch scratch;
};

SlotFilter::SlotFilter(const kernels::KernelSpec& kernel, SlotPath path) {
  if (path != SlotPath::bgr24_bands) {
    planes_.emplace(kernels::make_fast_filter(kernel));
    return;
  }
  // The same filter make_fast_filter gives one thread (cpu-fast), called a band at a time.
  rows_ = std::make_unique<Rows>(Rows{kernels::FastKernel(kernel), {}});
  bands_.emplace(kernel.size / 2, [rows = rows_.get()](ConstFrameView in, FrameView out, int y0, int y1) {
    rows->kernel.filter_rows(in, out, y0, y1, rows->scratch);
  });
}

SlotFilter::~SlotFilter() = default;
SlotFilter::SlotFilter(SlotFilter&&) noexcept = default;
SlotFilter& SlotFilter::operator=(SlotFilter&&) noexcept = default;

void SlotFilter::apply(FrameSlot& slot) {
  if (bands_) bands_->apply(slot.native_in, slot.native_out);
  else planes_->apply(slot.in_planes, slot.out_planes);
}

std::vector<ConstFrameView> SlotFilter::input_planes(const FrameSlot& slot) const {
  if (bands_) return {bands_->input_bgr()};
  return slot.in_planes;
}

}  // namespace framebench::strategies
