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

// The matrix as ffmpeg's convolution applies it: the ffmpeg CLI here (5.1) divides by the sum of
// the taps whatever rdiv says (by 1 where they sum to 0), so a matrix must sum to its divisor, or to
// 0 over 1, or come from coefficients that sum to 1 (the fixed-point taps' rounding moves the sum
// by a few parts in 2^16). Found 5 December 2026 by a hostile-input sweep: custom:1,1,1,1,1,1,1,1,1/4
// came out as the 1/9 mean, 12.6 dB from the reference.
std::string divides_problem(const kernels::KernelSpec& k, const std::vector<std::int64_t>& matrix, std::int64_t divisor,
                            const std::string& strategy) {
  std::int64_t sum = 0;
  for (const auto t : matrix) sum += t;
  double coefficients = 0;
  for (const double c : k.coefficients) coefficients += c;
  if (sum == divisor || (sum == 0 && divisor == 1) || (sum != 0 && std::abs(coefficients - 1.0) < 1e-9)) return {};
  return fmt::format("{} cannot run kernel '{}': ffmpeg's convolution filter divides by the sum of the taps (by 1 where they sum to 0) "
                     "whatever its rdiv says, and these sum to {} over {}; framebench's own strategies take it",
                     strategy, k.name, sum, divisor);
}

void check_divides_as_ours(const kernels::KernelSpec& k, const std::vector<std::int64_t>& matrix, std::int64_t divisor,
                           const std::string& strategy, const media::VideoInfo& input) {
  if (const auto problem = divides_problem(k, matrix, divisor, strategy); !problem.empty())
    throw InputError(fmt::format("{}: {}", input.path.string(), problem));
}

std::string shape_problem(const kernels::KernelSpec& k, const std::string& strategy) {
  return fmt::format("{} cannot run kernel '{}' ({}x{}): ffmpeg's filters take box kernels (avgblur), square matrices of 3x3, 5x5 or "
                     "7x7, or separable kernels up to 49 taps as row and column passes",
                     strategy, k.name, k.size, k.size);
}

// ffmpeg's fillborders reflects once: a plane must hold the radius and one more each way for the
// border to be ours (reflect-101 bounces as often as it takes).
void check_planes_hold_the_border(const kernels::KernelSpec& k, const std::vector<PlaneShape>& planes, const std::string& strategy,
                                  const media::VideoInfo& input) {
  for (const auto& p : planes)
    if (p.width <= k.radius() || p.height <= k.radius())
      throw InputError(fmt::format("{}: {} cannot run kernel '{}' ({}x{}) on {}x{} frames: ffmpeg's fillborders reflects only once, so "
                                   "each plane must be at least {} pixels each way{}; framebench's own strategies take it",
                                   input.path.string(), strategy, k.name, k.size, k.size, input.width, input.height, k.radius() + 1,
                                   p.width == input.width && p.height == input.height ? "" : fmt::format(" (the chroma planes are {}x{})", p.width, p.height)));
}

// `filters` run on the frame inside a border of reflect-101 (ours), `radius` samples deep in every
// plane, cropped off after, so that ffmpeg's own edge rules never reach the output: avgblur
// averages only the pixels that exist (40 levels from ours on the test pattern), convolution
// repeats the last row and column at the bottom and right (up to 71 levels on QCIF chroma; both
// found 5 December 2026: ffmpeg-native's 39.4 dB at 176x144 missed its bar). pad and fillborders
// count luma pixels and shift them down for chroma, so subsampled chroma's border is shifted up
// (pad drops the last column and row of a subsampled frame of odd size, so those are refused:
// check_whole_chroma). The BGR graph's padding cost no CPU time measurably at 1080p; the native
// one's about 4% of decode and filter (the ffmpeg CLI on one thread, 5 December 2026).
std::string within_reflected_border(const std::string& filters, int radius, media::ChromaShift shift) {
  const int x = radius << shift.log2_width, y = radius << shift.log2_height;
  return fmt::format("pad=iw+{0}:ih+{1}:{2}:{3},fillborders={2}:{2}:{3}:{3}:mode=reflect,{4},crop=iw-{0}:ih-{1}:{2}:{3}", 2 * x, 2 * y, x, y,
                     filters);
}

// ffmpeg 5.1's pad rounds a subsampled input's size down to whole chroma samples: a 175x97 4:2:0
// frame lost its last column and row (and the rest moved), 27 dB from itself through pad and crop.
void check_whole_chroma(media::ChromaShift shift, const std::string& strategy, const media::VideoInfo& input) {
  if (shift.whole_samples(input.width, input.height)) return;
  throw InputError(fmt::format("{}: {} cannot keep the border rule on {}x{} {} frames: ffmpeg's pad filter drops the last column and row "
                               "of a subsampled frame of odd size; framebench's own strategies take it",
                               input.path.string(), strategy, input.width, input.height, input.pixel_format));
}

