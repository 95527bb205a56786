#pragma once
// Frames of 8-bit samples, packed BGR24 by default (OpenCV's convention); a plane of the native
// pixel path is a frame of one channel (or two, for interleaved chroma). Rows start 64-byte aligned
// so vector loads never straddle a cache line at a row start, and hold a whole number of groups of
// 32 pixels, so libraries that write pixels in groups (libswscale) stay inside them.
#include <cstddef>
#include <cstdint>
#include <memory>

namespace framebench {

inline constexpr int kChannels = 3;
// The widest and tallest frame anything takes (inputs, generated clips, kernel sizes, worker jobs):
// past it a row's squared errors could overflow 32 bits (harness/frame_distance.cpp).
inline constexpr int kMaxFrameSide = 16384;
inline constexpr std::size_t kRowAlignment = 64;
inline constexpr std::size_t kRowGroup = 32;  // pixels: a row's stride holds a whole number of groups

// The stride of a frame's rows: room for whole groups of pixels past a row's end, as FFmpeg's own
// buffers have (libswscale's x86 YUV->RGB writes 8 pixels at a time, beyond the last row's end
// where the stride had no room, and skipped a row's last pixels where the stride could not take
// the group), rounded up to kRowAlignment. Memory libswscale writes into needs it, every row's.
std::ptrdiff_t padded_stride(int width, int channels);

// A window onto pixels someone else owns.
template <typename Pixel>
struct BasicFrameView {
  Pixel* data = nullptr;
  int width = 0;
  int height = 0;
  std::ptrdiff_t stride = 0;  // bytes between row starts
  int channels = kChannels;   // interleaved samples per pixel

  Pixel* row(int y) const { return data + static_cast<std::ptrdiff_t>(y) * stride; }
  std::size_t row_bytes() const { return static_cast<std::size_t>(width) * channels; }
  bool empty() const { return width <= 0 || height <= 0; }
  operator BasicFrameView<const Pixel>() const { return {data, width, height, stride, channels}; }
};
using FrameView = BasicFrameView<std::uint8_t>;
using ConstFrameView = BasicFrameView<const std::uint8_t>;

// Owns one frame's pixels.
class Frame {
 public:
  Frame() = default;
  Frame(int width, int height, int channels = kChannels);

  // Reallocates only when the size changes, so decoders can reuse one Frame.
  void resize(int width, int height, int channels = kChannels);

  int width() const { return width_; }
  int height() const { return height_; }
  int channels() const { return channels_; }
  std::ptrdiff_t stride() const { return stride_; }
  std::uint8_t* row(int y) { return data_.get() + static_cast<std::ptrdiff_t>(y) * stride_; }
  const std::uint8_t* row(int y) const { return data_.get() + static_cast<std::ptrdiff_t>(y) * stride_; }
  FrameView view() { return {data_.get(), width_, height_, stride_, channels_}; }
  ConstFrameView view() const { return {data_.get(), width_, height_, stride_, channels_}; }

 private:
  struct FreeAligned {
    void operator()(std::uint8_t* p) const;
  };
  std::unique_ptr<std::uint8_t[], FreeAligned> data_;
  int width_ = 0;
  int height_ = 0;
  int channels_ = kChannels;
  std::ptrdiff_t stride_ = 0;
};

// Copies pixels (not padding) between views of equal size and channel count.
void copy_pixels(ConstFrameView from, FrameView to);
bool same_pixels(ConstFrameView a, ConstFrameView b);
// The largest |a - b| over every sample, or 256 where the views' sizes or channels differ.
int max_difference(ConstFrameView a, ConstFrameView b);

}  // namespace framebench
