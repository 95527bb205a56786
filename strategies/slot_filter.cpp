#include "strategies/slot_filter.hpp"

#include <memory>

#include "kernels/cpu/fast.hpp"
#include "kernels/fast_filter.hpp"

namespace framebench::strategies {

namespace {

// cpu-fast's kernel and scratch rows, where BgrBands' filter finds them.
struct FastRows {
  kernels::FastKernel kernel;
  kernels::FastScratch scratch;
};

}  // namespace

media::BgrBands fast_bands(const kernels::KernelSpec& kernel) {
  // The same filter make_fast_filter gives one thread (cpu-fast), called a band at a time.
  auto rows = std::make_shared<FastRows>(FastRows{kernels::FastKernel(kernel), {}});
  return media::BgrBands(kernel.size / 2, [rows](ConstFrameView in, FrameView out, int y0, int y1) {
    rows->kernel.filter_rows(in, out, y0, y1, rows->scratch);
  });
}

SlotFilter::SlotFilter(const kernels::KernelSpec& kernel, SlotPath path) {
  if (path == SlotPath::bgr24_bands)
    bands_.emplace(fast_bands(kernel));
  else
    planes_.emplace(kernels::make_fast_filter(kernel));
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
