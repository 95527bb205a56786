#pragma once
// The warnings `run` ends with, below its summary table: one line for each thing that makes its
// figures less trustworthy (the machine's state, intervals wider than asked, too few repetitions,
// other processes, heat). The table itself is the result file's (reports/terminal_table.hpp).
#include <string>
#include <vector>

#include "harness/case_statistics.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::harness {

// What the warnings need of one case.
struct CaseFigures {
  std::string strategy, dataset, kernel, encoder;
  int workers = 0;
  CaseStatistics stats;
  int repetitions = 0;
  std::string error;  // the case failed: no figures to warn of
};

std::vector<std::string> run_warnings(const std::vector<CaseFigures>& cases, const MeasurementPolicy& policy,
                                      const std::vector<std::string>& machine_warnings);

}  // namespace framebench::harness
