#pragma once
// Side-by-side comparison of two result files, case by case, with the significance of each
// difference judged as Google Benchmark's compare.py does: a two-sided Mann-Whitney U test over
// the repetitions (scipy's mannwhitneyu, method "auto"), alpha 0.05, at least 2 repetitions a side.
#include <optional>
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

// compare.py's UTEST_MIN_REPETITIONS and UTEST_OPTIMAL_REPETITIONS.
inline constexpr std::size_t utest_min_repetitions = 2;
inline constexpr std::size_t utest_optimal_repetitions = 9;

enum class UTestMethod { automatic, exact, asymptotic };

struct MannWhitneyResult {
  double u1 = 0;         // U statistic of the first sample (scipy's `statistic`)
  double p_value = 1;    // two-sided
  bool exact = false;    // exact null distribution (no ties, a sample of 8 or fewer) or normal approximation
};

// scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method=...): "automatic" uses the exact
// distribution when a sample has at most 8 values and there are no ties, else the normal
// approximation with tie and continuity corrections. Both samples must be non-empty.
MannWhitneyResult mann_whitney_u(const std::vector<double>& x, const std::vector<double>& y,
                                 UTestMethod method = UTestMethod::automatic);

enum class Verdict { significant, not_significant, too_few_repetitions };

struct MetricComparison {
  std::string metric;
  double a_median = 0;
  double b_median = 0;
  std::size_t a_count = 0;
  std::size_t b_count = 0;
  std::optional<MannWhitneyResult> utest;  // absent with too few repetitions
  Verdict verdict = Verdict::too_few_repetitions;
  double ratio() const { return a_median != 0 ? b_median / a_median : 0; }
};

enum class CasePresence { both, only_a, only_b };

struct CaseComparison {
  std::string name;
  CasePresence presence = CasePresence::both;
  std::string a_error;  // non-empty when the case failed in A
  std::string b_error;
  std::vector<MetricComparison> metrics;  // the requested metrics both sides have
};

struct Comparison {
  std::vector<std::string> metrics;
  double alpha = 0.05;
  std::vector<CaseComparison> cases;  // A's order, then B-only cases
};

// "time", and "fps" when the files have it.
std::vector<std::string> default_metrics(const ResultFile& a, const ResultFile& b);

// Matches cases by name (names hold no host, so files from different machines match).
// Throws InputError for a metric neither file has.
Comparison compare_results(const ResultFile& a, const ResultFile& b, const std::vector<std::string>& metrics,
                           double alpha = 0.05);

// The terminal report: provenance of both files, then one table per metric.
std::string format_comparison(const Comparison& comparison, const ResultFile& a, const ResultFile& b);

std::string to_string(Verdict verdict);

}  // namespace framebench::reports
