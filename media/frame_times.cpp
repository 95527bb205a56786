#include "media/frame_times.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <numeric>

#include <fmt/format.h>

#include "media/libav.hpp"
#include "media/probe.hpp"

namespace framebench::media {
namespace {

bool evenly_spaced(const VideoInfo& info) {
  if (info.frame_rate.num <= 0 || info.frame_rate.den <= 0) return false;
  const AVRational tb = to_av(info.time_base);
  const AVRational frame = av_inv_q(to_av(info.frame_rate));
  for (std::size_t i = 0; i < info.frame_pts.size(); ++i) {
    const std::int64_t due = av_rescale_q(static_cast<std::int64_t>(i), frame, tb);
    if (std::llabs(info.frame_pts[i] - info.frame_pts.front() - due) > 1) return false;
  }
  return true;
}

}  // namespace

FrameTimes FrameTimes::of(const VideoInfo& info) {
  FrameTimes times;
  times.frame_rate = info.frame_rate;
  if (info.frame_pts.size() < 2 || evenly_spaced(info)) return times;
  std::int64_t step = 0;  // the largest tick that divides every frame's time
  for (const std::int64_t t : info.frame_pts) {
    times.pts.push_back(t - info.frame_pts.front());
    step = std::gcd(step, times.pts.back());
  }
  if (step == 0) {  // no frame after the first is later: no times to keep
    times.pts.clear();
    return times;
  }
  std::int64_t longest_gap = 0, last_gap = 0;
  for (std::size_t i = 1; i < times.pts.size(); ++i)
    if (const std::int64_t gap = times.pts[i] - times.pts[i - 1]; gap > 0) {
      longest_gap = std::max(longest_gap, gap);
      last_gap = gap;
    }
  // The last frame lasts as its packet says, or the last gap where it does not say; in whole
  // steps, so that the frames keep their coarsest time base (a phone's 2999 ticks where its frames
  // are 3000 apart made it 1/90000, which mpeg4 refuses), and no longer than the longest gap
  // between frames (a file's duration of 2^31 ticks or more ended the job at the muxer, near 2^63
  // it overflowed; found 7 December 2026 by a review).
  const std::int64_t said = info.last_frame_duration > 0 ? std::min(info.last_frame_duration, longest_gap) : last_gap;
  times.end = times.pts.back() + std::max(step, (said + step / 2) / step * step);
  for (std::int64_t& t : times.pts) t /= step;
  times.end /= step;
  // mpeg4 refuses a time base's denominator past 65535; the coarsest exact one suits it best.
  av_reduce(&times.time_base.num, &times.time_base.den, std::int64_t{info.time_base.num} * step, info.time_base.den, INT_MAX);
  return times;
}

std::int64_t FrameTimes::duration_at(std::int64_t time) const {
  const auto it = std::lower_bound(pts.begin(), pts.end(), time);
  if (it == pts.end() || *it != time) return 0;
  // Frames shown at one time (Matroska keeps them) last until the next later one.
  const auto next = std::upper_bound(it, pts.end(), time);
  return std::max<std::int64_t>((next == pts.end() ? end : *next) - time, 0);
}

void record_frame_rate(AVStream& stream, const FrameTimes& times, Rational frame_rate) {
  if (!times.variable()) stream.avg_frame_rate = to_av(frame_rate);
}

std::string times_problem(const std::string& codec, const FrameTimes& times) {
  if (codec != "mpeg4" || !times.variable() || times.time_base.den <= kFinestMpeg4TimeBase) return {};
  return fmt::format("its frames' times need a time base of {}/{} s, whose denominator is past the {} MPEG-4 Part 2 codes; use "
                     "another encoder (x264, ffv1, mjpeg)",
                     times.time_base.num, times.time_base.den, kFinestMpeg4TimeBase);
}

}  // namespace framebench::media
