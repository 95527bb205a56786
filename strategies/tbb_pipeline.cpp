#include "strategies/tbb_pipeline.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/stopwatch.hpp"
#include "kernels/cpu/fast.hpp"
#include "kernels/implementation.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::strategies {

namespace {

// One frame in flight: what was decoded and what the filter made of it.
struct Slot {
  Frame in, out;
};

// Live tokens: enough for every thread to filter a frame while decode and encode each hold one,
// and no more, since each token holds two raw frames (12 MB at 1080p, 50 MB at 2160p).
int tokens_for(int workers) { return workers + 2; }

}  // namespace

RunReport TbbPipeline::run(const Job& job) const {
  const int workers = std::max(1, job.workers);
  const auto& info = job.input_info;
  // Decode and encode are serial stages: one library thread each, run on arena threads.
  media::VideoReader reader(info, {.threads = 1});
  media::VideoWriter writer(job.output, job.encoder,
                            {.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = 1});

  const int tokens = tokens_for(workers);
  std::vector<std::unique_ptr<Slot>> slots;
  tbb::concurrent_bounded_queue<Slot*> free_slots;
  for (int i = 0; i < tokens; ++i) {
    slots.push_back(std::make_unique<Slot>());
    slots.back()->out.resize(info.width, info.height);
    free_slots.push(slots.back().get());
  }

  // Whole frames: a filter per thread. Row bands: one shared kernel, scratch rows per thread.
  tbb::enumerable_thread_specific<std::unique_ptr<kernels::Filter>> filters([&] { return kernels::make_fast_filter(job.kernel); });
  std::unique_ptr<kernels::FastKernel> banded;
  if (job.options.row_bands) banded = std::make_unique<kernels::FastKernel>(job.kernel);
  tbb::enumerable_thread_specific<kernels::FastScratch> scratch;
  tbb::enumerable_thread_specific<double> filter_seconds(0.0);
  const int bands = std::max(1, std::min(workers * 2, info.height / std::max(16, 2 * job.kernel.size)));
  const int grain = (info.height + bands - 1) / bands;

  double decode = 0, encode = 0;
  std::int64_t frames = 0;
  // oneTBB runs at most as many threads as there are cores (and warns when asked for more): a
  // budget beyond them buys live tokens, not threads.
  tbb::task_arena arena(std::min(workers, tbb::info::default_concurrency()));
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<std::size_t>(tokens),
        tbb::make_filter<void, Slot*>(tbb::filter_mode::serial_in_order,
                                      [&](tbb::flow_control& fc) -> Slot* {
                                        Slot* slot = nullptr;
                                        free_slots.pop(slot);  // never waits: tokens = slots
                                        ScopedTimer t(decode);
                                        if (!reader.read(slot->in)) {
                                          free_slots.push(slot);
                                          fc.stop();
                                          return nullptr;
                                        }
                                        return slot;
                                      }) &
            tbb::make_filter<Slot*, Slot*>(tbb::filter_mode::parallel,
                                           [&](Slot* slot) {
                                             if (!banded) {
                                               ScopedTimer t(filter_seconds.local());
                                               filters.local()->apply(slot->in.view(), slot->out.view());
                                               return slot;
                                             }
                                             // Timed per band: a thread waiting for the bands may
                                             // run other stages meanwhile.
                                             tbb::parallel_for(
                                                 tbb::blocked_range<int>(0, info.height, grain),
                                                 [&](const tbb::blocked_range<int>& r) {
                                                   ScopedTimer t(filter_seconds.local());
                                                   banded->filter_rows(slot->in.view(), slot->out.view(), r.begin(), r.end(),
                                                                       scratch.local());
                                                 },
                                                 tbb::simple_partitioner());
                                             return slot;
                                           }) &
            tbb::make_filter<Slot*, void>(tbb::filter_mode::serial_in_order, [&](Slot* slot) {
              {
                ScopedTimer t(encode);
                writer.write(slot->out.view());
              }
              ++frames;
              free_slots.push(slot);
            }));
  });
  {
    ScopedTimer t(encode);
    writer.finish();
  }
  RunReport report;
  report.frames = frames;
  report.stages = {{"decode", decode}, {"filter", filter_seconds.combine(std::plus<>())}, {"encode", encode}};
  return report;
}

}  // namespace framebench::strategies
