#include "strategies/multiprocess_segments.hpp"

#include <fmt/format.h>

#include "core/scratch_dir.hpp"
#include "core/stopwatch.hpp"
#include "media/concat.hpp"
#include "strategies/segment_jobs.hpp"
#include "strategies/segment_workers.hpp"

namespace framebench::strategies {

RunReport MultiprocessSegments::run(const Job& job) const {
  ScratchDir scratch("framebench-segments", job.scratch_parent);
  const auto extension = job.output.extension().string();  // parts in the output's container
  const auto plan = plan_worker_jobs(job, WorkerJob::Output::part_file,
                                     [&](const Segment& s) { return scratch / fmt::format("part-{:05}{}", s.index, extension); });
  const auto workers = run_workers(plan.jobs, plan.parallel, job.options.pipe_kib * 1024);

  RunReport report;
  report.frames = workers.frames;
  report.frames_discarded = workers.frames_discarded;
  report.stages = workers.stages;
  report.peak_rss_bytes = workers.peak_rss_bytes;
  report.scratch_bytes = static_cast<std::int64_t>(scratch.bytes());  // every part, just before the join
  std::vector<std::filesystem::path> parts;
  for (const auto& w : plan.jobs) parts.push_back(w.output);
  {
    ScopedTimer t(report.stages["merge"]);
    media::concat_parts(parts, job.output);
  }
  return report;
}

}  // namespace framebench::strategies
