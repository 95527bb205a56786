#pragma once
// The oracle: the arithmetic of kernel_spec.hpp written as plainly as possible. Every other
// implementation is tested against this one.
#include <memory>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

void reference_filter(const KernelSpec& kernel, ConstFrameView in, FrameView out);

std::unique_ptr<Filter> make_reference_filter(const KernelSpec& kernel);

}  // namespace framebench::kernels
