#include "harness/frame_distance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cpu/target_clones.hpp"

namespace framebench::harness {

namespace {
// Vectorised (target_clones.hpp): every output frame is compared with up to three expected ones.
// A row of at most kMaxFrameSide pixels of up to four channels (a native plane of RGBA) sums to less than 2^32.
static_assert(std::uint64_t{kMaxFrameSide} * 4 * 255 * 255 < (std::uint64_t{1} << 32));
FRAMEBENCH_CLONES
std::uint32_t row_squared_error(const std::uint8_t* __restrict a, const std::uint8_t* __restrict b, std::size_t n) {
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int d = a[i] - b[i];
    sum += static_cast<std::uint32_t>(d * d);
  }
  return sum;
}

// Both squared errors against `own` in one pass over it: of the output frame, and of the next
// expected frame (which the neighbour check needs, for this frame and the next one).
FRAMEBENCH_CLONES
void row_squared_errors(const std::uint8_t* __restrict own, const std::uint8_t* __restrict got,
                        const std::uint8_t* __restrict next, std::size_t n, std::uint32_t& to_got, std::uint32_t& to_next) {
  std::uint32_t g = 0, x = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int d = own[i] - got[i], e = own[i] - next[i];
    g += static_cast<std::uint32_t>(d * d);
    x += static_cast<std::uint32_t>(e * e);
  }
  to_got = g;
  to_next = x;
}

void check_same_shape(const PlanarFrame& a, const PlanarFrame& b) {
  if (a.format != b.format || a.planes.size() != b.planes.size())
    throw Error(fmt::format("psnr: a {} frame against a {} one", a.format, b.format));
  for (std::size_t i = 0; i < a.planes.size(); ++i) {
    const ConstFrameView x = a.planes[i].view(), y = b.planes[i].view();
    if (x.width != y.width || x.height != y.height || x.channels != y.channels) throw Error("psnr: frame sizes differ");
  }
}

}  // namespace

void SquaredError::add(ConstFrameView a, ConstFrameView b) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels) throw Error("psnr: frame sizes differ");
  for (int y = 0; y < a.height; ++y) sum += row_squared_error(a.row(y), b.row(y), a.row_bytes());
  samples += static_cast<std::uint64_t>(a.row_bytes()) * static_cast<std::uint64_t>(a.height);
}

double SquaredError::psnr_db() const {
  if (sum == 0) return std::numeric_limits<double>::infinity();
  const double mse = static_cast<double>(sum) / static_cast<double>(samples);
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

// The one place frames are compared: psnr_db of two frames is this without a next one.
OwnAndNext squared_errors(const PlanarFrame& own, const PlanarFrame& got, const PlanarFrame* next) {
  check_same_shape(own, got);
  OwnAndNext e;
  if (!next) {
    for (std::size_t i = 0; i < own.planes.size(); ++i) e.got.add(own.planes[i].view(), got.planes[i].view());
    return e;
  }
  check_same_shape(own, *next);
  for (std::size_t p = 0; p < own.planes.size(); ++p) {
    const ConstFrameView o = own.planes[p].view(), g = got.planes[p].view(), x = next->planes[p].view();
    for (int y = 0; y < o.height; ++y) {
      std::uint32_t to_got = 0, to_next = 0;
      row_squared_errors(o.row(y), g.row(y), x.row(y), o.row_bytes(), to_got, to_next);
      e.got.sum += to_got;
      e.next.sum += to_next;
    }
    const auto samples = static_cast<std::uint64_t>(o.row_bytes()) * static_cast<std::uint64_t>(o.height);
    e.got.samples += samples;
    e.next.samples += samples;
  }
  return e;
}

int max_difference(const PlanarFrame& a, const PlanarFrame& b) {
  check_same_shape(a, b);
  int largest = 0;
  for (std::size_t p = 0; p < a.planes.size(); ++p) largest = std::max(largest, framebench::max_difference(a.planes[p].view(), b.planes[p].view()));
  return largest;
}

double psnr_db(ConstFrameView a, ConstFrameView b) {
  SquaredError e;
  e.add(a, b);
  return e.psnr_db();
}

double psnr_db(const PlanarFrame& a, const PlanarFrame& b) { return squared_errors(a, b, nullptr).got.psnr_db(); }

}  // namespace framebench::harness
