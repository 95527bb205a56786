#pragma once
// A frame in a codec's own pixel format, held the way libav holds frames: by reference to its
// buffers. The native pixel path hands the decoder's frames to the filter and the filter's to the
// encoder as these, on any thread and several at once (tbb-pipeline's tokens), where copying
// every plane in and out cost two copies of each frame. On the BGR24 path a decoded one can be
// converted on another thread than the decoder's (NativeToBgr). A moved-from NativeFrame may
// only be assigned to or destroyed.
#include <memory>
#include <vector>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"

struct AVFrame;

namespace framebench::media {

class ToBgr;

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

// A decoded NativeFrame (of any format, size and range) to BGR24, exactly as VideoReader's
// read(PlanarFrame&) converts on the BGR24 path. One per thread: it holds a libswscale context.
class NativeToBgr {
 public:
  NativeToBgr();
  ~NativeToBgr();
  NativeToBgr(NativeToBgr&&) noexcept;
  NativeToBgr& operator=(NativeToBgr&&) noexcept;
  // `out` becomes a one-plane "bgr24" frame of `in`'s size.
  void convert(const NativeFrame& in, PlanarFrame& out);
  // Into memory the caller owns, of `in`'s size, three channels and padded_stride() (Error otherwise).
  void convert(const NativeFrame& in, FrameView out);

 private:
  std::unique_ptr<ToBgr> to_bgr_;
};

}  // namespace framebench::media
