#pragma once
// tbb-rows: cpu-fast over bands of output rows on a oneTBB task arena limited to the thread
// budget, each worker with its own scratch rows.
#include <memory>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// `threads` = 0 uses every core this process may run on.
std::unique_ptr<Filter> make_tbb_rows_filter(const KernelSpec& kernel, int threads);

}  // namespace framebench::kernels