// The filter for `k` on the planes of `input` (`planes`, chroma smaller by `shift`), inside our
// border rule, and the name of the filter doing the work; `strategy` names the peer in refusals.
std::pair<std::string, std::string> peer_filter(const kernels::KernelSpec& k, const std::vector<PlaneShape>& planes, media::ChromaShift shift,
                                                const std::string& strategy, const media::VideoInfo& input) {
  check_whole_chroma(shift, strategy, input);
  const auto within = [&](const std::string& filters, int radius) {
    return radius == 0 ? filters : within_reflected_border(filters, radius, shift);
  };
  // avgblur's running mean is ours within the 1 LSB of our fixed-point taps.
  if (k.size > 1 && is_box(k)) {
    check_planes_hold_the_border(k, planes, strategy, input);
    return {within(fmt::format("avgblur=sizeX={0}:sizeY={0}", k.radius()), k.radius()), "avgblur"};
  }
  if (k.size == 1) {
    // ffmpeg has no 1x1 matrix; a 3x3 one with the tap in the middle is the same filter.
    const auto [matrix, divisor] = integer_matrix(k);
    check_divides_as_ours(k, matrix, divisor, strategy, input);
    return {within(convolution({0, 0, 0, 0, matrix[0], 0, 0, 0, 0}, divisor, "square"), 0), "convolution"};  // no neighbour read
  }
  if (k.size == 3 || k.size == 5 || k.size == 7) {
    const auto [matrix, divisor] = integer_matrix(k);
    check_divides_as_ours(k, matrix, divisor, strategy, input);
    check_planes_hold_the_border(k, planes, strategy, input);
    return {within(convolution(matrix, divisor, "square"), k.radius()), "convolution"};
  }
  if (k.separable && k.size <= 49) {
    // Two 8-bit passes: the intermediate rounding makes this a near, not exact, equivalent.
    const auto& sep = *k.separable;
    const std::int64_t d = std::int64_t{1} << kernels::kSeparableShift;
    const std::vector<std::int64_t> row(sep.row.begin(), sep.row.end()), column(sep.column.begin(), sep.column.end());
    check_divides_as_ours(k, row, d, strategy, input);
    check_divides_as_ours(k, column, d, strategy, input);
    check_planes_hold_the_border(k, planes, strategy, input);
    return {within(convolution(row, d, "row") + "," + convolution(column, d, "column"), k.radius()), "convolution (row, column)"};
  }
  throw InputError(shape_problem(k, strategy));
}

}  // namespace

std::string ffmpeg_kernel_problem(const kernels::KernelSpec& k, const std::string& strategy) {
  if (k.size > 1 && is_box(k)) return {};
  if (k.size == 1 || k.size == 3 || k.size == 5 || k.size == 7) {
    const auto [matrix, divisor] = integer_matrix(k);
    return divides_problem(k, matrix, divisor, strategy);
  }
  if (!k.separable || k.size > 49) return shape_problem(k, strategy);
  const std::int64_t d = std::int64_t{1} << kernels::kSeparableShift;
  const std::vector<std::int64_t> row(k.separable->row.begin(), k.separable->row.end()), column(k.separable->column.begin(), k.separable->column.end());
  if (auto problem = divides_problem(k, row, d, strategy); !problem.empty()) return problem;
  return divides_problem(k, column, d, strategy);
}

FfmpegFilterGraph ffmpeg_filter_graph(const kernels::KernelSpec& k, const media::VideoInfo& input) {
  auto [filters, filter] = peer_filter(k, {PlaneShape{input.width, input.height, 3}}, {}, "ffmpeg-filter", input);
  return {kToPlanarRgb + filters, std::move(filter), kPlanarRgb};
}

FfmpegFilterGraph ffmpeg_native_graph(const kernels::KernelSpec& k, const media::VideoInfo& input) {
  const auto planes = media::native_planes(input.pixel_format, input.width, input.height, input.path.string());
  auto [filters, filter] = peer_filter(k, planes, media::chroma_shift(input.pixel_format), "ffmpeg-native", input);
  // A yuvj420p decoder's planes go to the encoder as yuv420p (media::native_format), which the CLI
  // would reach by squeezing them to limited range; full range to full range, libswscale copies them.
  if (const auto plain = media::native_format(input.pixel_format); plain != input.pixel_format)
    filters += fmt::format(",scale=in_range=full:out_range=full,format={}", plain);
  return {std::move(filters), std::move(filter), input.pixel_format};
}

}  // namespace framebench::strategies
