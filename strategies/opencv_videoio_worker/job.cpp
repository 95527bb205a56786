// opencv-videoio's job, in its own worker process: cv::VideoCapture -> cv::filter2D ->
// cv::VideoWriter over the whole video, pinned (CPU affinity) to the budget's cores with
// cv::setNumThreads(budget). A decode error cv::VideoCapture conceals fails the job (the libav
// log tells).
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/core_budget.hpp"
#include "core/cpu_affinity.hpp"
#include "core/error.hpp"
#include "core/result_text.hpp"
#include "core/stopwatch.hpp"
#include "media/decode_error_watch.hpp"
#include "media/file_url.hpp"
#include "strategies/frame_loop.hpp"
#include "strategies/opencv_videoio.hpp"

namespace framebench::strategies {

namespace {

void open_input(cv::VideoCapture& capture, const WorkerJob& job) {
  if (!cv::videoio_registry::hasBackend(cv::CAP_FFMPEG)) throw Error("opencv-videoio: this OpenCV has no FFmpeg videoio backend");
  if (!capture.open(media::file_url(job.input.path), cv::CAP_FFMPEG))
    throw Error(fmt::format("{}: cv::VideoCapture cannot open it", job.input.path.string()));
  // Frames as stored, as every strategy takes them: turned, a rotated clip's frames no longer fit
  // the writer opened at the stored size, which dropped them all (found 5 December 2026 by a
  // hostile-input sweep: "the output cannot be read back: no video stream", exit 1).
  capture.set(cv::CAP_PROP_ORIENTATION_AUTO, 0);
}

// What OpenCV writes straight to stderr while one is alive (its FFmpeg backend's notes, such as
// "OpenCV: FFMPEG: tag 0x47504a4d/'MJPG' is not supported ... fallback to use tag 'mp4v'", which
// reached the user's terminal in its own words): kept, for an error to quote, instead.
class CapturedStderr {
 public:
  CapturedStderr() : saved_(::dup(STDERR_FILENO)), file_(std::tmpfile()) {
    if (saved_ >= 0 && file_) {
      std::fflush(stderr);
      ::dup2(::fileno(file_), STDERR_FILENO);
    }
  }
  ~CapturedStderr() {
    restore();
    if (file_) std::fclose(file_);
  }
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;

  // Stderr as it was, and what was written meanwhile, on one line.
  std::string text() {
    restore();
    if (!file_) return {};
    std::string all(4096, '\0');
    std::rewind(file_);
    all.resize(std::fread(all.data(), 1, all.size(), file_));
    return single_line_text(all);
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    if (file_) ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }
  int saved_;
  std::FILE* file_;
};

void open_output(cv::VideoWriter& writer, const WorkerJob& job) {
  const auto& info = job.input;
  const std::string_view c = opencv_fourcc(job.encoder);
  if (c.size() != 4) throw Error(fmt::format("opencv-videoio cannot write encoder '{}'", job.encoder));
  CapturedStderr notes;
  if (!writer.open(media::file_url(job.output), cv::CAP_FFMPEG, cv::VideoWriter::fourcc(c[0], c[1], c[2], c[3]),
                   info.frame_rate.value(), cv::Size(info.width, info.height))) {
    const std::string said = notes.text();
    throw Error(fmt::format("{}: cv::VideoWriter cannot open it for {} ({}x{}){}", job.output.string(), job.encoder, info.width,
                            info.height, said.empty() ? "" : ": " + said));
  }
}

}  // namespace

WorkerStatus run_opencv_videoio_job(const WorkerJob& job) {
  // This worker process exits after the job, so the pin needs no undoing.
  const PinnedCores pinned(job.threads);
  // More workers than cores (`process -w 3` on two) made OpenCV's TBB print its own warning.
  cv::setNumThreads(CoreBudget(job.threads).runnable_threads());
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
      throw InputError(fmt::format("{}: damaged: the decoder reported \"{}\" by frame {}, which cv::VideoCapture conceals",
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
