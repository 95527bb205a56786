// Chunks handed to workers as they free up: with many more chunks than workers, each worker
// process takes chunk after chunk, and every segment strategy's output must be frame for frame
// what single-core writes, whichever way the chunks are cut. The run's results record the plan.
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

class ChunkHandout : public ::testing::Test {
 public:
  // 150 frames at 25 fps with a keyframe every 48 and B-frames: at 0.8 s a chunk, 8 chunks are
  // wanted, most of them between keyframes.
  static void SetUpTestSuite() {
    dir_ = new ScratchDir("chunk-handout");
    media::testing::make_cli_clip(input(), 160, 96, "25", 150,
                                  {"-c:v", "libx264", "-preset", "medium", "-g", "48", "-keyint_min", "48", "-sc_threshold", "0", "-bf", "2"});
    const auto r = run_framebench({"process", input().string(), (dir_->path() / "single.mkv").string(), "--strategy", "single-core",
                                   "--kernel", "box5", "--encoder", "ffv1"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    reference_ = new std::vector<std::uint64_t>(decode_hashes(dir_->path() / "single.mkv"));
  }
  static void TearDownTestSuite() {
    delete reference_;
    delete dir_;
  }

 protected:
  static fs::path input() { return dir_->path() / "in.mp4"; }
  static ScratchDir* dir_;
  static std::vector<std::uint64_t>* reference_;
};
ScratchDir* ChunkHandout::dir_ = nullptr;
std::vector<std::uint64_t>* ChunkHandout::reference_ = nullptr;

TEST_F(ChunkHandout, EverySegmentStrategyWritesSingleCoresFramesWhateverTheSplit) {
  ASSERT_EQ(reference_->size(), 150u);
  for (const std::string strategy : {"multiprocess-segments", "in-memory", "tbb-chunks", "piped-ffmpeg"})
    for (const std::string split : {"auto", "keyframe", "exact"}) {
      if (strategy == "piped-ffmpeg" && split != "auto") continue;  // its cuts are the same plan; the ffmpeg processes cost time
      SCOPED_TRACE(strategy + ", split " + split);
      const fs::path out = dir_->path() / (strategy + "-" + split + ".mkv");
      const auto r = run_framebench({"process", input().string(), out.string(), "--strategy", strategy, "--kernel", "box5", "--encoder",
                                     "ffv1", "--workers", "2", "--split", split, "--chunk-seconds", "0.8", "--verify"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << r.out;
      EXPECT_EQ(decode_hashes(out), *reference_);
    }
}

TEST_F(ChunkHandout, ResultsRecordThePlan) {
  std::ofstream(dir_->path() / "chunks.toml") << "name = \"chunks\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\""
                                              << input().string()
                                              << "\"]\nstrategy = [\"in-memory\", \"tbb-pipeline\"]\nkernel = [\"box3\"]\n"
                                                 "encoder = [\"ffv1\"]\nworkers = [2]\n[options]\nchunk_seconds = 0.8\nsplit = \"exact\"\n";
  const auto results = dir_->path() / "chunks.json";
  const auto r = run_framebench({"run", (dir_->path() / "chunks.toml").string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  int cases = 0;
  for (const auto& b : json.at("benchmarks")) {
    if (b.at("run_type") != "iteration") continue;
    ++cases;
    EXPECT_EQ(b.at("verified").get<double>(), 1) << b.dump();
    if (b.at("name").get<std::string>().find("strategy:in-memory") == std::string::npos) {
      EXPECT_FALSE(b.contains("chunks")) << "a strategy without chunks recorded some";
      continue;
    }
    // Exact cuts of 150 frames into 8: 18 or 19 frames each.
    EXPECT_EQ(b.at("chunks").get<double>(), 8);
    EXPECT_EQ(b.at("chunk_frames_min").get<double>(), 18);
    EXPECT_EQ(b.at("chunk_frames_max").get<double>(), 19);
  }
  EXPECT_EQ(cases, 2);
}

}  // namespace
}  // namespace framebench
