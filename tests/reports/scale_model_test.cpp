// The scale-out model's arithmetic on costs chosen so that the answers can be worked out by hand.
#include <gtest/gtest.h>

#include "core/error.hpp"

#include "reports/result_file.hpp"
#include "reports/scale_model.hpp"

namespace framebench::reports {
namespace {

// 100 fps per host, 1000 input and 500 output bytes per frame, a free join.
const HostCosts kCosts{100, 1000, 500, 0};
// 10 chunks of 100 frames: 1 s of work each.
const Video kVideo{1000, 100};
constexpr double kFastLink = 1e15;

TEST(ScaleModel, OneHostTakesTheWorkAlone) {
  EXPECT_DOUBLE_EQ(simulated_seconds(kCosts, kVideo, 1, 1, InputPolicy::whole_file), 10.0);
  EXPECT_DOUBLE_EQ(simulated_speedup(kCosts, kVideo, 1, 1, InputPolicy::per_chunk), 1.0);
}

TEST(ScaleModel, AFreeNetworkScalesUntilChunksRunOut) {
  EXPECT_NEAR(simulated_speedup(kCosts, kVideo, 2, kFastLink, InputPolicy::per_chunk), 2.0, 1e-6);
  EXPECT_NEAR(simulated_speedup(kCosts, kVideo, 5, kFastLink, InputPolicy::whole_file), 5.0, 1e-6);
  // 10 chunks on 4 hosts: three rounds, the last one half full.
  EXPECT_NEAR(simulated_speedup(kCosts, kVideo, 4, kFastLink, InputPolicy::shared), 10.0 / 3.0, 1e-6);
  // More hosts than chunks: one round.
  EXPECT_NEAR(simulated_speedup(kCosts, kVideo, 64, kFastLink, InputPolicy::shared), 10.0, 1e-6);
}

TEST(ScaleModel, ASlowLinkBoundsTheSpeedup) {
  // At 100 kB/s rank 0's link takes 1 s to send a chunk's 100 kB of input, as long as the chunk's
  // work: rank 0 hands chunk k to host k at once, its input arrives at k s, its 50 kB of output is
  // back at k + 1.5 s. The last chunk, 9, is back at 10.5 s: slower than one host alone.
  const double slow = 100e3;
  EXPECT_DOUBLE_EQ(simulated_seconds(kCosts, kVideo, 64, slow, InputPolicy::per_chunk), 10.5);
  // Sending the whole file (1 MB, 10 s at this rate) to each host first is worse still.
  EXPECT_GT(simulated_seconds(kCosts, kVideo, 4, slow, InputPolicy::whole_file), simulated_seconds(kCosts, kVideo, 4, slow, InputPolicy::per_chunk));
  // Shared storage needs no input transfer: only the output comes back.
  EXPECT_LT(simulated_seconds(kCosts, kVideo, 4, slow, InputPolicy::shared), simulated_seconds(kCosts, kVideo, 4, slow, InputPolicy::per_chunk));
}

TEST(ScaleModel, TheJoinIsPaidOnce) {
  HostCosts costs = kCosts;
  costs.merge_seconds_per_output_byte = 1e-6;  // 500 kB of output: 0.5 s
  EXPECT_DOUBLE_EQ(simulated_seconds(costs, kVideo, 1, kFastLink, InputPolicy::shared), 10.5);
  EXPECT_NEAR(simulated_seconds(costs, kVideo, 10, kFastLink, InputPolicy::shared), 1.5, 1e-6);
}

// A file with one mpi-segments case (2 s, 100 frames) whose input counters are `input`, and a
// case of another strategy.
ResultFile mpi_case_file(const std::string& input) {
  return parse_result_json(R"({"context": {"framebench_schema": "1", "host_name": "a"}, "benchmarks": [
    {"name": "e2e/strategy:mpi-segments/dataset:d/kernel:box3/encoder:ffv1/workers:2/iterations:1/repeats:1/manual_time",
     "run_name": "e2e/strategy:mpi-segments/dataset:d/kernel:box3/encoder:ffv1/workers:2/iterations:1/repeats:1/manual_time",
     "run_type": "iteration", "repetitions": 1, "threads": 1, "real_time": 2000, "cpu_time": 1, "time_unit": "ms",
     "frames": 100, )" + input + R"(, "parts_bytes": 200000, "merge_s": 0.02, "verified": 1},
    {"name": "e2e/strategy:single-core/dataset:d/kernel:box3/encoder:ffv1/workers:2/iterations:1/repeats:1/manual_time",
     "run_name": "e2e/strategy:single-core/dataset:d/kernel:box3/encoder:ffv1/workers:2/iterations:1/repeats:1/manual_time",
     "run_type": "iteration", "repetitions": 1, "threads": 1, "real_time": 1000, "cpu_time": 1, "time_unit": "ms", "frames": 100, "verified": 1}]})",
                           "fixture.json");
}

