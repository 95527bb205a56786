#pragma once
// Frames the conversion tests and benchmarks start from.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "core/frame.hpp"
#include "media/libav.hpp"

namespace framebench::media::testing {

// A libav frame of `format` with buffers of its own (contents unset).
inline FramePtr blank_frame(int width, int height, AVPixelFormat format) {
  FramePtr f = make_frame();
  f->width = width;
  f->height = height;
  f->format = format;
  if (av_frame_get_buffer(f.get(), 0) < 0) throw std::runtime_error("av_frame_get_buffer");
  return f;
}

// Smooth gradients with some texture, like video; the conversions' cost does not depend on content.
inline Frame gradient_bgr_frame(int width, int height) {
  Frame f;
  f.resize(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c) f.row(y)[3 * x + c] = static_cast<std::uint8_t>((x * (c + 1) + y * (3 - c) + (x * y) % 7) / 4);
  return f;
}

// Every sample of `f`, plane after plane, without the rows' padding: two frames' whole contents
// compared at once (libavutil's own tight copy).
inline std::vector<std::uint8_t> frame_bytes(const AVFrame& f) {
  const auto format = static_cast<AVPixelFormat>(f.format);
  const int size = av_image_get_buffer_size(format, f.width, f.height, 1);
  if (size < 0) throw std::runtime_error("av_image_get_buffer_size");
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (av_image_copy_to_buffer(bytes.data(), size, f.data, f.linesize, format, f.width, f.height, 1) < 0)
    throw std::runtime_error("av_image_copy_to_buffer");
  return bytes;
}

}  // namespace framebench::media::testing
