#include "core/frame.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "core/error.hpp"

namespace framebench {

void Frame::FreeAligned::operator()(std::uint8_t* p) const { std::free(p); }

std::ptrdiff_t padded_stride(int width, int channels) {
  const std::size_t padded_width = (static_cast<std::size_t>(width) + kRowGroup - 1) / kRowGroup * kRowGroup;
  const std::size_t row = padded_width * static_cast<std::size_t>(channels);
  return static_cast<std::ptrdiff_t>((row + kRowAlignment - 1) / kRowAlignment * kRowAlignment);
}

Frame::Frame(int width, int height, int channels) { resize(width, height, channels); }

void Frame::resize(int width, int height, int channels) {
  if (width == width_ && height == height_ && channels == channels_ && data_) return;
  if (width <= 0 || height <= 0) throw Error("frame size must be positive");
  if (channels < 1 || channels > 4) throw Error("a frame has 1 to 4 channels");
  const auto stride = static_cast<std::size_t>(padded_stride(width, channels));
  void* p = std::aligned_alloc(kRowAlignment, stride * static_cast<std::size_t>(height));
  if (!p) throw std::bad_alloc();
  data_.reset(static_cast<std::uint8_t*>(p));
  width_ = width;
  height_ = height;
  channels_ = channels;
  stride_ = static_cast<std::ptrdiff_t>(stride);
}

void copy_pixels(ConstFrameView from, FrameView to) {
  if (from.width != to.width || from.height != to.height || from.channels != to.channels)
    throw Error("copy_pixels: size mismatch");
  for (int y = 0; y < from.height; ++y) std::memcpy(to.row(y), from.row(y), from.row_bytes());
}

int max_difference(ConstFrameView a, ConstFrameView b) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels) return 256;
  int largest = 0;
  for (int y = 0; y < a.height; ++y)
    for (std::size_t x = 0; x < a.row_bytes(); ++x) largest = std::max(largest, std::abs(a.row(y)[x] - b.row(y)[x]));
  return largest;
}

bool same_pixels(ConstFrameView a, ConstFrameView b) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels) return false;
  for (int y = 0; y < a.height; ++y)
    if (std::memcmp(a.row(y), b.row(y), a.row_bytes()) != 0) return false;
  return true;
}

}  // namespace framebench
