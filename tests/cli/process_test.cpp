// `framebench process` on an ordinary lossy H.264 clip: --verify's default bar follows the
// encoder, a failed verification keeps the output and says so, and an encoder the output's
// container cannot hold is refused before any work, naming the user's file.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <regex>
#include <thread>

#include <fmt/format.h>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::expect_one_line_error;
using testing::files_in;
using testing::lines;
using testing::run_framebench;
using testing::slurp;

// Noisy content through x264, as from a camera: the README's --verify failed on such a clip
// against a fixed 40 dB.
fs::path noisy_h264_clip(const ScratchDir& dir) {
  const auto path = dir / "in.mp4";
  EXPECT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25,noise=alls=40:allf=t",
                           "-frames:v", "16", "-c:v", "libx264", "-crf", "26", "-pix_fmt", "yuv420p", path.string()})
                  .status.ok());
  return path;
}

TEST(Process, VerifyOfALossyClipPassesByDefaultWithTheBarItUsed) {
  ScratchDir dir("process-test");
  const auto in = noisy_h264_clip(dir);
  for (const char* strategy : {"single-core", "multiprocess-segments"}) {
    const auto r = run_framebench({"process", in.string(), (dir / "out.mp4").string(), "--strategy", strategy, "--kernel", "box5",
                                   "--workers", "2", "--verify"});
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_NE(r.out.find("verified (psnr, worst frame"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("x264-ultrafast gives"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("--min-psnr"), std::string::npos) << r.out;
    // How long verifying took beyond the job, and how much of that the threshold's encode.
    std::smatch took;
    ASSERT_TRUE(std::regex_search(r.out, took, std::regex(R"(\) in ([0-9.]+) s, ([0-9.]+) s of it encoding the reference for the threshold\n)"))) << r.out;
    EXPECT_GT(std::stod(took[2]), 0) << r.out;
    EXPECT_LE(std::stod(took[2]), std::stod(took[1])) << r.out;
    EXPECT_TRUE(fs::exists(dir / "out.mp4"));
  }
}

// A lossless encoder behind a filter that is not bit-exact (the ffmpeg-filter peer) is held to
// the fixed bar: nothing is encoded for a threshold, and the line does not say otherwise.
TEST(Process, ALosslessPeerIsHeldToTheFixedBarWithoutAReferenceEncode) {
  ScratchDir dir("process-test");
  const auto in = noisy_h264_clip(dir);
  const auto r = run_framebench({"process", in.string(), (dir / "out.mkv").string(), "--strategy", "ffmpeg-filter", "--kernel", "box5",
                                 "--encoder", "ffv1", "--verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ffv1 loses nothing here"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(\) in [0-9.]+ s\n)"))) << r.out;
  EXPECT_EQ(r.out.find("encoding the reference"), std::string::npos) << r.out;
}

TEST(Process, AFailedVerificationKeepsTheOutputAndNamesMinPsnr) {
  ScratchDir dir("process-test");
  const auto in = noisy_h264_clip(dir);
  const auto out = dir / "out.mp4";
  const auto r = run_framebench({"process", in.string(), out.string(), "--kernel", "box5", "--verify", "--min-psnr", "99"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  ASSERT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find(out.string() + ": written, but did not verify: PSNR"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--min-psnr"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_GT(fs::file_size(out), 0u);
  EXPECT_EQ(files_in(dir.path()), 2u);  // input and output, no temporaries
}

// Into a file, the job's line comes before what the check says of it, as on a terminal (found 6
// December 2026 by a sweep of `process`: stdout, buffered, came after the verdict on stderr).
TEST(Process, TheJobsLineComesBeforeTheVerdictInALogFile) {
  ScratchDir dir("process-test");
  const auto in = noisy_h264_clip(dir);
  const auto log = dir / "log";
  const auto r = run_capture({"bash", "-c", "\"$1\" process \"$2\" \"$3\" --kernel box5 --verify --min-psnr 99 > \"$4\" 2>&1; echo $?", "bash",
                              FRAMEBENCH_BINARY, in.string(), (dir / "out.mp4").string(), log.string()});
  EXPECT_EQ(r.out, "1\n");
  const auto written = lines(slurp(log));
  ASSERT_EQ(written.size(), 2u) << slurp(log);
  EXPECT_NE(written[0].find("out.mp4: 16 frames in"), std::string::npos) << written[0];
  // With the size it wrote, as the file has it (a small clip: in kB).
  EXPECT_TRUE(written[0].ends_with(fmt::format(", {:.1f} kB written", fs::file_size(dir / "out.mp4") / 1e3))) << written[0];
  EXPECT_NE(written[1].find("written, but did not verify"), std::string::npos) << written[1];
}

// Outputs hold the filtered video alone: an input's audio is not carried, and `process` says so
// (found 6 December 2026 by a correctness sweep: dropped by every strategy without a word).
TEST(Process, AnInputsOtherStreamsAreSaidNotToBeCarried) {
  const ScratchDir dir("process-test");
  const auto in = dir / "av.mp4";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-f", "lavfi", "-i",
                           "sine=frequency=440:sample_rate=48000", "-frames:v", "10", "-c:v", "libx264", "-c:a", "aac", "-shortest",
                           in.string()})
                  .status.ok());
  const auto r = run_framebench({"process", in.string(), (dir / "out.mkv").string(), "--kernel", "box3", "--encoder", "ffv1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("framebench: warning: " + in.string() + " also holds audio (aac); " + (dir / "out.mkv").string() +
                       " will hold the filtered video alone"),
            std::string::npos)
      << r.err;
  const auto streams = run_capture({"ffprobe", "-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0",
                                    (dir / "out.mkv").string()});
  EXPECT_EQ(streams.out, "video\n");
}

TEST(Process, AnEncoderTheContainerCannotHoldIsRefusedUpFront) {
  ScratchDir dir("process-test");
  const auto in = noisy_h264_clip(dir);
  const auto out = dir / "out.mp4";
  const auto r = run_framebench({"process", in.string(), out.string(), "--kernel", "box5", "--encoder", "ffv1"});
  expect_one_line_error(r, out.string() + ": a .mp4 file cannot hold ffv1 video (encoder 'ffv1'); use .mkv");
  EXPECT_EQ(files_in(dir.path()), 1u);  // nothing written, no temporary
  // What it suggests works.
  const auto fixed = run_framebench({"process", in.string(), (dir / "out.mkv").string(), "--kernel", "box5", "--encoder", "ffv1",
                                     "--verify"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_TRUE(std::regex_search(fixed.out, std::regex(R"(verified \(exact\) in [0-9.]+ s\n)"))) << fixed.out;
  // Checked before the input is even read: a missing input with a bad pair names the pair.
  expect_one_line_error(run_framebench({"process", (dir / "missing.mp4").string(), (dir / "o.avi").string(), "--kernel", "box5",
                                        "--encoder", "x265-ultrafast"}),
                        "o.avi: a .avi file cannot hold hevc video (encoder 'x265-ultrafast'); use .mp4");
}

// An output in folders that are not there yet: a job refused after the input is read, or one
// stopped by Ctrl-C, leaves no folder (found 6 December 2026 by a fault sweep and a review: the
// new folders stayed, empty).
TEST(Process, ARefusedOrStoppedJobLeavesNoFolderItMade) {
  ScratchDir dir("process-test");
  const auto in = noisy_h264_clip(dir);
  const auto refused = run_framebench({"process", in.string(), (dir / "new" / "deeper" / "out.avi").string(), "--kernel", "box5",
                                       "--pixel-format", "native", "--encoder", "mjpeg", "--verify"});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_FALSE(fs::exists(dir / "new"));
  // A kernel of 63x63 taps keeps single-core busy for seconds on these frames.
  const auto long_clip = dir / "long.mkv";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "200", "-c:v", "ffv1",
                           long_clip.string()}).status.ok());
  SpawnOptions options;
  options.stderr_file = dir / "stderr";
  Subprocess job({FRAMEBENCH_BINARY, "process", long_clip.string(), (dir / "new" / "deeper" / "out.mkv").string(), "--kernel", "disc:63",
                  "--encoder", "ffv1", "--strategy", "single-core"},
                 options);
  for (int i = 0; i < 300 && !fs::exists(dir / "new" / "deeper"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(fs::exists(dir / "new" / "deeper")) << "the job did not start";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  job.kill(SIGINT);
  EXPECT_EQ(job.wait().code, 130);
  EXPECT_FALSE(fs::exists(dir / "new")) << "the folders made for the output stayed";
}

}  // namespace
}  // namespace framebench
