#pragma once
// The direct convolution kernels' bodies (see host_device.hpp for why they are plain functions
// of indices). The arithmetic is kernel_spec.hpp's own reflect101 and round_shift_saturate
// (nvcc compiles those constexpr functions for the device with --expt-relaxed-constexpr), with
// int32 accumulation: kernel_spec's range check bounds every partial sum of tap * pixel terms,
// whatever their order, between 255 * (sum of negative taps) and 255 * (sum of positive taps),
// so no order of summation overflows and every order gives the reference's integer.
#include <cstddef>
#include <cstdint>

#include "kernels/cuda/host_device.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels::cuda {

// One batch of frames in device memory; offsets inside a frame fit in int (checked on the host).
struct BatchArgs {
  const std::uint8_t* in;
  std::uint8_t* out;
  int width;
  int height;
  int pitch;                // bytes between rows, a multiple of 64
  std::size_t frame_bytes;  // between frames
};

// ---- cuda-global: one thread per pixel, all three channels, taps and pixels from global memory.

template <class Taps>
FRAMEBENCH_HD void global_pixel(const std::uint8_t* in, std::uint8_t* out, int width, int height, int pitch, int size,
                                Taps taps, int x, int y) {
  if (x >= width || y >= height) return;
  const int r = size / 2;
  std::int32_t a0 = 0, a1 = 0, a2 = 0;
  for (int i = 0; i < size; ++i) {
    const std::uint8_t* row = in + reflect101(y + i - r, height) * pitch;
    for (int j = 0; j < size; ++j) {
      const std::uint8_t* p = row + 3 * reflect101(x + j - r, width);
      const std::int32_t t = taps(i * size + j);
      a0 += t * p[0];
      a1 += t * p[1];
      a2 += t * p[2];
    }
  }
  std::uint8_t* o = out + y * pitch + 3 * x;
  o[0] = round_shift_saturate(a0);
  o[1] = round_shift_saturate(a1);
  o[2] = round_shift_saturate(a2);
}

// ---- Shared-memory tiles. A block of kBlockX x kBlockY threads produces a tile of kTileWidth x
// tile_h output pixels; it first copies the input tile plus a halo of `radius` pixels on every
// side into shared memory.

inline constexpr int kTileWidth = 32;  // output pixels per tile row, one per thread in x
inline constexpr int kBlockX = 32;
inline constexpr int kBlockY = 8;
inline constexpr int kBlockThreads = kBlockX * kBlockY;

// Shared-memory layout of a tile: in_h() rows of smem_pitch() bytes. Row k holds input row
// y0 - r + k; its bytes start at `tile_shift(x0, r)` so that, for tiles away from the left and
// right borders, whole 16-byte aligned vectors of the global row land 16-byte aligned in shared
// memory. Pixel column c (input x = x0 - r + c) channel ch is at byte shift + 3 * c + ch.
struct TileGeometry {
  int radius;
  int tile_h;  // output rows per tile
  FRAMEBENCH_HD int in_w() const { return kTileWidth + 2 * radius; }
  FRAMEBENCH_HD int in_h() const { return tile_h + 2 * radius; }
  FRAMEBENCH_HD int smem_pitch() const { return (3 * in_w() + 15 + 15) / 16 * 16; }  // room for the shift
  FRAMEBENCH_HD int tile_bytes() const { return smem_pitch() * in_h(); }
  // The separable kernel's exact intermediate: in_h() x kTileWidth x 3 int32 after the row pass.
  FRAMEBENCH_HD int rows_bytes() const { return in_h() * kTileWidth * 3 * 4; }
};

// First byte of the tile's input (may be negative at the left border), and its offset from the
// 16-byte boundary below it (two's complement makes & 15 a floor modulo for negatives too).
FRAMEBENCH_HD int tile_first_byte(int x0, int radius) { return 3 * (x0 - radius); }
FRAMEBENCH_HD int tile_shift(int x0, int radius) { return tile_first_byte(x0, radius) & 15; }

// Thread `t` of `threads` copies its share of the tile whose top-left output pixel is (x0, y0).
// Interior tiles (whole input columns inside the frame) move 16-byte vectors: the row pitch is a
// multiple of 64 and at least 3 * width, so the vector that holds the last byte of a row is still
// inside that row's pitch. Tiles touching the left or right border copy byte by byte, reflecting.
FRAMEBENCH_HD void load_tile(const std::uint8_t* frame, int width, int height, int pitch, TileGeometry g, int x0, int y0,
                             std::uint8_t* smem, int t, int threads) {
  const int r = g.radius;
  const int first = tile_first_byte(x0, r);
  const int shift = tile_shift(x0, r);
  const int row_bytes = 3 * g.in_w();
  const int pitch_s = g.smem_pitch();
  if (x0 - r >= 0 && x0 + kTileWidth + r <= width) {
    const int aligned = first - shift;
    const int vectors = (shift + row_bytes + 15) / 16;
    for (int k = t; k < vectors * g.in_h(); k += threads) {
      const int row = k / vectors;
      const int v = k - row * vectors;
      const int y = reflect101(y0 - r + row, height);
      copy16(smem + row * pitch_s + 16 * v, frame + y * pitch + aligned + 16 * v);
    }
  } else {
    for (int k = t; k < row_bytes * g.in_h(); k += threads) {
      const int row = k / row_bytes;
      const int b = k - row * row_bytes;
      const int c = b / 3;
      const int y = reflect101(y0 - r + row, height);
      const int x = reflect101(x0 - r + c, width);
      smem[row * pitch_s + shift + b] = frame[y * pitch + 3 * x + (b - 3 * c)];
    }
  }
}

