#pragma once
// How segment strategies cut a video into chunks: contiguous frame ranges, more of them than
// workers, handed to workers in order as they free up, so that uneven GOPs and uneven content
// balance out and memory is bounded by the chunks in flight, not by the input's length. A chunk
// starts at a keyframe, where a worker can start decoding at once, or at an exact frame, where a
// worker seeks to the keyframe before it and decodes forward, throwing away what precedes it.
#include <cstdint>
#include <string>
#include <vector>

#include "media/probe.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// One chunk of the input.
struct Segment {
  int index = 0;            // 0-based, in frame order
  std::int64_t first = 0;   // first frame (presentation order)
  std::int64_t count = 0;   // frames in the segment, >= 1

  std::int64_t last() const { return first + count - 1; }
};

// At most `wanted` chunks covering every frame exactly once, in order, `parallel` of them
// processed at once (0: all). "exact" cuts frame counts evenly, anywhere (so fewer frames than
// `wanted` give one chunk per frame). "keyframe" and "auto" give each chunk an even share of
// the work (ChunkCosts: frames weighed by their packets' bytes, pre-rolls counted): "keyframe"
// cuts only at keyframes, the nearest to where each share ends (so a clip with one keyframe gives
// one chunk); "auto" cuts at the nearest keyframe within an eighth of a chunk, or exactly, and
// in the last round of chunks at whichever of the exact frame and the keyframes either side
// balances the work best. "auto" never throws away more decoded frames than a chunk holds to
// reach an exact cut. Where keyframes far apart leave fewer chunks than wanted, the plan of that
// many chunks is kept if, handed out in order to the first free worker, it finishes sooner.
// Throws InputError for an unknown split or a video without frames.
std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split, int parallel = 0);

// Chunks to cut `info` into for `cores` workers and `split`: options.segments when set, else one
// per options.chunk_seconds of video, and never fewer than the workers. chunk_seconds 0: 10 s, or
// 8 GOPs where that is longer and a chunk may start with a pre-roll (anything but "keyframe" cuts
// on an input whose keyframes are all IDRs).
int chunks_wanted(const media::VideoInfo& info, const StrategyOptions& options, int cores, const std::string& split);

// A job's chunks, in the order they are handed out, and how its core budget is shared among the
// chunks running at once.
struct SegmentPlan {
  std::vector<Segment> segments;
  int parallel = 1;  // chunks processed at once (workers)
  int threads = 1;   // decoder and encoder threads of each
};

SegmentPlan plan_job_segments(const Job& job);
// The same, cut by `split` rather than the job's own (tbb-chunks' keyframe cuts under "auto").
SegmentPlan plan_job_segments(const Job& job, const std::string& split);

// The plan as the result records it: chunk count and the shortest and longest chunk.
void record_plan(const SegmentPlan& plan, RunReport& report);

}  // namespace framebench::strategies
