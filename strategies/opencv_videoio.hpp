#pragma once
// opencv-videoio's two halves: the strategy (opencv_videoio.cpp, in every build), which hands the
// whole video to one worker process, and that worker's job (opencv_videoio_worker/), a separate
// executable so that OpenCV's videoio, and the 240 libraries it pulls in, are loaded only by
// runs of this peer and not at every start of framebench and its segment workers.
#include <filesystem>
#include <string_view>

#include "strategies/segments/job.hpp"

namespace framebench::strategies {

inline constexpr const char* kOpencvVideoioName = "opencv-videoio";
inline constexpr const char* kOpencvVideoioDescription =
    "the talk's normal way: cv::VideoCapture -> cv::filter2D -> cv::VideoWriter (peer: verified by PSNR)";
// The worker's file name, beside the framebench binary (a build's root, a bundle's bin/).
inline constexpr const char* kOpencvVideoioWorker = "framebench-opencv-videoio";

// The fourcc OpenCV's FFmpeg writer is given for each of our encoders it can write, as four
// characters: mpeg4 as mp4v, mjpeg as MJPG, x264-medium as avc1 (x264 at its default preset,
// which OpenCV cannot change); empty for the rest.
std::string_view opencv_fourcc(std::string_view encoder_name);

// The worker executable beside this one, or an empty path when it is not there.
std::filesystem::path opencv_videoio_worker();

// The worker's side (opencv_videoio_worker/job.cpp): runs `job` (the whole video) and reports its
// stage seconds; throws Error if OpenCV cannot open the input or the output.
WorkerStatus run_opencv_videoio_job(const WorkerJob& job);

}  // namespace framebench::strategies
