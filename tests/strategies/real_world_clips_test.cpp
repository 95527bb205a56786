// The segment strategies on clips whose timestamps and keyframe flags mislead (issue 11, item 1):
// every output must verify exactly against the reference applied to a sequential decode.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "core/scratch_dir.hpp"
#include "media/probe.hpp"
#include "tests/media/real_world_clips.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using media::testing::real_world_clips;

struct StrategySplit {
  std::string name;
  std::vector<std::string> flags;
};

// Three segments on two cores, so every strategy restarts decoding twice inside the clip.
const std::vector<StrategySplit>& strategy_splits() {
  static const std::vector<StrategySplit> all = {
      {"multiprocess_exact", {"--strategy", "multiprocess-segments", "--split", "exact"}},
      {"multiprocess_keyframe", {"--strategy", "multiprocess-segments", "--split", "keyframe"}},
      {"in_memory_exact", {"--strategy", "in-memory", "--split", "exact"}},
      {"in_memory_keyframe", {"--strategy", "in-memory", "--split", "keyframe"}},
      {"tbb_chunks_exact", {"--strategy", "tbb-chunks", "--split", "exact"}},
      {"tbb_chunks_auto", {"--strategy", "tbb-chunks", "--split", "auto"}},
      {"piped_ffmpeg", {"--strategy", "piped-ffmpeg", "--split", "exact"}},
  };
  return all;
}

class RealWorldClips : public ::testing::TestWithParam<std::tuple<std::size_t, std::size_t>> {
 public:
  static void SetUpTestSuite() { dir_ = new ScratchDir("real-world-clips"); }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

 protected:
  // The clip, made on first use in this process: ctest runs each test in a process of its own,
  // where making all eleven clips up front took 3.0 s of a 3.7 s test.
  static fs::path clip_file(const media::testing::RealWorldClip& clip) {
    const fs::path file = dir_->path() / clip.file;
    return fs::exists(file) ? file : make_real_world_clip(clip, dir_->path());
  }

 private:
  static ScratchDir* dir_;
};
ScratchDir* RealWorldClips::dir_ = nullptr;

TEST_P(RealWorldClips, SegmentStrategyVerifiesExactly) {
  const auto& [v, c] = GetParam();
  const StrategySplit& split = strategy_splits()[v];
  const auto& clip = real_world_clips()[c];
  ScratchDir out_dir("real-world-out");
  ScratchDir tmp("real-world-tmp");
  const fs::path out = out_dir / "out.mkv";
  std::vector<std::string> args = {"process", clip_file(clip).string(), out.string(), "--kernel", "box5",
                                   "--encoder", "ffv1", "--workers", "3", "--verify"};
  args.insert(args.end(), split.flags.begin(), split.flags.end());
  const auto r = testing::run_framebench(args, {"TMPDIR=" + tmp.path().string()});
  ASSERT_EQ(r.exit_code, 0) << clip.what << "\n" << r.err;
  EXPECT_NE(r.out.find("verified ("), std::string::npos) << r.out;
  EXPECT_EQ(media::probe(out).frame_count, clip.frames);
  EXPECT_TRUE(fs::is_empty(tmp.path())) << "scratch left behind";
}

INSTANTIATE_TEST_SUITE_P(Strategies, RealWorldClips,
                         ::testing::Combine(::testing::Range<std::size_t>(0, strategy_splits().size()),
                                            ::testing::Range<std::size_t>(0, real_world_clips().size())),
                         [](const auto& test) {
                           return strategy_splits()[std::get<0>(test.param)].name + "_" + real_world_clips()[std::get<1>(test.param)].name;
                         });

}  // namespace
}  // namespace framebench
