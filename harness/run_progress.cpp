#include "harness/run_progress.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/status_line.hpp"
#include "harness/rounds.hpp"
#include "harness/statistics.hpp"

namespace framebench::harness {

namespace {

double megapixels(const CaseRun& c) {
  const auto& info = c.job.input_info;
  return static_cast<double>(info.frame_count) * info.width * info.height / 1e6;
}

// Seconds of one repetition of `c`: measured, or scaled from the others' seconds per megapixel.
double repetition_s(const CaseRun& c, double seconds_per_megapixel) {
  std::vector<double> walls;
  for (const auto& r : c.repetitions) walls.push_back(r.measurement.wall_s);
  return walls.empty() ? seconds_per_megapixel * megapixels(c) : median(walls);
}

// The rounds a case that has `done` of them, `timed_s` seconds in all, still needs if the stopping
// rule wants more: at least until min_repetitions (or one), at most until a limit.
std::pair<int, int> round_bounds(const MeasurementPolicy& policy, int done, double timed_s, double rep_s) {
  const int low = std::max(1, policy.min_repetitions - done);
  const int by_count = policy.max_repetitions - done;
  const int by_time = rep_s > 0 ? static_cast<int>(std::ceil((policy.max_time_s - timed_s) / rep_s)) : by_count;
  return {low, std::max(low, std::min(by_count, by_time))};
}

TimeLeft rounds_time(std::pair<int, int> rounds, double rep_s) { return {rounds.first * rep_s, rounds.second * rep_s}; }

}  // namespace

std::optional<TimeLeft> time_left(const std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy) {
  std::vector<double> per_megapixel;
  for (const auto& c : cases) {
    if (megapixels(c) <= 0) continue;
    for (const auto& r : c.repetitions) per_megapixel.push_back(r.measurement.wall_s / megapixels(c));
    if (c.unverified) per_megapixel.push_back(c.unverified->measurement.wall_s / megapixels(c));  // timed, its check to come
  }
  if (per_megapixel.empty()) return std::nullopt;
  const double seconds_per_megapixel = median(per_megapixel);
  TimeLeft left;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const CaseRun& c = cases[i];
    if (!runs_again(i, cases, baseline, policy)) continue;
    const double rep_s = repetition_s(c, seconds_per_megapixel);
    // A first repetition waiting for its check counts as done, and the check as one more.
    const int done = c.repetitions_done();
    const double timed_s = c.timed_s() + (c.unverified ? c.unverified->measurement.wall_s : 0);
    TimeLeft bounds = done == 0 ? case_time_bounds(policy, c.warmup, rep_s) : rounds_time(round_bounds(policy, done, timed_s, rep_s), rep_s);
    if (c.unverified) {
      bounds.low_s += rep_s;
      bounds.high_s += rep_s;
    }
    left.low_s += bounds.low_s;
    left.high_s += bounds.high_s;
  }
  return left;
}

TimeLeft case_time_bounds(const MeasurementPolicy& policy, int warmup, double repetition_s) {
  const double once = (warmup + 1) * repetition_s;  // its warm-ups and its verification
  const auto rounds = rounds_time(round_bounds(policy, 0, 0, repetition_s), repetition_s);
  return {rounds.low_s + once, rounds.high_s + once};
}

std::string duration_range(const TimeLeft& t) {
  const auto low = human_duration(t.low_s), high = human_duration(t.high_s);
  return low == high ? "about " + low : fmt::format("{} to {}", low, high);
}

std::string describe(const std::optional<TimeLeft>& left) {
  return left ? duration_range(*left) + " left" : "time left known after the first repetition";
}

RunProgress::~RunProgress() { StatusLine::standard_error().clear(); }

void RunProgress::step(const CaseRun& c, const std::string& step) const {
  int done = 0;
  for (const auto& other : cases_) done += other.repetitions_done();
  // As the warnings name a case: a native-path case says so (its BGR24 twin read the same).
  const char* pixels = c.spec.pixels == PixelPath::native ? " (native)" : "";
  StatusLine::standard_error().update(
      fmt::format("[{}/{}] {}{} {} {} {} w{}: {}", c.index, c.total, c.spec.strategy->name(), pixels, dataset_label(c.spec.dataset),
                  c.spec.kernel.name, c.spec.encoder.name, c.job.workers, step),
      fmt::format("{} repetition{} done, {}", done, done == 1 ? "" : "s", describe(time_left(cases_, baseline_, policy_))));
}

}  // namespace framebench::harness
