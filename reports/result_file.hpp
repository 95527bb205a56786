#pragma once
// Reads framebench result files (Google Benchmark JSON written by `run` and `kernels`) back into
// cases with their parameters, per-repetition times and counters, errors and provenance, for
// `report` and `compare`. Tolerant of missing context keys (older files) and of files holding
// aggregates only.
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/statistics.hpp"

namespace framebench::reports {

// One timed repetition. Times are in seconds whatever the file's time_unit.
struct Repetition {
  double real_time_s = 0;
  // None where the entry recorded no cpu_time (the schema requires one; a cut or hand-made file may
  // lack it): not a CPU time of 0 s.
  std::optional<double> cpu_time_s;
  std::map<std::string, double> counters;
  // Where `run` measured it among the others (absent in files from before interleaved rounds).
  std::optional<int> round;
  std::optional<int> sequence;
  // Of an aggregate: the repetitions it sums up, as Google Benchmark records them.
  std::optional<int> aggregated_repetitions;
  // Other processes' and the hypervisor's share of the run's CPUs while it ran.
  std::optional<double> others_cpu_share;
  std::optional<double> steal_share;
  std::string label;  // what ran, where the name does not say it (mpi-segments: each rank's host)
};

// An interval of a median, as `run` records it.
struct RecordedInterval {
  double low = 0;
  double high = 0;
  bool overlaps(const RecordedInterval& other) const { return low <= other.high && other.low <= high; }
};

// A case's statistics as `run` records them on every entry of the case (docs/METHODOLOGY.md).
struct RecordedStatistics {
  RecordedInterval fps;     // fps_ci_low .. fps_ci_high
  double coverage = 0;      // ci_coverage: below `confidence` with too few repetitions
  double noise = 0;         // the interval's wider side relative to the median fps
  bool noisy = false;       // stopped at a limit without reaching max_noise (fps or, since 5 December 2026, speedup)
  bool disturbed = false;   // other work took more than the allowed share of the CPUs
  bool throttled = false;   // the CPUs throttled for heat while it ran (absent before 6 December 2026)
  double others_cpu = 0;    // others_cpu_case_share
  // Median of the per-round paired ratios (case fps / baseline fps) and its interval.
  std::optional<double> speedup;
  std::optional<RecordedInterval> speedup_interval;
  std::optional<double> speedup_coverage;  // speedup_ci_coverage, speedup_noise: absent in files
  std::optional<double> speedup_noise;     // from before 5 December 2026
  // From the file's context: the level asked, the noise target, the baseline's strategy.
  std::optional<double> confidence;
  std::optional<double> max_noise;
  std::string baseline;
};

enum class CaseKind { e2e, kernel, other };

struct CaseResult {
  // The name without run settings (iterations:, repeats:, manual_time, ...): the identity used to
  // match a case across files and hosts, e.g. "e2e/strategy:tbb-pipeline/dataset:d/kernel:box5/...".
  std::string name;
  CaseKind kind = CaseKind::other;
  // key:value segments of the name: strategy, dataset, kernel, encoder, workers / impl, kernel, size.
  std::map<std::string, std::string> params;
  std::vector<Repetition> repetitions;
  // Google Benchmark's aggregates by name (mean, median, stddev, cv); used when no repetition is
  // in the file (--benchmark_report_aggregates_only).
  std::map<std::string, Repetition> aggregates;
  bool failed = false;
  std::string error_message;  // why it failed; "did not verify" when the verified counter is 0
  // Absent in files written before intervals (and for failed cases).
  std::optional<RecordedStatistics> statistics;

  std::string param(const std::string& key) const;
  // Real time per repetition, or the median aggregate alone when there are no repetitions.
  std::vector<double> times_s() const;
  // Values of a counter per repetition (same fallback); empty if the case does not have it.
  std::vector<double> counter_values(const std::string& counter) const;
  // Values of a metric: "time" (real), "cpu_time", or a counter name.
  std::vector<double> metric_values(const std::string& metric) const;
  // The repetition whose real time is the median one (the lower middle for even counts).
  const Repetition* median_repetition() const;
  // Repetitions measured: those in the file, or those its median sums up where only aggregates are.
  int repetition_count() const;
  // A case an interrupted run never reached: written as an error entry (harness::kNeverRan), but
  // it did not fail, it was not run.
  bool never_ran() const;
  // Why it shows no result: its error ("no reason recorded" where the file gives none), or "the run
  // was stopped before it" where it never ran.
  std::string failure_reason() const;
  // The same with what it is: "failed: <why>", or "not run: the run was stopped before it".
  std::string failure_text() const;
  // Name without the leading "e2e/" or "kernel/", for labels.
  std::string short_name() const;
  // The interval of the median time, from the recorded fps interval (time = frames / fps, so its
  // low end comes from fps_ci_high); nullopt without one.
  std::optional<RecordedInterval> time_interval() const;
};

struct UnavailableCase {
  std::string name;
  std::string reason;
  std::string scope;  // "machine" or "strategy" (whose limit); empty in older files
};

struct ResultFile {
  std::filesystem::path path;
  nlohmann::json context = nlohmann::json::object();
  std::vector<CaseResult> cases;
  std::vector<UnavailableCase> unavailable;

  // A context entry as text ("" when missing); numbers and arrays are written as JSON.
  std::string context_string(const std::string& key) const;
  // A numeric context entry (stored as a string or a number); nullopt when missing or not a number.
  std::optional<double> context_number(const std::string& key) const;
  std::string host() const { return context_string("host_name"); }
  const CaseResult* find(const std::string& case_name) const;
};

// Loads one file; FILE@HOST is one host of a fleet file (`run --fleet`). Throws InputError naming
// the file: unreadable, invalid JSON (with the parse error's position), not a benchmark result,
// or entries of the wrong shape; a fleet file without @HOST (which host?), or a host of it whose
// run failed (with why).
ResultFile load_result_file(const std::filesystem::path& path);
ResultFile parse_result_json(const std::string& text, const std::filesystem::path& path_for_messages);
// A file and, when it is a fleet file, each other host's results in it (hosts whose run failed
// have none).
std::vector<ResultFile> parse_fleet_json(const std::string& text, const std::filesystem::path& path_for_messages);
// Every file, fleet files expanded into their hosts.
std::vector<ResultFile> load_result_files(const std::vector<std::filesystem::path>& paths);

// Canonical case name and parameters of a benchmark's run_name.
struct ParsedName {
  std::string name;
  CaseKind kind = CaseKind::other;
  std::map<std::string, std::string> params;
};
ParsedName parse_case_name(const std::string& run_name);

// Whether `run` writes this counter once per case, repeated on each of its entries (fps_ci_low,
// noise, speedup, ...): one value, not a sample per repetition.
bool is_case_counter(const std::string& counter);


}  // namespace framebench::reports
