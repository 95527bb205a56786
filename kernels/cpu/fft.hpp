#pragma once
// cpu-fft: convolution through OpenCV's double-precision real DFT, for large kernels whose
// direct cost grows with K^2. The frame is padded by reflect-101 and each channel correlated
// with the quantised integer taps; the sum comes back within a tiny fraction of the exact
// integer and is rounded to it before the fixed-point rule, so results are within 1 LSB of the
// reference (a difference needs an FFT error of half a unit, far above double rounding here).
#include <memory>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// Single-threaded: `threads` is passed to OpenCV (cv::setNumThreads) but cv::dft does not split
// one transform across threads.
std::unique_ptr<Filter> make_cpu_fft_filter(const KernelSpec& kernel, int threads);

}  // namespace framebench::kernels
