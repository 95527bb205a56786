#pragma once
// The worker-process side of opencv-videoio (opencv_videoio.cpp, or opencv_videoio_unavailable.cpp
// without OpenCV): segments/worker_process runs it for a WorkerJob of kind opencv_videoio.
#include "strategies/segments/job.hpp"

namespace framebench::strategies {

// Its name and description, the same in builds without OpenCV (opencv_videoio_unavailable.cpp).
inline constexpr const char* kOpencvVideoioName = "opencv-videoio";
inline constexpr const char* kOpencvVideoioDescription =
    "the talk's normal way: cv::VideoCapture -> cv::filter2D -> cv::VideoWriter (peer: verified by PSNR)";

// Runs `job` (the whole video) and reports its stage seconds; throws Error if OpenCV cannot
// open the input or the output.
WorkerStatus run_opencv_videoio_job(const WorkerJob& job);

}  // namespace framebench::strategies
