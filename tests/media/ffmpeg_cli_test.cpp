#include "media/ffmpeg_cli.hpp"

#include <gtest/gtest.h>

#include <signal.h>

#include <fstream>
#include <string>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"

namespace framebench::media {
namespace {

// What the ffmpeg CLI said last, where it said something; where its log is empty, only a disk
// nearly full is named as a likely cause (its log lives there, and ffmpeg's "No space left on
// device" went with it). A disk with room is not blamed (found 6 December 2026 by a review: the
// free bytes were named whatever they were).
TEST(FfmpegFailure, SaysWhatFfmpegSaidAndBlamesTheDiskOnlyWhenItIsNearlyFull) {
  const ScratchDir dir("ffmpeg-failure-test");
  const ExitStatus failed{.code = 1, .signal = 0};
  std::ofstream(dir / "said.log") << "Input #0, lavfi\n" << "Error while filtering: Invalid argument\n";
  const auto said = ffmpeg_failure("ffmpeg encoder", failed, dir / "said.log");
  EXPECT_NE(said.find("ffmpeg encoder "), std::string::npos) << said;
  EXPECT_NE(said.find("Error while filtering: Invalid argument"), std::string::npos) << said;

  std::ofstream(dir / "empty.log").flush();
  const auto silent = ffmpeg_failure("ffmpeg encoder", failed, dir / "empty.log");
  EXPECT_NE(silent.find(", its log empty"), std::string::npos) << silent;
  EXPECT_EQ(silent.find("bytes free"), std::string::npos) << "this disk has room: " << silent;

  const auto killed = ffmpeg_failure("ffmpeg encoder", ExitStatus{.code = -1, .signal = SIGKILL}, dir / "empty.log");
  EXPECT_EQ(killed.find("log empty"), std::string::npos) << "a signal says what happened: " << killed;
}

}  // namespace
}  // namespace framebench::media
