#include "harness/run_warnings.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/interrupt.hpp"

namespace framebench::harness {

namespace {

// The cases a warning names: all of a few; of many, the first few and how many more (found
// 6 December 2026 by a sweep of large configs: a 700-case run ended in lines of 33 KB). The
// table and the results file flag each.
constexpr std::size_t kNamedCases = 5;

std::string named(const std::vector<std::string>& labels) {
  if (labels.size() <= kNamedCases) return fmt::format("{}", fmt::join(labels, ", "));
  return fmt::format("{} and {} more cases (the table flags each)",
                     fmt::join(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(kNamedCases), ", "),
                     labels.size() - kNamedCases);
}

}  // namespace

std::vector<std::string> run_warnings(const std::vector<CaseFigures>& cases, const MeasurementPolicy& policy,
                                      const std::vector<std::string>& machine_warnings) {
  std::vector<std::string> out = machine_warnings;
  std::vector<std::string> noisy, unrepeated_speedups, too_few, disturbed, throttled;
  double worst_others = 0, least_coverage = 1;
  for (const auto& r : cases) {
    if (!r.error.empty() || r.repetitions == 0) continue;
    const auto label = fmt::format("{} ({} {} {} w{})", r.strategy, r.dataset, r.kernel, r.encoder, r.workers);
    // Which interval is wide: the fps column may be within the target while the speedup is not.
    const bool fps_precise = r.stats.fps.precise(policy.confidence, policy.max_noise);
    // Too few repetitions for the confidence asked is not a wide interval (found 5 December 2026 by
    // a review of first use: 2 repetitions at 0.3% were called "wide").
    if (r.stats.noisy && !reaches(r.stats.fps.interval.coverage, policy.confidence)) {
      too_few.push_back(label);
      least_coverage = std::min(least_coverage, r.stats.fps.interval.coverage);
    } else if (r.stats.noisy && fps_precise && r.stats.speedup && policy.order == Order::sequential) {
      // The sequential order stops a case on its fps alone: its speedup reached no limit (found
      // 6 December 2026 by a statistics audit: "within the limits" of a case stopped at 5).
      unrepeated_speedups.push_back(label);
    } else if (r.stats.noisy) {
      noisy.push_back(fps_precise && r.stats.speedup ? label + ", its speedup" : label);
    }
    if (r.stats.disturbed) disturbed.push_back(label), worst_others = std::max(worst_others, r.stats.others_cpu + r.stats.steal);
    if (r.stats.throttle_events > 0) throttled.push_back(label);
  }
  // A run stopped by Ctrl-C or SIGTERM stopped its cases before any limit: saying "within the
  // limits (200 repetitions, ...)" of a case stopped at 17 misleads.
  if (!noisy.empty())
    out.push_back(fmt::format("noisy: {} did not reach +-{:.1f}% at {} confidence {}; their intervals are wide",
                              named(noisy), 100 * policy.max_noise, confidence_text(policy.confidence),
                              interrupt_signal() ? std::string("before the run was stopped")
                                                 : fmt::format("within the limits ({} repetitions, {:.0f} s)", policy.max_repetitions,
                                                               policy.max_time_s)));
  if (!unrepeated_speedups.empty())
    out.push_back(fmt::format("noisy: the speedups of {} did not reach +-{:.1f}% at {} confidence; the sequential order stops a case "
                              "when its fps does, so its speedup gets no more repetitions (--order interleaved pairs rounds and "
                              "measures on until both reach it)",
                              named(unrepeated_speedups), 100 * policy.max_noise, confidence_text(policy.confidence)));
  if (!too_few.empty())
    out.push_back(fmt::format("noisy: {} had too few repetitions for a {} interval of the median ({}; {} would do)",
                              named(too_few), confidence_text(policy.confidence),
                              // One repetition has no interval at all: "covered with 0% or more" told nothing (found 6 December 2026).
                              least_coverage > 0 ? fmt::format("theirs cover it with {:.0f}% or more", 100 * least_coverage)
                                                 : std::string("one repetition gives no interval"),
                              samples_for(policy.confidence)));
  if (!disturbed.empty())
    out.push_back(fmt::format("disturbed: other processes used up to {:.0f}% of the CPUs over a case's repetitions (more in some "
                              "rounds) while {} ran; their figures are not this machine's best",
                              100 * worst_others, named(disturbed)));
  if (!throttled.empty()) out.push_back(fmt::format("throttled: the CPUs throttled for heat while {} ran", named(throttled)));
  return out;
}

}  // namespace framebench::harness
