// opencv-videoio: the talk's "normal way", the historical baseline: cv::VideoCapture ->
// cv::filter2D -> cv::VideoWriter, with the codecs OpenCV's writer offers (mpeg4 as mp4v, mjpeg
// as MJPG, x264-medium as avc1: OpenCV 4.6 runs x264 at its default preset and cannot be told
// another). OpenCV 4.6 picks its FFmpeg threads from the core count with no setting, so the
// pipeline runs in a worker process pinned (CPU affinity) to `workers` cores, with
// cv::setNumThreads(workers). Its filter is a peer (float arithmetic), verified by tolerance.
// It follows the documented behaviour on damaged and variable-rate input (docs/RELIABILITY.md):
// a decode error cv::VideoCapture conceals fails the job (the libav log tells), and a
// variable-rate input, whose times cv::VideoWriter cannot take, is refused up front.
#include "strategies/opencv_videoio.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include <memory>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/cpu_affinity.hpp"
#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "media/decode_error_watch.hpp"
#include "media/file_url.hpp"
#include "media/frame_times.hpp"
#include "strategies/factories.hpp"
#include "strategies/frame_loop.hpp"
#include "strategies/segments/worker_pool.hpp"

namespace framebench::strategies {

namespace {

// Our encoder names for what OpenCV's FFmpeg writer makes of each fourcc (its own settings); 0 for none.
int fourcc_for(const media::EncoderSpec& encoder) {
  if (encoder.name == "mpeg4") return cv::VideoWriter::fourcc('m', 'p', '4', 'v');
  if (encoder.name == "mjpeg") return cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
  if (encoder.name == "x264-medium") return cv::VideoWriter::fourcc('a', 'v', 'c', '1');
  return 0;
}

class OpencvVideoio final : public Strategy {
 public:
  OpencvVideoio()
      : Strategy(kOpencvVideoioName, kOpencvVideoioDescription) {}
  bool bit_exact() const override { return false; }

  std::string unavailable_reason() const override {
    if (!cv::videoio_registry::hasBackend(cv::CAP_FFMPEG)) return "this OpenCV has no FFmpeg videoio backend";
    return {};
  }

  std::string encoder_unsupported_reason(const media::EncoderSpec& encoder) const override {
    if (fourcc_for(encoder)) return {};
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
    if (media::FrameTimes::of(job.input_info).variable())
      throw InputError(fmt::format("{}: opencv-videoio cannot keep its variable frame rate: cv::VideoWriter takes frames without "
                                   "times and would space them evenly; use another strategy",
                                   job.input.string()));
  }

  RunReport run(const Job& job) const override {
    check(job);  // refuse what OpenCV cannot make before starting anything
    const WorkerJob whole{WorkerJob::Kind::opencv_videoio, job.input_info, {0, 0, job.input_info.frame_count}, job.kernel,
                          job.encoder.name,                job.output,     CoreBudget(job.workers).cores()};
    RunReport report = run_workers(single_job(whole), 1, job.options.pipe_kib * 1024);
    report.stages.erase(std::string(stage_name(Stage::transfer)));  // only the status record crossed a pipe
    return report;
  }
};

void open_input(cv::VideoCapture& capture, const WorkerJob& job) {
  if (!capture.open(media::file_url(job.input.path), cv::CAP_FFMPEG))
    throw Error(fmt::format("{}: cv::VideoCapture cannot open it", job.input.path.string()));
}

void open_output(cv::VideoWriter& writer, const WorkerJob& job) {
  const auto& encoder = media::encoder(job.encoder);
  const auto& info = job.input;
  if (!writer.open(media::file_url(job.output), cv::CAP_FFMPEG, fourcc_for(encoder), info.frame_rate.value(), cv::Size(info.width, info.height)))
    throw Error(fmt::format("{}: cv::VideoWriter cannot open it for {} ({}x{})", job.output.string(), encoder.name, info.width,
                            info.height));
}

}  // namespace

std::unique_ptr<Strategy> make_opencv_videoio() { return std::make_unique<OpencvVideoio>(); }

WorkerStatus run_opencv_videoio_job(const WorkerJob& job) {
  // This worker process exits after the job, so the pin needs no undoing.
  const PinnedCores pinned(job.threads);
  cv::setNumThreads(job.threads);
  LoopSeconds seconds;
  const media::DecodeErrorWatch decode_errors;
  cv::VideoCapture capture;
  {
    ScopedTimer t(seconds.decode);
    open_input(capture, job);
  }
  cv::VideoWriter writer;
  {
    ScopedTimer t(seconds.encode);
    open_output(writer, job);
  }
  // The kernel as the talk gave it to filter2D: its coefficients as floats.
  cv::Mat kernel;
  cv::Mat(job.kernel.size, job.kernel.size, CV_64F, const_cast<double*>(job.kernel.coefficients.data())).convertTo(kernel, CV_32F);
  cv::Mat in, out;
  WorkerStatus status;
  std::int64_t frames_read = 0;
  const auto read = [&] {
    const bool more = capture.read(in);
    if (decode_errors.errors() > 0)
      throw Error(fmt::format("{}: damaged: the decoder reported \"{}\" by frame {}, which cv::VideoCapture conceals",
                              job.input.path.string(), decode_errors.first_error(), frames_read));
    frames_read += more;
    return more;
  };
  status.frames = decode_filter_encode(
      seconds, read,
      [&] { cv::filter2D(in, out, -1, kernel, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101); }, [&] { writer.write(out); });
  {
    ScopedTimer t(seconds.encode);
    writer.release();
  }
  status.stages = seconds.stages();
  return status;
}

}  // namespace framebench::strategies
