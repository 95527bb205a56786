#include "media/ffmpeg_cli.hpp"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "media/file_url.hpp"
#include "media/libav.hpp"
#include "media/native_planes.hpp"

namespace framebench::media {

namespace fs = std::filesystem;

namespace {

// The ffmpeg CLI turns a rotated input's frames to the way they are shown unless told not to;
// framebench decodes them as stored (found 5 December 2026 by a hostile-input sweep: piped-ffmpeg
// read a 90-degree clip's 64x96 frames as 96x64 and wrote noise with exit 0).
constexpr const char* kStoredOrientation = "-noautorotate";
// The input's first video stream that is not cover art, the one media::probe reads: "V" passes
// over attached pictures, where "v" took an MP4's cover art stored before its video (found
// 7 December 2026 by a sweep of stream layouts: piped-ffmpeg decoded the picture and failed).
constexpr const char* kInputVideo = "0:V:0";

std::string rate_text(Rational r) { return fmt::format("{}/{}", r.num, r.den); }

// The last lines of a text file (ffmpeg's stderr) on one line, for error messages.
std::string tail_of_file(const fs::path& file, std::size_t max_chars = 600) {
  std::ifstream in(file);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.size() > max_chars) text = "..." + text.substr(text.size() - max_chars);
  std::replace(text.begin(), text.end(), '\n', ';');
  return text;
}

SpawnOptions spawn_options(const FfmpegPipeOptions& o, bool to_child) {
  SpawnOptions s;
  s.pipe_stdin = to_child;
  s.pipe_stdout = !to_child;
  s.pipe_size = o.pipe_bytes;
  if (!o.stderr_file.empty()) s.stderr_file = o.stderr_file;
  return s;
}

void set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) throw Error(fmt::format("fcntl: {}", std::strerror(errno)));
}

// The rows of a frame as one scatter/gather list: frames cross the pipe with no staging copy.
template <typename View>
std::vector<iovec> rows_of(View v) {
  std::vector<iovec> iov(static_cast<std::size_t>(v.height));
  for (int y = 0; y < v.height; ++y)
    iov[static_cast<std::size_t>(y)] = {const_cast<std::uint8_t*>(v.row(y)), v.row_bytes()};
  return iov;
}

// Every plane's rows, plane after plane: rawvideo's layout of a planar frame.
std::vector<iovec> rows_of(const PlanarFrame& f) {
  std::vector<iovec> iov;
  for (const Frame& p : f.planes) {
    const auto rows = rows_of(p.view());
    iov.insert(iov.end(), rows.begin(), rows.end());
  }
  return iov;
}

std::size_t bytes_of(const std::vector<iovec>& iov) {
  std::size_t n = 0;
  for (const iovec& v : iov) n += v.iov_len;
  return n;
}

// Moves the bytes of `iov` through a non-blocking pipe, waiting in poll() only when the pipe is
// empty (reading) or full (writing), so copy and wait times are measured apart. Returns the bytes
// moved: less than asked only at end of file when reading.
std::size_t move(int fd, bool reading, std::vector<iovec> iov, PipeTimes& times) {
  std::size_t done = 0, first = 0;
  while (first < iov.size()) {
    const int count = static_cast<int>(std::min<std::size_t>(iov.size() - first, IOV_MAX));
    ssize_t n;
    {
      ScopedTimer t(times.copy_s);
      n = reading ? ::readv(fd, iov.data() + first, count) : ::writev(fd, iov.data() + first, count);
    }
    if (n == 0 && reading) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN) throw Error(fmt::format("{}: {}", reading ? "readv" : "writev", std::strerror(errno)));
      pollfd p{fd, static_cast<short>(reading ? POLLIN : POLLOUT), 0};
      ScopedTimer t(times.wait_s);
      while (::poll(&p, 1, -1) < 0 && errno == EINTR) {
      }
      continue;
    }
    auto left = static_cast<std::size_t>(n);
    done += left;
    while (left > 0 && first < iov.size()) {
      const std::size_t take = std::min(left, iov[first].iov_len);
      iov[first].iov_base = static_cast<char*>(iov[first].iov_base) + take;
      iov[first].iov_len -= take;
      left -= take;
      if (iov[first].iov_len == 0) ++first;
    }
  }
  return done;
}

