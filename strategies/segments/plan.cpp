#include "strategies/segments/plan.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "strategies/segments/chunk_costs.hpp"

namespace framebench::strategies {

namespace {

// chunk_seconds = 0: chunks of 10 s, or 8 GOPs where that is longer and a chunk may restart its
// decoder before its first frame.
constexpr double kDefaultChunkSeconds = 10;
constexpr double kMinGopsPerChunk = 8;

// Whether every chunk of `split` starts where a decoder restarts alone: cuts only at keyframes,
// every one of them clean (an IDR), so no chunk decodes frames it throws away.
bool no_pre_roll(const media::VideoInfo& info, const std::string& split) {
  if (split != "keyframe") return false;
  for (std::size_t k = 1; k < info.keyframes.size(); ++k)
    if (!info.keyframe_is_clean(k)) return false;
  return true;
}

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
// How far past an even share of the work (pre-rolls not counted) a plan's handout may finish
// before the plan of one chunk per worker is tried beside it; pre-rolls of a GOP in 8 cost about 5%.
constexpr double kUnevenHandout = 1.25;

// The exact cut nearest before or at `target` that throws away at most a chunk's frames to reach
// it (the latest frame within a chunk of where its decoder restarts); 0 where there is none.
std::int64_t exact_within_reach(const ChunkCosts& costs, std::int64_t target, double chunk) {
  const std::int64_t over = costs.discarded(target) - static_cast<std::int64_t>(chunk);
  return over <= 0 ? target : std::max<std::int64_t>(0, target - over);
}

// The cut ending a chunk before the last round, whose share of the work ends at `target`: the
// nearest keyframe; for "auto", only within kKeyframeReach of a chunk, and otherwise exactly
// (or as near as exact_within_reach allows).
std::int64_t earlier_cut(const media::VideoInfo& info, const ChunkCosts& costs, const std::string& split, std::int64_t target,
                         double chunk) {
  const std::int64_t keyframe = nearest_keyframe(info.keyframes, target);
  if (split == "keyframe" || static_cast<double>(std::llabs(keyframe - target)) <= chunk * kKeyframeReach) return keyframe;
  const std::int64_t exact = exact_within_reach(costs, target, chunk);
  return exact > 0 ? exact : keyframe;
}

// The cut ending a last-round chunk that starts at `start`, whose share of the work ends at
// `target`, with `workers_after` workers' last chunks still to cut after it; `start` where no
// cut fits. Nothing after the last round balances it, so "auto" takes whichever of the exact
// frame (as near `target` as exact_within_reach allows) and the keyframes either side of it
// finishes soonest: the larger of this chunk's work and the rest's per worker after it (for the
// round's final cut, exactly when the last worker finishes).
std::int64_t last_round_cut(const media::VideoInfo& info, const ChunkCosts& costs, const std::string& split, std::int64_t start,
                            std::int64_t target, double chunk, int workers_after) {
  const std::int64_t n = info.frame_count;
  if (split == "keyframe") return nearest_keyframe(info.keyframes, target);
  std::vector<std::int64_t> candidates = {exact_within_reach(costs, target, chunk)};
  const auto after = std::upper_bound(info.keyframes.begin(), info.keyframes.end(), target);
  if (after != info.keyframes.begin()) candidates.push_back(*std::prev(after));
  if (after != info.keyframes.end()) candidates.push_back(*after);
  const auto finish = [&](std::int64_t cut) {
    return std::max(costs.frames(start, cut) + costs.reaching(start), (costs.frames(cut, n) + costs.reaching(cut)) / workers_after);
  };
  std::int64_t best = start;
  for (const std::int64_t c : candidates)
    if (c > start && c < n && (best == start || finish(c) < finish(best))) best = c;
  return best;
}

// When the last worker of the round that starts at cuts[first] finishes: its slowest chunk's work.
double round_finish(const ChunkCosts& costs, const std::vector<std::int64_t>& cuts, std::size_t first, std::int64_t n) {
  double slowest = 0;
  for (std::size_t i = first; i < cuts.size(); ++i) {
    const std::int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : n;
    slowest = std::max(slowest, costs.frames(cuts[i], end) + costs.reaching(cuts[i]));
  }
  return slowest;
}

// When the last of `parallel` workers finishes the chunks starting at `cuts`, each handed in order
// to the worker that frees up first (as the worker pool does), in frames' worth of work.
double handout_finish(const ChunkCosts& costs, const std::vector<std::int64_t>& cuts, std::int64_t n, int parallel) {
  std::vector<double> free_at(static_cast<std::size_t>(std::max(1, parallel)), 0.0);
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const std::int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : n;
    *std::min_element(free_at.begin(), free_at.end()) += costs.frames(cuts[i], end) + costs.reaching(cuts[i]);
  }
  return *std::max_element(free_at.begin(), free_at.end());
}

// The "keyframe" or "auto" cuts of at most `wanted` chunks, `parallel` of them at once: even shares
// of the work before the last round, and a last round whose workers finish together.
std::vector<std::int64_t> work_shared_cuts(const media::VideoInfo& info, const ChunkCosts& costs, int wanted, const std::string& split,
                                           int parallel) {
  const std::int64_t n = info.frame_count;
  const double chunk = static_cast<double>(n) / wanted;
  std::vector<std::int64_t> cuts = {0};
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
  // that the workers finish together. Its shares depend on its own cuts' pre-rolls: a few passes,
  // each sharing the work the last one found, and the plan that finishes first is kept.
  const std::size_t round_first = cuts.size() - 1;  // the index of its first chunk's start
  const std::int64_t from = cuts.back();
  // A pre-roll may reach as far as one of this round's chunks: the nominal chunk of many wanted
  // is a frame or less, which left no cut and one worker the whole input (found 5 December
  // 2026 by a sweep: 51 segments of a 50-frame clip with one keyframe ran serially).
  const double round_chunk = static_cast<double>(n - from) / parallel;
  std::vector<std::int64_t> best = cuts, previous;
  double best_finish = std::numeric_limits<double>::infinity();
  double round_reaching = 0;  // pre-rolls of the cuts inside the round
  for (int pass = 0; pass < kPasses; ++pass) {
    previous = cuts;
    cuts.resize(round_first + 1);
    const double share = (costs.frames(from, n) + costs.reaching(from) + round_reaching) / parallel;
    for (int j = 1; j < parallel; ++j) {
      // An exact share counts from where the last cut landed, its pre-roll included; keyframe
      // cuts aim at the even shares from the round's start, so that one far keyframe does not
      // leave the next chunk a sliver.
      const std::int64_t start = cuts.back();
      const double aim = split == "keyframe" ? costs.before(from) - costs.reaching(from) + j * share
                                             : costs.before(start) - costs.reaching(start) + share;
      const std::int64_t target = std::max(start + 1, costs.frame_at(aim));
      if (target >= n) break;
      cut_at(last_round_cut(info, costs, split, start, target, round_chunk, parallel - j));
    }
    round_reaching = 0;
    for (std::size_t i = round_first + 1; i < cuts.size(); ++i) round_reaching += costs.reaching(cuts[i]);
    if (const double finish = round_finish(costs, cuts, round_first, n); finish < best_finish) best = cuts, best_finish = finish;
    if (cuts == previous) break;  // settled
  }
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
  std::vector<std::int64_t> cuts = {0};
  if (split == "exact") {
    for (int i = 1; i < wanted; ++i)
      if (const std::int64_t cut = n * i / wanted; cut > cuts.back()) cuts.push_back(cut);
  } else {
    const ChunkCosts costs(info);
    cuts = work_shared_cuts(info, costs, wanted, split, parallel);
    // Where pre-rolls left fewer cuts than wanted (keyframes far apart), the rounds this plan
    // counted on did not form: on a 300-frame clip with one keyframe, 4 wanted for 2 workers gave
    // 75, 37 and 188 frames, and the last chunk went to the worker that had the second, so one
    // worker did nearly everything. Plans for as many chunks as were cut are tried in turn, and the
    // one whose handout finishes first is kept (the one of more chunks on a tie: less memory).
    double finish = handout_finish(costs, cuts, n, parallel);
    const auto keep_if_sooner = [&](int chunks) {
      auto other = work_shared_cuts(info, costs, chunks, split, std::min(parallel, chunks));
      const double other_finish = handout_finish(costs, other, n, parallel);
      const auto cut = static_cast<int>(other.size());
      if (other_finish < finish) cuts = std::move(other), finish = other_finish;
      return cut;
    };
    for (int tried = wanted, fewer = static_cast<int>(cuts.size()); fewer > 1 && fewer < tried;) {
      tried = fewer;
      fewer = keep_if_sooner(fewer);
    }
    // Every chunk cut, but one worker still left far more than its share (a keyframe many times a
    // frame's bytes pulled the cuts: 72, 3, 37 and 188 frames, found 7 December 2026 by a
    // review): one chunk per worker is tried too. Only then, so that long inputs keep chunks that
    // bound their memory, where the handout is near even.
    if (wanted > parallel && finish > kUnevenHandout * costs.total() / parallel) keep_if_sooner(parallel);
  }
  std::vector<Segment> segments;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const std::int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : n;
    segments.push_back({static_cast<int>(i), cuts[i], end - cuts[i]});
  }
  return segments;
}

