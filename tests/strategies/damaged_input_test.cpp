// Damaged input fails every strategy, never reaches an output concealed (docs/RELIABILITY.md):
// a truncated file is refused up front by the probe (exit 2), a file whose packets decode with
// errors fails the job when decoding meets them (exit 1), naming the input, leaving nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

#include "core/scratch_dir.hpp"
#include "media/probe.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class DamagedInput : public ::testing::TestWithParam<std::string> {
 public:
  // 80 frames of MPEG-4 in AVI; "truncated.avi" keeps its first 60%, "corrupt.avi" has 300
  // bytes scrambled 30% of the way in (inside the video data, sizes intact).
  static void SetUpTestSuite() {
    dir_ = new ScratchDir("damaged-input");
    const fs::path whole = dir_->path() / "whole.avi";
    media::testing::make_cli_clip(whole, 128, 96, "25", 80, {"-c:v", "mpeg4", "-bf", "2", "-g", "12", "-q:v", "3"});
    std::string bytes = read_bytes(whole);
    write_bytes(dir_->path() / "truncated.avi", bytes.substr(0, bytes.size() * 6 / 10));
    for (std::size_t i = bytes.size() * 3 / 10, end = i + 300; i < end; ++i)
      bytes[i] = static_cast<char>(static_cast<unsigned char>(bytes[i]) * 7 + 13);
    write_bytes(dir_->path() / "corrupt.avi", bytes);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

 protected:
  static ScratchDir* dir_;

  // opencv-videoio writes mpeg4 in AVI only; the others write ffv1 in Matroska.
  testing::CliResult process(const std::string& file, const fs::path& out_dir, const ScratchDir& tmp) const {
    const bool opencv = GetParam() == "opencv-videoio";
    return testing::run_framebench({"process", (dir_->path() / file).string(), (out_dir / (opencv ? "out.avi" : "out.mkv")).string(),
                                    "--strategy", GetParam(), "--kernel", "box5", "--encoder", opencv ? "mpeg4" : "ffv1", "--workers",
                                    "2"},
                                   {"TMPDIR=" + tmp.path().string()});
  }
};
ScratchDir* DamagedInput::dir_ = nullptr;