std::vector<std::string> decoder_argv(const VideoInfo& info, std::int64_t first, std::int64_t count, int threads, FfmpegStart how,
                                      std::int64_t clock_lead, const std::string& pixel_format) {
  if (first < 0 || count < 1 || first + count > info.frame_count)
    throw Error(fmt::format("{}: frames {} to {} are not in the video (it has {})", info.path.string(), first, first + count - 1,
                            info.frame_count));
  const auto t = std::to_string(threads);
  // -xerror: a decode error ends ffmpeg with a failure instead of a concealed or missing frame.
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-xerror", "-threads", t};
  const bool by_count = first > 0 && how == FfmpegStart::decode_from_start;
  // Times in seconds of the stream's own timestamps (-seek_timestamp: not counted from the file's
  // start, which another stream may set), half a frame early to keep clear of rounding.
  const double tb = info.time_base.value(), half_frame = 0.5 / info.frame_rate.value();
  double select_from = 0;  // where `first` starts on the output's clock, which starts at the seek's time
  if (first > 0 && !by_count) {
    // An input -ss seeks to a keyframe near its time and drops decoded frames that start earlier.
    // Its time is the segment's restart keyframe's decode time, rounded up to the microseconds -ss
    // counts in: aimed at the frame's own time, demuxers that seek by decode time (MPEG-TS, AVI)
    // landed on the next keyframe of an open GOP whose leading frames hold `first`, which its
    // decoder then drops (found 7 December 2026 by a sweep of GOP structures: every segment of
    // MPEG-2 in MPEG-TS was done again from the input's start, 2.5x the time at 10 segments).
    // MPEG-TS resolves a seek forward, to the keyframe at or after the time, so it lands on the
    // restart keyframe; Matroska of B-frames, whose seeks the CLI starts 130 ms early, a keyframe
    // before it, which costs a GOP's decode, not a frame. Frames between are dropped by their time.
    const std::int64_t frame_ts = info.frame_pts[static_cast<std::size_t>(first)];
    // Where the CLI times frames later than the probe (AVI stores decode times only, and its
    // decoder stamps a frame with the time of the packet that let it out), frame `first` is the one
    // it times as the probe times the frame `clock_lead` after.
    const std::int64_t shown_ts = info.frame_pts[static_cast<std::size_t>(std::clamp<std::int64_t>(first + clock_lead, 0, info.frame_count - 1))];
    const auto k = static_cast<std::size_t>(
        std::distance(info.keyframes.begin(), std::upper_bound(info.keyframes.begin(), info.keyframes.end(), first)) - 1);
    const std::size_t restart = info.restart_keyframe(k);
    // Where the restart is the stream's start, no seek: the output's clock is then the stream's own.
    std::int64_t seek_us = 0;
    if (restart > 0) {
      const std::int64_t keyframe_ts = restart < info.keyframe_seek_ts.size() ? info.keyframe_seek_ts[restart] : AV_NOPTS_VALUE;
      seek_us = keyframe_ts != AV_NOPTS_VALUE && keyframe_ts <= frame_ts
                    ? av_rescale_q_rnd(keyframe_ts, to_av(info.time_base), {1, 1000000}, AV_ROUND_UP)
                    : std::llround((static_cast<double>(frame_ts) * tb - half_frame) * 1e6);
    }
    select_from = static_cast<double>(shown_ts) * tb - half_frame - static_cast<double>(seek_us) / 1e6;
    argv.insert(argv.end(), {"-seek_timestamp", "1"});
    if (restart > 0)
      argv.insert(argv.end(), {"-ss", fmt::format("{}{}.{:06d}", seek_us < 0 ? "-" : "", std::llabs(seek_us) / 1000000, std::llabs(seek_us) % 1000000)});
  }
  // Counted by select, whose count a new filter graph would restart: the CLI builds one where the
  // frames change pixel format, and then passed no frame at all (found 7 December 2026 by a sweep
  // of stream layouts: yuv420p joined to yuv444p, "ffmpeg decoder ended after 0 of 20 frames").
  // Kept, the graph's format conversion takes each frame as it comes.
  if (by_count) argv.insert(argv.end(), {"-reinit_filter", "0"});
  argv.insert(argv.end(), {kStoredOrientation, "-protocol_whitelist", kInputProtocols, "-i", file_url(info.path), "-map", kInputVideo, "-frames:v",
                           std::to_string(count), "-fps_mode", "passthrough", "-filter_threads", t});
  if (by_count) argv.insert(argv.end(), {"-vf", fmt::format("select=gte(n\\,{})", first)});
  else if (select_from > 0) argv.insert(argv.end(), {"-vf", fmt::format("select=gte(t\\,{:.6f})", select_from)});
  argv.insert(argv.end(), {"-f", "rawvideo", "-pix_fmt", pixel_format, "pipe:1"});
  return argv;
}

