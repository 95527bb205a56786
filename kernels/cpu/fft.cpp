#include "kernels/cpu/fft.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "core/error.hpp"
#include "kernels/cpu/fftw_plans.hpp"
#include "kernels/cpu/target_clones.hpp"

namespace framebench::kernels {

namespace {

// Overlap-save: a th x tw tile yields (th - K + 1) x (tw - K + 1) outputs whose correlation
// does not wrap around.
struct Tiling {
  int th = 0, tw = 0;  // transform size
  int valid_h = 0, valid_w = 0;
  int rows = 0, cols = 0;  // tiles
};

// FFTW is fastest on sizes whose only prime factors are 2, 3 and 5.
int next_smooth(int n) {
  for (;; ++n) {
    int m = n;
    for (int p : {2, 3, 5})
      while (m % p == 0) m /= p;
    if (m == 1) return n;
  }
}

// Sizes for one dimension of n outputs: powers of two from 16 to 128 that leave at least half of
// each tile valid, and one tile across where that is no larger. Larger transforms measured
// slower per sample here (256x256 tiles took about 3x the time of 128x128 ones for disc:15 at 1080p).
constexpr int kMaxTile = 128;
std::vector<int> tile_sizes(int n, int k) {
  std::vector<int> sizes;
  if (const int across = next_smooth(n + k - 1); across <= kMaxTile) sizes.push_back(across);
  for (int t = 16; t <= kMaxTile && t - k + 1 < n; t *= 2)
    if (t >= 2 * k) sizes.push_back(t);
  return sizes;
}

// The tiling with the least estimated work. Measured here with FFTW_MEASURE, a transform costs
// about the same per sample on 64x64 and 128x128 tiles, so the estimate is the samples
// transformed, a little more for larger transforms, plus a fixed cost per tile (calls, set-up).
Tiling choose_tiling(int width, int height, int k) {
  constexpr double kPerTile = 512;  // in samples
  Tiling best;
  double best_cost = std::numeric_limits<double>::max();
  for (int th : tile_sizes(height, k))
    for (int tw : tile_sizes(width, k)) {
      Tiling t{th, tw, th - k + 1, tw - k + 1, 0, 0};
      t.rows = (height + t.valid_h - 1) / t.valid_h;
      t.cols = (width + t.valid_w - 1) / t.valid_w;
      const double area = static_cast<double>(th) * tw;
      const double cost = t.rows * t.cols * (area * (1 + 0.05 * std::log2(area)) + kPerTile);
      if (cost < best_cost) {
        best_cost = cost;
        best = t;
      }
    }
  return best;
}

// The loops over samples, written for the vectoriser (see target_clones.hpp). A plane is a
// float* with a stride of 2: the real or the imaginary parts of a complex tile.

FRAMEBENCH_CLONES
void split_channels(const std::uint8_t* __restrict src, float* __restrict b, float* __restrict g, float* __restrict r, int n) {
  for (int x = 0; x < n; ++x) {
    b[2 * x] = src[x * kChannels];
    g[2 * x] = src[x * kChannels + 1];
    r[2 * x] = src[x * kChannels + 2];
  }
}

// Like split_channels, through a table of each sample's byte offset (reflected borders).
FRAMEBENCH_CLONES
void gather_channels(const std::uint8_t* __restrict src, const int* __restrict offset, float* __restrict b, float* __restrict g,
                     float* __restrict r, int n) {
  for (int x = 0; x < n; ++x) {
    const std::uint8_t* p = src + offset[x];
    b[2 * x] = p[0];
    g[2 * x] = p[1];
    r[2 * x] = p[2];
  }
}

// floor(v + 1/2) saturated: the reference's rounding of acc / 2^16, give or take the FFT's
// float error, which stays far below one level. (Truncation is the floor wherever it matters:
// below zero both saturate to 0.)
FRAMEBENCH_INLINE std::uint8_t level(float v) { return static_cast<std::uint8_t>(std::clamp(static_cast<int>(v + 0.5f), 0, 255)); }

FRAMEBENCH_CLONES
void merge_channels(const float* __restrict b, const float* __restrict g, const float* __restrict r, std::uint8_t* __restrict dst,
                    int n) {
  for (int x = 0; x < n; ++x) {
    dst[x * kChannels] = level(b[2 * x]);
    dst[x * kChannels + 1] = level(g[2 * x]);
    dst[x * kChannels + 2] = level(r[2 * x]);
  }
}

// s <- s * k, bin by bin, over n complex bins stored as (re, im) pairs.
FRAMEBENCH_CLONES
void multiply_spectra(float* __restrict s, const float* __restrict k, std::size_t n) {
  for (std::size_t b = 0; b < 2 * n; b += 2) {
    const float re = s[b] * k[b] - s[b + 1] * k[b + 1];
    const float im = s[b] * k[b + 1] + s[b + 1] * k[b];
    s[b] = re;
    s[b + 1] = im;
  }
}

// Tiles go in pairs: their six channel planes ride, two at a time, as the real and imaginary
// parts of three complex transforms. The kernel is real, so the correlation of re + i im is the
// correlation of re plus i times that of im. On 128x128 tiles here, one complex and one
// real-to-complex transform for three planes took 29% less time than three real-to-complex ones.
constexpr int kTilesPerBatch = 2;
constexpr int kPlanes = kTilesPerBatch * kChannels;
constexpr int kTransforms = kPlanes / 2;

class FftFilter final : public Filter {
 public:
  explicit FftFilter(const KernelSpec& k) : kernel_(k) {}

