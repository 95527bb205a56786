#pragma once
// How segment strategies cut a video into contiguous frame ranges: at keyframes, where a worker
// can start decoding at once, or at exact frame counts, where a worker seeks to the keyframe
// before its first frame and decodes forward, throwing away what precedes it. More segments
// than workers balance the load: workers take the next segment as they free up.
#include <cstdint>
#include <string>
#include <vector>

#include "media/probe.hpp"
#include "strategies/strategy.hpp"

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
// unknown split or a video without frames.
std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split);

// A job's segments, and how its core budget is shared among the segments running at once.
struct SegmentPlan {
  std::vector<Segment> segments;
  int parallel = 1;  // segments processed at once
  int threads = 1;   // decoder and encoder threads of each
};

// options.segments segments (0: one per worker), split as options.split says.
SegmentPlan plan_job_segments(const Job& job);

}  // namespace framebench::strategies
