#include "strategies/segment_jobs.hpp"

#include <algorithm>

#include "strategies/segment_workers.hpp"

namespace framebench::strategies {

SegmentJobs plan_worker_jobs(const Job& job, WorkerJob::Output kind,
                             const std::function<std::filesystem::path(const Segment&)>& output_of) {
  const auto segments = plan_segments(job.input_info, wanted_segments(job.workers, job.options.segments), job.options.split);
  SegmentJobs plan;
  plan.parallel = std::min(static_cast<int>(segments.size()), std::max(1, job.workers));
  const int threads = threads_per_worker(job.workers, plan.parallel);
  for (const Segment& s : segments)
    plan.jobs.push_back({kind, job.input_info, s, job.kernel, job.encoder.name, output_of(s), threads});
  return plan;
}

}  // namespace framebench::strategies
