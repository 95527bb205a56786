#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/frame.hpp"
#include "kernels/cpu/target_clones.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// Strips walk down the frame one row (a page or more) at a time, which the hardware prefetchers
// do not follow: the horizontal pass stalled on its first loads of each row. So each row's
// part of the strip is asked for a few rows ahead.
constexpr int kPrefetchRows = 3;
FRAMEBENCH_INLINE void prefetch_strip(ConstFrameView in, int y, long from, long to) {
  if (y >= in.height) return;
  const std::uint8_t* row = in.row(y);
  for (long b = from; b < to; b += 64) __builtin_prefetch(row + b);
}

// What a horizontal pass over samples [s0, s0 + n) of `row` reads, `radius` pixels either side:
// the row itself inside it, else a copy in `buf` (n + 2 * radius * channels bytes) with the
// reflect-101 images of the row's pixels in the margins. Returns sample s0 - radius * channels.
FRAMEBENCH_INLINE const std::uint8_t* strip_source(const std::uint8_t* row, int width, int channels, int radius,
                                                   long s0, long n, std::uint8_t* buf) {
  const long w3 = static_cast<long>(width) * channels;
  const long pad = static_cast<long>(radius) * channels;
  if (s0 >= pad && s0 + n + pad <= w3) return row + s0 - pad;
  const long lo = std::max(s0 - pad, 0L), hi = std::min(s0 + n + pad, w3);
  std::memcpy(buf + (lo - (s0 - pad)), row + lo, static_cast<std::size_t>(hi - lo));
  const long first_px = s0 / channels - radius, end_px = (s0 + n) / channels + radius;
  auto reflect = [&](long x) {
    const int from = reflect101(static_cast<int>(x), width);
    for (int c = 0; c < channels; ++c) buf[(x - first_px) * channels + c] = row[from * channels + c];
  };
  for (long x = first_px; x < std::min(0L, end_px); ++x) reflect(x);
  for (long x = std::max(static_cast<long>(width), first_px); x < end_px; ++x) reflect(x);
  return buf;
}

}  // namespace framebench::kernels
