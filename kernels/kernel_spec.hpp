#pragma once
// What a convolution kernel is, and the one integer arithmetic every direct implementation
// reproduces bit for bit:
//   acc  = sum over taps of tap[i][j] * pixel(reflect101(y+i-r), reflect101(x+j-r))   (int32)
//   out  = saturate_u8((acc + 2^(shift-1)) >> shift)        (arithmetic shift: floor division)
// Coefficients are quantised to fixed point once, here. A rank-one (separable) kernel is stored
// as its 1-D factors quantised with kSeparableShift bits each; its 2-D taps are their exact
// outer product, so a two-pass implementation with an exact int32 intermediate equals the 2-D sum.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace framebench::kernels {

inline constexpr int kMaxKernelSize = 63;
inline constexpr int kShift = 16;          // fractional bits of 2-D taps
inline constexpr int kSeparableShift = 8;  // fractional bits of each 1-D factor (8 + 8 = kShift)

struct SeparableTaps {
  std::vector<std::int32_t> row;     // applied along x, Q(kSeparableShift)
  std::vector<std::int32_t> column;  // applied along y, Q(kSeparableShift)
};

struct KernelSpec {
  std::string name;                  // as the user wrote it, e.g. "box5", "gaussian:9:2.0"
  int size = 0;                      // odd, 1..kMaxKernelSize
  std::vector<double> coefficients;  // size*size, row-major, as defined (before quantisation)
  std::vector<std::int32_t> taps;    // size*size, Q(kShift), the arithmetic's ground truth
  std::optional<SeparableTaps> separable;

  int radius() const { return size / 2; }
  std::int32_t tap(int i, int j) const { return taps[static_cast<std::size_t>(i) * size + j]; }
};

// Parses a preset or parametric name: box3 box5 box7 box15 gaussian5 gaussian15 sharpen3
// laplacian3 edge3 emboss3, box:K, gaussian:K:SIGMA, disc:K (flat disc of radius K/2, not
// separable), custom:c1,c2,...[/divisor].
// Throws InputError naming the kernel when it is unknown, malformed or could overflow.
KernelSpec make_kernel(std::string_view name);

// Builds a kernel from explicit coefficients (config `custom`), quantised with kShift bits.
KernelSpec make_custom_kernel(std::string name, std::vector<double> coefficients);

// Checks a kernel that arrived whole (the worker protocol) rather than from make_kernel: an odd
// size from 1 to kMaxKernelSize, size*size finite coefficients and taps, 1-D factors of `size`
// whose outer product is the taps, and an accumulator that cannot overflow. Every filter indexes
// the taps by `size` and trusts these; throws InputError naming the kernel and what is wrong.
void check_kernel(const KernelSpec& kernel);

// Names of the presets, for `framebench list kernels`.
std::vector<std::string> preset_names();

// OpenCV's getGaussianKernel default sigma for a size.
double default_gaussian_sigma(int size);

// Border rule: reflect-101 (OpenCV's BORDER_REFLECT_101), any distance outside, n >= 1.
constexpr int reflect101(int i, int n) {
  if (n == 1) return 0;
  while (i < 0 || i >= n) {
    if (i < 0) i = -i;
    if (i >= n) i = 2 * n - 2 - i;
  }
  return i;
}

constexpr std::uint8_t round_shift_saturate(std::int32_t acc, int shift = kShift) {
  const std::int32_t v = (acc + (std::int32_t{1} << (shift - 1))) >> shift;
  return static_cast<std::uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

}  // namespace framebench::kernels
