#include "harness/case_matrix.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "harness/benchmark_json.hpp"

namespace framebench::harness {
namespace {

ExperimentConfig config_of(const std::string& matrix) {
  return parse_config("name = \"m\"\n[matrix]\n" + matrix, "m.toml");
}

TEST(CaseMatrix, IsTheCrossProductInConfigOrder) {
  const auto cases = expand_matrix(config_of(
      "dataset = [\"a\", \"b\"]\nstrategy = [\"single-core\", \"tbb-pipeline\"]\nkernel = [\"box5\", \"sharpen3\"]\n"
      "encoder = [\"ffv1\"]\nworkers = [1]\n"));
  ASSERT_EQ(cases.size(), 8u);
  EXPECT_EQ(cases.front().name(), "e2e/strategy:single-core/dataset:a/kernel:box5/encoder:ffv1/workers:1");
  EXPECT_EQ(cases.back().name(), "e2e/strategy:tbb-pipeline/dataset:b/kernel:sharpen3/encoder:ffv1/workers:1");
  std::set<std::string> names;
  for (const auto& c : cases) names.insert(c.name());
  EXPECT_EQ(names.size(), cases.size()) << "every case has its own name";
}

// Found 6 December 2026 by a documentation walk-through: a divisor's '/' split the case name, so
// custom:.../16 and custom:.../8 read back as one kernel.
TEST(CaseMatrix, AKernelsDivisorIsEscapedInTheCaseName) {
  const auto cases = expand_matrix(config_of("dataset = [\"a\"]\nstrategy = [\"single-core\"]\nkernel = [\"custom:0,1,0,1,4,1,0,1,0/8\"]\n"
                                             "encoder = [\"ffv1\"]\nworkers = [1]\n"));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].name(), "e2e/strategy:single-core/dataset:a/kernel:custom:0,1,0,1,4,1,0,1,0%2F8/encoder:ffv1/workers:1");
  EXPECT_EQ(name_value("custom:1,2,1%2F4"), "custom:1,2,1/4");
  // A '%' of the value's own is written %25, so that any text reads back as it was.
  EXPECT_EQ(name_segment_value("a%2Fb/c"), "a%252Fb%2Fc");
  EXPECT_EQ(name_value(name_segment_value("a%2Fb/c")), "a%2Fb/c");
}

// Found 6 December 2026 by a review: a kernel the ffmpeg CLI peers cannot apply on any input was
// skipped as the input's limit (or, before, failed the case); it is the strategy's.
TEST(CaseMatrix, AKernelAPeerCannotApplyIsTheStrategysLimit) {
  const auto cases = expand_matrix(config_of("dataset = [\"a\"]\nstrategy = [\"single-core\", \"ffmpeg-filter\"]\n"
                                             "kernel = [\"custom:1,1,1,1,1,1,1,1,1/4\", \"box5\"]\nworkers = [1]\n"));
  ASSERT_EQ(cases.size(), 4u);
  if (cases[2].unavailable_scope == kMachineScope) GTEST_SKIP() << cases[2].unavailable_reason;  // no ffmpeg CLI here
  for (const auto& c : cases) {
    if (c.strategy->name() == "ffmpeg-filter" && c.kernel.name != "box5") {
      EXPECT_EQ(c.unavailable_scope, kStrategyScope) << c.name();
      EXPECT_NE(c.unavailable_reason.find("ffmpeg-filter cannot run kernel 'custom:1,1,1,1,1,1,1,1,1/4'"), std::string::npos)
          << c.unavailable_reason;
    } else {
      EXPECT_TRUE(c.unavailable_reason.empty()) << c.name() << ": " << c.unavailable_reason;
    }
  }
}

