#include "harness/run_progress.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "tests/harness/case_runs.hpp"

namespace framebench::harness {
namespace {
using testing::repetition;
using testing::runs_of;

// A case whose fps is precise runs on while its speedup is not, and its baseline with it: the
// time left counts both (it counted neither, and read "about 0 s" while the rounds went on).
TEST(TimeLeft, CountsTheRoundsAnImpreciseSpeedupStillNeeds) {
  auto runs = runs_of("strategy = [\"single-core\", \"tbb-pipeline\"]\nworkers = [2]\n");
  MeasurementPolicy policy;
  policy.min_repetitions = 5;
  policy.max_repetitions = 15;
  policy.confidence = 0.9;  // [min, max] of 5 covers the median with 0.94
  policy.max_noise = 0.03;
  // Each within 2.4% of its median, and the two moving apart round by round: the speedup's
  // ratios 4.9% apart.
  for (int round = 1; round <= 5; ++round) {
    const double drift = round % 2 ? 0.012 : -0.012;
    runs[0].repetitions.push_back(repetition(round, 100 * (1 + drift)));
    runs[1].repetitions.push_back(repetition(round, 200 * (1 - drift)));
  }
  const std::vector<int> baseline = {-1, 0};
  const auto left = time_left(runs, baseline, policy);
  ASSERT_TRUE(left);
  // One more round at least for each: 1 s of the baseline (100 frames at about 100 fps) and 0.5 s.
  EXPECT_GT(left->low_s, 1.4);
  // Without a baseline the steady case is done, and so is a baseline nobody waits for.
  const auto alone = time_left(runs, {-1, -1}, policy);
  ASSERT_TRUE(alone);
  EXPECT_EQ(alone->high_s, 0);
}

}  // namespace
}  // namespace framebench::harness
