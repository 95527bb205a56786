#pragma once
// The worker-process side of opencv-videoio (opencv_videoio.cpp): segments/worker_process runs
// it for a WorkerJob of kind opencv_videoio.
#include "strategies/segments/job.hpp"

namespace framebench::strategies {

// Runs `job` (the whole video) and reports its stage seconds; throws Error if OpenCV cannot
// open the input or the output.
WorkerStatus run_opencv_videoio_job(const WorkerJob& job);

}  // namespace framebench::strategies
