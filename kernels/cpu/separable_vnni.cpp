#include "kernels/cpu/separable_vnni.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

#include "kernels/cpu/fast.hpp"
#include "kernels/cpu/strip_source.hpp"
#include "kernels/kernel_spec.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define FRAMEBENCH_VNNI 1
#define FRAMEBENCH_VNNI_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx512vnni,bmi2")))
#if !defined(__clang__)
// GCC 12's AVX-512 headers start some intrinsics from a deliberately undefined vector.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#endif

namespace framebench::kernels {

namespace {

constexpr std::int32_t kOffset = 32768;  // horizontal sums are kept minus this, to fit int16
constexpr int kMaxChannels = kVnniMaxChannels;  // a gather's bytes i + 3c must stay within 64

// For c channels, lane i of 16 takes bytes i, i + c, i + 2c, i + 3c of a load (4 taps of one
// output sample): vpermb's index table, made at compile time so a row costs one load for it.
struct alignas(64) GatherIndex {
  std::uint8_t byte[64];
};
constexpr std::array<GatherIndex, kMaxChannels + 1> make_gather_indices() {
  std::array<GatherIndex, kMaxChannels + 1> all{};
  for (int c = 1; c <= kMaxChannels; ++c)
    for (int i = 0; i < 16; ++i)
      for (int b = 0; b < 4; ++b) all[c].byte[4 * i + b] = static_cast<std::uint8_t>(i + b * c);
  return all;
}
constexpr auto kGatherIndex = make_gather_indices();

}  // namespace

bool vnni_supported() {
#ifdef FRAMEBENCH_VNNI
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi") &&
                          __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("bmi2");
  return has;
#else
  return false;
#endif
}

std::optional<VnniRow> plan_vnni_row(const std::vector<std::int64_t>& row) {
  // Up to kVnniMaxSize taps, whose loops are unrolled: left as loops, the passes measured slower
  // than the portable path's.
  if (!vnni_supported() || row.empty() || row.size() > static_cast<std::size_t>(kVnniMaxSize)) return std::nullopt;
  VnniRow r;
  r.size = static_cast<int>(row.size());
  std::int64_t sum = 0;
  for (auto t : row) {
    if (t < 0 || t > std::numeric_limits<std::int8_t>::max()) return std::nullopt;
    sum += t;
  }
  if (255 * sum > 0xffff) return std::nullopt;  // the sums must fit int16 after the offset
  for (int j = 0; j < r.size; j += 4) {
    std::uint32_t g = 0;
    for (int b = 0; b < 4 && j + b < r.size; ++b) g |= static_cast<std::uint32_t>(row[j + b]) << (8 * b);
    r.groups.push_back(static_cast<std::int32_t>(g));
  }
  return r;
}

std::optional<VnniSeparable> plan_vnni_separable(const std::vector<std::int64_t>& row,
                                                 const std::vector<std::int64_t>& column) {
  if (row.size() != column.size()) return std::nullopt;
  VnniSeparable p;
  if (auto r = plan_vnni_row(row)) p.row = std::move(*r);
  else return std::nullopt;
  const int size = p.row.size;
  int last = size - 1;
  while (p.column_first < size && column[p.column_first] == 0) ++p.column_first;
  if (p.column_first == size) return std::nullopt;  // a zero kernel
  while (last > p.column_first && column[last] == 0) --last;
  p.column_length = last - p.column_first + 1;
  std::int64_t column_sum = 0, column_abs = 0;
  for (int m = 0; m < p.column_length; m += 2) {
    const std::int64_t a = column[p.column_first + m];
    const std::int64_t b = m + 1 < p.column_length ? column[p.column_first + m + 1] : 0;
    for (auto c : {a, b}) {
      if (c < std::numeric_limits<std::int16_t>::min() || c > std::numeric_limits<std::int16_t>::max()) return std::nullopt;
      column_sum += c;
      column_abs += std::abs(c);
    }
    p.column_pairs.push_back(static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<std::uint16_t>(a)) |
                                                       static_cast<std::uint32_t>(static_cast<std::uint16_t>(b)) << 16));
  }
  // Every partial sum stays in int32: offset sums times the column, plus the start.
  const std::int64_t bias = std::int64_t{1} << (kShift - 1);
  if (kOffset * column_abs + kOffset * std::abs(column_sum) + bias > std::numeric_limits<std::int32_t>::max())
    return std::nullopt;
  p.start = static_cast<std::int32_t>(bias + kOffset * column_sum);
  return p;
}

#ifdef FRAMEBENCH_VNNI