  void apply(ConstFrameView in, FrameView out) override {
    if (in.width != out.width || in.height != out.height) throw Error("cpu-fft: input and output sizes differ");
    if (in.empty()) return;
    if (in.width != width_ || in.height != height_) prepare(in.width, in.height);
    const int tiles = tiling_.rows * tiling_.cols;
    for (int first = 0; first < tiles; first += kTilesPerBatch) {
      // An odd last tile is filled twice (its partner's planes), and stored once.
      for (int t = 0; t < kTilesPerBatch; ++t) fill_tile(in, std::min(first + t, tiles - 1), t);
      for (auto& z : transforms_) correlate(z.get());
      for (int t = 0; t < kTilesPerBatch && first + t < tiles; ++t) store_tile(out, first + t, t);
    }
  }

 private:
  void prepare(int width, int height) {
    const int k = kernel_.size;
    tiling_ = choose_tiling(width, height, k);
    samples_ = static_cast<std::size_t>(tiling_.th) * static_cast<std::size_t>(tiling_.tw);
    plans_ = &tile_plans(tiling_.th, tiling_.tw);
    for (auto& z : transforms_) z = make_complex_buffer(samples_);
    kernel_spectrum_ = make_complex_buffer(samples_);
    // The taps in pixel units (sum 1 for a blur), so the result is the output level; the
    // spectrum is conjugated (correlation, not convolution) and carries the inverse transform's
    // missing 1 / (th * tw).
    fftwf_complex* taps = kernel_spectrum_.get();
    std::memset(taps, 0, samples_ * sizeof(fftwf_complex));  // (float[2] elements: fill cannot span them)
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) taps[i * tiling_.tw + j][0] = static_cast<float>(std::ldexp(kernel_.tap(i, j), -kShift));
    fftwf_execute_dft(plans_->forward, taps, taps);
    const float scale = 1.0f / static_cast<float>(samples_);
    for (std::size_t b = 0; b < samples_; ++b) {
      taps[b][0] *= scale;
      taps[b][1] *= -scale;
    }
    // Byte offset of each padded column's source pixel (reflect-101), over every tile's reach.
    const int r = kernel_.radius();
    columns_.resize(static_cast<std::size_t>(tiling_.cols * tiling_.valid_w + k - 1));
    for (std::size_t x = 0; x < columns_.size(); ++x) columns_[x] = reflect101(static_cast<int>(x) - r, width) * kChannels;
    width_ = width;
    height_ = height;
  }

  // Channel c of the batch's tile `slot`: plane slot * 3 + c, the real (even) or imaginary (odd)
  // part of a transform.
  float* plane(int slot, int c) {
    const int p = slot * kChannels + c;
    return &transforms_[p / 2][0][p % 2];
  }

  // The three channels of the padded frame's tile `tile`. Rows and columns past the frame's
  // padding hold reflected pixels too; they reach only discarded outputs.
  void fill_tile(ConstFrameView in, int tile, int slot) {
    const int r = kernel_.radius(), th = tiling_.th, tw = tiling_.tw;
    const int y0 = tile / tiling_.cols * tiling_.valid_h, x0 = tile % tiling_.cols * tiling_.valid_w;
    const bool inside = x0 - r >= 0 && x0 - r + tw <= in.width;  // no column reflected
    float* b = plane(slot, 0);
    float* g = plane(slot, 1);
    float* red = plane(slot, 2);
    for (int y = 0; y < th; ++y) {
      const std::uint8_t* src = in.row(reflect101(y0 + y - r, in.height));
      const auto at = 2 * static_cast<std::ptrdiff_t>(y) * tw;
      if (inside) split_channels(src + static_cast<std::ptrdiff_t>(x0 - r) * kChannels, b + at, g + at, red + at, tw);
      else gather_channels(src, columns_.data() + x0, b + at, g + at, red + at, tw);
    }
  }

  // z <- correlation of z with the taps, in place.
  void correlate(fftwf_complex* z) {
    fftwf_execute_dft(plans_->forward, z, z);
    multiply_spectra(z[0], kernel_spectrum_[0], samples_);
    fftwf_execute_dft(plans_->inverse, z, z);
  }

  void store_tile(FrameView out, int tile, int slot) {
    const int y0 = tile / tiling_.cols * tiling_.valid_h, x0 = tile % tiling_.cols * tiling_.valid_w;
    const int h = std::min(tiling_.valid_h, out.height - y0), w = std::min(tiling_.valid_w, out.width - x0);
    for (int y = 0; y < h; ++y) {
      const auto at = 2 * static_cast<std::ptrdiff_t>(y) * tiling_.tw;
      merge_channels(plane(slot, 0) + at, plane(slot, 1) + at, plane(slot, 2) + at,
                     out.row(y0 + y) + static_cast<std::ptrdiff_t>(x0) * kChannels, w);
    }
  }

  KernelSpec kernel_;
  int width_ = 0, height_ = 0;
  Tiling tiling_;
  const TilePlans* plans_ = nullptr;
  std::size_t samples_ = 0;
  std::vector<int> columns_;
  std::array<ComplexBuffer, kTransforms> transforms_;
  ComplexBuffer kernel_spectrum_;
};

}  // namespace

std::unique_ptr<Filter> make_cpu_fft_filter(const KernelSpec& kernel) {
  return std::make_unique<FftFilter>(kernel);
}

std::string fftw_version() { return fftwf_version; }

}  // namespace framebench::kernels
