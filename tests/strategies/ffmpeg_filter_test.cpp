// The ffmpeg-filter peer through the real binary: a box kernel runs avgblur, says so, and verifies
// against the reference on a small lossless clip, where a border rule other than ours (avgblur's
// own: the mean of the pixels that exist) would fall below the 40 dB a lossless case needs.
#include <gtest/gtest.h>

#include <string>

#include "core/scratch_dir.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
using media::testing::make_cli_clip;
using testing::run_framebench;

TEST(FfmpegFilter, ABoxRunsAvgblurWithOurBordersAndVerifies) {
  ScratchDir dir("ffmpeg-filter");
  make_cli_clip(dir / "in.mkv", 64, 48, "25", 5, {"-c:v", "ffv1"});
  for (const char* kernel : {"box3", "box5"}) {
    const auto r = run_framebench({"process", "in.mkv", "out.mkv", "--strategy", "ffmpeg-filter", "--kernel", kernel, "--encoder", "ffv1",
                                   "--workers", "1", "--verify"},
                                  {}, dir.path());
    ASSERT_EQ(r.exit_code, 0) << kernel << ": " << r.out << r.err;
    EXPECT_NE(r.out.find("with ffmpeg-filter (avgblur on gbrp)"), std::string::npos) << r.out;
  }
}

// ffmpeg's convolution repeats the last row and column at the bottom and right; inside our
// reflected border its integer matrix gives the reference's frames exactly.
TEST(FfmpegFilter, AMatrixRunsConvolutionWithOurBordersExactly) {
  ScratchDir dir("ffmpeg-filter");
  make_cli_clip(dir / "in.mkv", 64, 48, "25", 5, {"-c:v", "ffv1"});
  const auto r = run_framebench({"process", "in.mkv", "out.mkv", "--strategy", "ffmpeg-filter", "--kernel", "sharpen3", "--encoder", "ffv1",
                                 "--workers", "1", "--verify"},
                                {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("with ffmpeg-filter (convolution on gbrp)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("worst frame inf dB"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace framebench
