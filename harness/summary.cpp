#include "harness/summary.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/result_replay.hpp"

namespace framebench::harness {

namespace {

std::string with_interval(double value, const Interval& i, const char* unit) {
  return fmt::format("{:.2f}{} [{:.2f}, {:.2f}]", value, unit, i.low, i.high);
}

}  // namespace

std::vector<std::string> summary_warnings(const std::vector<SummaryRow>& rows, const MeasurementPolicy& policy,
                                          const std::vector<std::string>& machine_warnings) {
  std::vector<std::string> out = machine_warnings;
  std::vector<std::string> noisy, too_few, disturbed, throttled;
  double worst_others = 0, least_coverage = 1;
  for (const auto& r : rows) {
    if (!r.error.empty() || r.repetitions == 0) continue;
    const auto label = fmt::format("{} ({} {} {} w{})", r.strategy, r.dataset, r.kernel, r.encoder, r.workers);
    // Which interval is wide: the fps column may be within the target while the speedup is not.
    const bool fps_precise = r.stats.fps.precise(policy.confidence, policy.max_noise);
    // Too few repetitions for the confidence asked is not a wide interval (found 5 December 2026 by
    // a review of first use: 2 repetitions at 0.3% were called "wide").
    if (r.stats.noisy && !reaches(r.stats.fps.interval.coverage, policy.confidence)) {
      too_few.push_back(label);
      least_coverage = std::min(least_coverage, r.stats.fps.interval.coverage);
    } else if (r.stats.noisy) {
      noisy.push_back(fps_precise && r.stats.speedup ? label + ", its speedup" : label);
    }
    if (r.stats.disturbed) disturbed.push_back(label), worst_others = std::max(worst_others, r.stats.others_cpu + r.stats.steal);
    if (r.stats.throttle_events > 0) throttled.push_back(label);
  }
  if (!noisy.empty())
    out.push_back(fmt::format("noisy: {} did not reach +-{:.1f}% at {:.0f}% confidence within the limits ({} repetitions, {:.0f} s); "
                              "their intervals are wide",
                              fmt::join(noisy, ", "), 100 * policy.max_noise, 100 * policy.confidence, policy.max_repetitions,
                              policy.max_time_s));
  if (!too_few.empty())
    out.push_back(fmt::format("noisy: {} had too few repetitions for a {:.0f}% interval of the median ({}; {} would do)",
                              fmt::join(too_few, ", "), 100 * policy.confidence,
                              // One repetition has no interval at all: "covered with 0% or more" told nothing (found 6 December 2026).
                              least_coverage > 0 ? fmt::format("theirs cover it with {:.0f}% or more", 100 * least_coverage)
                                                 : std::string("one repetition gives no interval"),
                              samples_for(policy.confidence)));
  if (!disturbed.empty())
    out.push_back(fmt::format("disturbed: other processes used up to {:.0f}% of the CPUs over a case's repetitions (more in some "
                              "rounds) while {} ran; their figures are not this machine's best",
                              100 * worst_others, fmt::join(disturbed, ", ")));
  if (!throttled.empty()) out.push_back(fmt::format("throttled: the CPUs throttled for heat while {} ran", fmt::join(throttled, ", ")));
  return out;
}

void print_summary(const std::vector<SummaryRow>& rows, const MeasurementPolicy& policy, const std::string& baseline,
                   const std::vector<std::string>& machine_warnings) {
  const auto ci = fmt::format("{:.0f}% CI", 100 * policy.confidence);
  // Wide enough for the longest label ("multiprocess-segments (native)").
  std::size_t strategy_width = 22;
  for (const auto& r : rows) strategy_width = std::max(strategy_width, r.strategy.size());
  fmt::print("\n{:<{}} {:<16} {:<10} {:<15} {:>3} {:>30} {:>26} {:>4} {:>7}  {:<8} {}\n", "strategy", strategy_width, "dataset", "kernel", "encoder", "w",
             fmt::format("fps [{}]", ci), fmt::format("speedup [{}]", ci), "n", "noise", "verified", "flags");
  for (const auto& r : rows) {
    // A case an interrupted run never reached measured nothing: not 0 fps (found 6 December 2026 by a sweep).
    if (!r.error.empty() || r.repetitions == 0) {
      fmt::print("{:<{}} {:<16} {:<10} {:<15} {:>3} {:>30} {:>26} {:>4} {:>7}  {}\n", r.strategy, strategy_width, r.dataset, r.kernel, r.encoder,
                 r.workers, "-", "-", r.repetitions, "-", r.error.empty() ? fmt::format("not run: {}", kStoppedBeforeIt) : "FAILED: " + r.error);
      continue;
    }
    const auto& s = r.stats;
    fmt::print("{:<{}} {:<16} {:<10} {:<15} {:>3} {:>30} {:>26} {:>4} {:>6.1f}%  {:<8} {}\n", r.strategy, strategy_width, r.dataset, r.kernel, r.encoder,
               r.workers, with_interval(s.fps.median, s.fps.interval, ""),
               s.speedup ? with_interval(s.speedup->median, s.speedup->interval, "x") : "-", r.repetitions, 100 * s.fps.noise,
               r.verified && r.unchecked ? "off" : r.verified ? "yes" : "no", fmt::join(s.flags(), ","));
  }
  fmt::print("speedup: over {} on the same dataset, kernel, encoder and pixel format, paired within each round\n", baseline);
  for (const auto& w : summary_warnings(rows, policy, machine_warnings)) fmt::print("warning: {}\n", w);
}

}  // namespace framebench::harness