TEST(ScaleModel, ReadsTheCostsOfMpiSegmentsCases) {
  // Results from before chunks were sent: input_bytes is the whole file.
  const auto cases = measured_cases(mpi_case_file(R"("input_bytes": 50000)"));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_DOUBLE_EQ(cases[0].costs.frames_per_second, 50);
  EXPECT_DOUBLE_EQ(cases[0].costs.input_bytes_per_frame, 500);
  EXPECT_DOUBLE_EQ(cases[0].costs.output_bytes_per_frame, 2000);
  EXPECT_DOUBLE_EQ(cases[0].costs.merge_seconds_per_output_byte, 1e-7);
}

// Found 6 December 2026 by a documentation walk-through: of two repetitions the faster one's fps
// was taken as the median's.
TEST(ScaleModel, TakesTheFpsOfTheMedianTime) {
  auto file = mpi_case_file(R"("input_bytes": 50000)");
  for (auto& c : file.cases)
    if (c.param("strategy") == "mpi-segments") {
      auto slower = c.repetitions.front();
      slower.real_time_s = 3.0;
      c.repetitions.push_back(slower);
    }
  const auto cases = measured_cases(file);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_DOUBLE_EQ(cases[0].costs.frames_per_second, 40);  // 100 frames over the median 2.5 s
}

TEST(ScaleModel, TakesTheInputBytesPerFrameOfTheChunksSent) {
  // 40 frames' chunks took 30000 bytes with their pre-roll: more per frame than the file's average.
  const auto sent = measured_cases(mpi_case_file(R"("input_bytes": 30000, "input_frames": 40, "input_file_bytes": 50000)"));
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_DOUBLE_EQ(sent[0].costs.input_bytes_per_frame, 750);
  // The whole file sent is the file's own bytes, not the chunks' pre-roll 50% more (found
  // 6 December 2026 by a sweep of scale-model).
  EXPECT_DOUBLE_EQ(sent[0].costs.file_bytes_per_frame, 500);
  const Video video{100, 40};
  const double slow_link = 1e4;  // bytes a second: the file's transfer counts
  HostCosts costs = sent[0].costs;
  const double whole = simulated_seconds(costs, video, 2, slow_link, InputPolicy::whole_file);
  costs.file_bytes_per_frame = costs.input_bytes_per_frame;
  EXPECT_LT(whole, simulated_seconds(costs, video, 2, slow_link, InputPolicy::whole_file));
  // Shared input sends nothing: the file's average stands in.
  const auto shared = measured_cases(mpi_case_file(R"("input_bytes": 0, "input_frames": 0, "input_file_bytes": 50000)"));
  ASSERT_EQ(shared.size(), 1u);
  EXPECT_DOUBLE_EQ(shared[0].costs.input_bytes_per_frame, 500);
}

// Counters each within their bounds whose ratios are past any machine's are refused in one line
// (found 6 December 2026 by a sweep of the reports: "inf input bytes per frame", "-nan" speedups).
TEST(ScaleModel, CountersThatGiveNoRealCostAreRefused) {
  for (const char* input : {R"("input_bytes": 30000, "input_frames": 5e-324)", R"("input_bytes": 1e18, "input_frames": 40)"}) {
    std::string error;
    try {
      measured_cases(mpi_case_file(input));
    } catch (const InputError& e) {
      error = e.what();
    }
    EXPECT_TRUE(error.starts_with("fixture.json: e2e/strategy:mpi-segments/")) << input << ": " << error;
    EXPECT_NE(error.find("give no cost a machine could have"), std::string::npos) << error;
  }
  EXPECT_EQ(measured_cases(mpi_case_file(R"("input_bytes": 30000, "input_frames": 40)")).size(), 1u);
}

// A case whose ranks ran on several hosts measured their sum, not one host; one without merge_s
// has no join cost (found 6 December 2026 by a sweep of scale-model: the two hosts' speed taken as
// one's, and the join taken as free).
TEST(ScaleModel, ACaseMeasuredAcrossHostsOrWithoutItsJoinIsRefused) {
  auto file = mpi_case_file(R"("input_bytes": 50000, "label": "rank 0: node1, rank 1: node2")");
  std::string error;
  try {
    measured_cases(file);
  } catch (const InputError& e) {
    error = e.what();
  }
  EXPECT_NE(error.find(": measured across 2 hosts (rank 0: node1, rank 1: node2); the model takes a case measured on one machine"),
            std::string::npos)
      << error;
  EXPECT_EQ(measured_cases(mpi_case_file(R"("input_bytes": 50000, "label": "rank 0: node1, rank 1: node1")")).size(), 1u);
  file = mpi_case_file(R"("input_bytes": 50000)");
  for (auto& c : file.cases)
    for (auto& r : c.repetitions) r.counters.erase("merge_s");
  error.clear();
  try {
    measured_cases(file);
  } catch (const InputError& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("no merge_s counter"), std::string::npos) << error;
}

}  // namespace
}  // namespace framebench::reports
