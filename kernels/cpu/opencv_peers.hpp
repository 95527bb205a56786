#pragma once
// OpenCV baselines, peers compared by tolerance: they use OpenCV's own arithmetic (float taps,
// round half to even, a DFT path for large 2-D kernels), not ours.
#include <memory>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// cv::filter2D with the quantised taps / 2^16 as a float kernel, BORDER_REFLECT_101.
std::unique_ptr<Filter> make_opencv_filter2d(const KernelSpec& kernel, int threads);
// cv::sepFilter2D with the kernel's 1-D factors; InputError if the kernel is not separable.
std::unique_ptr<Filter> make_opencv_sep(const KernelSpec& kernel, int threads);

}  // namespace framebench::kernels
