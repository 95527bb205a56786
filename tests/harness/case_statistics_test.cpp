#include "harness/case_statistics.hpp"

#include <gtest/gtest.h>

#include <vector>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "harness/run_warnings.hpp"
#include "tests/harness/case_runs.hpp"

namespace framebench::harness {
namespace {

using testing::repetition;
using testing::runs_of;

TEST(CaseStatistics, SpeedupsArePairedRoundByRound) {
  auto runs = runs_of("strategy = [\"single-core\", \"tbb-pipeline\"]\nworkers = [2]\n");
  for (int round : {1, 2, 4}) runs[0].repetitions.push_back(repetition(round, 100));
  for (int round : {1, 2, 3, 4}) runs[1].repetitions.push_back(repetition(round, 150 + round));
  // Round 3 has no baseline repetition (it failed to verify, say): no ratio for it.
  const auto ratios = paired_speedups(runs[1], runs[0]);
  ASSERT_EQ(ratios.size(), 3u);
  EXPECT_DOUBLE_EQ(ratios[0], 1.51);
  EXPECT_DOUBLE_EQ(ratios[2], 1.54);
}

TEST(CaseStatistics, AnImpreciseSpeedupMakesTheCaseNoisy) {
  auto runs = runs_of("strategy = [\"single-core\", \"tbb-pipeline\"]\nworkers = [2]\n");
  const std::vector<double> baseline = {100, 110, 90, 105, 95};  // the machine drifts round to round
  for (int round = 1; round <= 5; ++round) {
    runs[0].repetitions.push_back(repetition(round, baseline[round - 1]));
    runs[1].repetitions.push_back(repetition(round, 200));  // steady: its fps alone is precise
  }
  MeasurementPolicy policy;
  const auto s = case_statistics(runs[1], &runs[0], policy);
  EXPECT_TRUE(s.fps.precise(policy.confidence, policy.max_noise));
  ASSERT_TRUE(s.speedup);
  EXPECT_EQ(s.speedup->samples, 5);
  EXPECT_FALSE(s.speedup->precise(policy.confidence, policy.max_noise));
  EXPECT_TRUE(s.noisy);
  EXPECT_FALSE(case_statistics(runs[1], nullptr, policy).noisy) << "without a baseline only the fps counts";
}

// A steady tbb-pipeline over a baseline that wobbles by 10%: its fps is precise, its speedup not.
std::vector<CaseRun> a_steady_case_over_a_wobbly_baseline() {
  auto runs = runs_of("strategy = [\"single-core\", \"tbb-pipeline\"]\nworkers = [2]\n");
  const std::vector<double> baseline = {100, 110, 90, 105, 95};
  for (int round = 1; round <= 5; ++round) {
    runs[0].repetitions.push_back(repetition(round, baseline[round - 1]));
    runs[1].repetitions.push_back(repetition(round, 200));
  }
  return runs;
}

// The summary's warning says when the speedup, not the fps in its noise column, is the wide one.
TEST(CaseStatistics, TheSummaryNamesANoisySpeedup) {
  const auto runs = a_steady_case_over_a_wobbly_baseline();
  MeasurementPolicy policy;
  const CaseFigures row{.strategy = "tbb-pipeline", .dataset = "a", .kernel = "box5", .encoder = "ffv1", .workers = 2,
                       .stats = case_statistics(runs[1], &runs[0], policy), .repetitions = 5, .error = {}};
  const auto warnings = run_warnings({row}, policy, {});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("noisy: tbb-pipeline (a box5 ffv1 w2), its speedup did not reach"), std::string::npos) << warnings[0];
}

// Of many noisy cases the warning names the first five and counts the rest: a 700-case run ended
// in lines of 33 KB (found 6 December 2026 by a sweep of large configs).
TEST(CaseStatistics, TheSummaryNamesAFewOfManyCases) {
  const auto runs = a_steady_case_over_a_wobbly_baseline();
  MeasurementPolicy policy;
  std::vector<CaseFigures> rows;
  for (int k = 1; k <= 12; ++k)
    rows.push_back({.strategy = "tbb-pipeline", .dataset = "a", .kernel = fmt::format("box:{}", 2 * k + 1), .encoder = "ffv1",
                    .workers = 2, .stats = case_statistics(runs[1], &runs[0], policy), .repetitions = 5, .error = {}});
  const auto warnings = run_warnings(rows, policy, {});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("tbb-pipeline (a box:11 ffv1 w2), its speedup and 7 more cases (the table flags each) did not reach"),
            std::string::npos)
      << warnings[0];
  EXPECT_EQ(warnings[0].find("box:13 "), std::string::npos) << warnings[0];
}