// ---- cuda-shared, one 2-D pass. Thread (tx, ty) computes RPT consecutive output rows of column
// tx: each shared-memory pixel it reads feeds up to RPT accumulators (register blocking), and
// within a warp (one ty) every tap index is uniform, so constant-memory reads broadcast.
template <int RPT, class Taps>
FRAMEBENCH_HD void convolve_tile(const std::uint8_t* smem, TileGeometry g, int size, Taps taps, std::uint8_t* out,
                                 int width, int height, int pitch, int x0, int y0, int tx, int ty) {
  std::int32_t acc[RPT][3];
  for (int o = 0; o < RPT; ++o) acc[o][0] = acc[o][1] = acc[o][2] = 0;
  const int pitch_s = g.smem_pitch();
  const std::uint8_t* column = smem + tile_shift(x0, g.radius) + 3 * tx;
  const int first_row = ty * RPT;
  for (int s = 0; s < size + RPT - 1; ++s) {
    const std::uint8_t* row = column + (first_row + s) * pitch_s;
    for (int j = 0; j < size; ++j) {
      const std::int32_t p0 = row[3 * j], p1 = row[3 * j + 1], p2 = row[3 * j + 2];
#if defined(__CUDA_ARCH__)
#pragma unroll
#endif
      for (int o = 0; o < RPT; ++o) {
        const int i = s - o;  // tap row for output row first_row + o
        if (i >= 0 && i < size) {
          const std::int32_t t = taps(i * size + j);
          acc[o][0] += t * p0;
          acc[o][1] += t * p1;
          acc[o][2] += t * p2;
        }
      }
    }
  }
  const int x = x0 + tx;
  if (x >= width) return;
  for (int o = 0; o < RPT; ++o) {
    const int y = y0 + first_row + o;
    if (y >= height) return;
    std::uint8_t* p = out + y * pitch + 3 * x;
    p[0] = round_shift_saturate(acc[o][0]);
    p[1] = round_shift_saturate(acc[o][1]);
    p[2] = round_shift_saturate(acc[o][2]);
  }
}

// ---- cuda-shared, two passes for rank-one kernels (KernelSpec::separable): taps(i, j) ==
// column[i] * row[j] exactly, so summing row[j] * pixel along x into an exact int32 intermediate
// and then column[i] * intermediate along y adds the very same integer terms as the 2-D pass.

// Row pass: every intermediate element (in_h() rows x kTileWidth columns x 3 channels), shared
// among the block's threads.
template <class Taps>
FRAMEBENCH_HD void separable_rows(const std::uint8_t* smem, TileGeometry g, int size, Taps row_taps, int x0,
                                  std::int32_t* rows, int t, int threads) {
  const int pitch_s = g.smem_pitch();
  const std::uint8_t* base = smem + tile_shift(x0, g.radius);
  for (int k = t; k < g.in_h() * kTileWidth; k += threads) {
    const int row = k / kTileWidth;
    const int col = k - row * kTileWidth;
    const std::uint8_t* p = base + row * pitch_s + 3 * col;
    std::int32_t a0 = 0, a1 = 0, a2 = 0;
    for (int j = 0; j < size; ++j) {
      const std::int32_t w = row_taps(j);
      a0 += w * p[3 * j];
      a1 += w * p[3 * j + 1];
      a2 += w * p[3 * j + 2];
    }
    rows[3 * k] = a0;
    rows[3 * k + 1] = a1;
    rows[3 * k + 2] = a2;
  }
}

// Column pass: thread (tx, ty) finishes RPT consecutive output rows of column tx.
template <int RPT, class Taps>
FRAMEBENCH_HD void separable_columns(const std::int32_t* rows, int size, Taps column_taps,
                                     std::uint8_t* out, int width, int height, int pitch, int x0, int y0, int tx,
                                     int ty) {
  const int x = x0 + tx;
  if (x >= width) return;
  for (int o = 0; o < RPT; ++o) {
    const int first = ty * RPT + o;  // tile row of this output's top tap
    const int y = y0 + first;
    if (y >= height) return;
    std::int32_t a0 = 0, a1 = 0, a2 = 0;
    for (int i = 0; i < size; ++i) {
      const std::int32_t w = column_taps(i);
      const std::int32_t* v = rows + 3 * ((first + i) * kTileWidth + tx);
      a0 += w * v[0];
      a1 += w * v[1];
      a2 += w * v[2];
    }
    std::uint8_t* p = out + y * pitch + 3 * x;
    p[0] = round_shift_saturate(a0);
    p[1] = round_shift_saturate(a1);
    p[2] = round_shift_saturate(a2);
  }
}

}  // namespace framebench::kernels::cuda
