#include "kernels/fast_filter.hpp"

#include "kernels/cpu/fast.hpp"
#include "kernels/cpu/tbb_rows.hpp"

namespace framebench::kernels {

std::unique_ptr<Filter> make_fast_filter(const KernelSpec& kernel, int threads) {
  return threads == 1 ? make_cpu_fast_filter(kernel) : make_tbb_rows_filter(kernel, threads);
}

}  // namespace framebench::kernels