// The sequential order stops a case on its fps: a wide speedup then reached no limit, and the
// warning says so (found 6 December 2026 by a statistics audit: "within the limits" of a case
// stopped at 5). A level such as 99.5% is written as it is, not "100%".
TEST(CaseStatistics, TheSummaryOfTheSequentialOrderSaysItsSpeedupsGetNoMoreRepetitions) {
  const auto runs = a_steady_case_over_a_wobbly_baseline();
  MeasurementPolicy policy;
  policy.order = Order::sequential;
  const CaseFigures row{.strategy = "tbb-pipeline", .dataset = "a", .kernel = "box5", .encoder = "ffv1", .workers = 2,
                       .stats = case_statistics(runs[1], &runs[0], policy), .repetitions = 5, .error = {}};
  const auto warnings = run_warnings({row}, policy, {});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("noisy: the speedups of tbb-pipeline (a box5 ffv1 w2) did not reach +-3.0% at 90% confidence; the "
                             "sequential order stops a case when its fps does"),
            std::string::npos)
      << warnings[0];
  EXPECT_EQ(warnings[0].find("within the limits"), std::string::npos) << warnings[0];
  EXPECT_EQ(confidence_text(0.995), "99.5%");
  EXPECT_EQ(confidence_text(0.9), "90%");
}

// Two steady repetitions: too few for a 90% interval, not a wide one (found 5 December 2026 by a
// review of first use: "their intervals are wide" of a case at 0.3%).
TEST(CaseStatistics, TheSummarySaysTooFewRepetitionsNotWideIntervals) {
  auto runs = runs_of("strategy = [\"single-core\"]\nworkers = [1]\n");
  runs[0].repetitions.push_back(repetition(1, 200));
  runs[0].repetitions.push_back(repetition(2, 200.5));
  MeasurementPolicy policy;
  policy.min_repetitions = policy.max_repetitions = 2;
  const CaseFigures row{.strategy = "single-core", .dataset = "a", .kernel = "box5", .encoder = "ffv1", .workers = 1,
                       .stats = case_statistics(runs[0], nullptr, policy), .repetitions = 2, .error = {}};
  ASSERT_TRUE(row.stats.noisy);
  const auto warnings = run_warnings({row}, policy, {});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "noisy: single-core (a box5 ffv1 w1) had too few repetitions for a 90% interval of the median (theirs cover "
                         "it with 50% or more; 5 would do)");
}

// Found 6 December 2026 by a documentation walk-through: "theirs cover it with 0% or more".
TEST(CaseStatistics, TheSummarySaysOneRepetitionGivesNoInterval) {
  auto runs = runs_of("strategy = [\"single-core\"]\nworkers = [1]\n");
  runs[0].repetitions.push_back(repetition(1, 200));
  MeasurementPolicy policy;
  policy.min_repetitions = policy.max_repetitions = 1;
  const CaseFigures row{.strategy = "single-core", .dataset = "a", .kernel = "box5", .encoder = "ffv1", .workers = 1,
                       .stats = case_statistics(runs[0], nullptr, policy), .repetitions = 1, .error = {}};
  const auto warnings = run_warnings({row}, policy, {});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "noisy: single-core (a box5 ffv1 w1) had too few repetitions for a 90% interval of the median (one repetition "
                         "gives no interval; 5 would do)");
}

TEST(CaseStatistics, TheBaselineIsTheCaseOfFewestWorkersAllCoresCountingAsAll) {
  if (CoreBudget::available() < 2) GTEST_SKIP() << "on one core, workers 0 and 1 are the same";
  auto runs = runs_of("strategy = [\"single-core\", \"tbb-pipeline\"]\nworkers = [0, 1]\n");
  // single-core (fixed at one core, listed once), tbb-pipeline w0, tbb-pipeline w1.
  ASSERT_EQ(runs.size(), 3u);
  ASSERT_EQ(runs[1].spec.workers, 0);
  ASSERT_EQ(runs[2].spec.workers, 1);
  const auto baselines = find_baselines(runs, "tbb-pipeline");
  EXPECT_EQ(baselines[0], 2) << "workers 0 means every core, more than 1";
  EXPECT_EQ(baselines[1], 2);
  EXPECT_EQ(baselines[2], 2) << "a baseline case is its own";
  EXPECT_EQ(find_baselines(runs, "single-core")[1], 0);
  EXPECT_EQ(find_baselines(runs, "in-memory")[1], -1);
}

// Found 5 December 2026 by a sweep: the first single-core case listed was every case's baseline,
// so the speedups changed with the order of matrix.pixel_format.
TEST(CaseStatistics, TheBaselineIsOnTheCasesOwnPixelPath) {
  for (const char* order : {"[\"native\", \"bgr24\"]", "[\"bgr24\", \"native\"]"}) {
    const auto runs = runs_of(std::string("strategy = [\"single-core\", \"tbb-chunks\"]\nworkers = [1]\npixel_format = ") + order + "\n");
    ASSERT_EQ(runs.size(), 4u);
    const auto baselines = find_baselines(runs, "single-core");
    for (std::size_t i = 0; i < runs.size(); ++i) {
      ASSERT_GE(baselines[i], 0) << order;
      EXPECT_EQ(runs[static_cast<std::size_t>(baselines[i])].spec.strategy->name(), "single-core");
      EXPECT_EQ(runs[static_cast<std::size_t>(baselines[i])].spec.pixels, runs[i].spec.pixels) << order << ": " << runs[i].spec.name();
    }
  }
}

}  // namespace
}  // namespace framebench::harness
