#pragma once
// cuda-fft's arithmetic, outside cuFFT itself. With the frame padded by the radius r on every
// side by reflect-101, P(y', x') = in(reflect101(y' - r), reflect101(x' - r)), the filter is the
// correlation  out(y, x) = sum_ij tap(i, j) P(y + i, x + j),  whose indices stay inside the
// (H + 2r) x (W + 2r) padded frame. Zero-extended to ny x nx (any sizes at least that large,
// chosen 7-smooth for fast transforms), it equals the circular convolution P (*) g with
// g((-i) mod ny, (-j) mod nx) = tap(i, j): no term wraps around for the (y, x) we keep. So
// out = IFFT(FFT(P) . FFT(g)), cropped to the frame, then rounded like the integer arithmetic.
//
// Precision: the result must land within 1 of the integer reference, i.e. an absolute error
// under 1 after rounding. The standard bound for FFT convolution makes the error's 2-norm over
// the frame about c * log2(N) * eps * ||P||_2 * max|FFT(g)|. For a 2160p frame
// ||P||_2 <= 255 * sqrt(N) = 255 * 2900, log2(N) = 23 and max|FFT(g)| <= sum|taps| (16 for
// edge3): with float (eps 6e-8) that is about 16 in the worst case, which does not rule out one
// pixel off by more than 1; with double (eps 1.1e-16) it is about 3e-8. So the planes are double
// (cuFFT D2Z / Z2D). Typical float errors are far smaller, but a guarantee is what is wanted.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/cuda/host_device.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels::cuda {

struct FftLayout {
  int width, height, radius;
  int nx, ny;    // transform size: at least (width + 2r) x (height + 2r)
  int real_row;  // 2 * (nx / 2 + 1): row length of an in-place D2Z real plane, in doubles
  FRAMEBENCH_HD int complex_row() const { return nx / 2 + 1; }
  FRAMEBENCH_HD std::size_t plane_doubles() const { return static_cast<std::size_t>(ny) * real_row; }
  FRAMEBENCH_HD std::size_t plane_complex() const { return static_cast<std::size_t>(ny) * complex_row(); }
};

// The least n' >= n whose only prime factors are 2, 3, 5 and 7 (cuFFT's fast radices).
inline int next_smooth(int n) {
  for (int m = n < 1 ? 1 : n;; ++m) {
    int k = m;
    for (int p : {2, 3, 5, 7})
      while (k % p == 0) k /= p;
    if (k == 1) return m;
  }
}

inline FftLayout make_fft_layout(int width, int height, int size) {
  FftLayout l{};
  l.width = width;
  l.height = height;
  l.radius = size / 2;
  l.nx = next_smooth(width + 2 * l.radius);
  l.ny = next_smooth(height + 2 * l.radius);
  l.real_row = 2 * (l.nx / 2 + 1);
  return l;
}

// Writes element (yy, xx) of the frame's three planes (B, G, R at planes, planes + plane_doubles,
// ...): the reflect-padded pixel, or 0 outside the padded frame (the D2Z row padding included).
FRAMEBENCH_HD void pad_element(const std::uint8_t* frame, int pitch, const FftLayout& l, double* planes, int yy, int xx) {
  double b = 0, g = 0, r = 0;
  if (yy < l.height + 2 * l.radius && xx < l.width + 2 * l.radius) {
    const std::uint8_t* p = frame + reflect101(yy - l.radius, l.height) * pitch + 3 * reflect101(xx - l.radius, l.width);
    b = p[0];
    g = p[1];
    r = p[2];
  }
  const std::size_t i = static_cast<std::size_t>(yy) * l.real_row + xx;
  planes[i] = b;
  planes[l.plane_doubles() + i] = g;
  planes[2 * l.plane_doubles() + i] = r;
}

// round_shift_saturate's rounding on the real result: (acc + 2^15) >> 16 == floor(acc / 2^16 + 0.5).
FRAMEBENCH_HD std::uint8_t round_saturate(double v) {
  const double r = floor(v + 0.5);
  return !(r > 0) ? 0 : (r >= 255 ? 255 : static_cast<std::uint8_t>(r));
}

// Output pixel (y, x) from the three filtered planes.
FRAMEBENCH_HD void crop_pixel(const double* planes, const FftLayout& l, std::uint8_t* frame, int pitch, int y, int x) {
  const std::size_t i = static_cast<std::size_t>(y) * l.real_row + x;
  std::uint8_t* p = frame + y * pitch + 3 * x;
  p[0] = round_saturate(planes[i]);
  p[1] = round_saturate(planes[l.plane_doubles() + i]);
  p[2] = round_saturate(planes[2 * l.plane_doubles() + i]);
}

// g in the in-place real layout, each tap as its real value tap / 2^16 times `scale` (cuFFT's
// inverse is unnormalised: pass 1 / (nx * ny) to fold the normalisation into the spectrum).
inline std::vector<double> kernel_image(const KernelSpec& kernel, const FftLayout& l, double scale) {
  std::vector<double> g(l.plane_doubles(), 0.0);
  for (int i = 0; i < kernel.size; ++i)
    for (int j = 0; j < kernel.size; ++j) {
      const std::size_t at = static_cast<std::size_t>((l.ny - i) % l.ny) * l.real_row + (l.nx - j) % l.nx;
      g[at] = std::ldexp(static_cast<double>(kernel.tap(i, j)), -kShift) * scale;
    }
  return g;
}

}  // namespace framebench::kernels::cuda
