// tbb-chunks cuts at keyframes, so that no frame is decoded twice, and balances uneven chunks by
// threads helping each other rather than by exact cuts; where the keyframes are too few to give
// every thread a chunk it cuts exactly. Either way its output is single-core's, frame for frame.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using media::testing::decode_hashes;
using testing::run_framebench;

// The one case's result: tbb-chunks on `input` with 2 workers, chunks of 0.8 s wanted.
nlohmann::json run_case(const ScratchDir& dir, const fs::path& input) {
  const auto config = dir.path() / "chunks.toml";
  std::ofstream(config) << "name = \"chunks\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"" << input.string()
                        << "\"]\nstrategy = [\"tbb-chunks\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\nworkers = [2]\n"
                           "[options]\nchunk_seconds = 0.8\n";
  const auto results = dir.path() / "chunks.json";
  const auto r = run_framebench({"run", config.string(), "--out", results.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") return b;
  ADD_FAILURE() << "no iteration in " << results;
  return {};
}

std::vector<std::uint64_t> single_core_hashes(const ScratchDir& dir, const fs::path& input) {
  const auto out = dir.path() / "single.mkv";
  const auto r = run_framebench({"process", input.string(), out.string(), "--strategy", "single-core", "--kernel", "box5", "--encoder", "ffv1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return decode_hashes(out);
}

std::vector<std::uint64_t> tbb_chunks_hashes(const ScratchDir& dir, const fs::path& input) {
  const auto out = dir.path() / "chunks.mkv";
  const auto r = run_framebench({"process", input.string(), out.string(), "--strategy", "tbb-chunks", "--kernel", "box5", "--encoder",
                                 "ffv1", "--workers", "2", "--chunk-seconds", "0.8", "--verify"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << r.out;
  return decode_hashes(out);
}

// 150 frames at 25 fps, IDR keyframes at 0, 48, 96 and 144, B-frames: 0.8-s chunks would be 8,
// most of them between keyframes; tbb-chunks takes the keyframes and decodes no frame twice.
TEST(TbbChunks, CutsAtKeyframesAndDecodesNoFrameTwice) {
  const ScratchDir dir("tbb-chunks-keyframes");
  const auto input = dir.path() / "gop48.mp4";
  media::testing::make_cli_clip(input, 160, 96, "25", 150,
                                {"-c:v", "libx264", "-preset", "medium", "-g", "48", "-keyint_min", "48", "-sc_threshold", "0", "-bf", "2"});
  const auto result = run_case(dir, input);
  EXPECT_EQ(result.value("verified", 0.0), 1) << result.dump();
  EXPECT_EQ(result.value("frames_discarded", -1.0), 0) << result.dump();
  EXPECT_GE(result.value("chunks", 0.0), 2) << result.dump();
  EXPECT_LE(result.value("chunks", 0.0), 4) << "a cut between keyframes: " << result.dump();
  EXPECT_EQ(tbb_chunks_hashes(dir, input), single_core_hashes(dir, input));
}

// One keyframe in the whole clip: cutting only there would leave one thread the whole job, so
// the threads get a chunk each, the later one reached by decoding forward from the start.
TEST(TbbChunks, OneKeyframeStillGivesEveryThreadAChunk) {
  const ScratchDir dir("tbb-chunks-one-keyframe");
  const auto input = dir.path() / "one-keyframe.mp4";
  media::testing::make_cli_clip(input, 160, 96, "25", 60,
                                {"-c:v", "libx264", "-preset", "medium", "-g", "1000", "-sc_threshold", "0", "-bf", "2"});
  const auto result = run_case(dir, input);
  EXPECT_EQ(result.value("verified", 0.0), 1) << result.dump();
  EXPECT_GE(result.value("chunks", 0.0), 2) << result.dump();
  EXPECT_GT(result.value("frames_discarded", 0.0), 0) << result.dump();
  EXPECT_EQ(tbb_chunks_hashes(dir, input), single_core_hashes(dir, input));
}

}  // namespace
}  // namespace framebench
