#pragma once
// A frame in a codec's own pixel format, held the way libav holds frames: by reference to its
// buffers. The native pixel path hands the decoder's frames to the filter and the filter's to the
// encoder as these, on any thread and several at once (tbb-pipeline's tokens), where copying
// every plane in and out cost two copies of each frame. A moved-from NativeFrame may only be
// assigned to or destroyed.
#include <memory>
#include <vector>

#include "core/frame.hpp"

struct AVFrame;

namespace framebench::media {

class NativeFrame {
 public:
  NativeFrame();
  ~NativeFrame();
  NativeFrame(NativeFrame&&) noexcept;
  NativeFrame& operator=(NativeFrame&&) noexcept;

  bool empty() const;  // holds no buffers (yet)
  // Views of its planes at their own sizes (native_planes), valid while the frame holds them.
  std::vector<ConstFrameView> planes() const;

  // Internal to media/: the libav frame itself.
  AVFrame& av() { return *frame_; }
  const AVFrame& av() const { return *frame_; }

 private:
  struct FrameDeleter {
    void operator()(AVFrame* f) const;
  };
  std::unique_ptr<AVFrame, FrameDeleter> frame_;
};

}  // namespace framebench::media
