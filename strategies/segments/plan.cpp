#include "strategies/segments/plan.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"

namespace framebench::strategies {

namespace {

// The keyframe nearest `target`, ties to the earlier one; 0, the start, when none is known.
std::int64_t nearest_keyframe(const std::vector<std::int64_t>& keyframes, std::int64_t target) {
  if (keyframes.empty()) return 0;
  const auto after = std::lower_bound(keyframes.begin(), keyframes.end(), target);
  if (after == keyframes.begin()) return *after;
  const auto before = std::prev(after);
  if (after == keyframes.end() || target - *before <= *after - target) return *before;
  return *after;
}

}  // namespace

std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split) {
  if (split != "keyframe" && split != "exact")
    throw InputError(fmt::format("split '{}' is not one of keyframe, exact", split));
  const std::int64_t n = info.frame_count;
  if (n < 1) throw InputError(fmt::format("{}: no frames to split", info.path.string()));
  const bool at_keyframes = split == "keyframe";
  std::vector<std::int64_t> cuts = {0};
  for (int i = 1; i < wanted; ++i) {
    const std::int64_t exact = n * i / wanted;
    const std::int64_t cut = at_keyframes ? nearest_keyframe(info.keyframes, exact) : exact;
    if (cut > cuts.back() && cut < n) cuts.push_back(cut);
  }
  std::vector<Segment> segments;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const std::int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : n;
    segments.push_back({static_cast<int>(i), cuts[i], end - cuts[i]});
  }
  return segments;
}

SegmentPlan plan_job_segments(const Job& job) {
  const CoreBudget budget(job.workers);
  const int wanted = std::max(1, job.options.segments > 0 ? job.options.segments : budget.cores());
  SegmentPlan plan;
  plan.segments = plan_segments(job.input_info, wanted, job.options.split);
  plan.parallel = budget.parallel_workers(static_cast<int>(plan.segments.size()));
  plan.threads = budget.threads_per_worker(plan.parallel);
  return plan;
}

}  // namespace framebench::strategies
