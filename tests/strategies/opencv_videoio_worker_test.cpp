// opencv-videoio's worker executable (strategies/opencv_videoio.hpp): framebench itself loads none
// of OpenCV's videoio (whose libraries cost every process 0.1-0.15 s at start), the worker does,
// and a framebench without its worker beside it says so in one line and writes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>

#include "core/scratch_dir.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

const fs::path kWorker = fs::path(FRAMEBENCH_BINARY).parent_path() / "framebench-opencv-videoio";

std::string libraries_of(const fs::path& binary) {
  const auto r = testing::run_program({"ldd", binary.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

bool opencv_videoio_listed_available() {
  const auto listed = testing::run_framebench({"list", "strategies"});
  for (const auto& line : testing::lines(listed.out))
    if (line.find("opencv-videoio ") != std::string::npos) return line.find(" available ") != std::string::npos;
  ADD_FAILURE() << "opencv-videoio is not listed:\n" << listed.out;
  return false;
}

TEST(OpencvVideoioWorker, OnlyTheWorkerLoadsOpencvVideoio) {
  const std::string framebench = libraries_of(FRAMEBENCH_BINARY);
  EXPECT_NE(framebench.find("libavcodec"), std::string::npos) << framebench;  // the real binary's list
  EXPECT_EQ(framebench.find("libopencv_videoio"), std::string::npos) << framebench;
  if (!fs::exists(kWorker)) {
    EXPECT_FALSE(opencv_videoio_listed_available());
    GTEST_SKIP() << "built without OpenCV: no worker";
  }
  EXPECT_TRUE(opencv_videoio_listed_available());
  EXPECT_NE(libraries_of(kWorker).find("libopencv_videoio"), std::string::npos);
}

TEST(OpencvVideoioWorker, WithoutItTheStrategyIsUnavailableInOneLineAndWritesNothing) {
  ScratchDir dir("no-opencv-worker");
  const fs::path in = dir.path() / "in.mkv";
  media::testing::make_cli_clip(in, 64, 48, "25", 5, {"-c:v", "ffv1"});
  const fs::path alone = dir.path() / "framebench";  // a copy with no worker beside it
  fs::copy_file(FRAMEBENCH_BINARY, alone);
  const fs::path out = dir.path() / "out.avi";
  const auto r = testing::run_program(
      {alone.string(), "process", in.string(), out.string(), "--strategy", "opencv-videoio", "--kernel", "box3", "--encoder", "mpeg4", "--workers", "1"});
  testing::expect_one_line_error(r, "strategy 'opencv-videoio' is unavailable here: ");
  if (fs::exists(kWorker)) {
    EXPECT_NE(r.err.find("its worker executable, framebench-opencv-videoio, is not beside framebench in " + dir.path().string()),
              std::string::npos)
        << r.err;
  }
  EXPECT_FALSE(fs::exists(out));
}

// Found 6 December 2026 by a sweep of `process`: MJPEG into .mp4 printed OpenCV's own "OpenCV:
// FFMPEG: tag ... is not supported ... fallback to use tag 'mp4v'" lines, and more workers than
// cores oneTBB's "TBB Warning: The number of workers is currently limited to 1".
TEST(OpencvVideoioWorker, NeitherOpencvNorItsTbbSpeaksInItsOwnWords) {
  if (!fs::exists(kWorker)) GTEST_SKIP() << "built without OpenCV: no worker";
  ScratchDir dir("opencv-quiet");
  const fs::path in = dir.path() / "in.mkv";
  media::testing::make_cli_clip(in, 64, 48, "25", 5, {"-c:v", "ffv1"});
  const int too_many = static_cast<int>(std::thread::hardware_concurrency()) + 1;
  const auto r = testing::run_framebench({"process", in.string(), (dir.path() / "out.mp4").string(), "--strategy", "opencv-videoio",
                                          "--kernel", "box3", "--encoder", "mjpeg", "--workers", std::to_string(too_many)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "") << "stderr should be empty";
  EXPECT_TRUE(fs::exists(dir.path() / "out.mp4"));
}

TEST(OpencvVideoioWorker, TheWorkerRefusesToBeRunByHand) {
  if (!fs::exists(kWorker)) GTEST_SKIP() << "built without OpenCV: no worker";
  const auto r = testing::run_program({kWorker.string(), "--help"});
  testing::expect_one_line_error(r, "framebench-opencv-videoio: takes no arguments");
}

}  // namespace
}  // namespace framebench
