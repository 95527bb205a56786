// A case in words: its workers, flags, the notes on why it is flagged, and its status.
#include "reports/case_text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using framebench::testing::fixture;

// `noisy` can come from the speedup's interval alone: the note then names the speedup, not the
// fps interval that was within its target.
TEST(CaseText, ANoisySpeedupIsNamedInTheNote) {
  auto file = load_result_file(fixture("e2e_intervals_old.json"));
  auto& c = *std::find_if(file.cases.begin(), file.cases.end(), [](const auto& x) { return x.param("strategy") == "tbb-pipeline"; });
  auto& s = *c.statistics;
  ASSERT_FALSE(s.noisy);
  s.noisy = true;
  s.speedup_coverage = 0.95;
  s.speedup_noise = 0.08;
  const auto notes = flag_notes(c);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("its speedup's interval reaches 8.0% from the median, more than the 3.0% asked"), std::string::npos) << notes[0];
}

TEST(CaseText, WorkersAreTheCountUsedAndAllCoresSaySo) {
  const auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  const auto& tbb = *std::find_if(file.cases.begin(), file.cases.end(), [](const auto& x) { return x.param("strategy") == "tbb-pipeline"; });
  ASSERT_EQ(tbb.param("workers"), "0");
  EXPECT_EQ(workers_of(tbb), 2);  // the fixture's machine had 2 cores
  EXPECT_EQ(workers_text(tbb), "all (2)");
  EXPECT_EQ(status_text(tbb), "ok");
}

// Throttling for heat is a flag of the file, as noisy and disturbed are: the table `run` ends with
// is the file's, and it lost the word when that table stopped being built from the run's own
// figures (found 6 December 2026 by a review of the day's change).
TEST(CaseText, ThrottledIsReadFromTheFileAndShownWithTheOtherFlags) {
  auto json = testing::read_json(fixture("e2e_intervals_old.json"));
  for (auto& b : json["benchmarks"])
    if (b.value("run_name", "").find("strategy:tbb-pipeline/") != std::string::npos && b.contains("fps_ci_low")) b["throttled"] = 1, b["noisy"] = 1;
  const auto file = parse_result_json(json.dump(), "hot.json");
  const auto& tbb = *std::find_if(file.cases.begin(), file.cases.end(), [](const auto& x) { return x.param("strategy") == "tbb-pipeline"; });
  ASSERT_TRUE(tbb.statistics);
  EXPECT_TRUE(tbb.statistics->throttled);
  EXPECT_EQ(status_text(tbb), "noisy, throttled");
}

}  // namespace
}  // namespace framebench::reports
