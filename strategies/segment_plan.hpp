#pragma once
// How segment strategies cut a video into contiguous frame ranges: at keyframes, where a worker
// can start decoding at once, or at exact frame counts, where a worker seeks to the keyframe
// before its first frame and decodes forward, throwing away what precedes it.
#include <cstdint>
#include <string>
#include <vector>

#include "media/probe.hpp"

namespace framebench::strategies {

struct Segment {
  int index = 0;            // 0-based, in frame order
  std::int64_t first = 0;   // first frame (presentation order)
  std::int64_t count = 0;   // frames in the segment, >= 1

  std::int64_t last() const { return first + count - 1; }
};

// At most `wanted` segments of near-equal length covering every frame exactly once, in order.
// "keyframe" cuts only at keyframes (so a clip with one keyframe gives one segment); "exact" cuts
// anywhere (so fewer frames than `wanted` give one segment per frame). Throws InputError for an
// unknown split.
std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split);

// Segments to plan for a job: options.segments, or one per worker when that is 0.
int wanted_segments(int workers, int option_segments);

}  // namespace framebench::strategies