// The encoder's settings, held to `threads` threads, and the output: how every ffmpeg command
// line here ends.
void append_encoder_args(std::vector<std::string>& argv, const EncoderSpec& e, int threads, const fs::path& output) {
  const auto args = e.cli_args();
  argv.insert(argv.end(), args.begin(), args.end());
  const auto thread_args = ffmpeg_encoder_thread_args(e, threads);
  argv.insert(argv.end(), thread_args.begin(), thread_args.end());
  argv.push_back(file_url(output));
}

// The time base the CLI's encoder counts the pipe's frames in: the clock's tick, or, where that is
// longer than the frames' spacing in the pipe (an input stamping its frames in pairs counts in
// 1/12.5 s and comes at 25 a second), the largest tick that divides both, so that no two frames
// share one (found 7 December 2026: such pairs came out at 0, 0, 0, 80 ms and failed the check).
AVRational encoder_time_base(Rational rate, Rational clock) {
  const AVRational tick = av_inv_q(to_av(clock)), frame = av_inv_q(to_av(rate));
  if (av_cmp_q(tick, frame) <= 0) return tick;
  AVRational common{0, 1};  // gcd(a/b, c/d) = gcd(a d, c b) / (b d)
  const std::int64_t num = std::gcd(std::int64_t{tick.num} * frame.den, std::int64_t{frame.num} * tick.den);
  if (!av_reduce(&common.num, &common.den, num, std::int64_t{tick.den} * frame.den, INT_MAX)) return frame;
  return common;
}

std::vector<std::string> encoder_argv(const EncoderSpec& e, int width, int height, Rational rate, Rational clock, const fs::path& output,
                                      int threads, const std::string& pixel_format, const Presentation& shown) {
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt",
                                   native_format(pixel_format), "-video_size", fmt::format("{}x{}", width, height), "-framerate",
                                   rate_text(rate)};
  // Tags the CLI writes as they are given; unspecified ones are left out, as the CLI leaves them.
  // By number, which the CLI's options take as libavcodec's values: its names are not always
  // libavutil's (RGB's colour space is "gbr" to av_color_space_name and "rgb" to the CLI, which
  // refused "gbr": found 5 December 2026 by a correctness sweep).
  // A value libavutil has no name for (a damaged file's 142) is left out, as unspecified.
  const auto tag = [&](const char* option, int value, int unspecified, const char* name) {
    if (value != unspecified && name) argv.insert(argv.end(), {option, std::to_string(value)});
  };
  const char* range_name = av_color_range_name(static_cast<AVColorRange>(shown.color_range));
  // The frames as the encoder's format names them (native_format), their range tagged: the CLI
  // squeezed yuvj420p into a yuv420p encoder's limited range, and stretched yuv420p it took for
  // limited range into the yuvj420p it gives MJPEG.
  tag("-color_range", shown.color_range, AVCOL_RANGE_UNSPECIFIED, range_name);
  // The frames stay `rate` apart, so a part in a coarse container (Matroska's milliseconds) keeps
  // them apart: counted at a variable-rate input's 1/90000 s clock they were stamped a tick apart
  // and all came out at 0 (found 7 December 2026 by a review).
  const AVRational time_base = encoder_time_base(rate, clock);
  argv.insert(argv.end(), {"-i", "pipe:0", "-map", "0:v:0", "-fps_mode", "passthrough", "-enc_time_base",
                           fmt::format("{}/{}", time_base.num, time_base.den), "-filter_threads", std::to_string(threads), "-c:v", e.codec});
  std::string filters;
  // setsar approximates a ratio past its `max` (100 by default): 124/99 came out 99/79 (found 6 December 2026 by a correctness sweep).
  if (shown.sample_aspect.num > 0)
    filters = fmt::format("setsar=sar={0}/{1}:max={2}", shown.sample_aspect.num, shown.sample_aspect.den,
                          std::max(shown.sample_aspect.num, shown.sample_aspect.den));
  // BGR24 into 4:2:0 at an odd size: libswscale's RGB input averages each chroma sample from a
  // pixel pair (bgr24ToUV_half_c), and at an odd width the last pair's second pixel is past the row,
  // the next row's first (a red-left, blue-right 33x31 clip's last column: 11.7 dB, single-core's
  // 33.1); with an odd height too, its scaled path misplaces every row's chroma. The CLI converts
  // the frame at the even size, its last column and row repeated (what libyuv's FromBgr makes of
  // them), and crops it back; -sws_flags cannot help (accurate_rnd, full_chroma_int: the same
  // bytes; full_chroma_inp misplaces all columns). Even sizes keep the CLI's own conversion.
  if (const ChromaShift shift = chroma_shift(e.pixel_format); pixel_format == "bgr24" && !shift.whole_samples(width, height)) {
    const int w = AV_CEIL_RSHIFT(width, shift.log2_width) << shift.log2_width, h = AV_CEIL_RSHIFT(height, shift.log2_height) << shift.log2_height;
    if (!filters.empty()) filters += ',';
    filters += fmt::format("format=gbrp,pad=w={}:h={},fillborders=right={}:bottom={}:mode=smear,format={},crop={}:{}:0:0:exact=1", w, h,
                           w - width, h - height, e.pixel_format, width, height);
  }
  if (!filters.empty()) argv.insert(argv.end(), {"-vf", filters});
  // The output's tags, as the input's above.
  tag("-color_range", shown.color_range, AVCOL_RANGE_UNSPECIFIED, range_name);
  tag("-colorspace", shown.color_space, AVCOL_SPC_UNSPECIFIED, av_color_space_name(static_cast<AVColorSpace>(shown.color_space)));
  tag("-color_primaries", shown.color_primaries, AVCOL_PRI_UNSPECIFIED,
      av_color_primaries_name(static_cast<AVColorPrimaries>(shown.color_primaries)));
  tag("-color_trc", shown.color_trc, AVCOL_TRC_UNSPECIFIED,
      av_color_transfer_name(static_cast<AVColorTransferCharacteristic>(shown.color_trc)));
  append_encoder_args(argv, for_frame_size(e, width, height), threads, output);
  return argv;
}

}  // namespace

