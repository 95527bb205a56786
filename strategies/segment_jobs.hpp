#pragma once
// Plans a job's segments and the worker job of each: shared by the segment strategies.
#include <filesystem>
#include <functional>
#include <vector>

#include "strategies/strategy.hpp"
#include "strategies/worker_protocol.hpp"

namespace framebench::strategies {

struct SegmentJobs {
  std::vector<WorkerJob> jobs;
  int parallel = 1;  // workers running at once
};

// `output_of(segment)` names where each worker writes (a part file, or the final output).
SegmentJobs plan_worker_jobs(const Job& job, WorkerJob::Output kind,
                             const std::function<std::filesystem::path(const Segment&)>& output_of);

}  // namespace framebench::strategies