TEST_P(DamagedInput, ATruncatedFileIsRefusedUpFront) {
  ScratchDir out_dir("damaged-out"), tmp("damaged-tmp");
  const auto r = process("truncated.avi", out_dir.path(), tmp);
  testing::expect_one_line_error(r, "truncated.avi: packet 49 of its video stream is damaged");
  EXPECT_TRUE(fs::is_empty(out_dir.path()));
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

// Bad input, found part way: one line naming the input and the damage, exit 2, as bad input found
// up front (found 7 December 2026 by a sweep of codecs: exit 1, and from the strategies that run the
// ffmpeg CLI its decoder's log as the message).
TEST_P(DamagedInput, CorruptPacketsFailTheJobNamingTheInput) {
  ScratchDir out_dir("damaged-out"), tmp("damaged-tmp");
  const auto r = process("corrupt.avi", out_dir.path(), tmp);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(r.err.starts_with("framebench: " + (dir_->path() / "corrupt.avi").string() + ": ")) << r.err;
  EXPECT_NE(r.err.find("damaged"), std::string::npos) << r.err;
  EXPECT_EQ(framebench::testing::lines(r.err).size(), 1u) << r.err;
  EXPECT_TRUE(fs::is_empty(out_dir.path())) << "an output of damaged input was committed";
  EXPECT_TRUE(fs::is_empty(tmp.path())) << "scratch left behind";
}

// opencv-videoio conceals decode errors inside cv::VideoCapture; the decoder's own reports in the
// libav log fail it all the same.
INSTANTIATE_TEST_SUITE_P(Strategies, DamagedInput,
                         ::testing::Values("single-core", "tbb-pipeline", "multiprocess-segments", "in-memory", "tbb-chunks", "piped-ffmpeg",
                                           "ffmpeg-filter", "opencv-videoio"),
                         [](const auto& test) {
                           std::string name = test.param;
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

// Found 6 December 2026 by a correctness sweep: a stream whose frame size changes part way failed
// with "frame is 160x120, expected 320x240" (exit 1), naming no file; in a worker, as the worker's
// failure. It is the input's fault, said in one line naming it, exit 2, nothing written. Found
// when the input is probed, before any job: the strategies that run the ffmpeg CLI or OpenCV
// scaled such frames to the first size and exited 0 (found 6 December 2026 by a sweep of `process`).
TEST(ChangingFrameSize, IsBadInputForEveryStrategy) {
  const ScratchDir dir("changing-size");
  for (const auto& [name, size] : {std::pair{"a.h264", "320x240"}, std::pair{"b.h264", "160x120"}})
    media::testing::run_ffmpeg({"-f", "lavfi", "-i", std::string("testsrc2=size=") + size + ":rate=25", "-frames:v", "25", "-c:v", "libx264",
                                "-pix_fmt", "yuv420p", "-g", "12", "-bf", "0", (dir / name).string()});
  write_bytes(dir / "ab.h264", read_bytes(dir / "a.h264") + read_bytes(dir / "b.h264"));
  const fs::path in = dir / "changing.mkv";
  media::testing::run_ffmpeg({"-r", "25", "-i", (dir / "ab.h264").string(), "-c", "copy", in.string()});
  for (const std::string strategy : {"single-core", "multiprocess-segments", "tbb-chunks", "piped-ffmpeg", "ffmpeg-filter", "opencv-videoio"}) {
    const fs::path out = dir / (strategy + ".mkv");
    testing::expect_one_line_error(testing::run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3",
                                                            "--encoder", "mpeg4", "--workers", "2"}),
                                   "changing.mkv: from packet 25 its frames are 160x120, but the video starts at 320x240; framebench "
                                   "takes videos of one frame size");
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
}

// Found 7 December 2026 by a sweep of codecs: VP9 clips of two sizes joined. Only decoding found
// the change, so the ffmpeg CLI's peers and OpenCV scaled the later frames and exited 0, and the
// chunked strategies named whichever frame of the new size their readers met first (72, 69).
TEST(ChangingFrameSize, IsFoundInVp9KeyFramesBeforeAnyStrategyRuns) {
  const ScratchDir dir("changing-size-vp9");
  for (const auto& [name, size] : {std::pair{"a.webm", "320x240"}, std::pair{"b.webm", "160x120"}})
    media::testing::run_ffmpeg({"-f", "lavfi", "-i", std::string("testsrc2=size=") + size + ":rate=25", "-frames:v", "50", "-c:v",
                                "libvpx-vp9", "-g", "25", "-deadline", "realtime", "-cpu-used", "8", (dir / name).string()});
  std::ofstream(dir / "parts.txt") << "file '" << (dir / "a.webm").string() << "'\nfile '" << (dir / "b.webm").string() << "'\n";
  const fs::path in = dir / "joined.webm";
  media::testing::run_ffmpeg({"-f", "concat", "-safe", "0", "-i", (dir / "parts.txt").string(), "-c", "copy", in.string()});
  for (const std::string strategy :
       {"single-core", "multiprocess-segments", "tbb-chunks", "piped-ffmpeg", "ffmpeg-filter", "ffmpeg-native", "opencv-videoio"}) {
    const bool opencv = strategy == "opencv-videoio";
    const fs::path out = dir / (strategy + (opencv ? ".avi" : ".mkv"));
    const auto r = testing::run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder",
                                            opencv ? "mpeg4" : "ffv1", "--workers", "2", "--segments", "5", "--split", "exact"});
    if (r.err.find("built without OpenCV") != std::string::npos) continue;
    testing::expect_one_line_error(r, "joined.webm: from packet 50 its frames are 160x120, but the video starts at 320x240");
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
}

// Found 7 December 2026 by a sweep of GOP structures: a stream copied from an open-GOP keyframe
// (an HEVC CRA) into MPEG-TS holds leading frames its decoder drops, and every strategy failed
// with "252 of the input's 254 frames were written" (exit 1). It is the input's limit, said in one
// line naming it, exit 2, nothing written.
TEST(OpenGopCut, IsBadInputForEveryStrategy) {
  const ScratchDir dir("open-gop-cut");
  const fs::path whole = dir / "whole.mp4", in = dir / "cut.ts";
  media::testing::make_cli_clip(whole, 160, 120, "25", 100,
                                {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                                 "keyint=24:min-keyint=24:open-gop=1:bframes=3:log-level=error"});
  media::testing::run_ffmpeg({"-ss", "2", "-i", whole.string(), "-c", "copy", in.string()});
  for (const std::string strategy : {"single-core", "multiprocess-segments", "tbb-chunks", "piped-ffmpeg", "ffmpeg-filter", "opencv-videoio"}) {
    const fs::path out = dir / (strategy + (strategy == "opencv-videoio" ? ".avi" : ".mkv"));
    const auto r = testing::run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder",
                                            strategy == "opencv-videoio" ? "mpeg4" : "ffv1", "--workers", "2", "--verify"});
    if (r.err.find("built without OpenCV") != std::string::npos) continue;
    testing::expect_one_line_error(r, "cut.ts: its video stream starts at an open-GOP keyframe, and the ");
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
}

