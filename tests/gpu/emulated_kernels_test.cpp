// The CUDA kernels' bodies run on the CPU, block by block and thread by thread as the device
// runs them (all threads' loads, barrier, all threads' computation), against the reference.
// This needs no device: it checks the tiling, halo, alignment shift, vector loads and border
// arithmetic of the very code the __global__ wrappers call. The FFT path's padding, kernel
// placement and cropping are checked the same way, with an exact circular convolution standing
// in for cuFFT.
#include <gtest/gtest.h>

#include <vector>

#include "gpu_test_support.hpp"
#include "kernels/cuda/direct_body.hpp"
#include "kernels/cuda/fft_layout.hpp"

namespace framebench::kernels::cuda {
namespace {

using gpu_testing::fill;
using framebench::max_difference;
using gpu_testing::random_frame;
using gpu_testing::reference;
using gpu_testing::test_kernels;
using gpu_testing::test_sizes;

int blocks(int n, int per_block) { return (n + per_block - 1) / per_block; }

void emulate_global(const KernelSpec& k, ConstFrameView in, FrameView out) {
  const auto pitch = static_cast<int>(in.stride);
  for (int by = 0; by < blocks(in.height, kBlockY); ++by)
    for (int bx = 0; bx < blocks(in.width, kBlockX); ++bx)
      for (int ty = 0; ty < kBlockY; ++ty)
        for (int tx = 0; tx < kBlockX; ++tx)
          global_pixel(in.data, out.data, in.width, in.height, pitch, k.size, PointerTaps{k.taps.data()}, bx * kBlockX + tx,
                       by * kBlockY + ty);
}

// The poison makes reads of shared memory no thread wrote show up as wrong pixels.
constexpr std::uint8_t kSmemPoison = 0xA7;

template <int RPT>
void emulate_shared_2d(const KernelSpec& k, ConstFrameView in, FrameView out) {
  const TileGeometry g{k.radius(), kBlockY * RPT};
  const auto pitch = static_cast<int>(in.stride);
  std::vector<std::uint8_t> smem(static_cast<std::size_t>(g.tile_bytes()));
  for (int by = 0; by < blocks(in.height, g.tile_h); ++by)
    for (int bx = 0; bx < blocks(in.width, kTileWidth); ++bx) {
      const int x0 = bx * kTileWidth, y0 = by * g.tile_h;
      std::fill(smem.begin(), smem.end(), kSmemPoison);
      for (int t = 0; t < kBlockThreads; ++t) load_tile(in.data, in.width, in.height, pitch, g, x0, y0, smem.data(), t, kBlockThreads);
      for (int ty = 0; ty < kBlockY; ++ty)
        for (int tx = 0; tx < kBlockX; ++tx)
          convolve_tile<RPT>(smem.data(), g, k.size, PointerTaps{k.taps.data()}, out.data, in.width, in.height, pitch, x0, y0, tx, ty);
    }
}

template <int RPT>
void emulate_separable(const KernelSpec& k, ConstFrameView in, FrameView out) {
  const TileGeometry g{k.radius(), kBlockY * RPT};
  const auto pitch = static_cast<int>(in.stride);
  std::vector<std::uint8_t> smem(static_cast<std::size_t>(g.tile_bytes()));
  std::vector<std::int32_t> rows(static_cast<std::size_t>(g.rows_bytes()) / 4);
  for (int by = 0; by < blocks(in.height, g.tile_h); ++by)
    for (int bx = 0; bx < blocks(in.width, kTileWidth); ++bx) {
      const int x0 = bx * kTileWidth, y0 = by * g.tile_h;
      std::fill(smem.begin(), smem.end(), kSmemPoison);
      std::fill(rows.begin(), rows.end(), 0x7eadbeef);
      for (int t = 0; t < kBlockThreads; ++t) load_tile(in.data, in.width, in.height, pitch, g, x0, y0, smem.data(), t, kBlockThreads);
      for (int t = 0; t < kBlockThreads; ++t)
        separable_rows(smem.data(), g, k.size, PointerTaps{k.separable->row.data()}, x0, rows.data(), t, kBlockThreads);
      for (int ty = 0; ty < kBlockY; ++ty)
        for (int tx = 0; tx < kBlockX; ++tx)
          separable_columns<RPT>(rows.data(), k.size, PointerTaps{k.separable->column.data()}, out.data, in.width, in.height,
                                 pitch, x0, y0, tx, ty);
    }
}

// Runs `emulate` twice over differently poisoned outputs: both must equal the reference, so
// every output sample was written. `emulate` returns false for a kernel its path does not take.
template <class Emulate>
void expect_exact(const char* what, Emulate emulate) {
  for (const auto& k : test_kernels()) {
    for (const auto& [w, h] : test_sizes()) {
      const Frame in = random_frame(w, h);
      const Frame want = reference(k, in);
      for (std::uint8_t poison : {0x00, 0xFF}) {
        Frame out(w, h);
        fill(out, poison);
        if (!emulate(k, in.view(), out.view())) break;
        ASSERT_EQ(max_difference(out.view(), want.view()), 0) << what << " " << k.name << " on " << w << "x" << h;
      }
    }
  }
}

TEST(EmulatedCudaKernels, GlobalIsBitExact) {
  expect_exact("global", [](const KernelSpec& k, ConstFrameView in, FrameView out) {
    emulate_global(k, in, out);
    return true;
  });
}

TEST(EmulatedCudaKernels, Shared2dIsBitExact) {
  expect_exact("shared-2d", [](const KernelSpec& k, ConstFrameView in, FrameView out) {
    emulate_shared_2d<4>(k, in, out);
    return true;
  });
}

TEST(EmulatedCudaKernels, SeparableIsBitExactAtEveryTileHeight) {
  int separable = 0;
  expect_exact("separable", [&](const KernelSpec& k, ConstFrameView in, FrameView out) {
    if (!k.separable) return false;  // only rank-one kernels take this path
    ++separable;
    emulate_separable<4>(k, in, out);
    Frame two(in.width, in.height), one(in.width, in.height);
    emulate_separable<2>(k, in, two.view());
    emulate_separable<1>(k, in, one.view());
    EXPECT_TRUE(same_pixels(out, two.view()) && same_pixels(out, one.view())) << k.name;
    return true;
  });
  EXPECT_GT(separable, 0);
}

TEST(EmulatedCudaKernels, InteriorTilesUseAlignedVectorsInsideThePitch) {
  // The vector path reads up to the 16-byte boundary after the tile's last byte; that must stay
  // inside the row's pitch for every width where a tile is interior.
  for (int r : {0, 1, 2, 7, 15, 31})
    for (int width = 1; width < 300; ++width)
      for (int x0 = 0; x0 < width; x0 += kTileWidth) {
        if (x0 - r < 0 || x0 + kTileWidth + r > width) continue;
        const int first = tile_first_byte(x0, r);
        const int end = first - tile_shift(x0, r) + 16 * ((tile_shift(x0, r) + 3 * (kTileWidth + 2 * r) + 15) / 16);
        ASSERT_LE(end, static_cast<int>(Frame(width, 1).stride())) << "r " << r << " width " << width << " x0 " << x0;
        ASSERT_EQ((first - tile_shift(x0, r)) % 16, 0);
      }
}

TEST(EmulatedCudaKernels, SharedMemoryFitsEveryKernelSize) {
  for (int size = 1; size <= kMaxKernelSize; size += 2) {
    const TileGeometry g2d{size / 2, kBlockY * 4};
    EXPECT_LE(g2d.tile_bytes(), 48 * 1024) << size;  // the 2-D kernel never needs the opt-in
    const TileGeometry g1{size / 2, kBlockY};
    EXPECT_LE(g1.tile_bytes() + g1.rows_bytes(), 48 * 1024) << size;  // one row per thread always fits
    EXPECT_EQ(g1.tile_bytes() % 16, 0);
  }
}

// ---- cuda-fft without cuFFT: pad, convolve circularly with the placed kernel image, crop.

void emulate_fft(const KernelSpec& k, ConstFrameView in, FrameView out) {
  const FftLayout l = make_fft_layout(in.width, in.height, k.size);
  std::vector<double> planes(3 * l.plane_doubles(), -1.0);
  for (int yy = 0; yy < l.ny; ++yy)
    for (int xx = 0; xx < l.real_row; ++xx) pad_element(in.data, static_cast<int>(in.stride), l, planes.data(), yy, xx);
  const auto g = kernel_image(k, l, 1.0);
  std::vector<double> filtered(3 * l.plane_doubles(), 0.0);
  for (int u = 0; u < l.ny; ++u)
    for (int v = 0; v < l.nx; ++v) {
      const double gv = g[static_cast<std::size_t>(u) * l.real_row + v];
      if (gv == 0) continue;
      for (int c = 0; c < 3; ++c)
        for (int y = 0; y < l.ny; ++y)
          for (int x = 0; x < l.nx; ++x) {
            const std::size_t from = c * l.plane_doubles() + static_cast<std::size_t>((y - u + l.ny) % l.ny) * l.real_row + (x - v + l.nx) % l.nx;
            filtered[c * l.plane_doubles() + static_cast<std::size_t>(y) * l.real_row + x] += gv * planes[from];
          }
    }
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x) crop_pixel(filtered.data(), l, out.data, static_cast<int>(out.stride), y, x);
}

TEST(EmulatedCudaKernels, FftLayoutIsTheReferenceWhenTheTransformIsExact) {
  // Products tap/2^16 * pixel and their sums are exact in double here, so the pipeline around
  // cuFFT must reproduce the integer reference exactly; cuFFT's own rounding is the only error left.
  for (const char* name : {"box3", "sharpen3", "emboss3", "gaussian:7:1.2", "box:15"})
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{{1, 1}, {1, 9}, {13, 1}, {7, 5}, {23, 17}}) {
      const auto k = make_kernel(name);
      const Frame in = random_frame(w, h);
      Frame out(w, h);
      fill(out, 0x5A);
      emulate_fft(k, in.view(), out.view());
      ASSERT_EQ(max_difference(out.view(), reference(k, in).view()), 0) << name << " on " << w << "x" << h;
    }
  const auto k = gpu_testing::random_kernel(5);
  const Frame in = random_frame(11, 6);
  Frame out(11, 6);
  emulate_fft(k, in.view(), out.view());
  EXPECT_EQ(max_difference(out.view(), reference(k, in).view()), 0);
}

TEST(EmulatedCudaKernels, FftSizesAreSmoothAndLargeEnough) {
  for (int n = 1; n < 5000; n += 7) {
    const int s = next_smooth(n);
    ASSERT_GE(s, n);
    int k = s;
    for (int p : {2, 3, 5, 7})
      while (k % p == 0) k /= p;
    ASSERT_EQ(k, 1) << n;
  }
  const auto l = make_fft_layout(1920, 1080, 31);
  EXPECT_GE(l.nx, 1920 + 30);
  EXPECT_GE(l.ny, 1080 + 30);
  EXPECT_EQ(l.real_row, 2 * (l.nx / 2 + 1));
}

}  // namespace
}  // namespace framebench::kernels::cuda
