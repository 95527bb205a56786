#pragma once
// cpu-fast's separable path on CPUs with AVX-512 VNNI and VBMI, in integers throughout.
//
// Horizontal: vpermb gathers, for 16 output samples, the 4 input bytes of 4 consecutive taps
// into each 32-bit lane, and vpdpbusd multiplies them by 4 int8 row taps and adds: 4 taps per
// instruction, where the portable pass spends about 3 per tap pair. Its sums (at most
// 255 * 257) are kept minus 32768, so they fit int16, in a ring of "pair rows": slot v holds
// row v's sums in the low half of each 32-bit lane and row v+1's in the high half.
// Vertical: vpdpwssd multiplies a pair row by two int16 column taps and adds: 2 taps per
// instruction with no fold, and the offset comes back as a constant in the starting sum.
// Every step is exact integer arithmetic, so the output is the reference's bit for bit.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/frame.hpp"

namespace framebench::kernels {

struct FastScratch;

inline constexpr int kVnniMaxChannels = 16;  // frames with more channels take the portable path
inline constexpr int kVnniMaxSize = 16;      // longer row factors too

// The horizontal pass alone: K row taps, non-negative, each fitting int8.
struct VnniRow {
  int size = 0;                             // K
  std::vector<std::int32_t> groups;         // row taps 4j..4j+3 as int8, in one int32 each
};

struct VnniSeparable {
  VnniRow row;
  int column_first = 0;                     // the column's first non-zero tap
  int column_length = 0;                    // through its last non-zero tap
  std::vector<std::int32_t> column_pairs;   // column taps 2m, 2m+1 (from first) as int16
  std::int32_t start = 0;                   // the vertical sum's start: rounding bias + offset back
};

// Whether this CPU has the instructions (AVX-512 F, BW, VL, VBMI, VNNI and BMI2).
bool vnni_supported();

// The row's plan where its taps fit (at most kVnniMaxSize of them, and 255 * their sum <= 65535)
// and vnni_supported().
std::optional<VnniRow> plan_vnni_row(const std::vector<std::int64_t>& row);

// The plan for an exact integer factorisation (row non-negative, 255 * its sum <= 65535), or
// nothing where a tap does not fit (row taps int8, column taps int16) or !vnni_supported().
std::optional<VnniSeparable> plan_vnni_separable(const std::vector<std::int64_t>& row,
                                                 const std::vector<std::int64_t>& column);

// The horizontal pass alone, for the portable path's running-sum columns: `out[k]` = the row
// taps over input row `sy` at samples s0 + k, k < n, as floats (exact: sums below 2^16).
// `buf` holds n + (K - 1) * channels bytes (a strip's copy with reflected margins).
void horizontal_floats_vnni(const VnniRow& row, ConstFrameView in, int sy, long s0, long n, float* out, std::uint8_t* buf);

// Output rows [y0, y1) in column strips of `strip` samples (a multiple of 48).
void separable_rows_vnni(const VnniSeparable& plan, ConstFrameView in, FrameView out, int y0, int y1,
                         std::size_t strip, FastScratch& scratch);

}  // namespace framebench::kernels
