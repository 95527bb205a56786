#include "strategies/segments/job.hpp"

namespace framebench::strategies {

std::vector<WorkerJob> segment_jobs(const Job& job, const SegmentPlan& plan, WorkerJob::Kind kind,
                                    const std::function<std::filesystem::path(const Segment&)>& output_of) {
  std::vector<WorkerJob> jobs;
  for (const Segment& s : plan.segments)
    jobs.push_back({kind, job.input_info, s, job.kernel, job.encoder.name, output_of(s), plan.threads, job.pixels});
  return jobs;
}

}  // namespace framebench::strategies
