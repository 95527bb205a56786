#pragma once
#include "strategies/strategy.hpp"
#include "strategies/worker_protocol.hpp"

namespace framebench::strategies {

// The talk's "normal way", the historical baseline: cv::VideoCapture -> cv::filter2D ->
// cv::VideoWriter, with the codecs OpenCV's writer offers (mpeg4 as mp4v, mjpeg as MJPG,
// x264-medium as avc1: OpenCV 4.6 runs x264 at its default preset and cannot be told another).
// OpenCV 4.6 picks its FFmpeg threads from the core count with no setting, so the pipeline runs
// in a worker process pinned (CPU affinity) to `workers` cores, with cv::setNumThreads(workers).
// Its filter is a peer (float arithmetic), verified by tolerance.
class OpencvVideoio final : public Strategy {
 public:
  std::string name() const override { return "opencv-videoio"; }
  std::string description() const override {
    return "the talk's normal way: cv::VideoCapture -> cv::filter2D -> cv::VideoWriter (peer: verified by PSNR)";
  }
  std::string unavailable_reason() const override;
  bool bit_exact() const override { return false; }
  std::string encoder_unsupported_reason(const media::EncoderSpec& encoder) const override;
  void check(const Job& job) const override;
  RunReport run(const Job& job) const override;
};

// The worker process's side: runs `job` (whole video) and reports its stage seconds.
WorkerStatus run_opencv_videoio(const WorkerJob& job);

}  // namespace framebench::strategies
