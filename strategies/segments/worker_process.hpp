#pragma once
// The worker process, the child side of segments/worker_pool: the body of the
// framebench-worker executable (strategies/segment_worker).
#include "strategies/segments/job.hpp"

namespace framebench::strategies {

// Runs one job in this process, packets (if any) as records on `out_fd`; a failure is returned
// in the status's error, never thrown. What a worker process and an MPI rank both do.
WorkerStatus run_worker_job(const WorkerJob& job, int out_fd);


// What runs one job in a worker process: a failure is thrown, and becomes the status's error.
using JobRunner = WorkerStatus (*)(const WorkerJob& job, int out_fd);

// Runs the job records on `in_fd` one after another with `run` until the parent closes it, each
// answered by a status record on `out_fd`. One process does many chunks, so that its start
// (loading the binary and its libraries) is paid once per worker, not per chunk. Returns the
// process exit status: 0 done, 1 a job failed (its status says why; nothing after it is run).
int serve_jobs(int in_fd, int out_fd, JobRunner run);

// framebench-worker: serve_jobs with the segment strategies' job, each chunk decoded, filtered
// and encoded (to a part file, or as packet records on `out_fd`). opencv-videoio's job has a
// worker executable of its own (strategies/opencv_videoio.hpp).
int run_segment_worker(int in_fd, int out_fd);

}  // namespace framebench::strategies
