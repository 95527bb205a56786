#include "kernels/cpu/opencv_peers.hpp"

#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cpu/rank_one.hpp"

namespace framebench::kernels {

namespace {

// OpenCV's own thread pool, set to the budget: threads >= 1 uses that many, 0 all cores.
// (OpenCV reads 0 as "no threading" and a negative number as its default of all cores.)
void set_opencv_threads(int threads) { cv::setNumThreads(threads > 0 ? threads : -1); }

cv::Mat wrap(ConstFrameView v) {
  return cv::Mat(v.height, v.width, CV_8UC3, const_cast<std::uint8_t*>(v.data), static_cast<std::size_t>(v.stride));
}
cv::Mat wrap(FrameView v) { return cv::Mat(v.height, v.width, CV_8UC3, v.data, static_cast<std::size_t>(v.stride)); }

void check_sizes(const char* who, ConstFrameView in, FrameView out) {
  if (in.width != out.width || in.height != out.height) throw Error(fmt::format("{}: input and output sizes differ", who));
}

class Filter2D final : public Filter {
 public:
  Filter2D(const KernelSpec& k, int threads) : kernel_(k.size, k.size, CV_32F), threads_(threads) {
    for (int i = 0; i < k.size; ++i)
      for (int j = 0; j < k.size; ++j) kernel_.at<float>(i, j) = static_cast<float>(std::ldexp(k.tap(i, j), -kShift));
  }
  void apply(ConstFrameView in, FrameView out) override {
    check_sizes("opencv-filter2d", in, out);
    if (in.empty()) return;
    set_opencv_threads(threads_);
    cv::Mat dst = wrap(out);
    cv::filter2D(wrap(in), dst, -1, kernel_, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
  }

 private:
  cv::Mat kernel_;
  int threads_;
};

class SepFilter2D final : public Filter {
 public:
  SepFilter2D(const RankOneFactors& f, int threads) : threads_(threads) {
    // OpenCV has a fixed-point path for smoothing kernels whose factors are non-negative and
    // sum to exactly 1, so each factor is normalised when that is exact (box, gaussian).
    const int n = static_cast<int>(f.column.size());
    double column_sum = 0;
    for (auto c : f.column) column_sum += static_cast<double>(c);
    const bool power_of_two = column_sum > 0 && std::exp2(std::round(std::log2(column_sum))) == column_sum;
    const double column_scale = power_of_two ? column_sum : 1.0;
    column_.create(n, 1, CV_32F);
    row_.create(1, n, CV_32F);
    for (int i = 0; i < n; ++i) {
      column_.at<float>(i) = static_cast<float>(static_cast<double>(f.column[i]) / column_scale);
      row_.at<float>(i) = static_cast<float>(std::ldexp(static_cast<double>(f.row[i]) * column_scale, -kShift));
    }
  }
  void apply(ConstFrameView in, FrameView out) override {
    check_sizes("opencv-sep", in, out);
    if (in.empty()) return;
    set_opencv_threads(threads_);
    cv::Mat dst = wrap(out);
    cv::sepFilter2D(wrap(in), dst, -1, row_, column_, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
  }

 private:
  cv::Mat row_, column_;
  int threads_;
};

}  // namespace

std::unique_ptr<Filter> make_opencv_filter2d(const KernelSpec& kernel, int threads) {
  return std::make_unique<Filter2D>(kernel, threads);
}

std::unique_ptr<Filter> make_opencv_sep(const KernelSpec& kernel, int threads) {
  const auto factors = rank_one_factors(kernel);
  if (!factors) throw InputError(fmt::format("opencv-sep: kernel {} is not separable", kernel.name));
  return std::make_unique<SepFilter2D>(*factors, threads);
}

}  // namespace framebench::kernels
