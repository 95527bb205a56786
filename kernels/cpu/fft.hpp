#pragma once
// cpu-fft: convolution through OpenCV's single-precision real DFT, for large kernels whose
// direct cost grows with K^2. The frame is padded by reflect-101 and each channel correlated,
// tile by tile (overlap-save), with the taps in pixel units, whose spectrum is computed once per
// frame size. The float result is within a small fraction of a level of the exact sum / 2^16,
// so rounding it gives the reference's output or one level off where the sum is near a tie.
#include <memory>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// Single-threaded: `threads` is passed to OpenCV (cv::setNumThreads) but cv::dft does not split
// one transform across threads.
std::unique_ptr<Filter> make_cpu_fft_filter(const KernelSpec& kernel, int threads);

}  // namespace framebench::kernels
