#include "strategies/opencv_videoio.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include <fmt/format.h>

#include "core/cpu_affinity.hpp"
#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "strategies/segment_workers.hpp"

namespace framebench::strategies {

namespace {

// Our encoder names for what OpenCV's FFmpeg writer makes of each fourcc (its own settings); 0 for none.
int fourcc_for(const media::EncoderSpec& encoder) {
  if (encoder.name == "mpeg4") return cv::VideoWriter::fourcc('m', 'p', '4', 'v');
  if (encoder.name == "mjpeg") return cv::VideoWriter::fourcc('M', 'J', 'P', 'G');
  if (encoder.name == "x264-medium") return cv::VideoWriter::fourcc('a', 'v', 'c', '1');
  return 0;
}

}  // namespace

std::string OpencvVideoio::unavailable_reason() const {
  if (!cv::videoio_registry::hasBackend(cv::CAP_FFMPEG)) return "this OpenCV has no FFmpeg videoio backend";
  return {};
}

std::string OpencvVideoio::encoder_unsupported_reason(const media::EncoderSpec& encoder) const {
  if (fourcc_for(encoder)) return {};
  return fmt::format("opencv-videoio cannot write encoder '{}': OpenCV's VideoWriter offers mpeg4 (mp4v), mjpeg (MJPG) "
                     "and x264-medium (avc1 at x264's default preset, which it cannot change)",
                     encoder.name);
}

void OpencvVideoio::check(const Job& job) const {
  Strategy::check(job);
  // cv::VideoWriter rounds odd sizes down without a word; refuse rather than write a smaller video.
  if (job.input_info.width % 2 || job.input_info.height % 2)
    throw InputError(fmt::format("{}: opencv-videoio cannot keep the size {}x{}: OpenCV's VideoWriter rounds odd sizes down",
                                 job.input.string(), job.input_info.width, job.input_info.height));
}

RunReport OpencvVideoio::run(const Job& job) const {
  check(job);  // refuse what OpenCV cannot make before starting anything
  const WorkerJob work{WorkerJob::Output::opencv_videoio, job.input_info,          {0, 0, job.input_info.frame_count},
                       job.kernel,                        job.encoder.name,        job.output,
                       std::max(1, job.workers)};
  const auto worker = run_workers({work}, 1, job.options.pipe_kib * 1024);
  RunReport report;
  report.frames = worker.frames;
  report.stages = worker.stages;
  report.stages.erase("transfer");  // only the status record crossed a pipe
  report.peak_rss_bytes = worker.peak_rss_bytes;
  return report;
}

WorkerStatus run_opencv_videoio(const WorkerJob& job) {
  const auto& encoder = media::encoder(job.encoder);
  const int fourcc = fourcc_for(encoder);
  // This worker process exits after the job, so the pin needs no undoing.
  const PinnedCores pinned(job.threads);
  cv::setNumThreads(job.threads);
  WorkerStatus status;
  double decode = 0, filter = 0, encode = 0;
  const auto& info = job.input;
  cv::VideoCapture capture;
  {
    ScopedTimer t(decode);
    if (!capture.open(info.path.string(), cv::CAP_FFMPEG))
      throw Error(fmt::format("{}: cv::VideoCapture cannot open it", info.path.string()));
  }
  cv::VideoWriter writer;
  {
    ScopedTimer t(encode);
    if (!writer.open(job.output.string(), cv::CAP_FFMPEG, fourcc, info.frame_rate.value(), cv::Size(info.width, info.height)))
      throw Error(fmt::format("{}: cv::VideoWriter cannot open it for {} ({}x{})", job.output.string(), encoder.name, info.width,
                              info.height));
  }
  // The kernel as the talk gave it to filter2D: its coefficients as floats.
  cv::Mat kernel(job.kernel.size, job.kernel.size, CV_64F, const_cast<double*>(job.kernel.coefficients.data()));
  cv::Mat kernel32;
  kernel.convertTo(kernel32, CV_32F);
  cv::Mat in, out;
  for (;;) {
    {
      ScopedTimer t(decode);
      if (!capture.read(in)) break;
    }
    {
      ScopedTimer t(filter);
      cv::filter2D(in, out, -1, kernel32, cv::Point(-1, -1), 0, cv::BORDER_REFLECT_101);
    }
    {
      ScopedTimer t(encode);
      writer.write(out);
    }
    ++status.frames;
  }
  {
    ScopedTimer t(encode);
    writer.release();
  }
  status.stages = {{"decode", decode}, {"filter", filter}, {"encode", encode}};
  return status;
}

}  // namespace framebench::strategies
