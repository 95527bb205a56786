#include "strategies/segments/plan.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"

namespace framebench::strategies {

namespace {

// chunk_seconds = 0: chunks of 10 s, or 8 GOPs where that is longer.
constexpr double kDefaultChunkSeconds = 10;
constexpr double kMinGopsPerChunk = 8;

// The keyframe nearest `target`, ties to the earlier one; 0, the start, when none is known.
std::int64_t nearest_keyframe(const std::vector<std::int64_t>& keyframes, std::int64_t target) {
  if (keyframes.empty()) return 0;
  const auto after = std::lower_bound(keyframes.begin(), keyframes.end(), target);
  if (after == keyframes.begin()) return *after;
  const auto before = std::prev(after);
  if (after == keyframes.end() || target - *before <= *after - target) return *before;
  return *after;
}

// The last keyframe at or before `frame`: where a decoder that must start at `frame` begins.
std::int64_t keyframe_at_or_before(const std::vector<std::int64_t>& keyframes, std::int64_t frame) {
  const auto after = std::upper_bound(keyframes.begin(), keyframes.end(), frame);
  return after == keyframes.begin() ? 0 : *std::prev(after);
}

// Where "auto" cuts near `exact`. A keyframe cut moves frames from one chunk to the next, which
// the last chunks cannot balance out; an exact cut costs only decoding (about a quarter of a
// frame's work) from the keyframe before it, worth it up to a chunk's worth of frames.
std::int64_t auto_cut(const std::vector<std::int64_t>& keyframes, std::int64_t exact, double chunk) {
  const std::int64_t keyframe = nearest_keyframe(keyframes, exact);
  if (static_cast<double>(std::llabs(keyframe - exact)) <= chunk / 8) return keyframe;
  if (static_cast<double>(exact - keyframe_at_or_before(keyframes, exact)) <= chunk) return exact;
  return keyframe;
}

}  // namespace

std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split) {
  if (split != "keyframe" && split != "exact" && split != "auto")
    throw InputError(fmt::format("split '{}' is not one of auto, keyframe, exact", split));
  const std::int64_t n = info.frame_count;
  if (n < 1) throw InputError(fmt::format("{}: no frames to split", info.path.string()));
  const double chunk = static_cast<double>(n) / std::max(1, wanted);
  std::vector<std::int64_t> cuts = {0};
  for (int i = 1; i < wanted; ++i) {
    const std::int64_t exact = n * i / wanted;
    const std::int64_t cut = split == "exact"      ? exact
                             : split == "keyframe" ? nearest_keyframe(info.keyframes, exact)
                                                   : auto_cut(info.keyframes, exact, chunk);
    if (cut > cuts.back() && cut < n) cuts.push_back(cut);
  }
  std::vector<Segment> segments;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const std::int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : n;
    segments.push_back({static_cast<int>(i), cuts[i], end - cuts[i]});
  }
  return segments;
}

int chunks_wanted(const media::VideoInfo& info, const StrategyOptions& options, int cores) {
  if (options.segments > 0) return options.segments;
  const double fps = info.frame_rate.value() > 0 ? info.frame_rate.value() : 25.0;
  // Every chunk but the first restarts its decoder at a keyframe before it, a GOP early where that
  // is not an IDR (the pre-roll that proves where it starts): chunks of at least kMinGopsPerChunk
  // GOPs keep that to a few percent of the work.
  const double gop = static_cast<double>(info.frame_count) / static_cast<double>(std::max<std::size_t>(1, info.keyframes.size()));
  const double frames_per_chunk = options.chunk_seconds > 0 ? std::max(1.0, options.chunk_seconds * fps)
                                                            : std::max(kDefaultChunkSeconds * fps, kMinGopsPerChunk * gop);
  const double chunks = std::ceil(static_cast<double>(info.frame_count) / frames_per_chunk);
  return static_cast<int>(std::clamp(chunks, static_cast<double>(std::max(1, cores)), 1e6));
}

SegmentPlan plan_job_segments(const Job& job) {
  const CoreBudget budget(job.workers);
  SegmentPlan plan;
  plan.segments = plan_segments(job.input_info, chunks_wanted(job.input_info, job.options, budget.cores()), job.options.split);
  plan.parallel = budget.parallel_workers(static_cast<int>(plan.segments.size()));
  plan.threads = budget.threads_per_worker(plan.parallel);
  return plan;
}

void record_plan(const SegmentPlan& plan, RunReport& report) {
  const auto [shortest, longest] = std::minmax_element(plan.segments.begin(), plan.segments.end(),
                                                       [](const Segment& a, const Segment& b) { return a.count < b.count; });
  report.chunks = static_cast<std::int64_t>(plan.segments.size());
  report.chunk_frames_min = plan.segments.empty() ? 0 : shortest->count;
  report.chunk_frames_max = plan.segments.empty() ? 0 : longest->count;
}

}  // namespace framebench::strategies
