#pragma once
// Runs an experiment's cases under Google Benchmark (manual time, fixed repetitions, untimed
// warm-up), verifies each case's output, and writes the results JSON atomically.
#include <filesystem>
#include <optional>
#include <string>

#include "harness/config.hpp"

namespace framebench::harness {

struct RunOptions {
  std::string filter;                  // regex on case names (Google Benchmark's filter)
  std::filesystem::path out;           // empty: results/<config>-<host>-<timestamp>.json
  std::optional<int> repetitions;      // overrides the config's
  bool benchmark_console = false;      // also print Google Benchmark's own console table
};

struct RunOutcome {
  std::filesystem::path results_file;
  int cases_run = 0;
  int cases_failed = 0;
  int cases_unavailable = 0;
};

RunOutcome run_experiment(const ExperimentConfig& config, const RunOptions& options);

}  // namespace framebench::harness
