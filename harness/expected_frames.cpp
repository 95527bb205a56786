#include "harness/expected_frames.hpp"

#include <optional>

#include "kernels/fast_filter.hpp"
#include "kernels/planar_filter.hpp"
#include "media/bgr_bands.hpp"
#include "media/native_frame.hpp"
#include "media/video_reader.hpp"
#include "strategies/slot_filter.hpp"

namespace framebench::harness {

ExpectedFrames::ExpectedFrames(const media::VideoInfo& input, const kernels::KernelSpec& kernel, PixelPath pixels) : slots_(kAhead) {
  producer_ = std::thread([this, input, kernel, pixels] { produce(input, kernel, pixels); });
}

ExpectedFrames::~ExpectedFrames() {
  {
    const std::lock_guard<std::mutex> hold(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  producer_.join();
}

void ExpectedFrames::produce(media::VideoInfo input, kernels::KernelSpec kernel, PixelPath pixels) {
  try {
    media::VideoReader reader(std::move(input), {.threads = 0, .pixels = pixels});
    // BGR24: converted and filtered a band at a time, as the strategies make their frames, so that
    // the filter reads rows still in cache (the same bytes as whole frames); native: each plane
    // as it is, on all cores.
    std::optional<media::BgrBands> bands;
    std::optional<kernels::PlanarFilter> planes;
    if (pixels == PixelPath::bgr24)
      bands.emplace(strategies::fast_bands(kernel));
    else
      planes.emplace(kernels::make_fast_filter(kernel, /*threads=*/0));
    PlanarFrame decoded;
    media::NativeFrame native;
    for (std::int64_t i = 0;; ++i) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || i - released_ < kAhead; });
        if (stop_) return;
      }
      // Slot i % kAhead is the producer's alone until made_ passes i.
      PlanarFrame& slot = slots_[static_cast<std::size_t>(i % kAhead)];
      if (bands) {
        if (!reader.read(native)) break;
        slot.format = "bgr24";
        slot.planes.resize(1);
        bands->apply(native, slot.planes.front());
      } else {
        if (!reader.read(decoded)) break;
        planes->apply(decoded, slot);  // reshapes the slot like the input
      }
      {
        const std::lock_guard<std::mutex> hold(mutex_);
        made_ = i + 1;
      }
      changed_.notify_all();
    }
  } catch (...) {
    const std::lock_guard<std::mutex> hold(mutex_);
    error_ = std::current_exception();
  }
  {
    const std::lock_guard<std::mutex> hold(mutex_);
    finished_ = true;
  }
  changed_.notify_all();
}

const PlanarFrame* ExpectedFrames::at(std::int64_t index) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return made_ > index || finished_; });
  if (made_ > index) return &slots_[static_cast<std::size_t>(index % kAhead)];
  if (error_) std::rethrow_exception(error_);
  return nullptr;
}

void ExpectedFrames::release(std::int64_t index) {
  {
    const std::lock_guard<std::mutex> hold(mutex_);
    released_ = std::max(released_, index);
  }
  changed_.notify_all();
}

}  // namespace framebench::harness
