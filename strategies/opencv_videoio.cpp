// opencv-videoio: the talk's "normal way", the historical baseline: cv::VideoCapture ->
// cv::filter2D -> cv::VideoWriter, with the codecs OpenCV's writer offers. OpenCV 4.6 picks its
// FFmpeg threads from the core count with no setting, so the pipeline runs in a worker process
// (framebench-opencv-videoio) pinned to `workers` cores. Its filter is a peer (float arithmetic),
// verified by tolerance. Odd sizes and variable-rate input, which cv::VideoWriter would quietly
// change, are refused up front (docs/RELIABILITY.md).
#include "strategies/opencv_videoio.hpp"

#include <memory>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/subprocess.hpp"
#include "kernels/cpu/opencv.hpp"
#include "media/frame_times.hpp"
#include "media/presentation.hpp"
#include "strategies/factories.hpp"
#include "strategies/segments/worker_pool.hpp"

namespace framebench::strategies {

namespace {

class OpencvVideoio final : public Strategy {
 public:
  OpencvVideoio() : Strategy(kOpencvVideoioName, kOpencvVideoioDescription) {}
  bool bit_exact() const override { return false; }
  std::string display_matrix_unkept_reason() const override { return "OpenCV's VideoWriter cannot be told a display matrix"; }

  std::string unavailable_reason() const override {
    if (auto why = kernels::opencv_unavailable_reason(); !why.empty()) return why;
    if (opencv_videoio_worker().empty())
      return fmt::format("its worker executable, {}, is not beside framebench in {}", kOpencvVideoioWorker,
                         self_executable().parent_path().string());
    return {};
  }

  std::string encoder_unsupported_reason(const media::EncoderSpec& encoder) const override {
    if (!opencv_fourcc(encoder.name).empty()) return {};
    return fmt::format("opencv-videoio cannot write encoder '{}': OpenCV's VideoWriter offers mpeg4 (mp4v), mjpeg (MJPG) "
                       "and x264-medium (avc1 at x264's default preset, which it cannot change)",
                       encoder.name);
  }

  void check(const Job& job) const override {
    Strategy::check(job);
    // cv::VideoWriter rounds odd sizes down without a word; refuse rather than write a smaller video.
    if (job.input_info.width % 2 || job.input_info.height % 2)
      throw InputError(fmt::format("{}: opencv-videoio cannot keep the size {}x{}: OpenCV's VideoWriter rounds odd sizes down",
                                   job.input.string(), job.input_info.width, job.input_info.height));
    // OpenCV converts to BGR with BT.601 limited-range coefficients whatever the tags say (found
    // 6 December 2026 by a correctness sweep: a BT.709 clip failed verification after the whole job).
    const media::Presentation& shown = job.input_info.presentation;
    if (!shown.converts_as_untagged(job.input_info.pixel_format))
      throw InputError(fmt::format("{}: opencv-videoio cannot honour its colour tags ({}): OpenCV converts to BGR as BT.601 limited "
                                   "range whatever they say; use another strategy",
                                   job.input.string(), shown.colour_text()));
    // cv::VideoCapture reads a file's first video stream, cover art included (found 7 December 2026
    // by a review: an MP4 whose picture is stored before its video).
    if (job.input_info.cover_art_before > 0)
      throw InputError(fmt::format("{}: opencv-videoio cannot read its video: cover art is stored before it, and cv::VideoCapture "
                                   "reads the first video stream it finds; use another strategy",
                                   job.input.string()));
    // Nor frames whose pixel format changes part way: its conversion stays the first frames' (found
    // 7 December 2026: yuv420p joined to yuv444p came out at 4.8 dB, after the whole job).
    if (!job.input_info.pixel_format_change.empty())
      throw InputError(fmt::format("{}: opencv-videoio cannot convert it: {}, and cv::VideoCapture converts every frame as the first; "
                                   "use another strategy",
                                   job.input.string(), job.input_info.pixel_format_change));
    if (media::FrameTimes::of(job.input_info).variable())
      throw InputError(fmt::format("{}: opencv-videoio cannot keep its variable frame rate: cv::VideoWriter takes frames without "
                                   "times and would space them evenly; use another strategy",
                                   job.input.string()));
  }

  RunReport run(const Job& job) const override {
    if (auto why = unavailable_reason(); !why.empty()) throw Error(fmt::format("{}: {}", name(), why));
    check(job);  // refuse what OpenCV cannot make before starting anything
    const WorkerJob whole{WorkerJob::Kind::opencv_videoio, job.input_info, {0, 0, job.input_info.frame_count}, job.kernel,
                          job.encoder.name,                job.output,     CoreBudget(job.workers).cores()};
    RunReport report = run_workers(single_job(whole), 1, job.options.pipe_kib * 1024);
    report.stages.erase(std::string(stage_name(Stage::transfer)));  // only the status record crossed a pipe
    return report;
  }
};

}  // namespace

std::string_view opencv_fourcc(std::string_view encoder_name) {
  if (encoder_name == "mpeg4") return "mp4v";
  if (encoder_name == "mjpeg") return "MJPG";
  if (encoder_name == "x264-medium") return "avc1";
  return {};
}

std::filesystem::path opencv_videoio_worker() { return sibling_executable(kOpencvVideoioWorker); }

std::unique_ptr<Strategy> make_opencv_videoio() { return std::make_unique<OpencvVideoio>(); }

}  // namespace framebench::strategies