namespace {

// The horizontal pass's constants for one frame layout.
struct RowTaps {
  __m512i gather;              // lane i of 16 takes bytes i, i + c, i + 2c, i + 3c of a load
  __m512i taps[64 / 4 + 1];    // row taps 4q..4q+3, in every lane
  __mmask64 need[64 / 4 + 1];  // the bytes group q's load needs: 16 + c * (its taps - 1)
  int groups;
};

[[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline RowTaps row_taps(const VnniRow& row, int c) {
  RowTaps t;
  t.gather = _mm512_load_si512(kGatherIndex[static_cast<std::size_t>(c)].byte);
  t.groups = static_cast<int>(row.groups.size());
  for (int q = 0; q < t.groups; ++q) {
    const int count = std::min(4, row.size - 4 * q);
    t.need[q] = _bzhi_u64(~0ull, static_cast<unsigned>(16 + c * (count - 1)));
    t.taps[q] = _mm512_set1_epi32(row.groups[q]);
  }
  return t;
}

// Where horizontal sums go. Into pair rows for the VNNI vertical pass: minus the offset, whole
// into pair row `lo` (its low halves) and into the high halves of pair row `hi` (null for none).
struct ToPairs {
  std::int32_t* lo;
  std::int32_t* hi;
  static constexpr std::int32_t start = -kOffset;
  [[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline void operator()(long k, __m512i acc) const {
    _mm512_store_si512(lo + k, acc);
    if (hi) {
      const __m512i old = _mm512_load_si512(hi + k);  // (low_half & old) | (acc << 16):
      _mm512_store_si512(hi + k, _mm512_ternarylogic_epi32(_mm512_set1_epi32(0xffff), old, _mm512_slli_epi32(acc, 16), 0xEA));
    }
  }
};
// Into a row of floats (64-byte aligned), for the portable path's running sums.
struct ToFloats {
  float* out;
  static constexpr std::int32_t start = 0;
  [[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline void operator()(long k, __m512i acc) const {
    _mm512_store_ps(out + k, _mm512_cvtepi32_ps(acc));
  }
};

// Horizontal sums of input row `sy`, samples [s0, s0 + n), plus Store::start, to `store`,
// over G groups of row taps (t.groups), unrolled.
template <int G, typename Store>
[[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline void horizontal(const RowTaps& t, int radius, ConstFrameView in, int sy,
                                                                   long s0, long n, std::uint8_t* buf, Store store) {
  const int c = in.channels;
  const long window = n + 2L * radius * c;  // bytes the taps read from src
  const std::uint8_t* src = strip_source(in.row(sy), in.width, c, radius, s0, n, buf);
  prefetch_strip(in, sy + kPrefetchRows, std::max(s0 - radius * c, 0L),
                 std::min(s0 + n + radius * c, static_cast<long>(in.row_bytes())));
  const __m512i start = _mm512_set1_epi32(Store::start);
  for (long k = 0; k < n; k += 16) {
    const bool full = k + 16 <= n;
    __m512i sums[2] = {start, _mm512_setzero_si512()};  // two dependency chains
    for (int q = 0; q < G; ++q) {
      const long at = k + 4L * c * q;
      __mmask64 m = t.need[q];
      if (!full) m &= _bzhi_u64(~0ull, static_cast<unsigned>(std::clamp(window - at, 0L, 64L)));
      const __m512i bytes = _mm512_maskz_loadu_epi8(m, src + at);
      sums[q & 1] = _mm512_dpbusd_epi32(sums[q & 1], _mm512_permutexvar_epi8(t.gather, bytes), t.taps[q]);
    }
    store(k, _mm512_add_epi32(sums[0], sums[1]));
  }
}

// Output samples [0, n) of one row: P column pairs over pair rows `pairs`, rounded; unrolled.
template <int P>
[[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline void vertical_row(const VnniSeparable& p, const __m512i* taps,
                                                                     const std::int32_t* const* pairs, long n, std::uint8_t* o) {
  const __m512i start = _mm512_set1_epi32(p.start);
  const __m512i zero = _mm512_setzero_si512();
  for (long k = 0; k < n; k += 16) {
    // Two sums, so that the multiply-adds form two dependency chains, not one.
    __m512i acc[2] = {start, zero};
    for (int m = 0; m < P; ++m) acc[m & 1] = _mm512_dpwssd_epi32(acc[m & 1], _mm512_load_si512(pairs[m] + k), taps[m]);
    const __m512i sum = _mm512_add_epi32(acc[0], acc[1]);
    const __m512i v = _mm512_max_epi32(_mm512_srai_epi32(sum, kShift), zero);  // floor, then 0..255
    if (k + 16 <= n) _mm_storeu_si128(reinterpret_cast<__m128i*>(o + k), _mm512_cvtusepi32_epi8(v));
    else _mm512_mask_cvtusepi32_storeu_epi8(o + k, static_cast<__mmask16>(_bzhi_u32(0xffff, static_cast<unsigned>(n - k))), v);
  }
}

// The passes for the plan's numbers of row groups and column pairs (each loop unrolled for its
// count; a switch per row costs nothing beside a row's work).
template <typename Store>
[[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline void horizontal_any(const RowTaps& t, int radius, ConstFrameView in, int sy,
                                                                       long s0, long n, std::uint8_t* buf, Store store) {
  switch (t.groups) {
    case 1: return horizontal<1>(t, radius, in, sy, s0, n, buf, store);
    case 2: return horizontal<2>(t, radius, in, sy, s0, n, buf, store);
    case 3: return horizontal<3>(t, radius, in, sy, s0, n, buf, store);
    default: return horizontal<4>(t, radius, in, sy, s0, n, buf, store);
  }
}

[[gnu::always_inline]] FRAMEBENCH_VNNI_TARGET inline void vertical_any(const VnniSeparable& p, const __m512i* taps,
                                                                     const std::int32_t* const* pairs, long n, std::uint8_t* o) {
  switch (p.column_pairs.size()) {
    case 1: return vertical_row<1>(p, taps, pairs, n, o);
    case 2: return vertical_row<2>(p, taps, pairs, n, o);
    case 3: return vertical_row<3>(p, taps, pairs, n, o);
    case 4: return vertical_row<4>(p, taps, pairs, n, o);
    case 5: return vertical_row<5>(p, taps, pairs, n, o);
    case 6: return vertical_row<6>(p, taps, pairs, n, o);
    case 7: return vertical_row<7>(p, taps, pairs, n, o);
    default: return vertical_row<8>(p, taps, pairs, n, o);
  }
}

FRAMEBENCH_VNNI_TARGET void rows(const VnniSeparable& p, ConstFrameView in, FrameView out, int y0, int y1, std::size_t strip,
                                 FastScratch& s) {
  const int radius = p.row.size / 2;
  const long w3 = static_cast<long>(in.row_bytes());
  const int slots = p.column_length;  // pair rows in use: the output row's column taps
  const auto stride = static_cast<long>(strip);
  // slot[i] is pair row i mod `slots`, for i < 2 * slots + 1: indices move on by adding, not
  // by a division per row.
  std::int32_t* slot[2 * kMaxKernelSize + 1];
  for (int i = 0; i < 2 * slots + 1; ++i) slot[i] = s.ring_i.data() + static_cast<long>(i % slots) * stride;
  const std::int32_t* pairs[64 / 2 + 1];
  const RowTaps row = row_taps(p.row, in.channels);
  __m512i column[64 / 2 + 1];
  for (std::size_t m = 0; m < p.column_pairs.size(); ++m) column[m] = _mm512_set1_epi32(p.column_pairs[m]);

  for (long s0 = 0; s0 < w3; s0 += stride) {
    const long n = std::min(stride, w3 - s0);
    // Virtual row v is input row reflect101(v); output row y needs `slots` of them from
    // y - radius + first (the last pair's high half only where the column's length is even;
    // otherwise it is multiplied by zero).
    const long first = y0 - radius + p.column_first;
    const long last = y1 - 1 - radius + p.column_first + slots - 1;
    for (long v = first, i = 0; v <= last; ++v, i = i + 1 == slots ? 0 : i + 1) {  // i = (v - first) mod slots
      horizontal_any(row, radius, in, reflect101(static_cast<int>(v), in.height), s0, n, s.strip.data(),
                    ToPairs{slot[i], v > first ? slot[i + slots - 1] : nullptr});
      const long y = v - (slots - 1) + radius - p.column_first;
      if (y < y0) continue;
      // The output row's first pair row is v - (slots - 1), at index i + 1 mod slots.
      for (std::size_t m = 0; m < p.column_pairs.size(); ++m) pairs[m] = slot[i + 1 + 2 * m];
      if (y + kPrefetchRows < y1) {  // output rows, like input rows, a page apart: ask ahead
        const std::uint8_t* ahead = out.row(static_cast<int>(y) + kPrefetchRows) + s0;
        for (long b = 0; b < n; b += 64) __builtin_prefetch(ahead + b, 1);
      }
      vertical_any(p, column, pairs, n, out.row(static_cast<int>(y)) + s0);
    }
  }
}

}  // namespace

void separable_rows_vnni(const VnniSeparable& p, ConstFrameView in, FrameView out, int y0, int y1, std::size_t strip,
                         FastScratch& s) {
  const auto slots = static_cast<std::size_t>(p.column_length);
  const std::size_t margins = 2 * static_cast<std::size_t>(p.row.size / 2) * in.channels;
  if (s.ring_i.size() < slots * strip) s.ring_i.resize(slots * strip);
  if (s.strip.size() < strip + margins) s.strip.resize(strip + margins);
  rows(p, in, out, y0, y1, strip, s);
}

FRAMEBENCH_VNNI_TARGET void horizontal_floats_vnni(const VnniRow& row, ConstFrameView in, int sy, long s0, long n, float* out,
                                                   std::uint8_t* buf) {
  horizontal_any(row_taps(row, in.channels), row.size / 2, in, sy, s0, n, buf, ToFloats{out});
}

#else

void separable_rows_vnni(const VnniSeparable&, ConstFrameView, FrameView, int, int, std::size_t, FastScratch&) {}
void horizontal_floats_vnni(const VnniRow&, ConstFrameView, int, long, long, float*, std::uint8_t*) {}

#endif

}  // namespace framebench::kernels
