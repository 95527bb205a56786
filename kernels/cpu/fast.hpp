#pragma once
// cpu-fast: the fastest single-thread implementation that is bit-exact with the reference.
//
// Separable kernels (an exact integer outer product, see rank_one.hpp) run in two passes over
// column strips narrow enough to stay in L1: a horizontal pass over each input row in uint16,
// straight from the bytes, into a ring of K+1 rows converted to float; then a vertical pass in
// float that computes two output rows per sweep, so every ring row loaded serves both.
// Symmetric factors fold each pair of equal taps into one multiply. Other kernels run directly
// over a ring of K padded input rows, in int16 (small integer taps), float or int32.
//
// Exactness: every path computes the reference's integer sum exactly. uint16/int16 sums are
// used only where the true sum fits (wrap-around in between then cancels); float only where
// every product and partial sum is an integer below 2^24. The bounds are checked per kernel.
//
// Borders are reflected once per row into padding (or a strip's margins), so inner loops have
// no branches. The loops are plain C++ that GCC vectorises, compiled for AVX-512, AVX2 and
// baseline x86-64 with target_clones and picked when the program loads by the CPU's features.
// On CPUs with AVX-512 VNNI and VBMI, separable kernels whose taps fit take separable_vnni.hpp's
// integer passes instead (1.2-2.2x faster here for 5 to 15 taps, 16 at most).
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <vector>

#include "kernels/cpu/separable_vnni.hpp"
#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

enum class FastPath {
  separable,       // horizontal uint16 pass, vertical float pass
  separable_vnni,  // the same factors in AVX-512 VNNI integer passes (separable_vnni.hpp); box-like
                   // columns keep their float running sum after a VNNI horizontal pass
  direct_int16,    // 2-D taps, small integers (sharpen, laplacian): sums fit int16
  direct_float,    // 2-D taps in float (exact: sums stay below 2^24)
  direct_int32,    // 2-D taps in int32, for kernels whose sums do not fit a float exactly
};

const char* to_string(FastPath path);

// Allocator for 64-byte aligned scratch rows.
template <typename T>
struct AlignedAllocator {
  using value_type = T;
  AlignedAllocator() = default;
  template <typename U>
  AlignedAllocator(const AlignedAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64})); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{64}); }
  friend bool operator==(const AlignedAllocator&, const AlignedAllocator&) { return true; }
};
template <typename T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

// Working memory of one thread.
struct FastScratch {
  AlignedVector<float> ring_f;            // separable: K+1 rows of one strip; direct: K padded rows
  AlignedVector<std::int32_t> ring_i;     // direct, int32
  AlignedVector<std::uint8_t> ring_u8;    // direct, int16
  std::vector<int> ring_tag;              // which input row each ring slot holds
  AlignedVector<float> acc_f;             // partial sums (separable: two rows)
  AlignedVector<std::int32_t> acc_i;
  AlignedVector<std::int16_t> acc_i16;
  AlignedVector<std::uint16_t> acc_u16;
  AlignedVector<std::uint8_t> strip;      // separable: an input strip with reflected margins
  AlignedVector<std::uint8_t> zeros_u8;   // what an unpaired tap adds
  AlignedVector<float> zeros_f;
  AlignedVector<std::uint8_t> spare_row;  // the row after the last, when rows come in pairs
};

// A kernel prepared for cpu-fast. Immutable once built, so threads may share it, each with its
// own FastScratch.
class FastKernel {
 public:
  // `vnni`: take the VNNI path where the CPU and the kernel allow it (tests turn it off to
  // check the portable path on such CPUs too).
  explicit FastKernel(const KernelSpec& kernel, bool vnni = true);

  FastPath path() const { return path_; }
  int size() const { return size_; }
  // Writes output rows [y0, y1) of `out`, reading the input rows they need from `in`.
  void filter_rows(ConstFrameView in, FrameView out, int y0, int y1, FastScratch& scratch) const;

  // Taps of the horizontal pass or of the 2-D kernel, zero taps left out. The horizontal pass
  // of a symmetric factor folds each pair of equal taps into one (mirror = the partner's
  // position; -1 for an unpaired tap, which then adds a row of zeros).
  struct Taps {
    std::vector<int> dy, dx;  // position in the kernel (dy unused in the horizontal pass)
    std::vector<int> mirror;
    bool pairs = false;
    std::vector<std::uint16_t> u16;
    std::vector<std::int16_t> i16;
    std::vector<float> f;
    std::vector<std::int32_t> i;
  };
  // The vertical pass: kernel rows [first, first + length) with their weights (zeros inside
  // kept). With pairs, weight p applies to rows p and length-1-p, and `center` to the middle.
  // A box-like factor (`running`: all K weights equal to `uniform` but a few, row delta_row[i]
  // weighing uniform + delta[i]) is summed with a running sum down the strip instead.
  struct Vertical {
    int first = 0;
    int length = 0;
    bool pairs = false;
    std::vector<float> w;
    float center = 0;
    bool running = false;
    float uniform = 0;
    std::vector<int> delta_row;
    std::vector<float> delta;
  };

 private:
  int size_ = 0;
  FastPath path_ = FastPath::direct_int32;
  Taps horizontal_;  // separable, uint16
  Vertical vertical_;  // separable, float
  std::optional<VnniSeparable> vnni_;  // separable_vnni, both passes
  std::optional<VnniRow> vnni_row_;    // separable_vnni, the horizontal pass before a running sum
  Taps direct_;      // direct: int16, float or int32
  float bias_ = 0;   // float paths: out = floor((acc + bias) * scale)
  float scale_ = 0;
  int shift_ = 0;    // int16 path: out = (acc + bias) >> shift
};

// `vnni` as for FastKernel: false gives the portable paths (the cpu-fast-portable implementation).
std::unique_ptr<Filter> make_cpu_fast_filter(const KernelSpec& kernel, bool vnni = true);

}  // namespace framebench::kernels
