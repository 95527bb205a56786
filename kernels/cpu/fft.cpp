#include "kernels/cpu/fft.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "kernels/cpu/opencv_threads.hpp"

namespace framebench::kernels {

namespace {

class FftFilter final : public Filter {
 public:
  FftFilter(const KernelSpec& k, int threads) : kernel_(k), threads_(threads) {}

  void apply(ConstFrameView in, FrameView out) override {
    if (in.width != out.width || in.height != out.height) throw Error("cpu-fft: input and output sizes differ");
    if (in.empty()) return;
    set_opencv_threads(threads_);
    if (in.width != width_ || in.height != height_) prepare(in.width, in.height);
    const int r = kernel_.radius();
    const int padded_w = in.width + 2 * r, padded_h = in.height + 2 * r;
    for (int c = 0; c < kChannels; ++c) {
      // The reflect-101 padded plane; the DFT's extra rows and columns stay zero.
      for (int y = 0; y < padded_h; ++y) {
        const std::uint8_t* src = in.row(reflect101(y - r, in.height));
        double* dst = plane_.ptr<double>(y);
        for (int x = 0; x < padded_w; ++x) dst[x] = src[reflect101(x - r, in.width) * kChannels + c];
      }
      cv::dft(plane_, spectrum_, 0, padded_h);
      cv::mulSpectrums(spectrum_, kernel_spectrum_, spectrum_, 0, /*conjB=*/true);  // correlation
      cv::dft(spectrum_, result_, cv::DFT_INVERSE | cv::DFT_REAL_OUTPUT | cv::DFT_SCALE, in.height);
      for (int y = 0; y < in.height; ++y) {
        const double* sum = result_.ptr<double>(y);
        std::uint8_t* dst = out.row(y);
        for (int x = 0; x < in.width; ++x) {
          const double exact = std::clamp(std::nearbyint(sum[x]), double{std::numeric_limits<std::int32_t>::min()},
                                          double{std::numeric_limits<std::int32_t>::max()});
          dst[x * kChannels + c] = round_shift_saturate(static_cast<std::int32_t>(exact));
        }
      }
    }
  }

 private:
  void prepare(int width, int height) {
    const int k = kernel_.size, r = kernel_.radius();
    const int cols = cv::getOptimalDFTSize(width + 2 * r), rows = cv::getOptimalDFTSize(height + 2 * r);
    plane_ = cv::Mat::zeros(rows, cols, CV_64F);
    cv::Mat taps = cv::Mat::zeros(rows, cols, CV_64F);
    for (int i = 0; i < k; ++i)
      for (int j = 0; j < k; ++j) taps.at<double>(i, j) = kernel_.tap(i, j);
    cv::dft(taps, kernel_spectrum_, 0, k);
    width_ = width;
    height_ = height;
  }

  KernelSpec kernel_;
  int threads_;
  int width_ = 0, height_ = 0;
  cv::Mat plane_, spectrum_, result_, kernel_spectrum_;
};

}  // namespace

std::unique_ptr<Filter> make_cpu_fft_filter(const KernelSpec& kernel, int threads) {
  return std::make_unique<FftFilter>(kernel, threads);
}

}  // namespace framebench::kernels
