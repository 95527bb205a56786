#include "strategies/segments/plan.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "strategies/segments/chunk_costs.hpp"

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

// How near the end of its share a keyframe must be for "auto" to cut there before the last
// round, in chunks: an exact cut's pre-roll is wasted work, while a chunk moved off its share
// is balanced by the chunks handed out after it.
constexpr double kKeyframeReach = 1.0 / 8;
constexpr int kPasses = 8;  // at most, to settle the last round's cuts and their pre-rolls

// The cut ending a chunk before the last round, whose share of the work ends at `target`: the
// nearest keyframe; for "auto", only within kKeyframeReach of a chunk, and otherwise exactly,
// unless that throws away more decoded frames than a chunk holds.
std::int64_t earlier_cut(const media::VideoInfo& info, const ChunkCosts& costs, const std::string& split, std::int64_t target,
                         double chunk) {
  const std::int64_t keyframe = nearest_keyframe(info.keyframes, target);
  if (split == "keyframe" || static_cast<double>(std::llabs(keyframe - target)) <= chunk * kKeyframeReach) return keyframe;
  return static_cast<double>(costs.discarded(target)) <= chunk ? target : keyframe;
}

// The cut ending a last-round chunk that starts at `start`, whose share of the work ends at
// `target`, with `workers_after` workers' last chunks still to cut after it. Nothing after the
// last round balances it, so "auto" takes whichever of the exact frame and the keyframes either
// side of it finishes soonest: the larger of this chunk's work and the rest's per worker after
// it (for the round's final cut, exactly when the last worker finishes). Never an exact cut that
// throws away more decoded frames than a chunk holds.
std::int64_t last_round_cut(const media::VideoInfo& info, const ChunkCosts& costs, const std::string& split, std::int64_t start,
                            std::int64_t target, double chunk, int workers_after) {
  const std::int64_t n = info.frame_count;
  const std::int64_t keyframe = nearest_keyframe(info.keyframes, target);
  if (split == "keyframe") return keyframe;
  const auto finish = [&](std::int64_t cut) {
    return std::max(costs.frames(start, cut) + costs.reaching(start), (costs.frames(cut, n) + costs.reaching(cut)) / workers_after);
  };
  std::int64_t best = static_cast<double>(costs.discarded(target)) <= chunk ? target : keyframe;
  const auto after = std::upper_bound(info.keyframes.begin(), info.keyframes.end(), target);
  std::vector<std::int64_t> either_side;
  if (after != info.keyframes.begin()) either_side.push_back(*std::prev(after));
  if (after != info.keyframes.end()) either_side.push_back(*after);
  for (const std::int64_t k : either_side)
    if (k > start && k < n && (best <= start || finish(k) < finish(best))) best = k;
  return best;
}

}  // namespace

std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split, int parallel) {
  if (split != "keyframe" && split != "exact" && split != "auto")
    throw InputError(fmt::format("split '{}' is not one of auto, keyframe, exact", split));
  const std::int64_t n = info.frame_count;
  if (n < 1) throw InputError(fmt::format("{}: no frames to split", info.path.string()));
  wanted = std::max(1, wanted);
  parallel = parallel > 0 ? std::min(parallel, wanted) : wanted;
  const double chunk = static_cast<double>(n) / wanted;
  std::vector<std::int64_t> cuts = {0};
  if (split == "exact") {
    for (int i = 1; i < wanted; ++i)
      if (const std::int64_t cut = n * i / wanted; cut > cuts.back()) cuts.push_back(cut);
  } else {
    const ChunkCosts costs(info);
    const auto cut_at = [&](std::int64_t cut) {
      if (cut <= cuts.back() || cut >= n) return;
      cuts.push_back(cut);
    };
    // Before the last round: even shares of the work, pre-rolls left to the chunks after.
    const int last_round = wanted - parallel;  // the last round's first chunk
    for (int i = 1; i <= last_round; ++i) {
      const std::int64_t target = std::max(cuts.back() + 1, costs.frame_at(i * costs.total() / wanted));
      if (target >= n) break;
      cut_at(earlier_cut(info, costs, split, target, chunk));
    }
    // The last round, one chunk per worker: what is left, pre-rolls included, in even shares, so
    // that the workers finish together. Its own pre-rolls depend on its cuts: passes settle them.
    const std::size_t round_first = cuts.size();
    const std::int64_t from = cuts.back();
    double round_reaching = 0;  // pre-rolls of the cuts inside the round
    for (int pass = 0; pass < kPasses; ++pass) {
      const std::vector<std::int64_t> last_pass = cuts;
      cuts.resize(round_first);
      const double share = (costs.frames(from, n) + costs.reaching(from) + round_reaching) / parallel;
      double reached = costs.reaching(from);  // the round's work before each cut is before(cut) - before(from) + reached
      for (int j = 1; j < parallel; ++j) {
        const std::int64_t start = cuts.back();
        const std::int64_t target = std::max(start + 1, costs.frame_at(costs.before(from) + j * share - reached));
        if (target >= n) break;
        cut_at(last_round_cut(info, costs, split, start, target, chunk, parallel - j));
        if (cuts.back() != start) reached += costs.reaching(cuts.back());
      }
      round_reaching = reached - costs.reaching(from);
      if (cuts == last_pass) break;
    }
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
  const int wanted = chunks_wanted(job.input_info, job.options, budget.cores());
  plan.segments = plan_segments(job.input_info, wanted, job.options.split, budget.parallel_workers(wanted));
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
