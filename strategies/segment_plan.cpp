#include "strategies/segment_plan.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::strategies {

int wanted_segments(int workers, int option_segments) { return std::max(1, option_segments > 0 ? option_segments : workers); }

std::vector<Segment> plan_segments(const media::VideoInfo& info, int wanted, const std::string& split) {
  if (split != "keyframe" && split != "exact")
    throw InputError(fmt::format("split '{}' is not one of keyframe, exact", split));
  const std::int64_t n = info.frame_count;
  if (n < 1) throw InputError(fmt::format("{}: no frames to split", info.path.string()));
  std::vector<std::int64_t> cuts = {0};
  for (int i = 1; i < wanted; ++i) {
    const std::int64_t target = n * i / wanted;  // the exact cut
    std::int64_t cut = target;
    if (split == "keyframe") {
      // The keyframe nearest the exact cut, ties to the earlier one.
      const auto& k = info.keyframes;
      const auto after = std::lower_bound(k.begin(), k.end(), target);
      cut = after == k.end() ? k.back() : *after;
      if (after != k.begin() && (after == k.end() || target - *std::prev(after) <= *after - target)) cut = *std::prev(after);
    }
    if (cut > cuts.back() && cut < n) cuts.push_back(cut);
  }
  std::vector<Segment> segments;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const std::int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : n;
    segments.push_back({static_cast<int>(i), cuts[i], end - cuts[i]});
  }
  return segments;
}

}  // namespace framebench::strategies
