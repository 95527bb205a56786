#pragma once
// Side-by-side comparison of two result files, case by case, with a verdict per metric as
// nvbench's compare gives one (faster, slower, same, unsure): from the confidence intervals `run`
// records where both files have them at the confidence asked, else from the significance of the
// difference judged as Google Benchmark's compare.py does: a two-sided Mann-Whitney U test over
// the repetitions (scipy's mannwhitneyu, method "auto"), alpha 0.05, at least 2 repetitions a side.
// compare_text.hpp puts a comparison in words.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/mann_whitney.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

// compare.py's UTEST_MIN_REPETITIONS and UTEST_OPTIMAL_REPETITIONS.
inline constexpr std::size_t utest_min_repetitions = 2;
inline constexpr std::size_t utest_optimal_repetitions = 9;

enum class Significance { significant, not_significant, too_few_repetitions };

// B against A. For metrics other than speeds and durations, faster means better (higher where the
// metric has no known direction).
enum class Verdict { faster, slower, same, unsure };

// Without intervals, B/A within this of 1 and not significant counts as the same.
inline constexpr double same_without_intervals = 0.02;

struct MetricComparison {
  std::string metric;
  double a_median = 0;
  double b_median = 0;
  std::size_t a_count = 0;
  std::size_t b_count = 0;
  // Where a file kept only its aggregates, its one value is the median of this many repetitions
  // (0: the file holds the repetitions themselves).
  int a_summarised = 0;
  int b_summarised = 0;
  // The medians' confidence intervals where the files record them (fps, time, speedup).
  std::optional<RecordedInterval> a_interval;
  std::optional<RecordedInterval> b_interval;
  bool a_noisy = false;  // the case stopped without reaching its noise target
  bool b_noisy = false;
  std::optional<harness::MannWhitneyResult> utest;  // absent with too few repetitions
  Significance significance = Significance::too_few_repetitions;
  // The samples are too small for the U test to find any two significant (2 against 2 or 3
  // against 3 at alpha 0.05), however far apart.
  bool too_few_to_tell = false;
  Verdict verdict = Verdict::unsure;

  double ratio() const { return a_median != 0 ? b_median / a_median : 0; }
  bool from_intervals() const { return a_interval && b_interval; }
  // An interval's wider side relative to its median (0.03: within 3%); nullopt without one.
  std::optional<double> a_noise() const;
  std::optional<double> b_noise() const;
};

// A metric's direction: durations and the memory or scratch a case takes (time, *_s, *_bytes) are
// better lower; speeds (fps, speedup, *_per_second) and quality (psnr_db, bandwidth_fraction)
// higher; others, the output's size (output_bytes) among them, have none.
bool lower_is_better(const std::string& metric);
bool higher_is_better(const std::string& metric);
// Speeds and durations, whose verdicts read faster or slower.
bool is_speed(const std::string& metric);

// The verdict from the fields above (see compare.cpp for the rule).
Verdict judge(const MetricComparison& m);

enum class CasePresence { both, only_a, only_b };

struct CaseComparison {
  std::string name;
  CasePresence presence = CasePresence::both;
  std::string a_error;  // non-empty when the case failed in A, or A's run was stopped before it
  std::string b_error;
  bool a_never_ran = false;  // the error is that an interrupted run never reached the case
  bool b_never_ran = false;
  bool b_measured_as_another = false;  // only in A, and B measured it under another name (workers 0 being its count there)
  bool a_disturbed = false;  // other work took more than the allowed share of the CPUs
  bool b_disturbed = false;
  std::vector<MetricComparison> metrics;  // the requested metrics both sides have
};

struct Comparison {
  std::vector<std::string> metrics;
  double alpha = 0.05;
  std::vector<CaseComparison> cases;  // A's order, then B-only cases
  std::string speedups_not_compared;  // why, where the files' speedups have different baselines
  std::vector<std::string> input_differences;  // datasets of other bytes, kernels on other thread counts, other machines or builds
  std::set<std::string> datasets_of_other_bytes;  // their cases are left out of the gate
};

// "time", and "fps" when the files have it.
std::vector<std::string> default_metrics(const ResultFile& a, const ResultFile& b);

// Matches cases by name (names hold no host, so files from different machines match).
// Throws InputError for a metric neither file has.
Comparison compare_results(const ResultFile& a, const ResultFile& b, const std::vector<std::string>& metrics,
                           double alpha = 0.05);

// Cases in both files: nothing was compared when there are none.
std::size_t cases_in_both(const Comparison& comparison);
// Cases in both files with a metric compared (one that failed on either side has none).
std::size_t cases_compared(const Comparison& comparison);
// Cases the gate leaves out: their dataset has other bytes in B.
std::vector<std::string> cases_of_other_inputs(const Comparison& comparison);
// Cases the gate judges: compared (cases_compared), and of the same inputs in both.
std::size_t cases_judged(const Comparison& comparison);

// A case whose time verdict is slower, by B/A.
struct Regression {
  std::string name;
  double ratio = 0;
  std::string too_few;  // "2 vs 2 repetitions" where the case could not be judged, else empty
  std::string by;       // how a case whose verdict is not "slower" was judged slower, else empty
};
// The cases of `comparison` (which must compare "time") slower by more than `percent`:
// time B/A > 1 + percent/100 with the verdict slower; or unsure because both cases are too noisy
// for their intervals to part, while the U test finds B slower; or unsure only because the
// repetitions are too few for the U test to find any change (a gate must not pass what it could
// not judge). Cases of a dataset with other bytes in B are left out (they measured other inputs).
std::vector<Regression> slower_by_more_than(const Comparison& comparison, double percent);
// The cases that failed in B (with their errors), or are not in it: a gate that passed them would
// call a broken build no slower (found 5 December 2026 by a hostile-input sweep).
std::vector<std::string> failed_in_b(const Comparison& comparison);

std::string to_string(Significance significance);
std::string to_string(Verdict verdict);

}  // namespace framebench::reports
