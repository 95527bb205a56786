#pragma once
// Pixel format conversion to and from packed BGR24 with libswscale. Internal to media/.
// Both directions follow the ffmpeg CLI's auto-inserted scale filter (bicubic flags, colour
// matrix and range taken from the frame), so frames we decode or encode match the CLI's.
#include "core/frame.hpp"
#include "media/libav.hpp"

namespace framebench::media {

// Decoded frames of any format, size or range -> BGR24, rebuilding the context only on change.
class ToBgr {
 public:
  void convert(const AVFrame& in, Frame& out);

 private:
  SwsPtr sws_;
  int width_ = 0, height_ = 0, format_ = -1, colorspace_ = -1, range_ = -1;
};

// BGR24 -> an encoder's input format, same size.
class FromBgr {
 public:
  FromBgr(int width, int height, AVPixelFormat format);
  void convert(ConstFrameView in, AVFrame& out);

 private:
  SwsPtr sws_;
  int width_, height_;
};

}  // namespace framebench::media