void ignore_broken_pipes() {
  // A write to a pipe whose reader has gone must be an EPIPE error we can report, not a signal
  // that kills framebench. Ignored signals stay ignored across exec: children inherit this too.
  [[maybe_unused]] static const bool ignored = [] { return ::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
}

std::string ffmpeg_unavailable_reason() {
  if (find_in_path("ffmpeg").empty()) return "no `ffmpeg` executable in PATH";
  return {};
}

std::vector<std::string> ffmpeg_encoder_thread_args(const EncoderSpec& e, int threads) {
  std::vector<std::string> args = {"-threads", std::to_string(threads)};
  // Settings the encoder already passes through these keys are kept, ours appended.
  const auto merged = [&](const std::string& key, const std::string& ours) {
    for (const auto& [k, v] : e.options)
      if (k == key) return v + ":" + ours;
    return ours;
  };
  if (e.codec == "libx264" || e.codec == "libx264rgb") {
    args.insert(args.end(), {"-x264-params", merged("x264-params", "lookahead-threads=1")});
  } else if (e.codec == "libx265") {
    const std::string pools = threads == 1 ? "pools=none:frame-threads=1" : fmt::format("pools={}", threads);
    args.insert(args.end(), {"-x265-params", merged("x265-params", "log-level=error:" + pools)});
  }
  return args;
}

std::vector<std::string> ffmpeg_transcode_argv(const fs::path& input, const fs::path& output, const std::string& filter_graph,
                                               const EncoderSpec& encoder, int threads, Rational clock) {
  const auto t = std::to_string(threads);
  std::vector<std::string> argv = {"ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-xerror", "-y", "-threads", t,
                                   kStoredOrientation, "-protocol_whitelist", kInputProtocols, "-i", file_url(input),
                                   "-map", kInputVideo, "-fps_mode", "passthrough", "-filter_threads", t, "-vf", filter_graph,
                                   "-enc_time_base", fmt::format("{}/{}", clock.den, clock.num), "-c:v", encoder.codec};
  append_encoder_args(argv, encoder, threads, output);
  return argv;
}

std::string ffmpeg_failure(std::string_view who, const ExitStatus& status, const fs::path& stderr_file) {
  const auto said = stderr_file.empty() ? std::string() : tail_of_file(stderr_file);
  // Its log is in the scratch folder, whose disk may be the one that filled: ffmpeg's "No space
  // left on device" was then lost with it (found 6 December 2026 by a fault sweep: piped-ffmpeg with a full TMPDIR
  // said only "ffmpeg encoder exit status 1"), so a disk nearly full is said instead.
  if (said.empty() && !stderr_file.empty() && status.signal == 0) {
    constexpr std::uintmax_t kNearlyFull = 64 << 20;  // less than a few frames' packets
    std::error_code ec;
    const auto space = fs::space(stderr_file.parent_path(), ec);
    return fmt::format("{} {}, its log empty{}", who, status.describe(),
                       !ec && space.available < kNearlyFull
                           ? fmt::format(" ({} bytes free on the disk of {})", space.available, stderr_file.parent_path().string())
                           : "");
  }
  return fmt::format("{} {}{}{}", who, status.describe(), said.empty() ? "" : ": ", said);
}

void throw_ffmpeg_failure(std::string_view who, const ExitStatus& status, const fs::path& stderr_file, const fs::path& input) {
  // What -xerror ends the CLI with at damage (fftools/ffmpeg.c): a decoded frame flagged corrupt
  // or with decode errors, or a packet the decoder refused. Found 7 December 2026 by a sweep of
  // codecs: 20 bytes flipped in an H.264 Matroska file failed piped-ffmpeg and ffmpeg-filter with
  // exit 1 and the decoder's log as the message, where the in-process strategies name the frame.
  if (status.signal == 0 && status.code == 1 && !stderr_file.empty()) {
    std::ifstream log(stderr_file);
    std::string line, first_error;
    bool damage = false;
    while (std::getline(log, line)) {
      damage = damage || line.find("corrupt decoded frame in stream") != std::string::npos ||
               line.find("Error while decoding stream") != std::string::npos;
      if (first_error.empty() && line.starts_with("[")) first_error = line;
    }
    if (damage)
      throw InputError(fmt::format("{}: damaged: the ffmpeg CLI's decoder met a frame it could not decode whole{}", input.string(),
                                   first_error.empty() ? "" : fmt::format(" ({})", first_error)));
  }
  throw Error(ffmpeg_failure(who, status, stderr_file));
}

FfmpegProcess::FfmpegProcess(std::string role, std::vector<std::string> argv, const FfmpegPipeOptions& options, bool to_child)
    : role_(std::move(role)), stderr_file_(options.stderr_file), process_(std::move(argv), spawn_options(options, to_child)) {
  if (to_child) ignore_broken_pipes();
  set_nonblocking(to_child ? process_.stdin_fd() : process_.stdout_fd());
}

FfmpegDecoder::FfmpegDecoder(const VideoInfo& info, std::int64_t first, std::int64_t count, const FfmpegPipeOptions& options,
                             FfmpegStart start, std::int64_t clock_lead)
    : FfmpegProcess("decoder", decoder_argv(info, first, count, options.threads, start, clock_lead, options.pixel_format), options, false),
      width_(info.width),
      height_(info.height),
      pixel_format_(options.pixel_format),
      count_(count) {
  input_ = info.path;
}

void FfmpegProcess::throw_failure(const ExitStatus& status) const {
  if (input_.empty()) throw Error(failure(status));
  throw_ffmpeg_failure("ffmpeg " + role_, status, stderr_file_, input_);
}

bool FfmpegDecoder::read(PlanarFrame& frame) {
  if (read_ == count_) return false;
  if (frame.format != pixel_format_ || frame.width() != width_ || frame.height() != height_)
    frame.reshape(pixel_format_, native_planes(pixel_format_, width_, height_, "ffmpeg decoder"));
  const auto iov = rows_of(frame);
  const std::size_t want = bytes_of(iov);
  const std::size_t got = move(process_.stdout_fd(), true, iov, times_);
  if (got == 0) throw Error(fmt::format("ffmpeg decoder ended after {} of {} frames", read_, count_));
  if (got != want) throw Error(fmt::format("ffmpeg decoder sent a partial frame ({} of {} bytes) at frame {}", got, want, read_));
  ++read_;
  return true;
}

FfmpegEncoder::FfmpegEncoder(const EncoderSpec& encoder, int width, int height, Rational frame_rate, Rational clock,
                             const fs::path& output, const FfmpegPipeOptions& options)
    : FfmpegProcess("encoder", encoder_argv(encoder, width, height, frame_rate, clock, output, options.threads, options.pixel_format,
                                            options.presentation),
                    options, true),
      width_(width),
      height_(height) {}

void FfmpegEncoder::write(const PlanarFrame& frame) {
  if (frame.width() != width_ || frame.height() != height_)
    throw Error(fmt::format("frame is {}x{}, the ffmpeg encoder was started for {}x{}", frame.width(), frame.height(), width_, height_));
  try {
    move(process_.stdin_fd(), false, rows_of(frame), times_);
  } catch (const Error&) {
    close();
    throw Error(failure(process_.wait()));
  }
}

}  // namespace framebench::media
