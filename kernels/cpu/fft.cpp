#include "kernels/cpu/fft.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "kernels/cpu/opencv_threads.hpp"

namespace framebench::kernels {

namespace {

// Overlap-save: a tile of th x tw samples yields (th - K + 1) x (tw - K + 1) outputs whose
// correlation does not wrap around. Small tiles stay in cache: with cv::dft (no IPP here), 64x64
// tiles filter a 1080p frame with box5 in 81 ms against 131 ms for 512x512 ones and 173 ms for
// one frame-sized DFT in double. Large kernels need larger tiles, or the overlap dominates.
struct Tiling {
  int th = 0, tw = 0;          // DFT size
  int valid_h = 0, valid_w = 0;
  int rows = 0, cols = 0;      // tiles
};

// Sizes for one dimension of n outputs: powers of two from 64 to 1024, and one tile covering all.
// (Tiles of 32 cost more per output than 64 even for small kernels: per-call overhead.)
std::vector<int> tile_sizes(int n, int k) {
  // (At least 2: cv::dft refuses a single column with nonzero_rows.)
  std::vector<int> sizes{std::max(2, cv::getOptimalDFTSize(n + k - 1))};
  for (int t = 64; t <= 1024 && t - k + 1 < n; t *= 2)
    if (t >= 2 * k) sizes.push_back(t);
  return sizes;
}

// The tiling that minimises the estimated work.
Tiling choose_tiling(int width, int height, int k) {
  Tiling best;
  double best_cost = std::numeric_limits<double>::max();
  for (int th : tile_sizes(height, k))
    for (int tw : tile_sizes(width, k)) {
      Tiling t{th, tw, th - k + 1, tw - k + 1, 0, 0};
      t.rows = (height + t.valid_h - 1) / t.valid_h;
      t.cols = (width + t.valid_w - 1) / t.valid_w;
      const double area = static_cast<double>(th) * tw;
      const double cost = t.rows * t.cols * area * std::log2(area);  // the DFT's N log N
      if (cost < best_cost) {
        best_cost = cost;
        best = t;
      }
    }
  return best;
}

class FftFilter final : public Filter {
 public:
  FftFilter(const KernelSpec& k, int threads) : kernel_(k), threads_(threads) {}

  void apply(ConstFrameView in, FrameView out) override {
    if (in.width != out.width || in.height != out.height) throw Error("cpu-fft: input and output sizes differ");
    if (in.empty()) return;
    set_opencv_threads(threads_);
    if (in.width != width_ || in.height != height_) prepare(in.width, in.height);
    fill_planes(in);
    const Tiling& t = tiling_;
    for (int c = 0; c < kChannels; ++c)
      for (int ty = 0; ty < t.rows; ++ty)
        for (int tx = 0; tx < t.cols; ++tx) {
          const int y0 = ty * t.valid_h, x0 = tx * t.valid_w;
          planes_[c](cv::Rect(x0, y0, t.tw, t.th)).copyTo(tile_);
          cv::dft(tile_, spectrum_);
          cv::mulSpectrums(spectrum_, kernel_spectrum_, spectrum_, 0, /*conjB=*/true);  // correlation
          const int h = std::min(t.valid_h, in.height - y0), w = std::min(t.valid_w, in.width - x0);
          cv::dft(spectrum_, result_, cv::DFT_INVERSE | cv::DFT_REAL_OUTPUT | cv::DFT_SCALE, h);
          store(result_, out, c, y0, x0, h, w);
        }
  }

 private:
  void prepare(int width, int height) {
    const int k = kernel_.size;
    tiling_ = choose_tiling(width, height, k);
    // The taps scaled to pixel units (sum 1 for a blur), so the result is the output level.
    cv::Mat taps = cv::Mat::zeros(tiling_.th, tiling_.tw, CV_32F);
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) taps.at<float>(i, j) = static_cast<float>(std::ldexp(kernel_.tap(i, j), -kShift));
    cv::dft(taps, kernel_spectrum_, 0, k);
    // Whole tiles read past the padded frame into zeros, which reach only discarded outputs.
    const int plane_h = tiling_.rows * tiling_.valid_h + k - 1, plane_w = tiling_.cols * tiling_.valid_w + k - 1;
    for (auto& p : planes_) p = cv::Mat::zeros(plane_h, plane_w, CV_32F);
    // Source pixel of each padded column (reflect-101), so the fill has no border tests.
    const int r = kernel_.radius();
    columns_.resize(static_cast<std::size_t>(width + 2 * r));
    for (int x = 0; x < width + 2 * r; ++x) columns_[x] = reflect101(x - r, width) * kChannels;
    width_ = width;
    height_ = height;
  }

  // Each channel of the reflect-101 padded frame into its own float plane.
  void fill_planes(ConstFrameView in) {
    const int r = kernel_.radius();
    const int n = static_cast<int>(columns_.size());
    const int* col = columns_.data();
    for (int y = 0; y < in.height + 2 * r; ++y) {
      const std::uint8_t* src = in.row(reflect101(y - r, in.height));
      float* b = planes_[0].ptr<float>(y);
      float* g = planes_[1].ptr<float>(y);
      float* red = planes_[2].ptr<float>(y);
      for (int x = 0; x < n; ++x) {
        b[x] = src[col[x]];
        g[x] = src[col[x] + 1];
        red[x] = src[col[x] + 2];
      }
    }
  }

  // floor(v + 1/2) saturated: the reference's rounding of acc / 2^16, give or take the FFT's
  // float error, which stays far below one level.
  static void store(const cv::Mat& result, FrameView out, int c, int y0, int x0, int h, int w) {
    for (int y = 0; y < h; ++y) {
      const float* v = result.ptr<float>(y);
      std::uint8_t* dst = out.row(y0 + y) + static_cast<std::size_t>(x0) * kChannels + c;
      for (int x = 0; x < w; ++x) dst[x * kChannels] = static_cast<std::uint8_t>(std::clamp(std::floor(v[x] + 0.5f), 0.0f, 255.0f));
    }
  }

  KernelSpec kernel_;
  int threads_;
  int width_ = 0, height_ = 0;
  Tiling tiling_;
  std::vector<int> columns_;
  cv::Mat planes_[kChannels];
  cv::Mat tile_, spectrum_, result_, kernel_spectrum_;
};

}  // namespace

std::unique_ptr<Filter> make_cpu_fft_filter(const KernelSpec& kernel, int threads) {
  return std::make_unique<FftFilter>(kernel, threads);
}

}  // namespace framebench::kernels
