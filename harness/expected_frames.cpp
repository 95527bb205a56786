#include "harness/expected_frames.hpp"

#include "kernels/fast_filter.hpp"
#include "kernels/planar_filter.hpp"
#include "media/video_reader.hpp"

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
    kernels::PlanarFilter filter(kernels::make_fast_filter(kernel, /*threads=*/0));
    PlanarFrame decoded;
    for (std::int64_t i = 0;; ++i) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || i - released_ < kAhead; });
        if (stop_) return;
      }
      // Slot i % kAhead is the producer's alone until made_ passes i.
      if (!reader.read(decoded)) break;
      filter.apply(decoded, slots_[static_cast<std::size_t>(i % kAhead)]);  // reshapes the slot like the input
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
