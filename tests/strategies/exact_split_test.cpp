// A segment's worker restarts decoding at the keyframe at or before its first frame where that is
// an IDR, and one keyframe earlier where it is not (the pre-roll that proves where it is, whatever
// the container's flags and timestamps say), and throws the frames before its first away; results
// count them, so the cost is visible.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {

double discarded_frames(const std::string& split) {
  ScratchDir dir("exact-split");
  // tiny: 48 frames, a keyframe every 12; 5 exact segments start at frames 9, 19, 28 and 38
  // (48 * i / 5); keyframe cuts move to the nearest keyframes, 12, 24 and 36.
  std::ofstream(dir / "split.toml") << "name = \"split\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                       "strategy = [\"multiprocess-segments\", \"in-memory\"]\nkernel = [\"box3\"]\n"
                                       "encoder = [\"ffv1\"]\nworkers = [2]\n[options]\nsegments = 5\nsplit = \""
                                    << split << "\"\n";
  const auto results = dir / "split.json";
  const auto r = testing::run_framebench({"run", (dir / "split.toml").string(), "--out", results.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  double total = 0;
  int cases = 0;
  for (const auto& b : json.at("benchmarks")) {
    if (b.at("run_type") != "iteration") continue;
    EXPECT_EQ(b.at("verified").get<double>(), 1) << b.dump();
    total += b.at("frames_discarded").get<double>();
    ++cases;
  }
  EXPECT_EQ(cases, 2);
  return total;
}

TEST(ExactSplit, CountsTheFramesDecodedOnlyToReachASegment) {
  // tiny's keyframes are x264 IDRs, clean restarts. Per strategy: exact starts 9, 19, 28 and 38
  // restart at the keyframes 0, 12, 24 and 36; keyframe starts 12, 24 and 36 at themselves.
  EXPECT_EQ(discarded_frames("exact"), 2 * (9 + 7 + 4 + 2));
  EXPECT_EQ(discarded_frames("keyframe"), 0);
}

}  // namespace
}  // namespace framebench
