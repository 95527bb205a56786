// multiprocess-segments: N worker processes (framebench-worker) take chunks in turn, each
// decoding, filtering and encoding its chunk to a part file in a private scratch directory; the
// parent joins the parts by stream copy.
#include <memory>

#include "strategies/factories.hpp"
#include "strategies/segments/job.hpp"
#include "strategies/segments/part_files.hpp"
#include "strategies/segments/worker_pool.hpp"

namespace framebench::strategies {

namespace {

class MultiprocessSegments final : public Strategy {
 public:
  MultiprocessSegments()
      : Strategy("multiprocess-segments",
                 "N worker processes take chunks in turn, each encoded to a part file; the parent joins the parts by stream copy") {}
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }
  std::string unavailable_reason() const override { return segment_worker_unavailable_reason(); }
  bool restarts_decoder_mid_stream() const override { return true; }

  RunReport run(const Job& job) const override {
    const PartFiles parts(job, "framebench-segments");
    const auto plan = plan_job_segments(job);
    const auto jobs = segment_jobs(job, plan, WorkerJob::Kind::segment_to_part_file, [&](const Segment& s) { return parts.part(s); });
    RunReport report = run_workers(jobs, plan.parallel, job.options.pipe_kib * 1024);
    parts.join_into(plan.segments, job.output, report);
    record_plan(plan, report);
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_multiprocess_segments() { return std::make_unique<MultiprocessSegments>(); }

}  // namespace framebench::strategies
