#include "core/frame.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

#include "core/error.hpp"

namespace framebench {

void Frame::FreeAligned::operator()(std::uint8_t* p) const { std::free(p); }

Frame::Frame(int width, int height) { resize(width, height); }

void Frame::resize(int width, int height) {
  if (width == width_ && height == height_ && data_) return;
  if (width <= 0 || height <= 0) throw Error("frame size must be positive");
  const std::size_t row = static_cast<std::size_t>(width) * kChannels;
  const std::size_t stride = (row + kRowAlignment - 1) / kRowAlignment * kRowAlignment;
  void* p = std::aligned_alloc(kRowAlignment, stride * static_cast<std::size_t>(height));
  if (!p) throw std::bad_alloc();
  data_.reset(static_cast<std::uint8_t*>(p));
  width_ = width;
  height_ = height;
  stride_ = static_cast<std::ptrdiff_t>(stride);
}

void copy_pixels(ConstFrameView from, FrameView to) {
  if (from.width != to.width || from.height != to.height) throw Error("copy_pixels: size mismatch");
  for (int y = 0; y < from.height; ++y) std::memcpy(to.row(y), from.row(y), from.row_bytes());
}

bool same_pixels(ConstFrameView a, ConstFrameView b) {
  if (a.width != b.width || a.height != b.height) return false;
  for (int y = 0; y < a.height; ++y)
    if (std::memcmp(a.row(y), b.row(y), a.row_bytes()) != 0) return false;
  return true;
}

}  // namespace framebench