// Found 7 December 2026 by a sweep of stream layouts: two clips of one size but other pixel
// formats joined into a transport stream. On the BGR24 path each frame is converted as it comes,
// but by OpenCV, which is refused (piped-ffmpeg's count of frames restarted with the CLI's new filter graph: "ffmpeg decoder ended
// after 0 of 20 frames", exit 1). The native path filters planes as they are, so it cannot take
// them: refused up front where the keyframe headers say so (H.264, VP9, MJPEG, PNG), else by the reader (JPEG-LS), in
// one line naming the input, exit 2 (it failed inside the filter with "PlanarFilter: plane 1 is
// 320x240x1 in, 160x120x1 out", exit 1).
TEST(ChangingPixelFormat, IsConvertedOnTheBgr24PathAndBadInputOnTheNativePath) {
  const ScratchDir dir("changing-format");
  // yuv420p, then yuv444p: transport streams joined byte for byte, Matroska files by the concat demuxer.
  const auto joined = [&](const std::string& name, const std::vector<std::string>& codec) {
    const std::string ext = fs::path(name).extension().string();
    const fs::path a = dir / ("a" + ext), b = dir / ("b" + ext), in = dir / name;
    // testsrc then testsrc2: piped-ffmpeg's second segment then starts at frame 30, after a cut whose
    // -ss lands short (the second clip's times restart), and its frames are counted from the start.
    for (const auto& [part, format, source] : {std::tuple{a, "yuv420p", "testsrc"}, std::tuple{b, "yuv444p", "testsrc2"}}) {
      std::vector<std::string> args = {"-f", "lavfi", "-i", std::string(source) + "=size=320x240:rate=25", "-frames:v", "25"};
      args.insert(args.end(), codec.begin(), codec.end());
      args.insert(args.end(), {"-pix_fmt", format, "-g", "12", part.string()});
      media::testing::run_ffmpeg(args);
    }
    if (ext == ".ts") {
      media::testing::run_ffmpeg({"-i", "concat:" + a.string() + "|" + b.string(), "-c", "copy", in.string()});
    } else {
      std::ofstream(dir / "parts.txt") << "file '" << a.string() << "'\nfile '" << b.string() << "'\n";
      media::testing::run_ffmpeg({"-f", "concat", "-safe", "0", "-i", (dir / "parts.txt").string(), "-c", "copy", in.string()});
    }
    return in;
  };
  const fs::path h264 = joined("h264.ts", {"-c:v", "libx264"});
  for (const std::string strategy : {"single-core", "multiprocess-segments", "in-memory", "tbb-pipeline", "tbb-chunks", "piped-ffmpeg",
                                     "ffmpeg-filter"}) {
    const fs::path out = dir / (strategy + "-bgr24.mkv");
    const auto r = testing::run_framebench({"process", h264.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder",
                                            "ffv1", "--workers", "2", "--verify"});
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_NE(r.out.find("verified ("), std::string::npos) << r.out;
    EXPECT_EQ(media::probe(out).frame_count, 50) << strategy;
  }
  // cv::VideoCapture converts every frame as the first (4.8 dB): refused up front.
  const auto opencv = testing::run_framebench({"process", h264.string(), (dir / "opencv.avi").string(), "--strategy", "opencv-videoio",
                                               "--kernel", "box3", "--encoder", "mpeg4"});
  if (opencv.err.find("built without OpenCV") == std::string::npos)
    testing::expect_one_line_error(opencv, "h264.ts: opencv-videoio cannot convert it: from packet 25 its frames are yuv444p");
  for (const std::string strategy : {"single-core", "multiprocess-segments", "tbb-chunks", "piped-ffmpeg", "ffmpeg-native"}) {
    const fs::path out = dir / (strategy + "-native.mkv");
    testing::expect_one_line_error(testing::run_framebench({"process", h264.string(), out.string(), "--strategy", strategy, "--kernel",
                                                            "box3", "--encoder", "ffv1", "--workers", "2", "--pixel-format", "native"}),
                                   "h264.ts: from packet 25 its frames are yuv444p, but the video starts as yuv420p; --pixel-format "
                                   "native takes videos of one pixel format");
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  // VP9 key frames say their format (since 7 December 2026, media::KeyframeShapes), and so do PNG
  // frames; JPEG-LS frames' headers are not read, and the reader refuses the first it meets.
  const fs::path vp9 = joined("vp9.mkv", {"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8"});
  const fs::path vp9_out = dir / "vp9-native.mkv";
  testing::expect_one_line_error(testing::run_framebench({"process", vp9.string(), vp9_out.string(), "--strategy", "ffmpeg-native",
                                                          "--kernel", "box3", "--encoder", "ffv1"}),
                                 "vp9.mkv: from packet 25 its frames are yuv444p, but the video starts as yuv420p; --pixel-format native "
                                 "takes videos of one pixel format");
  EXPECT_FALSE(fs::exists(vp9_out));
  for (const auto& [part, format] : {std::pair{"gray.mkv", "gray"}, std::pair{"rgb.mkv", "rgb24"}})
    media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "25", "-c:v", "jpegls", "-pix_fmt", format,
                                (dir / part).string()});
  std::ofstream(dir / "jpegls-parts.txt") << "file '" << (dir / "gray.mkv").string() << "'\nfile '" << (dir / "rgb.mkv").string() << "'\n";
  const fs::path jpegls = dir / "jpegls.mkv";
  media::testing::run_ffmpeg({"-f", "concat", "-safe", "0", "-i", (dir / "jpegls-parts.txt").string(), "-c", "copy", jpegls.string()});
  const fs::path out = dir / "jpegls-native.mkv";
  testing::expect_one_line_error(testing::run_framebench({"process", jpegls.string(), out.string(), "--strategy", "single-core", "--kernel",
                                                          "box3", "--encoder", "ffv1", "--pixel-format", "native"}),
                                 "jpegls.mkv: frame 25 is rgb24, but the video starts as gray; --pixel-format native takes videos of one "
                                 "pixel format");
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace framebench
