#include "kernels/cpu/fast.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <optional>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "kernels/cpu/rank_one.hpp"
#include "kernels/cpu/strip_source.hpp"
#include "kernels/cpu/target_clones.hpp"


namespace framebench::kernels {

const char* to_string(FastPath path) {
  switch (path) {
    case FastPath::separable: return "separable";
    case FastPath::separable_vnni: return "separable-vnni";
    case FastPath::direct_int16: return "direct-int16";
    case FastPath::direct_float: return "direct-float";
    case FastPath::direct_int32: return "direct-int32";
  }
  return "?";
}

namespace {

constexpr int kGroup = 8;             // taps summed per pass over the accumulator (registers)
constexpr std::size_t kChunk = 1024;  // direct: samples per chunk, so sums and sources stay in L1
constexpr std::size_t kStripFloats = 6144;  // separable: ring rows x strip width, in floats (24 KiB)
constexpr std::int64_t kFloatExact = std::int64_t{1} << 24;  // floats hold every integer up to here
constexpr int kRunningMin = 9;        // separable: smallest box-like factor summed as a box
constexpr int kMaxOdd = 4;            // separable: most taps of a box-like factor off its common value

// ---------------------------------------------------------------------------------------------
// One output row from many source rows: groups of G taps over n samples. Tap g adds
// w[g] * a[g][k]; with Pair it adds w[g] * (a[g][k] + b[g][k]), two taps of equal weight for one
// multiply. weighted_sum leaves the sum in acc; weighted_sum_out finishes it into `out`.

template <int G, bool First, bool Pair, typename S, typename A>
FRAMEBENCH_INLINE void weighted_sum(A* __restrict acc, const S* const* a, const S* const* b, const A* w, std::size_t n) {
  const S* pa[G];
  const S* pb[G];
  A ww[G];
  for (int g = 0; g < G; ++g) {
    pa[g] = a[g];
    pb[g] = Pair ? b[g] : nullptr;
    ww[g] = w[g];
  }
  for (std::size_t k = 0; k < n; ++k) {
    A v = First ? A(0) : acc[k];
    for (int g = 0; g < G; ++g) {
      // The pair's sum in A keeps 16-bit arithmetic in 16-bit vector lanes.
      if constexpr (Pair) v = static_cast<A>(v + ww[g] * static_cast<A>(pa[g][k] + pb[g][k]));
      else v = static_cast<A>(v + ww[g] * pa[g][k]);
    }
    acc[k] = v;
  }
}

template <int G, bool First, bool Pair, typename S, typename A, typename O, typename Final>
FRAMEBENCH_INLINE void weighted_sum_out(O* __restrict out, const A* __restrict acc, const S* const* a, const S* const* b,
                                        const A* w, std::size_t n, Final fin) {
  const S* pa[G];
  const S* pb[G];
  A ww[G];
  for (int g = 0; g < G; ++g) {
    pa[g] = a[g];
    pb[g] = Pair ? b[g] : nullptr;
    ww[g] = w[g];
  }
  for (std::size_t k = 0; k < n; ++k) {
    A v = First ? A(0) : acc[k];
    for (int g = 0; g < G; ++g) {
      if constexpr (Pair) v = static_cast<A>(v + ww[g] * static_cast<A>(pa[g][k] + pb[g][k]));
      else v = static_cast<A>(v + ww[g] * pa[g][k]);
    }
    out[k] = fin(v);
  }
}

template <bool First, bool Pair, typename S, typename A>
FRAMEBENCH_INLINE void weighted_sum(int g, A* acc, const S* const* a, const S* const* b, const A* w, std::size_t n) {
  switch (g) {
    case 1: return weighted_sum<1, First, Pair>(acc, a, b, w, n);
    case 2: return weighted_sum<2, First, Pair>(acc, a, b, w, n);
    case 3: return weighted_sum<3, First, Pair>(acc, a, b, w, n);
    case 4: return weighted_sum<4, First, Pair>(acc, a, b, w, n);
    case 5: return weighted_sum<5, First, Pair>(acc, a, b, w, n);
    case 6: return weighted_sum<6, First, Pair>(acc, a, b, w, n);
    case 7: return weighted_sum<7, First, Pair>(acc, a, b, w, n);
    default: return weighted_sum<8, First, Pair>(acc, a, b, w, n);
  }
}

template <bool First, bool Pair, typename S, typename A, typename O, typename Final>
FRAMEBENCH_INLINE void weighted_sum_out(int g, O* out, const A* acc, const S* const* a, const S* const* b, const A* w,
                                        std::size_t n, Final fin) {
  switch (g) {
    case 1: return weighted_sum_out<1, First, Pair>(out, acc, a, b, w, n, fin);
    case 2: return weighted_sum_out<2, First, Pair>(out, acc, a, b, w, n, fin);
    case 3: return weighted_sum_out<3, First, Pair>(out, acc, a, b, w, n, fin);
    case 4: return weighted_sum_out<4, First, Pair>(out, acc, a, b, w, n, fin);
    case 5: return weighted_sum_out<5, First, Pair>(out, acc, a, b, w, n, fin);
    case 6: return weighted_sum_out<6, First, Pair>(out, acc, a, b, w, n, fin);
    case 7: return weighted_sum_out<7, First, Pair>(out, acc, a, b, w, n, fin);
    default: return weighted_sum_out<8, First, Pair>(out, acc, a, b, w, n, fin);
  }
}

// Taps go in near-equal groups of at most kGroup: group g of `groups` starting at tap t holds
// (taps - t) / (groups - g) taps. (Plain loops, not a helper taking a lambda: a lambda would not
// be inlined into the target clones and would run at the baseline ISA.)
constexpr int group_count(int taps) { return (taps + kGroup - 1) / kGroup; }

// out[k] = fin(sum over t of w[t] * (a[t][k] [+ b[t][k]])), for k < n; `acc` holds partial sums.
template <bool Pair, typename S, typename A, typename O, typename Final>
FRAMEBENCH_INLINE void convolve(O* out, A* acc, const S* const* a, const S* const* b, const A* w, int taps, std::size_t n,
                                Final fin) {
  if (taps == 0) {
    for (std::size_t k = 0; k < n; ++k) out[k] = fin(A(0));
    return;
  }
  const int groups = group_count(taps);
  for (int g = 0, t = 0; g < groups; ++g) {
    const int count = (taps - t) / (groups - g);
    if (g == groups - 1) {
      if (g == 0) weighted_sum_out<true, Pair>(count, out, acc, a + t, b + t, w + t, n, fin);
      else weighted_sum_out<false, Pair>(count, out, acc, a + t, b + t, w + t, n, fin);
    } else {
      if (g == 0) weighted_sum<true, Pair>(count, acc, a + t, b + t, w + t, n);
      else weighted_sum<false, Pair>(count, acc, a + t, b + t, w + t, n);
    }
    t += count;
  }
}

// ---------------------------------------------------------------------------------------------
// Two output rows from one set of ring rows (the separable vertical pass). With Pair, group
// weight g applies to rows (lo[g], hi[g+1]) for output 0 and (lo[g+1], hi[g]) for output 1,
// where lo runs down and hi up the kernel; without, weight g applies to lo[g] and lo[g+1]. The
// first group also adds wc * c0 / c1, the middle row of a symmetric kernel. Each row loaded
// serves both outputs, halving loads per output.

template <int G, bool First, bool Last, bool Pair, typename Final>
FRAMEBENCH_INLINE void two_rows(float* __restrict acc0, float* __restrict acc1, std::uint8_t* __restrict out0,
                                std::uint8_t* __restrict out1, const float* const* lo, const float* const* hi,
                                const float* w, const float* c0, const float* c1, float wc, std::size_t n, Final fin) {
  const float* l[G + 1];
  const float* h[G + 1];
  float ww[G];
  for (int g = 0; g <= G; ++g) {
    l[g] = lo[g];
    h[g] = Pair ? hi[g] : nullptr;
  }
  for (int g = 0; g < G; ++g) ww[g] = w[g];
  for (std::size_t k = 0; k < n; ++k) {
    float s0 = First ? wc * c0[k] : acc0[k];
    float s1 = First ? wc * c1[k] : acc1[k];
    for (int g = 0; g < G; ++g) {
      if constexpr (Pair) {
        s0 += ww[g] * (l[g][k] + h[g + 1][k]);
        s1 += ww[g] * (l[g + 1][k] + h[g][k]);
      } else {
        s0 += ww[g] * l[g][k];
        s1 += ww[g] * l[g + 1][k];
      }
    }
    if constexpr (Last) {
      out0[k] = fin(s0);
      out1[k] = fin(s1);
    } else {
      acc0[k] = s0;
      acc1[k] = s1;
    }
  }
}

template <bool First, bool Last, bool Pair, typename Final>
FRAMEBENCH_INLINE void two_rows(int g, float* acc0, float* acc1, std::uint8_t* out0, std::uint8_t* out1,
                                const float* const* lo, const float* const* hi, const float* w, const float* c0,
                                const float* c1, float wc, std::size_t n, Final fin) {
  switch (g) {
    case 1: return two_rows<1, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    case 2: return two_rows<2, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    case 3: return two_rows<3, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    case 4: return two_rows<4, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    case 5: return two_rows<5, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    case 6: return two_rows<6, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    case 7: return two_rows<7, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
    default: return two_rows<8, First, Last, Pair>(acc0, acc1, out0, out1, lo, hi, w, c0, c1, wc, n, fin);
  }
}

// `units` weights (pairs or single taps) over rows rows[0..units] (+ hi for pairs).
template <bool Pair, typename Final>
FRAMEBENCH_INLINE void vertical_two_rows(float* acc0, float* acc1, std::uint8_t* out0, std::uint8_t* out1,
                                         const float* const* lo, const float* const* hi, const float* w, int units,
                                         const float* c0, const float* c1, float wc, std::size_t n, Final fin) {
  const int groups = group_count(units);
  for (int g = 0, t = 0; g < groups; ++g) {
    const int count = (units - t) / (groups - g);
    const bool first = g == 0, last = g == groups - 1;
    const float* const* l = lo + t;
    const float* const* h = Pair ? hi + t : nullptr;
    if (first && last) two_rows<true, true, Pair>(count, acc0, acc1, out0, out1, l, h, w + t, c0, c1, wc, n, fin);
    else if (first) two_rows<true, false, Pair>(count, acc0, acc1, out0, out1, l, h, w + t, c0, c1, wc, n, fin);
    else if (last) two_rows<false, true, Pair>(count, acc0, acc1, out0, out1, l, h, w + t, c0, c1, wc, n, fin);
    else two_rows<false, false, Pair>(count, acc0, acc1, out0, out1, l, h, w + t, c0, c1, wc, n, fin);
    t += count;
  }
}

// ---------------------------------------------------------------------------------------------
// Final rounding rules.

// floor((acc + bias) * scale) saturated to 8 bits, where acc + bias is an exact integer in float
// and scale a power of two. Truncation equals floor for non-negative values; a negative value
// truncates to something <= 0, which saturates to 0 as the floor would. Clamping in int32 keeps
// the vector code simple (float min/max become compare-and-mask sequences).
struct FinalFloat {
  float bias, scale;
  FRAMEBENCH_INLINE std::uint8_t operator()(float acc) const {
    const int v = static_cast<int>((acc + bias) * scale);
    return static_cast<std::uint8_t>(std::min(std::max(v, 0), 255));
  }
};

// The int16 path's rule: sums of reduced taps (see FastKernel) where sum + bias fits int16.
struct FinalShort {
  std::int16_t bias;
  int shift;
  FRAMEBENCH_INLINE std::uint8_t operator()(std::int16_t acc) const {
    const auto v = static_cast<std::int16_t>(static_cast<std::int16_t>(acc + bias) >> shift);
    return static_cast<std::uint8_t>(std::min<std::int16_t>(std::max<std::int16_t>(v, 0), 255));
  }
};

struct FinalInt {
  FRAMEBENCH_INLINE std::uint8_t operator()(std::int32_t acc) const {
    const std::int32_t v = (acc + (std::int32_t{1} << (kShift - 1))) >> kShift;
    return static_cast<std::uint8_t>(std::min(std::max(v, 0), 255));
  }
};

struct ToFloat {
  FRAMEBENCH_INLINE float operator()(std::uint16_t v) const { return v; }
};

// Fills the `radius` pixels either side of a padded row (which starts at `row[0]`, pixel 0)
// with the reflect-101 images of its pixels. O(radius) per row, so inner loops need no border test.
template <typename T>
FRAMEBENCH_INLINE void reflect_margins(T* row, int width, int channels, int radius) {
  for (int m = 1; m <= radius; ++m) {
    const int left = reflect101(-m, width), right = reflect101(width - 1 + m, width);
    for (int c = 0; c < channels; ++c) {
      row[-m * channels + c] = row[left * channels + c];
      row[(width - 1 + m) * channels + c] = row[right * channels + c];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The separable path.

struct SeparableArgs {
  const FastKernel::Taps& horizontal;
  const FastKernel::Vertical& vertical;
  int radius;
  FinalFloat fin;
  std::size_t strip;  // samples per strip, whole pixels, a multiple of 16 floats
  const VnniRow* vnni_row = nullptr;  // the horizontal pass in VNNI instead (running sums only)
};

// The horizontal pass of input row sy over samples [s0, s0 + n) of a strip, into `r`: straight
// from the frame inside it, from a copy with reflected margins at its edges.
FRAMEBENCH_INLINE void horizontal_row(const SeparableArgs& p, ConstFrameView in, long s0, long n, int sy, float* r,
                                      FastScratch& s) {
  if (p.vnni_row) return horizontal_floats_vnni(*p.vnni_row, in, sy, s0, n, r, s.strip.data());
  const auto& ht = p.horizontal;
  const long w3 = static_cast<long>(in.width) * in.channels;
  const long pad = static_cast<long>(p.radius) * in.channels;
  const int htaps = static_cast<int>(ht.dx.size());
  const std::uint8_t* ha[kMaxKernelSize];
  const std::uint8_t* hb[kMaxKernelSize];
  prefetch_strip(in, sy + kPrefetchRows, std::max(s0 - pad, 0L), std::min(s0 + n + pad, w3));
  const std::uint8_t* src = strip_source(in.row(sy), in.width, in.channels, p.radius, s0, n, s.strip.data());
  for (int t = 0; t < htaps; ++t) {
    ha[t] = src + ht.dx[t] * in.channels;
    hb[t] = ht.mirror[t] < 0 ? s.zeros_u8.data() : src + ht.mirror[t] * in.channels;
  }
  if (ht.pairs) convolve<true>(r, s.acc_u16.data(), ha, hb, ht.u16.data(), htaps, static_cast<std::size_t>(n), ToFloat{});
  else convolve<false>(r, s.acc_u16.data(), ha, hb, ht.u16.data(), htaps, static_cast<std::size_t>(n), ToFloat{});
}

// Ring rows for input rows first, first + 1, ... (reflected), each through the horizontal pass
// unless the ring holds it already. (separable_rows keeps its own copy of this and of
// horizontal_row: through these helpers it measured 10-15% slower on gaussian15.)
FRAMEBENCH_INLINE void fetch_rows(const SeparableArgs& p, ConstFrameView in, long s0, long n, int first, int count,
                                  const float** rows, FastScratch& s) {
  for (int m = 0; m < count; ++m) {
    const int sy = reflect101(first + m, in.height);
    const int slot = sy % count;  // the rows in use are always at most `count` consecutive ones
    float* r = s.ring_f.data() + static_cast<std::size_t>(slot) * p.strip;
    rows[m] = r;
    if (s.ring_tag[slot] == sy) continue;
    s.ring_tag[slot] = sy;
    horizontal_row(p, in, s0, n, sy, r, s);
  }
}

// out = uniform * sum + the D odd rows with their deltas.
template <int D, typename Final>
FRAMEBENCH_INLINE void running_out(std::uint8_t* __restrict o, float uniform, const float* sum, const float* const* odd,
                                   const float* delta, std::size_t n, Final fin) {
  for (std::size_t k = 0; k < n; ++k) {
    float v = uniform * sum[k];
    for (int i = 0; i < D; ++i) v += delta[i] * odd[i][k];
    o[k] = fin(v);
  }
}

// Box-like columns: out = uniform * (running sum of the K rows) + the odd rows. The running sum
// is exact in float (integers below 2^24), so the vertical cost does not grow with K.
FRAMEBENCH_CLONES
void separable_rows_running(const SeparableArgs& p, ConstFrameView in, FrameView out, int y0, int y1, FastScratch& s) {
  const auto& vt = p.vertical;
  const long w3 = static_cast<long>(in.width) * in.channels;
  const int slots = vt.length + 1;  // the K rows of the window and the one leaving it
  const float* rows[kMaxKernelSize + 1];
  float* sum = s.acc_f.data();
  const float* odd[kMaxOdd];

  for (long s0 = 0; s0 < w3; s0 += static_cast<long>(p.strip)) {
    const long n = std::min(static_cast<long>(p.strip), w3 - s0);
    const auto nn = static_cast<std::size_t>(n);
    std::fill(s.ring_tag.begin(), s.ring_tag.end(), -1);  // a new strip, maybe a new frame
    for (int y = y0; y < y1; ++y) {
      fetch_rows(p, in, s0, n, y - p.radius - 1, slots, rows, s);  // rows[0] leaves, rows[1..K] are in
      if (y == y0) {
        std::fill(sum, sum + nn, 0.0f);
        for (int m = 1; m < slots; ++m)
          for (std::size_t k = 0; k < nn; ++k) sum[k] += rows[m][k];
      } else {
        const float* add = rows[slots - 1];
        const float* sub = rows[0];
        for (std::size_t k = 0; k < nn; ++k) sum[k] += add[k] - sub[k];
      }
      for (std::size_t i = 0; i < vt.delta_row.size(); ++i) odd[i] = rows[1 + vt.delta_row[i]];
      std::uint8_t* o = out.row(y) + s0;
      switch (vt.delta_row.size()) {
        case 0: running_out<0>(o, vt.uniform, sum, odd, vt.delta.data(), nn, p.fin); break;
        case 1: running_out<1>(o, vt.uniform, sum, odd, vt.delta.data(), nn, p.fin); break;
        case 2: running_out<2>(o, vt.uniform, sum, odd, vt.delta.data(), nn, p.fin); break;
        case 3: running_out<3>(o, vt.uniform, sum, odd, vt.delta.data(), nn, p.fin); break;
        default: running_out<4>(o, vt.uniform, sum, odd, vt.delta.data(), nn, p.fin); break;
      }
    }
  }
}

FRAMEBENCH_CLONES
void separable_rows(const SeparableArgs& p, ConstFrameView in, FrameView out, int y0, int y1, FastScratch& s) {
  const auto& ht = p.horizontal;
  const auto& vt = p.vertical;
  const long w3 = static_cast<long>(in.width) * in.channels;
  const long pad = static_cast<long>(p.radius) * in.channels;
  const int htaps = static_cast<int>(ht.dx.size());
  const int slots = vt.length + 1;  // two output rows need K+1 input rows
  const int units = vt.pairs ? vt.length / 2 : vt.length;
  const std::uint8_t* ha[kMaxKernelSize];
  const std::uint8_t* hb[kMaxKernelSize];
  const float* rows[kMaxKernelSize + 1];
  const float* reversed[kMaxKernelSize + 1];
  const float* zeros = s.zeros_f.data();

  for (long s0 = 0; s0 < w3; s0 += static_cast<long>(p.strip)) {
    const long n = std::min(static_cast<long>(p.strip), w3 - s0);
    const bool interior = s0 >= pad && s0 + n + pad <= w3;
    std::fill(s.ring_tag.begin(), s.ring_tag.end(), -1);  // a new strip, maybe a new frame

    for (int y = y0; y < y1; y += 2) {
      for (int m = 0; m < slots; ++m) {
        const int sy = reflect101(y - p.radius + vt.first + m, in.height);
        const int slot = sy % slots;  // the rows in use are always fewer than K+1 consecutive ones
        float* r = s.ring_f.data() + static_cast<std::size_t>(slot) * p.strip;
        rows[m] = r;
        if (s.ring_tag[slot] == sy) continue;
        s.ring_tag[slot] = sy;

        // Horizontal pass of input row sy over samples [s0, s0 + n): straight from the frame
        // inside it, from a copy with reflected margins at its edges.
        const std::uint8_t* row = in.row(sy);
        const std::uint8_t* src = row + s0 - pad;
        prefetch_strip(in, sy + kPrefetchRows, std::max(s0 - pad, 0L), std::min(s0 + n + pad, w3));
        if (!interior) {
          std::uint8_t* buf = s.strip.data();
          const long lo = std::max(s0 - pad, 0L), hi = std::min(s0 + n + pad, w3);
          std::memcpy(buf + (lo - (s0 - pad)), row + lo, static_cast<std::size_t>(hi - lo));
          const long first_px = s0 / in.channels - p.radius, end_px = (s0 + n) / in.channels + p.radius;
          auto reflect = [&](long x) {
            const int from = reflect101(static_cast<int>(x), in.width);
            for (int c = 0; c < in.channels; ++c) buf[(x - first_px) * in.channels + c] = row[from * in.channels + c];
          };
          for (long x = first_px; x < std::min(0L, end_px); ++x) reflect(x);
          for (long x = std::max(static_cast<long>(in.width), first_px); x < end_px; ++x) reflect(x);
          src = buf;
        }
        for (int t = 0; t < htaps; ++t) {
          ha[t] = src + ht.dx[t] * in.channels;
          hb[t] = ht.mirror[t] < 0 ? s.zeros_u8.data() : src + ht.mirror[t] * in.channels;
        }
        if (ht.pairs) convolve<true>(r, s.acc_u16.data(), ha, hb, ht.u16.data(), htaps, static_cast<std::size_t>(n), ToFloat{});
        else convolve<false>(r, s.acc_u16.data(), ha, hb, ht.u16.data(), htaps, static_cast<std::size_t>(n), ToFloat{});
      }

      // Vertical pass: output rows y and y + 1 (the latter into a spare row past the end).
      std::uint8_t* o0 = out.row(y) + s0;
      std::uint8_t* o1 = (y + 1 < y1 ? out.row(y + 1) : s.spare_row.data()) + s0;
      float* acc0 = s.acc_f.data();
      float* acc1 = acc0 + p.strip;
      if (vt.pairs) {
        for (int m = 0; m < slots; ++m) reversed[m] = rows[vt.length - m];
        const int c = vt.length / 2;
        vertical_two_rows<true>(acc0, acc1, o0, o1, rows, reversed, vt.w.data(), units, rows[c], rows[c + 1], vt.center,
                                static_cast<std::size_t>(n), p.fin);
      } else {
        vertical_two_rows<false>(acc0, acc1, o0, o1, rows, rows, vt.w.data(), units, zeros, zeros, 0.0f,
                                 static_cast<std::size_t>(n), p.fin);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The direct paths: a ring of K padded input rows held as S (each input row is converted once
// however many output rows use it), sums in A, chunk by chunk.

template <typename S, typename A, typename Final>
FRAMEBENCH_INLINE void direct_rows(const FastKernel::Taps& taps, const A* w, int size, Final fin, ConstFrameView in,
                                   FrameView out, int y0, int y1, AlignedVector<S>& ring, AlignedVector<A>& acc,
                                   std::vector<int>& tag, std::size_t ring_stride) {
  const int radius = size / 2;
  const std::size_t w3 = static_cast<std::size_t>(in.width) * in.channels;
  const std::size_t pad = static_cast<std::size_t>(radius) * in.channels;
  const int ntaps = static_cast<int>(taps.dx.size());
  const S* rows[kMaxKernelSize] = {};
  std::vector<const S*> src(static_cast<std::size_t>(ntaps));
  std::fill(tag.begin(), tag.end(), -1);  // a new call may bring a new frame

  for (int y = y0; y < y1; ++y) {
    throw_if_interrupted();  // a large non-separable kernel takes seconds per frame: stop at a row
    for (int t = 0; t < ntaps; ++t) {
      const int i = taps.dy[t];
      if (t > 0 && taps.dy[t - 1] == i) continue;  // taps are sorted by row
      const int sy = reflect101(y + i - radius, in.height);
      const int slot = sy % size;  // the rows in use are always fewer than K consecutive ones
      S* r = ring.data() + static_cast<std::size_t>(slot) * ring_stride + pad;
      if (tag[slot] != sy) {
        const std::uint8_t* from = in.row(sy);
        for (std::size_t k = 0; k < w3; ++k) r[k] = static_cast<S>(from[k]);
        reflect_margins(r, in.width, in.channels, radius);
        tag[slot] = sy;
      }
      rows[i] = r - pad;
    }
    std::uint8_t* o = out.row(y);
    for (std::size_t k0 = 0; k0 < w3; k0 += kChunk) {
      const std::size_t n = std::min(kChunk, w3 - k0);
      for (int t = 0; t < ntaps; ++t) src[t] = rows[taps.dy[t]] + k0 + static_cast<std::size_t>(taps.dx[t]) * in.channels;
      convolve<false>(o + k0, acc.data(), src.data(), src.data(), w, ntaps, n, fin);
    }
  }
}

FRAMEBENCH_CLONES
void direct_rows_int16(const FastKernel::Taps& taps, int size, FinalShort fin, ConstFrameView in, FrameView out, int y0,
                       int y1, FastScratch& s, std::size_t ring_stride) {
  direct_rows(taps, taps.i16.data(), size, fin, in, out, y0, y1, s.ring_u8, s.acc_i16, s.ring_tag, ring_stride);
}

FRAMEBENCH_CLONES
void direct_rows_float(const FastKernel::Taps& taps, int size, FinalFloat fin, ConstFrameView in, FrameView out, int y0,
                       int y1, FastScratch& s, std::size_t ring_stride) {
  direct_rows(taps, taps.f.data(), size, fin, in, out, y0, y1, s.ring_f, s.acc_f, s.ring_tag, ring_stride);
}

FRAMEBENCH_CLONES
void direct_rows_int32(const FastKernel::Taps& taps, int size, ConstFrameView in, FrameView out, int y0, int y1,
                       FastScratch& s, std::size_t ring_stride) {
  direct_rows(taps, taps.i.data(), size, FinalInt{}, in, out, y0, y1, s.ring_i, s.acc_i, s.ring_tag, ring_stride);
}

// ---------------------------------------------------------------------------------------------

template <typename V>
void ensure_size(V& v, std::size_t n) {
  if (v.size() < n) v.resize(n);
}

class CpuFastFilter final : public Filter {
 public:
  CpuFastFilter(const KernelSpec& k, bool vnni) : kernel_(k, vnni) {}
  void apply(ConstFrameView in, FrameView out) override {
    if (in.width != out.width || in.height != out.height || in.channels != out.channels)
      throw Error("cpu-fast: input and output sizes differ");
    kernel_.filter_rows(in, out, 0, in.height, scratch_);
  }

 private:
  FastKernel kernel_;
  FastScratch scratch_;
};

// A factor of K >= kRunningMin taps all equal to its most common value, `uniform`, but for at
// most kMaxOdd (box:K quantised to Q8 has 256 mod K taps one above the rest: one for box15): as
// a column, summed with a running sum whose cost does not grow with K. (As a row, summing by
// doubling in log2 K passes measured slower than the K taps in uint16, so rows keep the taps.)
struct BoxLike {
  std::int64_t uniform = 0;
  std::vector<int> odd;
};
std::optional<BoxLike> box_like(const std::vector<std::int64_t>& factor) {
  const int n = static_cast<int>(factor.size());
  if (n < kRunningMin) return std::nullopt;
  BoxLike b;
  int best = 0;
  for (int m = 0; m < n; ++m) {
    const int count = static_cast<int>(std::count(factor.begin(), factor.end(), factor[m]));
    if (count > best) best = count, b.uniform = factor[m];
  }
  for (int m = 0; m < n; ++m)
    if (factor[m] != b.uniform) b.odd.push_back(m);
  if (b.uniform == 0 || b.odd.size() > static_cast<std::size_t>(kMaxOdd)) return std::nullopt;
  return b;
}

// The non-zero taps of the horizontal factor, folding symmetric pairs of equal taps.
FastKernel::Taps horizontal_taps(const std::vector<std::int64_t>& factor) {
  FastKernel::Taps taps;
  const int n = static_cast<int>(factor.size());
  for (int j = 0; j < n; ++j) {
    const int m = n - 1 - j;
    if (factor[j] == 0 || (m < j && factor[m] == factor[j])) continue;  // zero, or already paired
    const bool paired = m > j && factor[m] == factor[j];
    taps.dx.push_back(j);
    taps.mirror.push_back(paired ? m : -1);
    taps.u16.push_back(static_cast<std::uint16_t>(factor[j]));
    taps.pairs = taps.pairs || paired;
  }
  return taps;
}

// The vertical factor's rows from its first to its last non-zero tap, folded when symmetric.
FastKernel::Vertical vertical_taps(const std::vector<std::int64_t>& factor) {
  FastKernel::Vertical v;
  const int n = static_cast<int>(factor.size());
  int last = n - 1;
  while (v.first < n && factor[v.first] == 0) ++v.first;
  while (last > v.first && factor[last] == 0) --last;
  v.length = last - v.first + 1;
  // Folded only about a middle row: an even span has none (found 5 December 2026 by this module's
  // randomised test: a column factor 0,1,1,1,1 was folded with a fourth row as its "centre").
  bool symmetric = v.length >= 3 && v.length % 2 == 1;
  for (int m = 0; m < v.length; ++m) symmetric = symmetric && factor[v.first + m] == factor[last - m];
  v.pairs = symmetric;
  const int units = symmetric ? v.length / 2 : v.length;
  for (int m = 0; m < units; ++m) v.w.push_back(static_cast<float>(factor[v.first + m]));
  if (symmetric) v.center = static_cast<float>(factor[v.first + v.length / 2]);
  if (v.first == 0 && v.length == n) {
    if (const auto box = box_like(factor)) {
      v.running = true;
      v.uniform = static_cast<float>(box->uniform);
      v.delta_row = box->odd;
      for (int m : box->odd) v.delta.push_back(static_cast<float>(factor[m] - box->uniform));
    }
  }
  return v;
}

}  // namespace

FastKernel::FastKernel(const KernelSpec& k, bool vnni) : size_(k.size) {
  if (auto f = rank_one_factors(k)) {
    // Horizontal sums are uint16, over the row factor made primitive and non-negative: exact
    // when 255 times its sum fits. Vertical sums are float, over the column factor carrying the
    // rest: exact when every partial sum stays below 2^24.
    auto row = f->row, column = f->column;
    std::int64_t g = 0;
    for (auto r : row) g = std::gcd(g, r);
    if (std::all_of(row.begin(), row.end(), [](auto r) { return r <= 0; })) g = -g;
    for (auto& r : row) r /= g;
    for (auto& c : column) c *= g;
    std::int64_t row_sum = 0, column_abs = 0;
    for (auto r : row) row_sum += r;
    for (auto c : column) column_abs += std::abs(c);
    const bool non_negative = std::all_of(row.begin(), row.end(), [](auto r) { return r >= 0; });
    if (non_negative && 255 * row_sum <= 0xffff && 255 * row_sum * column_abs + (1 << (kShift - 1)) <= kFloatExact) {
      path_ = FastPath::separable;
      horizontal_ = horizontal_taps(row);
      vertical_ = vertical_taps(column);
      // The running sum's uniform * sum must stay exact too (odd taps below uniform lower the
      // column's total but not that product).
      if (vertical_.running) {
        const double product = std::abs(vertical_.uniform) * static_cast<double>(size_) * 255.0 * static_cast<double>(row_sum);
        vertical_.running = product + (1 << (kShift - 1)) <= static_cast<double>(kFloatExact);
      }
      bias_ = static_cast<float>(1 << (kShift - 1));
      scale_ = std::ldexp(1.0f, -kShift);
      // Box-like columns keep their running sum, whose cost does not grow with K.
      if (vnni && !vertical_.running && (vnni_ = plan_vnni_separable(row, column))) path_ = FastPath::separable_vnni;
      if (vnni && vertical_.running && (vnni_row_ = plan_vnni_row(row))) path_ = FastPath::separable_vnni;
      return;
    }
  }

  // Direct: divide out the common power of two of the taps, so that kernels with small integer
  // coefficients (sharpen, laplacian) have small sums: floor((2^g a + 2^15) / 2^16) equals
  // floor((a + 2^(15-g)) / 2^(16-g)) for g < 16, and a for g = 16.
  int g = kShift;
  for (auto t : k.taps)
    if (t != 0) g = std::min(g, std::countr_zero(static_cast<std::uint32_t>(t)));
  std::int64_t positive = 0, negative = 0;  // of the reduced taps
  for (auto t : k.taps) (t > 0 ? positive : negative) += t / (std::int32_t{1} << g);
  const int shift = kShift - g;
  const std::int64_t bias = shift > 0 ? std::int64_t{1} << (shift - 1) : 0;
  // int16 when every sum (and sum + bias) of reduced taps over 8-bit pixels fits: the small
  // integer kernels, which then need no conversion to or from float at all.
  if (255 * positive + bias <= 0x7fff && 255 * negative >= -0x8000) path_ = FastPath::direct_int16;
  else if (255 * (positive - negative) + bias <= kFloatExact) path_ = FastPath::direct_float;
  else path_ = FastPath::direct_int32;
  for (int i = 0; i < size_; ++i)
    for (int j = 0; j < size_; ++j)
      if (const auto t = k.tap(i, j); t != 0) {
        const auto reduced = t / (std::int32_t{1} << g);
        direct_.dy.push_back(i);
        direct_.dx.push_back(j);
        direct_.i.push_back(t);
        direct_.f.push_back(static_cast<float>(reduced));
        direct_.i16.push_back(static_cast<std::int16_t>(path_ == FastPath::direct_int16 ? reduced : 0));
      }
  bias_ = static_cast<float>(bias);
  scale_ = std::ldexp(1.0f, -shift);
  shift_ = shift;
}

void FastKernel::filter_rows(ConstFrameView in, FrameView out, int y0, int y1, FastScratch& s) const {
  if (y0 >= y1 || in.empty()) return;
  const int radius = size_ / 2;
  const std::size_t w3 = static_cast<std::size_t>(in.width) * in.channels;
  const std::size_t pad = static_cast<std::size_t>(radius) * in.channels;
  const FinalFloat fin{bias_, scale_};
  if (path_ == FastPath::separable || path_ == FastPath::separable_vnni) {
    // Strips of whole pixels, 16 floats aligned, sized so the ring stays in L1 where that
    // leaves strips wide enough; wider kernels accept a ring in L2 rather than thin strips.
    const std::size_t slots = static_cast<std::size_t>(vertical_.length) + 1;
    std::size_t strip = std::max<std::size_t>(kStripFloats / (slots + 2) / 48 * 48, 384);
    strip = std::min(strip, (w3 + 47) / 48 * 48);
    // Both VNNI passes keep scratch of their own (pair rows in ring_i), none of the float path's.
    const bool vnni_fits = in.channels <= kVnniMaxChannels;
    if (vnni_ && vnni_fits) return separable_rows_vnni(*vnni_, in, out, y0, y1, strip, s);
    ensure_size(s.ring_f, strip * slots);
    s.ring_tag.resize(slots);
    ensure_size(s.acc_f, 2 * strip);
    ensure_size(s.acc_u16, strip);
    ensure_size(s.strip, strip + 2 * pad);
    ensure_size(s.zeros_u8, strip);
    ensure_size(s.zeros_f, strip);
    ensure_size(s.spare_row, w3 + strip);
    const SeparableArgs args{horizontal_, vertical_, radius, fin, strip, vnni_row_ && vnni_fits ? &*vnni_row_ : nullptr};
    if (vertical_.running) separable_rows_running(args, in, out, y0, y1, s);
    else separable_rows(args, in, out, y0, y1, s);
    return;
  }
  const std::size_t stride = (w3 + 2 * pad + 15) / 16 * 16;  // slots start 64-byte aligned
  s.ring_tag.resize(static_cast<std::size_t>(size_));
  if (path_ == FastPath::direct_int16) {
    ensure_size(s.ring_u8, stride * size_);
    ensure_size(s.acc_i16, kChunk);
    direct_rows_int16(direct_, size_, FinalShort{static_cast<std::int16_t>(bias_), shift_}, in, out, y0, y1, s, stride);
  } else if (path_ == FastPath::direct_float) {
    ensure_size(s.ring_f, stride * size_);
    ensure_size(s.acc_f, kChunk);
    direct_rows_float(direct_, size_, fin, in, out, y0, y1, s, stride);
  } else {
    ensure_size(s.ring_i, stride * size_);
    ensure_size(s.acc_i, kChunk);
    direct_rows_int32(direct_, size_, in, out, y0, y1, s, stride);
  }
}

std::unique_ptr<Filter> make_cpu_fast_filter(const KernelSpec& kernel, bool vnni) {
  return std::make_unique<CpuFastFilter>(kernel, vnni);
}

}  // namespace framebench::kernels
