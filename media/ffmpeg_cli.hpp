#pragma once
// The `ffmpeg` command-line tool as the two ends of a raw-video pipeline, as in the talk: a decoder
// process writing a frame range of a video as raw BGR24 into a pipe, and an encoder process
// reading raw BGR24 from a pipe. Arguments are built here as argv (no shell). Frames cross the
// pipes straight into and out of Frame rows (readv/writev), and the time framebench spends in
// those copies is kept apart from the time it waits for the other process.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"
#include "core/subprocess.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"
#include "media/presentation.hpp"
#include "media/rational.hpp"

namespace framebench::media {

// Makes a write to a pipe whose reader has gone fail with EPIPE instead of killing the process
// with SIGPIPE (process-wide, once). Everything that writes into a child's pipe calls it.
void ignore_broken_pipes();

// Empty when an `ffmpeg` executable is in PATH; otherwise why not.
std::string ffmpeg_unavailable_reason();

// "<who> <how it ended>: <the last lines ffmpeg wrote to stderr_file>", for error messages
// (without the lines when stderr_file is empty or was left empty).
std::string ffmpeg_failure(std::string_view who, const ExitStatus& status, const std::filesystem::path& stderr_file);

// Throws the failure of an `ffmpeg` run (with -xerror) that decoded `input`: where its decoder
// stopped at damage (a frame it had to conceal, or could not decode), an InputError naming the
// input, as framebench's own decoder says it; otherwise an Error, as ffmpeg_failure words it.
[[noreturn]] void throw_ffmpeg_failure(std::string_view who, const ExitStatus& status, const std::filesystem::path& stderr_file,
                                       const std::filesystem::path& input);

// Time this process spent on one pipe.
struct PipeTimes {
  double wait_s = 0;        // blocked in poll(): the other process had nothing ready or no room
  double copy_s = 0;        // in read()/write(): the pipe's own cost on this side
};

struct FfmpegPipeOptions {
  int threads = 1;           // codec threads of the ffmpeg process (and its filter threads)
  int pipe_bytes = 1 << 20;  // F_SETPIPE_SZ request for the pipe
  std::filesystem::path stderr_file;  // where ffmpeg's messages go (shown when it fails)
  // The raw frames' format on the pipe: BGR24, or (native pixel path) the input's own, planes
  // one after another as rawvideo lays them out.
  std::string pixel_format = "bgr24";
  // What the encoder's output keeps of the input's presentation (Presentation::for_output).
  Presentation presentation{};
};

// An `ffmpeg` process at the other end of one of our pipes; what it says goes to a file, shown
// when it fails.
class FfmpegProcess {
 public:
  Subprocess& process() { return process_; }
  const PipeTimes& times() const { return times_; }
  // A message for a failure, with ffmpeg's own words from its stderr.
  std::string failure(const ExitStatus& status) const { return ffmpeg_failure("ffmpeg " + role_, status, stderr_file_); }
  // Throws that failure (throw_ffmpeg_failure: the input's damage, where it decodes one).
  [[noreturn]] void throw_failure(const ExitStatus& status) const;

 protected:
  // `to_child`: we write to its stdin; otherwise we read its stdout.
  FfmpegProcess(std::string role, std::vector<std::string> argv, const FfmpegPipeOptions& options, bool to_child);

  std::string role_;  // "decoder" or "encoder"
  std::filesystem::path stderr_file_;
  std::filesystem::path input_;  // the file it decodes; empty for one that reads a pipe
  Subprocess process_;
  PipeTimes times_;
};

// How the decoder process reaches its first frame: ffmpeg's own input seek (to the frame's
// restart keyframe, VideoInfo::restart_keyframe, dropping by time what precedes the frame), fast
// but as good as the container's timestamps and keyframe flags; or decoding from the start and
// dropping frames by count, slow but numbered as every sequential decode numbers them.
enum class FfmpegStart { seek, decode_from_start };

// `ffmpeg` decoding frames [first, first + count) of a video and writing them raw to a pipe, in the
// pipe's pixel format (BGR24, or the native planes).
class FfmpegDecoder : public FfmpegProcess {
 public:
  // `clock_lead`, for a seek: frames the CLI's clock runs ahead of the probe's times (learned from
  // a first seek's boundary, segments::start_shift), by which its drop by time is moved.
  FfmpegDecoder(const VideoInfo& info, std::int64_t first, std::int64_t count, const FfmpegPipeOptions& options,
                FfmpegStart start = FfmpegStart::seek, std::int64_t clock_lead = 0);
  // The next frame of the range into planes of the pipe's pixel format (one BGR24 plane, or the
  // native planes), sized to the video; false after the last one. Throws Error if ffmpeg ends
  // early or sends a partial frame.
  bool read(PlanarFrame& frame);
  // Closes our end; the process is left to be reaped (process().wait()).
  void close() { process_.close_stdout(); }

 private:
  int width_, height_;
  std::string pixel_format_;
  std::int64_t count_, read_ = 0;
};

// `ffmpeg` reading raw frames in the pipe's pixel format from a pipe and encoding them with an
// encoder's settings. The pipe carries no times: frames come `frame_rate` apart (the join puts
// them at the input's times), and the encoder counts in `clock` (FrameTimes::clock), the time base
// the in-process writers give theirs, which H.264 and HEVC write into the stream as its timing.
class FfmpegEncoder : public FfmpegProcess {
 public:
  FfmpegEncoder(const EncoderSpec& encoder, int width, int height, Rational frame_rate, Rational clock,
                const std::filesystem::path& output, const FfmpegPipeOptions& options);
  // Planes in the pipe's pixel format, one after another. Throws Error (with ffmpeg's message) if
  // the encoder process has gone.
  void write(const PlanarFrame& frame);
  // Closes the pipe so that ffmpeg flushes and ends; reap it with process().wait().
  void close() { process_.close_stdin(); }

 private:
  int width_, height_;
};

// ffmpeg arguments that hold a codec to `threads` threads (x264's lookahead and x265's pools
// included), to append after the encoder's own arguments.
std::vector<std::string> ffmpeg_encoder_thread_args(const EncoderSpec& encoder, int threads);

// argv of `ffmpeg` transcoding `input` to `output` through `filter_graph` with an encoder's
// settings, decoder, filters and encoder each on `threads` threads, its encoder counting `clock`
// ticks a second (FrameTimes::clock, as the in-process writers): the CLI's default, a tick of the
// rate it guesses, moved frames of a variable-rate input, or of one timed in milliseconds, onto
// that tick (found 7 December 2026 by a sweep of codecs: 24 then 30 fps, frame 73 at 3.042 s
// where the input shows it at 3.033, and the output did not verify).
std::vector<std::string> ffmpeg_transcode_argv(const std::filesystem::path& input, const std::filesystem::path& output,
                                               const std::string& filter_graph, const EncoderSpec& encoder, int threads,
                                               Rational clock);


}  // namespace framebench::media
