#pragma once
// What processing stretches of a video costs, in frames' worth of work, so that segment
// strategies can cut chunks that take equally long. A frame's work is its decode, in proportion
// to its packet's bytes (a frame with twice the bits takes about twice as long to decode), plus
// the rest (conversions, filter, encode), the same for every frame. A chunk that starts between
// keyframes, or at a keyframe a decoder cannot restart at alone, also decodes the frames from
// where its decoder restarts and throws them away.
#include <cstdint>
#include <vector>

#include "media/probe.hpp"

namespace framebench::strategies {

// Decoding's share of a frame's work where every frame has the mean packet size. Measured here
// (docs/PERFORMANCE.md §9, one thread per stage, 1080p, x264 ultrafast): 0.36 on the test
// pattern, 0.41 on the Mandelbrot clip, 0.4 on the talk's mjpeg job.
inline constexpr double kDecodeShare = 0.38;

class ChunkCosts {
 public:
  // Weighs frames by info.packet_bytes; every frame alike where it is empty or all zero. Keeps
  // what it needs of `info`.
  explicit ChunkCosts(const media::VideoInfo& info);

  // The work of processing frames [first, end).
  double frames(std::int64_t first, std::int64_t end) const { return done_[end] - done_[first]; }
  // The work of all frames before `frame`.
  double before(std::int64_t frame) const { return done_[frame]; }
  double total() const { return done_.back(); }
  // The frame where the work before it is nearest `work` (the earlier on a tie), in [0, frames].
  std::int64_t frame_at(double work) const;

  // Frames decoded and thrown away to start a chunk at `first` (media::VideoInfo::restart_frame).
  std::int64_t discarded(std::int64_t first) const;
  // Their work: decoding them.
  double reaching(std::int64_t first) const;

 private:
  std::vector<std::int64_t> restarts_;    // restarts_[i]: where a decoder restarts to reach frame i
  std::vector<double> done_;     // done_[i]: the work of frames [0, i)
  std::vector<double> decoded_;  // decoded_[i]: decoding frames [0, i) alone
};

}  // namespace framebench::strategies
