#include "strategies/segments/job.hpp"

namespace framebench::strategies {

WorkerJob ChunkJobs::job(std::size_t chunk) const {
  WorkerJob j = common;
  j.segment = chunks.at(chunk);
  j.output = outputs.at(chunk);
  return j;
}

ChunkJobs segment_jobs(const Job& job, const SegmentPlan& plan, WorkerJob::Kind kind,
                       const std::function<std::filesystem::path(const Segment&)>& output_of) {
  ChunkJobs jobs;
  jobs.chunks = plan.segments;
  for (const Segment& s : plan.segments) jobs.outputs.push_back(output_of(s));
  jobs.common = {kind, job.input_info, jobs.chunks.empty() ? Segment{} : jobs.chunks.front(), job.kernel, job.encoder.name,
                 jobs.outputs.empty() ? std::filesystem::path{} : jobs.outputs.front(), plan.threads, job.pixels};
  return jobs;
}

ChunkJobs single_job(const WorkerJob& whole) { return {whole, {whole.segment}, {whole.output}}; }

}  // namespace framebench::strategies
