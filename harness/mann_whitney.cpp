#include "harness/mann_whitney.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"

namespace framebench::harness {

namespace {

// Ranks 1..n with ties given their average rank; also the sizes of the tie groups.
std::vector<double> average_ranks(const std::vector<double>& values, std::vector<std::size_t>& tie_sizes) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    tie_sizes.push_back(j - i + 1);
    i = j + 1;
  }
  return ranks;
}

// P(U >= u) under the null hypothesis for samples of m and n values without ties. Counts the
// arrangements with the recurrence N(m, n, k) = N(m-1, n, k-n) + N(m, n-1, k): the largest value
// comes from the first sample (beating all n of the second) or from the second.
double exact_survival(std::size_t m, std::size_t n, double u) {
  const std::size_t top = m * n;
  std::vector<std::vector<double>> count(m + 1, std::vector<double>(top + 1, 0.0));
  for (auto& row : count) row[0] = 1;  // n = 0: only U = 0
  for (std::size_t j = 1; j <= n; ++j)
    for (std::size_t i = 1; i <= m; ++i)  // ascending i: count[i-1] already holds N(i-1, j, .)
      for (std::size_t k = top + 1; k-- > j;) count[i][k] += count[i - 1][k - j];
  const auto& dist = count[m];
  const double total = std::accumulate(dist.begin(), dist.end(), 0.0);
  double tail = 0;
  for (std::size_t k = 0; k <= top; ++k)
    if (static_cast<double>(k) >= u) tail += dist[k];
  return tail / total;
}

}  // namespace

MannWhitneyResult mann_whitney_u(const std::vector<double>& x, const std::vector<double>& y, UTestMethod method) {
  if (x.empty() || y.empty()) throw Error("Mann-Whitney U test needs two non-empty samples");
  const auto n1 = x.size();
  const auto n2 = y.size();
  std::vector<double> all = x;
  all.insert(all.end(), y.begin(), y.end());
  std::vector<std::size_t> ties;
  const auto ranks = average_ranks(all, ties);
  const double r1 = std::accumulate(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(n1), 0.0);
  const double nn1 = static_cast<double>(n1);
  const double nn2 = static_cast<double>(n2);
  MannWhitneyResult result;
  result.u1 = r1 - nn1 * (nn1 + 1) / 2;
  const double u = std::max(result.u1, nn1 * nn2 - result.u1);  // two-sided: the larger statistic's tail, doubled

  const bool has_ties = std::any_of(ties.begin(), ties.end(), [](auto t) { return t > 1; });
  // Exact where one side is small (scipy's rule), while its table stays small: it grows with
  // (n1 n2)^2, and 8 against 4,000 repetitions took 1.9 s (found 5 December 2026 by a hostile-input
  // sweep); that far past 8 a side the normal approximation is close.
  constexpr double kLargestExactTable = 4096;
  if (method == UTestMethod::automatic)
    method = (n1 > 8 && n2 > 8) || has_ties || nn1 * nn2 > kLargestExactTable ? UTestMethod::asymptotic : UTestMethod::exact;
  result.exact = method == UTestMethod::exact;
  double p = 0;
  if (result.exact) {
    p = 2 * exact_survival(n1, n2, u);
  } else {
    const double n = nn1 + nn2;
    double tie_term = 0;
    for (auto t : ties) tie_term += std::pow(static_cast<double>(t), 3) - static_cast<double>(t);
    const double s = std::sqrt(nn1 * nn2 / 12 * ((n + 1) - tie_term / (n * (n - 1))));
    const double z = (u - nn1 * nn2 / 2 - 0.5) / s;  // all values tied: s = 0, z = -inf, p = 1
    p = std::erfc(z / std::sqrt(2.0));                  // 2 * normal survival function
  }
  result.p_value = std::clamp(p, 0.0, 1.0);
  return result;
}

// Two samples that do not overlap at all give the smallest p-value there is.
bool can_be_significant(std::size_t n1, std::size_t n2, double alpha) {
  std::vector<double> low(n1), high(n2);
  for (std::size_t i = 0; i < n1; ++i) low[i] = static_cast<double>(i);
  for (std::size_t i = 0; i < n2; ++i) high[i] = static_cast<double>(n1 + i);
  return mann_whitney_u(low, high).p_value < alpha;
}

}  // namespace framebench::harness