// Found 6 December 2026 by a documentation walk-through: two files of one name were one case.
TEST(CaseMatrix, TwoDatasetsOfOneFileNameAreRefused) {
  try {
    expand_matrix(config_of("dataset = [\"in.mp4\", \"d2/in.mp4\", \"in.mp4\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n"));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "m.toml: matrix.dataset[1]: 'd2/in.mp4' has the file name of matrix.dataset[0] 'in.mp4', and case "
                                     "names carry only that: rename or link one of them");
  }
  // The same entry twice, or one file written two ways, is one case, as before.
  EXPECT_EQ(expand_matrix(config_of("dataset = [\"a\", \"a\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n")).size(), 1u);
  EXPECT_EQ(expand_matrix(config_of("dataset = [\"in.mp4\", \"./in.mp4\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n")).size(), 1u);
}

TEST(CaseMatrix, AFixedCoreStrategyRunsOnceWhateverTheWorkersAxis) {
  const auto cases = expand_matrix(config_of("dataset = \"a\"\nstrategy = [\"single-core\", \"tbb-pipeline\"]\nkernel = \"box5\"\n"
                                             "encoder = \"ffv1\"\nworkers = [1, 2]\n"));
  int single = 0, tbb = 0;
  for (const auto& c : cases) (c.strategy->name() == "single-core" ? single : tbb) += 1;
  EXPECT_EQ(single, 1);
  EXPECT_EQ(tbb, 2);
}

TEST(CaseMatrix, MoreWorkersThanCoresIsUnavailableWithTheReason) {
  const int too_many = CoreBudget::available() + 1;
  const auto cases = expand_matrix(config_of("dataset = \"a\"\nstrategy = \"tbb-pipeline\"\nkernel = \"box5\"\nencoder = \"ffv1\"\n"
                                             "workers = [0, " + std::to_string(too_many) + "]\n"));
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0].unavailable_reason, "");
  EXPECT_EQ(cases[0].resolved_workers(), CoreBudget::available()) << "workers = 0 means every core";
  EXPECT_NE(cases[1].unavailable_reason.find(std::to_string(too_many) + " workers asked"), std::string::npos)
      << cases[1].unavailable_reason;
}

// Found 5 December 2026 by a hostile-input sweep: workers = [0, 2] on 2 cores ran one case twice.
// Marked among the cases a filter keeps, so that the count alone still runs.
TEST(CaseMatrix, AllCoresAndTheirCountAreOneCase) {
  const int cores = CoreBudget::available();
  auto cases = expand_matrix(config_of("dataset = \"a\"\nstrategy = \"tbb-pipeline\"\nkernel = \"box5\"\nencoder = \"ffv1\"\n"
                                       "workers = [0, " + std::to_string(cores) + "]\n"));
  ASSERT_EQ(cases.size(), 2u);
  auto count_alone = std::vector<Case>{cases[1]};
  mark_same_as_all_cores(cases);
  EXPECT_EQ(cases[0].unavailable_reason, "");
  EXPECT_EQ(cases[1].unavailable_reason, fmt::format("the same case as workers 0 (all {} cores) here, which runs", cores));
  EXPECT_EQ(cases[1].unavailable_scope, "same case");
  mark_same_as_all_cores(count_alone);
  EXPECT_EQ(count_alone[0].unavailable_reason, "") << "without workers 0 beside it, it runs";
}

TEST(CaseMatrix, AnUnknownNameFailsNamingItsKey) {
  try {
    expand_matrix(config_of("dataset = \"a\"\nstrategy = \"single-core\"\nkernel = [\"box5\", \"blurr\"]\nencoder = \"ffv1\"\n"));
    FAIL() << "accepted an unknown kernel";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("m.toml: matrix.kernel[1]: ", 0), 0u) << e.what();
  }
  EXPECT_THROW(expand_matrix(config_of("dataset = \"a\"\nstrategy = \"single-cor\"\nkernel = \"box5\"\nencoder = \"ffv1\"\n")), InputError);
}

TEST(CaseMatrix, DatasetLabelsAreFileNamesForPaths) {
  EXPECT_EQ(dataset_label("testsrc2-720p"), "testsrc2-720p");
  EXPECT_EQ(dataset_label("/videos/clip.mp4"), "clip.mp4");
}

}  // namespace
}  // namespace framebench::harness
