#pragma once
// The Mann-Whitney U test, as compare judges two runs' repetitions without confidence intervals
// (scipy's mannwhitneyu, as Google Benchmark's compare.py uses it).
#include <cstddef>
#include <vector>

namespace framebench::harness {

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

// Whether the U test can find any two samples of these sizes significant at `alpha` (2 against 2
// cannot at 0.05: p >= 1/3 however far apart).
bool can_be_significant(std::size_t n1, std::size_t n2, double alpha);

}  // namespace framebench::harness
