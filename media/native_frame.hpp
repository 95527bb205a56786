#pragma once
// A frame in a codec's own pixel format, held the way libav holds frames: by reference to its
// buffers. The native pixel path passes these between threads (tbb-pipeline's tokens), where the
// views of read_planes and frame_to_fill, good for one frame at a time, cannot serve, and where
// copying every plane in and out cost two copies of each frame.
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

  bool empty() const;  // holds no buffers yet (or no longer)
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
