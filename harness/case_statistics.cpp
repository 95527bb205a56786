#include "harness/case_statistics.hpp"

#include <map>

namespace framebench::harness {

std::vector<double> paired_speedups(const CaseRun& run, const CaseRun& baseline) {
  std::map<int, double> base;
  for (const auto& r : baseline.repetitions) base[r.round] = r.measurement.fps();
  std::vector<double> out;
  for (const auto& r : run.repetitions)
    if (const auto it = base.find(r.round); it != base.end() && it->second > 0) out.push_back(r.measurement.fps() / it->second);
  return out;
}

CaseStatistics case_statistics(const CaseRun& run, const CaseRun* baseline, const MeasurementPolicy& policy) {
  CaseStatistics s;
  s.fps = estimate(run.fps(), policy.confidence);
  if (baseline && !baseline->failed()) {
    if (const auto ratios = paired_speedups(run, *baseline); !ratios.empty()) s.speedup = estimate(ratios, policy.confidence);
  }
  double wall = 0, others = 0, steal = 0;
  for (const auto& r : run.repetitions) {
    wall += r.measurement.wall_s;
    others += r.load.others_cpu * r.measurement.wall_s;
    steal += r.load.steal * r.measurement.wall_s;
    s.throttle_events += r.load.throttle_events;
  }
  if (wall > 0) {
    s.others_cpu = others / wall;
    s.steal = steal / wall;
  }
  s.noisy = !run.repetitions.empty() && (!s.fps.precise(policy.confidence, policy.max_noise) ||
                                          (s.speedup && !s.speedup->precise(policy.confidence, policy.max_noise)));
  s.disturbed = s.others_cpu + s.steal > policy.disturbed_share;
  return s;
}

std::vector<int> find_baselines(const std::vector<CaseRun>& cases, const std::string& strategy) {
  std::vector<int> out(cases.size(), -1);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i].spec;
    for (std::size_t j = 0; j < cases.size(); ++j) {
      const Case& b = cases[j].spec;
      // On the same pixel path too: a native case over a BGR24 baseline would credit the strategy
      // with the conversions it skips (found 5 December 2026 by a sweep: the speedups changed with
      // the order of matrix.pixel_format).
      if (b.strategy->name() != strategy || b.dataset != c.dataset || b.kernel.name != c.kernel.name || b.encoder.name != c.encoder.name ||
          b.pixels != c.pixels)
        continue;
      if (out[i] < 0 || b.resolved_workers() < cases[out[i]].spec.resolved_workers()) out[i] = static_cast<int>(j);
    }
  }
  return out;
}

}  // namespace framebench::harness
