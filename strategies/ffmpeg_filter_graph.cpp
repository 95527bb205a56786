#include "strategies/ffmpeg_filter_graph.hpp"

#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "media/native_planes.hpp"

namespace framebench::strategies {

namespace {

// ffmpeg's planar filters run on gbrp. The hop through bgr24 before it makes ffmpeg convert
// YUV->RGB through the same packed path the strategies take (libswscale's direct YUV->gbrp path
// interpolates chroma differently: up to 146 levels apart on the test pattern's colour edges).
// After the filter ffmpeg converts gbrp straight to the encoder's format: for yuv420p that is
// 3.8 ms per 1080p frame against 5.8 through bgr24 (one thread's CPU time, measured here).
constexpr const char* kToPlanarRgb = "format=bgr24,format=gbrp,";
constexpr const char* kPlanarRgb = "gbrp";

// A box: every coefficient the same (box:K is K*K times 1/K^2).
bool is_box(const kernels::KernelSpec& k) {
  const double first = k.coefficients.front();
  if (!(first > 0)) return false;
  for (const double c : k.coefficients)
    if (std::abs(c - first) > 1e-12) return false;
  return std::abs(first * k.size * k.size - 1.0) < 1e-9;
}

// One `convolution` filter with the same matrix on the three planes, the result being
// (int)(sum(matrix * pixels) / divisor + 0.5) clipped to 0..255.
std::string convolution(const std::vector<std::int64_t>& matrix, std::int64_t divisor, const char* mode) {
  const std::string m = fmt::format("{}", fmt::join(matrix, " "));
  std::string f = "convolution=";
  for (int plane = 0; plane < 3; ++plane)
    f += fmt::format("{}{}m='{}':{}rdiv=1/{}:{}mode={}", plane ? ":" : "", plane, m, plane, divisor, plane, mode);
  return f;
}

// The kernel as small integers over a divisor: exactly its coefficients when they are multiples
// of 1/d for a small d (sharpen3 is itself over 1), else our fixed-point taps over 2^16 reduced
// by their common factor. Small numbers matter: ffmpeg's SIMD 3x3 path computes wrongly with
// taps as large as 2^18.
std::pair<std::vector<std::int64_t>, std::int64_t> integer_matrix(const kernels::KernelSpec& k) {
  for (std::int64_t d = 1; d <= 1024; ++d) {
    std::vector<std::int64_t> m;
    for (const double c : k.coefficients) {
      const double v = c * static_cast<double>(d);
      if (std::abs(v - std::round(v)) > 1e-6) break;
      m.push_back(std::llround(v));
    }
    if (m.size() == k.coefficients.size()) return {m, d};
  }
  std::vector<std::int64_t> m(k.taps.begin(), k.taps.end());
  std::int64_t d = std::int64_t{1} << kernels::kShift;
  std::int64_t g = d;
  for (const auto t : m) g = std::gcd(g, t);
  for (auto& t : m) t /= g;
  return {m, d / g};
}

// `filters` run on the frame inside a border of reflect-101 (ours), `radius` samples deep in every
// plane, cropped off after, so that ffmpeg's own edge rules never reach the output: avgblur
// averages only the pixels that exist (40 levels from ours on the test pattern), convolution
// repeats the last row and column at the bottom and right (up to 71 levels on QCIF chroma; both
// found 5 December 2026: ffmpeg-native's 39.4 dB at 176x144 missed its bar). pad and fillborders
// count luma pixels and shift them down for chroma, so subsampled chroma's border is shifted up
// (subsampled frames come in whole chroma pixels: media/encoder.hpp refuses other sizes). The BGR
// graph's padding cost no CPU time measurably at 1080p; the native one's about 4% of decode and
// filter (the ffmpeg CLI on one thread, 5 December 2026).
std::string within_reflected_border(const std::string& filters, int radius, media::ChromaShift shift = {}) {
  const int x = radius << shift.log2_width, y = radius << shift.log2_height;
  return fmt::format("pad=iw+{0}:ih+{1}:{2}:{3},fillborders={2}:{2}:{3}:{3}:mode=reflect,{4},crop=iw-{0}:ih-{1}:{2}:{3}", 2 * x, 2 * y, x, y,
                     filters);
}

FfmpegFilterGraph with_planar_rgb(const std::string& filters, int radius, std::string filter) {
  return {kToPlanarRgb + within_reflected_border(filters, radius), std::move(filter), kPlanarRgb};
}

}  // namespace

FfmpegFilterGraph ffmpeg_filter_graph(const kernels::KernelSpec& k) {
  // avgblur's running mean is ours within the 1 LSB of our fixed-point taps.
  if (k.size > 1 && is_box(k)) return with_planar_rgb(fmt::format("avgblur=sizeX={0}:sizeY={0}", k.radius()), k.radius(), "avgblur");
  if (k.size == 3 || k.size == 5) {
    const auto [matrix, divisor] = integer_matrix(k);
    return with_planar_rgb(convolution(matrix, divisor, "square"), k.radius(), "convolution");
  }
  if (k.size == 1) {
    // ffmpeg has no 1x1 matrix; a 3x3 one with the tap in the middle is the same filter.
    const auto [matrix, divisor] = integer_matrix(k);
    return with_planar_rgb(convolution({0, 0, 0, 0, matrix[0], 0, 0, 0, 0}, divisor, "square"), 1, "convolution");
  }
  if (k.separable && k.size <= 49) {
    // Two 8-bit passes: the intermediate rounding makes this a near, not exact, equivalent.
    const auto& sep = *k.separable;
    const std::int64_t d = std::int64_t{1} << kernels::kSeparableShift;
    return with_planar_rgb(convolution({sep.row.begin(), sep.row.end()}, d, "row") + "," +
                               convolution({sep.column.begin(), sep.column.end()}, d, "column"),
                           k.radius(), "convolution (row, column)");
  }
  throw InputError(fmt::format("ffmpeg-filter cannot run kernel '{}' ({}x{}): ffmpeg's filters take box kernels (avgblur), square "
                               "matrices up to 5x5, or separable kernels up to 49 taps as row and column passes",
                               k.name, k.size, k.size));
}

FfmpegFilterGraph ffmpeg_native_graph(const kernels::KernelSpec& k, const std::string& pixel_format) {
  const media::ChromaShift shift = media::chroma_shift(pixel_format);
  if (k.size > 1 && is_box(k))
    return {within_reflected_border(fmt::format("avgblur=sizeX={0}:sizeY={0}", k.radius()), k.radius(), shift), "avgblur",
            pixel_format};
  if (k.size == 3 || k.size == 5 || k.size == 7) {
    const auto [matrix, divisor] = integer_matrix(k);
    return {within_reflected_border(convolution(matrix, divisor, "square"), k.radius(), shift), "convolution", pixel_format};
  }
  throw InputError(fmt::format("ffmpeg-native cannot run kernel '{}' ({}x{}): ffmpeg's avgblur takes box kernels, its convolution "
                               "filter square matrices of 3x3, 5x5 or 7x7",
                               k.name, k.size, k.size));
}

}  // namespace framebench::strategies
