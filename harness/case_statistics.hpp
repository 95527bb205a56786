#pragma once
// What a case's repetitions say once a run is over: fps and its interval, the speedup over its
// baseline paired round by round, and whether the figures are noisy or were disturbed by other
// work on the machine.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/case_run.hpp"
#include "harness/measurement_policy.hpp"
#include "harness/statistics.hpp"

namespace framebench::harness {

struct CaseStatistics {
  Estimate fps;
  std::optional<Estimate> speedup;  // over the baseline, from rounds where both ran (its `samples`: the pairs)
  double others_cpu = 0;            // other processes' share of the run's CPUs while the case ran
  double steal = 0;
  std::int64_t throttle_events = 0;
  // The fps interval, or the speedup's, is wider than max_noise or covers less than the confidence.
  bool noisy = false;
  bool disturbed = false;  // others used more than the policy's share of the CPUs
};

CaseStatistics case_statistics(const CaseRun& run, const CaseRun* baseline, const MeasurementPolicy& policy);

// The case's fps over its baseline's, one ratio per round in which both have a kept repetition.
std::vector<double> paired_speedups(const CaseRun& run, const CaseRun& baseline);

// For each case, the index of the case of `strategy` on the same dataset, kernel, encoder and pixel path
// (the fewest workers, as resolved: workers 0 means every core), or -1; a baseline case is its own.
std::vector<int> find_baselines(const std::vector<CaseRun>& cases, const std::string& strategy);

}  // namespace framebench::harness
