// piped-ffmpeg's ffmpeg decoders reach each segment's first frame by decoding from the keyframe
// before it, in their own processes; the result still says how many frames that took.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/core_budget.hpp"
#include "core/scratch_dir.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

// Found 6 December 2026 by a correctness sweep: piped-ffmpeg said 0 frames discarded where the
// other segment strategies, on the same plan of a one-keyframe clip, said how many.
TEST(PipedFfmpeg, CountsTheFramesItsDecodersDiscardToReachASegment) {
  if (CoreBudget::available() < 2) GTEST_SKIP() << "two workers need two cores";
  const ScratchDir dir("piped-ffmpeg-discarded");
  const auto input = dir.path() / "one-keyframe.mp4";
  media::testing::make_cli_clip(input, 160, 96, "25", 40, {"-c:v", "libx264", "-g", "1000", "-sc_threshold", "0", "-bf", "2"});
  const auto config = dir.path() / "piped.toml";
  std::ofstream(config) << "name = \"piped\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"" << input.string()
                        << "\"]\nstrategy = [\"piped-ffmpeg\", \"multiprocess-segments\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\n"
                           "workers = [2]\n[options]\nsegments = 2\nsplit = \"exact\"\n";
  const auto results = dir.path() / "piped.json";
  const auto r = testing::run_framebench({"run", config.string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  std::map<std::string, double> discarded;
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") discarded[b.at("run_name").get<std::string>().substr(0, 30)] = b.at("frames_discarded");
  ASSERT_EQ(discarded.size(), 2u) << r.out;
  // Two exact segments of one keyframe's clip: the second is reached by decoding its first 20 frames.
  for (const auto& [name, frames] : discarded) EXPECT_EQ(frames, 20) << name;
}

}  // namespace
}  // namespace framebench
