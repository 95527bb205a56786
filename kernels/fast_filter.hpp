#pragma once
// The fastest filter that is bit-exact with the reference, apart from the implementation
// registry (kernels/implementation.hpp), so that what needs only it (the segment worker, the
// verification) does not link every implementation and its libraries.
#include <memory>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// cpu-fast on one thread, or tbb-rows (cpu-fast over bands of rows) on `threads` threads, 0 = all cores.
std::unique_ptr<Filter> make_fast_filter(const KernelSpec& kernel, int threads = 1);

}  // namespace framebench::kernels
