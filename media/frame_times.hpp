#pragma once
// When each written frame is shown. An evenly spaced input keeps the writers' clock of frame i at
// i / frame rate (so constant-rate outputs are what they always were); a variable-rate input is
// written at its own timestamps, so its spacing survives the round trip.
#include <cstdint>
#include <string>
#include <vector>

#include "media/rational.hpp"

struct AVStream;

namespace framebench::media {

struct VideoInfo;

struct FrameTimes {
  // Per frame in presentation order, counted from the first frame (0), in `time_base`; empty for
  // an evenly spaced input.
  std::vector<std::int64_t> pts{};
  // When the last frame stops being shown: its time plus the duration its packet gives, or the
  // last gap between frames where the input gives none (in whole ticks of time_base, and at most
  // the longest gap; FrameTimes::of says why).
  std::int64_t end = 0;
  Rational time_base;
  // The input's frame rate, which evenly spaced frames are placed by (0/0 in a FrameTimes made
  // otherwise than by of()).
  Rational frame_rate{0, 0};
  bool rate_known() const { return frame_rate.num > 0 && frame_rate.den > 0; }

  // Empty when every frame lies within one tick of i / frame rate (what verification accepts);
  // otherwise the input's timestamps in the coarsest time base that holds them exactly.
  static FrameTimes of(const VideoInfo& info);
  bool variable() const { return !pts.empty(); }
  // The ticks a second an encoder counts these frames in: time_base's for variable times, else
  // `even_rate` (a tick a frame). H.264 and HEVC write it into the stream as its timing, which
  // decoders time frames by. The in-process writers give their encoders this time base, the ffmpeg
  // CLI's one that also divides the pipe's frame spacing (media/ffmpeg_cli.cpp).
  Rational clock(Rational even_rate) const { return variable() ? Rational{time_base.den, time_base.num} : even_rate; }
  // How long the frame shown at `time` (one of pts) is shown, until the next later one or the end:
  // what its packet's duration must say, so that the last frame lasts as long as the input's (it
  // lasted one tick: 1/90000 s of a phone's clip; found 7 December 2026 by a fairness audit). 0 for
  // a time not among them.
  std::int64_t duration_at(std::int64_t time) const;
};

// Records `frame_rate` on an output stream written at `times`, where it has one. Only an evenly
// spaced stream does: for a variable-rate one the average went into Matroska's DefaultDuration
// (and NUT's), which demuxers read back as the stream's rate, so the ffmpeg CLI stamped frames in
// its 1/average time base ("non monotonically increasing dts") and a re-encode dropped 5 of 29
// frames (found 6 December 2026 by a correctness sweep). The writers, the packet copy and the join
// all record it here.
void record_frame_rate(AVStream& stream, const FrameTimes& times, Rational frame_rate);

// MPEG-4 Part 2 codes a time base's denominator in 16 bits: at most 65535.
inline constexpr int kFinestMpeg4TimeBase = 65535;
// Empty when encoder `codec` can write frames at `times`; otherwise why not: a variable rate whose
// times need a time base whose denominator MPEG-4 Part 2 cannot code (a phone's 1/90000 clip failed mid-job with
// "cannot open encoder 'mpeg4': Invalid argument", found 6 December 2026 by a correctness sweep).
std::string times_problem(const std::string& codec, const FrameTimes& times);

}  // namespace framebench::media
