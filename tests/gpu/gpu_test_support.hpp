#pragma once
// Shared by the gpu tests: fresh random frames and kernels, comparison with the reference, and
// the skip that every device test starts with.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/frame.hpp"
#include "kernels/cpu/reference.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::gpu_testing {

// Device tests skip, with the reason, where no device can run the kernels.
#define FRAMEBENCH_REQUIRE_GPU()                                                     \
  do {                                                                               \
    if (const auto why = ::framebench::kernels::cuda::unavailable_reason(); !why.empty()) \
      GTEST_SKIP() << why;                                                           \
  } while (0)

// Seeded from the test's own random device, printed on failure, so every run draws new data.
inline std::mt19937& rng() {
  static std::mt19937 engine([] {
    const unsigned seed = std::random_device{}();
    std::printf("gpu tests: random seed %u\n", seed);
    return seed;
  }());
  return engine;
}

inline Frame random_frame(int width, int height) {
  Frame f(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width * kChannels; ++x) f.row(y)[x] = static_cast<std::uint8_t>(rng()());
  return f;
}

inline void fill(Frame& f, std::uint8_t value) {
  for (int y = 0; y < f.height(); ++y)
    for (int x = 0; x < f.width() * kChannels; ++x) f.row(y)[x] = value;
}

// A non-separable kernel of odd `size` with random coefficients of both signs whose magnitudes
// sum to about 4 (well inside the accumulator's range), so outputs are often clamped as well.
inline kernels::KernelSpec random_kernel(int size) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  std::vector<double> c(static_cast<std::size_t>(size) * size);
  double magnitude = 0;
  for (auto& v : c) magnitude += std::abs(v = u(rng()));
  for (auto& v : c) v *= 4.0 / magnitude;
  c[c.size() / 2] += 1.0;  // keep some image in the output
  return kernels::make_custom_kernel("random" + std::to_string(size), std::move(c));
}

// Presets, parametric separable kernels and random 2-D kernels up to the largest size.
inline std::vector<kernels::KernelSpec> test_kernels() {
  std::vector<kernels::KernelSpec> ks;
  for (const auto& name : kernels::preset_names()) ks.push_back(kernels::make_kernel(name));
  for (const char* name : {"box:1", "box:9", "gaussian:11:3.5", "box:31", "gaussian:63"}) ks.push_back(kernels::make_kernel(name));
  for (int size : {1, 3, 5, 9, 15}) ks.push_back(random_kernel(size));
  return ks;
}

// Sizes: 1xN and Nx1, odd, smaller than one tile, not multiples of the tile (32 x 8/16/32), and
// wide enough for interior tiles (whole 16-byte vector loads) at every radius up to 15.
inline std::vector<std::pair<int, int>> test_sizes() {
  return {{1, 1}, {1, 23}, {29, 1}, {2, 3}, {31, 9}, {33, 33}, {65, 40}, {131, 37}, {203, 70}};
}

inline Frame reference(const kernels::KernelSpec& k, const Frame& in) {
  Frame out(in.width(), in.height());
  kernels::reference_filter(k, in.view(), out.view());
  return out;
}

}  // namespace framebench::gpu_testing
