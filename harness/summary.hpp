#pragma once
// The table `run` ends with: per case, median fps and its interval, the speedup over the baseline
// paired round by round with its interval, repetitions, noise, verification and flags; then one
// warning line for each thing that makes the figures less trustworthy.
#include <string>
#include <vector>

#include "harness/case_statistics.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::harness {

struct SummaryRow {
  std::string strategy, dataset, kernel, encoder;
  int workers = 0;
  CaseStatistics stats;
  int repetitions = 0;
  bool verified = false;
  std::string error;
  bool unchecked = false;  // [verify] mode = "off": verified says only that the frame count and size are right
};

void print_summary(const std::vector<SummaryRow>& rows, const MeasurementPolicy& policy, const std::string& baseline,
                   const std::vector<std::string>& machine_warnings);

// The warning lines alone (also used by tests).
std::vector<std::string> summary_warnings(const std::vector<SummaryRow>& rows, const MeasurementPolicy& policy,
                                          const std::vector<std::string>& machine_warnings);

}  // namespace framebench::harness
