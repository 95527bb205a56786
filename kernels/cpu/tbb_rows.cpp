#include "kernels/cpu/tbb_rows.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "kernels/cpu/fast.hpp"

namespace framebench::kernels {

namespace {

class TbbRowsFilter final : public Filter {
 public:
  TbbRowsFilter(const KernelSpec& k, int threads)
      : kernel_(k), threads_(CoreBudget(threads).runnable_threads()), arena_(threads_) {}

  void apply(ConstFrameView in, FrameView out) override {
    if (in.width != out.width || in.height != out.height || in.channels != out.channels)
      throw Error("tbb-rows: input and output sizes differ");
    // A few bands per thread balance the load; bands much shorter than the kernel would spend
    // their time refilling the ring of input rows.
    const int bands = std::max(1, std::min(threads_ * 4, in.height / std::max(16, 2 * kernel_.size())));
    const int grain = (in.height + bands - 1) / bands;
    arena_.execute([&] {
      tbb::parallel_for(
          tbb::blocked_range<int>(0, in.height, grain),
          [&](const tbb::blocked_range<int>& r) { kernel_.filter_rows(in, out, r.begin(), r.end(), scratch_.local()); },
          tbb::simple_partitioner());
    });
  }

 private:
  FastKernel kernel_;
  int threads_;
  tbb::task_arena arena_;
  tbb::enumerable_thread_specific<FastScratch> scratch_;
};

}  // namespace

std::unique_ptr<Filter> make_tbb_rows_filter(const KernelSpec& kernel, int threads) {
  return std::make_unique<TbbRowsFilter>(kernel, threads);
}

}  // namespace framebench::kernels
