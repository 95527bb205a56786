#pragma once
// What a run says while it measures (core/status_line.hpp): the case and step in progress and the
// time left for the whole run. The time left is a range: each case still needs at least the rounds
// the stopping rule requires (min_repetitions, or one more while it runs again by rounds.hpp's
// rule) and at most those its limits allow (max_repetitions, max_time_s), times its measured
// repetition time.
#include <optional>
#include <string>
#include <vector>

#include "harness/case_run.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::harness {

struct TimeLeft {
  double low_s = 0;
  double high_s = 0;
};

// Nullopt until some repetition has been measured. A case not measured yet is assumed to take as
// long per megapixel of input as the median of those measured, and its warm-ups and verification
// as long as a repetition each. `baseline` is as for run_rounds.
std::optional<TimeLeft> time_left(const std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy);

// How long a case not begun takes, at least and at most, if a repetition takes `repetition_s`:
// its warm-ups and its verification (about a repetition each) and the rounds the stopping rule
// allows it.
TimeLeft case_time_bounds(const MeasurementPolicy& policy, int warmup, double repetition_s);

// "1 min 10 s to 3 min 40 s", or "about 40 s" where both ends read the same.
std::string duration_range(const TimeLeft& t);

// "1 min 10 s to 3 min 40 s left", or "time left known after the first repetition".
std::string describe(const std::optional<TimeLeft>& left);

class RunProgress {
 public:
  RunProgress(const std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy)
      : cases_(cases), baseline_(baseline), policy_(policy) {}
  ~RunProgress();  // clears the status line
  RunProgress(const RunProgress&) = delete;
  RunProgress& operator=(const RunProgress&) = delete;

  // Shows that case `c` is at `step` ("warm-up", "round 3", "verifying its output").
  void step(const CaseRun& c, const std::string& step) const;

 private:
  const std::vector<CaseRun>& cases_;
  const std::vector<int>& baseline_;
  const MeasurementPolicy& policy_;
};

}  // namespace framebench::harness
