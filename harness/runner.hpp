#pragma once
// Runs an experiment's cases: an untimed warm-up per case, timed repetitions in rounds until the
// stopping rule is met (harness/rounds.hpp), each output verified; then writes Google Benchmark
// JSON atomically and hands the summary's warnings to whoever shows the table (RunOptions).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/case_matrix.hpp"
#include "harness/config.hpp"
#include "harness/measurement_policy.hpp"
#include "harness/resume.hpp"

namespace framebench::harness {

struct RunOptions {
  std::string filter;                  // regex on case names (Google Benchmark's filter)
  std::filesystem::path out;           // empty: results/<config>-<host>-<timestamp>.json
  std::optional<int> repetitions;      // exactly this many rounds per case (no stopping rule)
  std::optional<int> min_repetitions;  // these override the config's [measure] table
  std::optional<int> max_repetitions;
  std::optional<double> max_noise_pct;
  std::optional<double> max_time_s;
  std::optional<double> confidence_pct;
  std::optional<double> disturbed_pct;  // of the CPUs used by others, above which a case is flagged disturbed
  std::optional<double> timeout_s;     // of one repetition
  std::optional<double> save_every_s;  // a round's results checked and written at least this often
  std::optional<std::string> order;    // sequential | interleaved | random
  std::optional<std::uint64_t> seed;   // of the random order
  std::string baseline = "single-core";  // the strategy speedups are over
  std::string cpus;                    // the CPUs the caller pinned the process to ("0-3,6"), before making the cases
  bool benchmark_console = false;      // also print Google Benchmark's own console table
  bool run_once = false;               // one timed repetition per case, no warm-up (for an external profiler)
  std::filesystem::path resume;        // an interrupted run's results: keep its repetitions, run the rest
  bool fleet = false;                  // one host of `run --fleet` (which cannot be resumed)
  // Shown once the results are written, interrupted or not: the file's table (which the harness
  // leaves to reports, as `summary` prints it) and the warnings about its figures.
  std::function<void(const std::filesystem::path& results, const std::vector<std::string>& warnings)> show_summary;
};

struct RunOutcome {
  std::filesystem::path results_file;
  int cases_run = 0;
  int cases_failed = 0;
  int cases_unavailable = 0;  // this machine cannot run them (no GPU, too few cores, no encoder)
  int cases_unsupported = 0;  // their strategy cannot do them anywhere (an encoder it cannot write)
  int cases_input_refused = 0;  // their strategy or encoder cannot take the dataset (kInputScope)
};

// The config's cases whose names match --filter, available or not; nothing is generated or probed.
// InputError for a filter that is not a regular expression.
std::vector<Case> matching_cases(const ExperimentConfig& config, const RunOptions& options);
// Throws InputError where writing a run of `cases` (those available here) back to
// options.resume (no --out elsewhere) would lose the repetitions `previous` holds of other cases.
void check_nothing_dropped(const PreviousRun& previous, const std::vector<Case>& cases, const RunOptions& options);
// InputError when the file resumed holds more repetitions of a case than the run asks for at most:
// written back, it would say it is at most what it is past (found 5 December 2026 by a
// hostile-input sweep: 3 repetitions kept, max_repetitions 2).
void check_within_repetitions(const PreviousRun& previous, const MeasurementPolicy& policy, const RunOptions& options);
// The config's measurement policy with `run`'s flags applied (InputError if they contradict).
MeasurementPolicy effective_policy(const ExperimentConfig& config, const RunOptions& options);

// Runs `cases` (matching_cases of config and options: the caller matches once, for its own checks
// and this run).
RunOutcome run_experiment(const ExperimentConfig& config, const std::vector<Case>& cases, const RunOptions& options);

}  // namespace framebench::harness
