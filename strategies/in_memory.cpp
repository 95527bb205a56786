// in-memory: like multiprocess-segments, but the encoded chunks come back to the parent
// through pipes as packets and are muxed in order as they arrive: only the final output touches
// the disk.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "strategies/factories.hpp"
#include "strategies/segments/in_order_muxer.hpp"
#include "strategies/segments/job.hpp"
#include "strategies/segments/worker_pool.hpp"

namespace framebench::strategies {

namespace {

// The workers' records, muxed in chunk order. Beyond kMaxBufferedBytes the workers of later chunks
// are no longer read and block on their full pipes until the due chunk finishes.
WorkerHooks in_order_hooks(InOrderMuxer& muxer, int parallel) {
  WorkerHooks h;
  h.max_ahead = chunks_ahead(parallel);
  h.on_record = [&muxer](const Segment& s, RecordType type, std::string&& bytes) { muxer.take(s, type, std::move(bytes)); };
  h.on_done = [&muxer](const Segment& s) { muxer.done(s); };
  h.may_read = [&muxer](const Segment& s) {
    return static_cast<std::size_t>(s.index) == muxer.due() || muxer.buffered_bytes() < kMaxBufferedBytes;
  };
  return h;
}

class InMemory final : public Strategy {
 public:
  InMemory()
      : Strategy("in-memory",
                 "N worker processes take chunks in turn and send encoded packets back through pipes; the parent muxes them in order, no part files") {}
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }
  std::string unavailable_reason() const override { return segment_worker_unavailable_reason(); }
  bool restarts_decoder_mid_stream() const override { return true; }

  RunReport run(const Job& job) const override {
    // Workers encode for the final container (its global-header rule) and stamp their packets
    // with the frame indices of the whole video.
    const auto plan = plan_job_segments(job);
    const auto jobs = segment_jobs(job, plan, WorkerJob::Kind::segment_to_packets, [&](const Segment&) { return job.output; });
    InOrderMuxer muxer(job, jobs.chunks);
    RunReport report = run_workers(jobs, plan.parallel, job.options.pipe_kib * 1024, in_order_hooks(muxer, plan.parallel));
    muxer.finish();
    record_plan(plan, report);
    report.frames = muxer.frames_written();
    seconds_of(report.stages, Stage::merge) += muxer.merge_seconds();
    return report;  // scratch_bytes stays 0: nothing but the output is written
  }
};

}  // namespace

std::unique_ptr<Strategy> make_in_memory() { return std::make_unique<InMemory>(); }

}  // namespace framebench::strategies
