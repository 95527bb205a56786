// How a run measures, read back from its results: interleaved rounds alternate the
// cases, a seed reproduces the random order, sequential runs each case to its end, and --cpus pins.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
using testing::run_framebench;

struct Ordered {
  std::vector<std::string> names;  // of the repetitions, in the order they ran
  nlohmann::json context;
};

Ordered run_in_order(const std::vector<std::string>& order_args, const std::string& config = FRAMEBENCH_SOURCE_DIR "/configs/ci.toml") {
  const ScratchDir dir("order-test");
  std::vector<std::string> args = {"run", config, "--filter", "ffv1", "--repetitions", "3",
                                   "--out", (dir / "r.json").string()};
  args.insert(args.end(), order_args.begin(), order_args.end());
  const auto r = run_framebench(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(dir / "r.json");
  const auto json = nlohmann::json::parse(in);
  std::map<int, std::string> by_sequence;
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") by_sequence[static_cast<int>(b.at("sequence").get<double>())] = b.at("name");
  Ordered out{{}, json.at("context")};
  for (const auto& [sequence, name] : by_sequence) out.names.push_back(name);
  return out;
}

TEST(MeasurementOrder, InterleavedRoundsAlternateTheCases) {
  const auto o = run_in_order({});
  ASSERT_EQ(o.names.size(), 6u);
  EXPECT_EQ(o.context.at("order"), "interleaved");
  for (std::size_t i = 0; i < o.names.size(); ++i) EXPECT_EQ(o.names[i], o.names[i % 2]) << "repetition " << i;
  EXPECT_NE(o.names[0], o.names[1]);
}

TEST(MeasurementOrder, SequentialRunsEachCaseToItsEnd) {
  const auto o = run_in_order({"--order", "sequential"});
  ASSERT_EQ(o.names.size(), 6u);
  EXPECT_EQ(o.names[0], o.names[2]);
  EXPECT_NE(o.names[2], o.names[3]);
  EXPECT_EQ(o.names[3], o.names[5]);
}

TEST(MeasurementOrder, TheSeedReproducesTheRandomOrder) {
  const auto a = run_in_order({"--order", "random", "--seed", "424242"});
  const auto b = run_in_order({"--order", "random", "--seed", "424242"});
  EXPECT_EQ(a.context.at("seed"), "424242");
  EXPECT_EQ(a.names, b.names);
  ASSERT_EQ(a.names.size(), 6u);
  // Each round still runs every case once: rounds are shuffled within, not merged.
  for (std::size_t round = 0; round < 3; ++round) EXPECT_NE(a.names[2 * round], a.names[2 * round + 1]);
}

// A seed `run` picks goes into the results, and a config's [measure] seed gives it back (it
// was refused above 2^31 - 1, found 5 December 2026 by a review of the docs against the binary).
TEST(MeasurementOrder, ARecordedSeedInAConfigReproducesTheRandomOrder) {
  const auto picked = run_in_order({"--order", "random"});
  const std::string seed = picked.context.at("seed");
  const ScratchDir dir("order-config");
  std::ifstream ci(FRAMEBENCH_SOURCE_DIR "/configs/ci.toml");
  std::ofstream(dir / "seeded.toml") << ci.rdbuf() << "\n[measure]\norder = \"random\"\nseed = " << seed << "\n";
  const auto again = run_in_order({}, (dir / "seeded.toml").string());
  EXPECT_EQ(again.context.at("seed"), seed);
  EXPECT_EQ(again.names, picked.names);
}

TEST(MeasurementOrder, DisturbedSetsTheShareAndIsRecorded) {
  EXPECT_EQ(run_in_order({"--disturbed", "20"}).context.at("disturbed_share"), "0.2");
  const ScratchDir dir("order-test");
  testing::expect_one_line_error(run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--disturbed", "150"}), "--disturbed");
}

TEST(RunPinning, CpusPinsTheRunAndIsRecorded) {
  const auto o = run_in_order({"--cpus", "0"});
  EXPECT_EQ(o.context.at("cpus"), "0");
  EXPECT_EQ(o.context.at("cpu_cores_available"), "1") << "the core budget follows the pinning";
  const ScratchDir dir("order-test");
  testing::expect_one_line_error(
      run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--cpus", "3-1", "--out", (dir / "r.json").string()}), "--cpus '3-1'");
  // Spaces, signs and empty parts were taken (found 5 December 2026 by a hostile-input sweep).
  for (const char* odd : {"0,", " 0", "+0", "-0", "0 - 1"})
    testing::expect_one_line_error(run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--cpus", odd, "--dry-run"}),
                                   fmt::format("--cpus '{}': expected CPU numbers and ranges such as 0-3,6", odd));
  EXPECT_FALSE(std::filesystem::exists(dir / "r.json"));
}

}  // namespace
}  // namespace framebench
