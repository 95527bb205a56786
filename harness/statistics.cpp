#include "harness/statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace framebench::harness {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

namespace {

// P(B <= k) for B ~ Binomial(n, 1/2), summed in logs so that large n does not overflow.
double binomial_half_cdf(int n, int k) {
  double sum = 0;
  for (int i = 0; i <= k; ++i)
    sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) - n * std::log(2.0));
  return std::min(1.0, sum);
}

}  // namespace

Interval median_interval(std::vector<double> values, double level) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  const int n = static_cast<int>(values.size());
  // k counts from 1: [x(k), x(n+1-k)] covers 1 - 2 P(B <= k-1). Narrowest first.
  for (int k = n / 2; k >= 1; --k) {
    const double coverage = 1 - 2 * binomial_half_cdf(n, k - 1);
    // reaches(), as samples_for() and precise() judge it: a coverage equal to the level can come
    // out an ulp short (n = 6 at 78.125%: [x(2), x(5)] covers exactly 0.78125, and [min, max] was picked).
    if (reaches(coverage, level)) return {values[k - 1], values[n - k], coverage};
  }
  return {values.front(), values.back(), n > 1 ? 1 - 2 * binomial_half_cdf(n, 0) : 0};
}

int samples_for(double level) {
  std::vector<double> values;
  for (int n = 1; n < 64; ++n) {
    values.push_back(n);
    if (reaches(median_interval(values, level).coverage, level)) return n;
  }
  return 64;
}

double relative_noise(double median, double low, double high) {
  return median != 0 ? std::max(median - low, high - median) / std::abs(median) : 0;
}

Estimate estimate(const std::vector<double>& values, double level) {
  Estimate e;
  e.samples = static_cast<int>(values.size());
  e.median = median(values);
  e.interval = median_interval(values, level);
  e.noise = relative_noise(e.median, e.interval.low, e.interval.high);
  return e;
}

std::string confidence_text(double level) { return fmt::format("{:g}%", 100 * level); }

}  // namespace framebench::harness