int chunks_wanted(const media::VideoInfo& info, const StrategyOptions& options, int cores, const std::string& split) {
  if (options.segments > 0) return options.segments;
  const double fps = info.frame_rate.value() > 0 ? info.frame_rate.value() : 25.0;
  // Every chunk but the first restarts its decoder at a keyframe before it, a GOP early where that
  // is not an IDR (the pre-roll that proves where it starts): chunks of at least kMinGopsPerChunk
  // GOPs keep that to a few percent of the work. Without pre-rolls, longer chunks buy nothing and
  // cost memory: a chunk finished before its turn holds its packets until then.
  const double gop = static_cast<double>(info.frame_count) / static_cast<double>(std::max<std::size_t>(1, info.keyframes.size()));
  const double min_gops = no_pre_roll(info, split) ? 1 : kMinGopsPerChunk;
  const double frames_per_chunk = options.chunk_seconds > 0 ? std::max(1.0, options.chunk_seconds * fps)
                                                            : std::max(kDefaultChunkSeconds * fps, min_gops * gop);
  const double chunks = std::ceil(static_cast<double>(info.frame_count) / frames_per_chunk);
  return static_cast<int>(std::clamp(chunks, static_cast<double>(std::max(1, cores)), 1e6));
}

SegmentPlan plan_job_segments(const Job& job) { return plan_job_segments(job, job.options.split); }

SegmentPlan plan_job_segments(const Job& job, const std::string& split) {
  const CoreBudget budget(job.workers);
  SegmentPlan plan;
  const int wanted = chunks_wanted(job.input_info, job.options, budget.cores(), split);
  plan.segments = plan_segments(job.input_info, wanted, split, budget.parallel_workers(wanted));
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
