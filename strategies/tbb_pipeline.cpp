// tbb-pipeline: one process, a oneTBB parallel_pipeline of serial-in-order decode, parallel
// filter (whole frames, optionally also bands of rows; on the BGR24 path the conversions to and
// from BGR24 too, which the serial stages, the pipeline's longest, would otherwise carry) and
// serial-in-order encode, in a task arena of `workers` threads.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "core/core_budget.hpp"
#include "core/interrupt.hpp"
#include "core/stopwatch.hpp"
#include "kernels/cpu/fast.hpp"
#include "media/output_encoding.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/factories.hpp"
#include "strategies/frame_slot.hpp"
#include "strategies/slot_filter.hpp"
#include "strategies/slot_pool.hpp"

namespace framebench::strategies {

namespace {

// The parallel stage. Whole frames: a SlotFilter per thread (on bgr24_bands the conversions to and
// from BGR24 too, which the serial stages, the pipeline's longest, would otherwise carry). Row
// bands: one shared kernel over bands of rows, with scratch rows per thread, after the
// conversion to BGR24 (bgr24).
class ParallelFilter {
 public:
  ParallelFilter(const Job& job, int workers, SlotPath path)
      : filters_([&kernel = job.kernel, path] { return SlotFilter(kernel, path); }), grain_(grain_for(job, workers)), path_(path) {
    if (job.options.row_bands) banded_ = std::make_unique<kernels::FastKernel>(job.kernel);
  }

  void apply(FrameSlot& slot) {
    if (path_ == SlotPath::bgr24) {  // converted here, in parallel, not in the serial decode stage
      ScopedTimer t(convert_seconds_.local());
      slot.convert_to_bgr(to_bgr_.local());
    }
    if (!banded_) {
      ScopedTimer t(seconds_.local());
      filters_.local().apply(slot);
      return;
    }
    // Timed per band: a thread waiting for the bands may run other stages meanwhile. Planes are
    // banded one after another (the native path's chroma planes are bands of their own size).
    for (std::size_t p = 0; p < slot.in_planes.size(); ++p) {
      const ConstFrameView in = slot.in_planes[p];
      const FrameView out = slot.out_planes[p];
      tbb::parallel_for(
          tbb::blocked_range<int>(0, in.height, grain_),
          [&](const tbb::blocked_range<int>& r) {
            ScopedTimer t(seconds_.local());
            banded_->filter_rows(in, out, r.begin(), r.end(), scratch_.local());
          },
          tbb::simple_partitioner());
    }
  }

  double seconds() { return seconds_.combine(std::plus<>()); }
  double convert_seconds() { return convert_seconds_.combine(std::plus<>()); }

 private:
  // Rows per band: two bands per thread, each at least twice the kernel and 16 rows tall.
  static int grain_for(const Job& job, int workers) {
    const int height = job.input_info.height;
    const int bands = std::max(1, std::min(workers * 2, height / std::max(16, 2 * job.kernel.size)));
    return (height + bands - 1) / bands;
  }

  tbb::enumerable_thread_specific<SlotFilter> filters_;
  std::unique_ptr<kernels::FastKernel> banded_;
  tbb::enumerable_thread_specific<kernels::FastScratch> scratch_;
  tbb::enumerable_thread_specific<double> seconds_{0.0};
  tbb::enumerable_thread_specific<media::NativeToBgr> to_bgr_;
  tbb::enumerable_thread_specific<double> convert_seconds_{0.0};
  int grain_;
  SlotPath path_;
};

class TbbPipeline final : public Strategy {
 public:
  TbbPipeline()
      : Strategy("tbb-pipeline",
                 "one process: oneTBB pipeline, serial decode -> parallel filter -> serial encode, on `workers` threads") {}
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }

  RunReport run(const Job& job) const override {
    const CoreBudget budget(job.workers);
    const int workers = budget.cores();
    const auto& info = job.input_info;
    // Decode and encode are serial stages run on arena threads. The encoder gets the whole budget
    // of threads: with one, x264 alone is the bound (its serial stage took the whole wall time);
    // with more, its frame threads overlap the arena's work while the stage's own thread waits
    // inside x264's calls, so the cores stay within the budget.
    media::VideoReader reader(info, {.threads = 1, .pixels = job.pixels});
    const media::EncoderSpec written = media::encoder_for_path(job.encoder, job.pixels, info);
    media::VideoWriter writer(job.output, written,
                              {.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = workers,
                               .times = media::FrameTimes::of(info),
                               .presentation = media::output_presentation(info, job.pixels, written)});
    // Row bands split each frame's filter among threads, so they take whole BGR24 frames.
    const SlotPath path = job.options.row_bands && job.pixels == PixelPath::bgr24 ? SlotPath::bgr24 : slot_path(job.pixels);
    // Enough for every thread to filter a frame while decode and encode each hold one.
    SlotPool pool(static_cast<std::size_t>(workers) + 2);
    ParallelFilter filter(job, workers, path);
    double decode = 0, encode = 0;
    RunReport report;
    const auto read = [&](tbb::flow_control& fc) -> FrameSlot* {
      throw_if_stopped();  // Ctrl-C or the time limit: parallel_pipeline cancels and rethrows
      FrameSlot* slot = pool.take();
      ScopedTimer t(decode);
      if (path == SlotPath::bgr24 ? slot->read_decoded(reader) : slot->read(reader, writer, path)) return slot;
      pool.give_back(slot);
      fc.stop();
      return nullptr;
    };
    const auto write = [&](FrameSlot* slot) {
      {
        ScopedTimer t(encode);
        slot->write(writer, path);
      }
      ++report.frames;
      pool.give_back(slot);
    };
    // A budget beyond the cores buys live tokens, not threads.
    tbb::task_arena arena(budget.runnable_threads());
    arena.execute([&] {
      tbb::parallel_pipeline(pool.tokens(), tbb::make_filter<void, FrameSlot*>(tbb::filter_mode::serial_in_order, read) &
                                                tbb::make_filter<FrameSlot*, FrameSlot*>(tbb::filter_mode::parallel, [&](FrameSlot* slot) {
                                                  filter.apply(*slot);
                                                  return slot;
                                                }) &
                                                tbb::make_filter<FrameSlot*, void>(tbb::filter_mode::serial_in_order, write));
    });
    {
      ScopedTimer t(encode);
      writer.finish();
    }
    // bgr24's conversion, done beside the filter, is booked to decode as in the other strategies.
    report.stages = make_stage_seconds(
        {{Stage::decode, decode + filter.convert_seconds()}, {Stage::filter, filter.seconds()}, {Stage::encode, encode}});
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_tbb_pipeline() { return std::make_unique<TbbPipeline>(); }

}  // namespace framebench::strategies
