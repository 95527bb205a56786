#pragma once
// What a case's output should be, frame by frame, made ahead on a thread of its own: the input
// decoded on the case's pixel path and filtered plane by plane with the fast bit-exact
// implementation on all cores. Verification reads
// the output on the calling thread meanwhile, so both decodes and the filter overlap. At most
// kAhead frames are held, however long the input.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/probe.hpp"

namespace framebench::harness {

class ExpectedFrames {
 public:
  static constexpr int kAhead = 5;  // the frames a PSNR check holds (3) and two in the making

  ExpectedFrames(const media::VideoInfo& input, const kernels::KernelSpec& kernel, PixelPath pixels);
  ~ExpectedFrames();  // stops the producer and waits for it
  ExpectedFrames(const ExpectedFrames&) = delete;
  ExpectedFrames& operator=(const ExpectedFrames&) = delete;

  // Expected frame `index`, waiting for it; nullptr once the input has no such frame. Valid
  // until release() passes it. Indices must not go back past what was released. Rethrows what
  // stopped the producer (a decode error).
  const PlanarFrame* at(std::int64_t index);
  // Frames before `index` are no longer needed.
  void release(std::int64_t index);

 private:
  void produce(media::VideoInfo input, kernels::KernelSpec kernel, PixelPath pixels);

  std::vector<PlanarFrame> slots_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::int64_t made_ = 0;      // frames [0, made_) are ready
  std::int64_t released_ = 0;  // frames before released_ may be overwritten
  bool finished_ = false;      // the input has no more frames
  bool stop_ = false;          // the consumer is gone
  std::exception_ptr error_;
  std::thread producer_;
};

}  // namespace framebench::harness
