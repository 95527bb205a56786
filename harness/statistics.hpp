#pragma once
// Statistics of a run's samples: the median, a distribution-free confidence interval for it, and
// the noise the stopping rule and the summary speak of. docs/METHODOLOGY.md says why these.
#include <string>
#include <vector>

namespace framebench::harness {

// The middle value (mean of the two middle ones for even counts); 0 for no values.
double median(std::vector<double> values);

// A confidence interval for the median from order statistics: [x(k), x(n+1-k)] for the largest k
// whose coverage, P(k <= B <= n-k) with B ~ Binomial(n, 1/2), is at least the level asked. It
// assumes only independent samples from one distribution. With too few samples for the level
// (fewer than 5 at 90%, 6 at 95%) it is [min, max] and `coverage` says how much less it covers.
struct Interval {
  double low = 0;
  double high = 0;
  double coverage = 0;  // the probability that the interval holds the true median
};
Interval median_interval(std::vector<double> values, double level);
// The fewest samples whose median_interval reaches `level` (5 at 90%, 6 at 95%).
int samples_for(double level);

// Whether an interval's coverage reaches the level asked, allowing for the rounding of summed
// binomial terms (a coverage of exactly 0.75 can come out 1e-16 short).
inline bool reaches(double coverage, double level) { return coverage >= level - 1e-12; }
// A confidence level as people read it, "90%", "99.5%": never rounded up to a "100%" no interval has.
std::string confidence_text(double level);

// The stopping rule's target, met: an interval of this coverage and noise covers at least `level`
// and lies within `max_noise` of its median. (Also for intervals read back from result files.)
inline bool precise(double coverage, double noise, double level, double max_noise) {
  return reaches(coverage, level) && noise <= max_noise;
}

// What a case's samples say: median, interval, and the noise, the interval's wider side relative
// to the median (0.03 = within 3% of the median).
struct Estimate {
  double median = 0;
  Interval interval;
  double noise = 0;
  int samples = 0;
  // The interval covers at least `level` and its noise is at most `max_noise`.
  bool precise(double level, double max_noise) const { return harness::precise(interval.coverage, noise, level, max_noise); }
};
Estimate estimate(const std::vector<double>& values, double level);

// The interval's wider side relative to the median: an interval lopsided around the median is as
// uncertain as its long side. 0 for a zero median.
double relative_noise(double median, double low, double high);

}  // namespace framebench::harness
