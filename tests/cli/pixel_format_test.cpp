// --pixel-format and matrix.pixel_format: every CPU strategy that filters the decoder's own
// planes verifies on the native path (bit for bit through a lossless encoder, ffmpeg-native by
// PSNR), the strategies that cannot say why rather than convert, and bad values, formats and
// encoders are one line and exit status 2 with nothing left behind.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::expect_one_line_error;
using testing::files_in;
using testing::run_framebench;

// yuv420p H.264 with B-frames and two GOPs, so segment strategies cut it.
fs::path yuv_clip(const ScratchDir& dir, const std::string& pix_fmt = "yuv420p", const std::string& name = "in.mp4") {
  const auto path = dir / name;
  const bool ffv1 = name.ends_with(".mkv");
  std::vector<std::string> argv = {"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x96:rate=25", "-frames:v", "24",
                                   "-pix_fmt", pix_fmt};
  if (ffv1) argv.insert(argv.end(), {"-c:v", "ffv1"});
  else argv.insert(argv.end(), {"-c:v", "libx264", "-g", "12", "-bf", "2"});
  argv.push_back(path.string());
  EXPECT_TRUE(run_capture(argv).status.ok());
  return path;
}

TEST(PixelFormat, EveryCpuStrategyVerifiesBitForBitOnTheNativePath) {
  const ScratchDir dir("pixel-format-test");
  const auto in = yuv_clip(dir);
  for (const char* strategy : {"single-core", "multiprocess-segments", "tbb-pipeline", "in-memory", "tbb-chunks", "piped-ffmpeg"}) {
    const auto out = dir / (std::string(strategy) + ".mkv");
    const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "gaussian5", "--encoder",
                                   "ffv1", "--workers", "2", "--pixel-format", "native", "--verify"});
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << strategy << ": " << r.out;
    // No conversion on either side: the output keeps the decoder's format.
    const auto probe = run_capture({"ffprobe", "-v", "error", "-show_entries", "stream=pix_fmt", "-of", "csv=p=0", out.string()});
    EXPECT_EQ(probe.out, "yuv420p\n") << strategy;
  }
}

TEST(PixelFormat, ExactSplitsAndLossyOutputsVerifyToo) {
  const ScratchDir dir("pixel-format-test");
  const auto in = yuv_clip(dir);
  const auto r = run_framebench({"process", in.string(), (dir / "o.mp4").string(), "--strategy", "multiprocess-segments", "--kernel",
                                 "box5", "--workers", "2", "--split", "exact", "--pixel-format", "native", "--verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("verified (psnr"), std::string::npos) << r.out;
}

TEST(PixelFormat, FfmpegNativeIsAPeerVerifiedByPsnrOnTheNativePathOnly) {
  const ScratchDir dir("pixel-format-test");
  const auto in = yuv_clip(dir);
  // Inside our border rule, at the default bar: bare avgblur, which shrinks its window at the
  // borders, gave 39 dB on a clip this small, and ffmpeg's convolution repeats the last row and
  // column at the bottom and right, where the reference reflects.
  const auto r = run_framebench({"process", in.string(), (dir / "peer.mkv").string(), "--strategy", "ffmpeg-native", "--kernel", "box5",
                                 "--encoder", "ffv1", "--pixel-format", "native", "--verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("verified (psnr"), std::string::npos) << r.out;
  for (const char* kernel : {"sharpen3", "gaussian5"}) {
    const auto exact = run_framebench({"process", in.string(), (dir / "peer.mkv").string(), "--strategy", "ffmpeg-native", "--kernel",
                                       kernel, "--encoder", "ffv1", "--verify"});
    ASSERT_EQ(exact.exit_code, 0) << kernel << ": " << exact.err;
    EXPECT_NE(exact.out.find("worst frame inf dB"), std::string::npos) << kernel << ": " << exact.out;
  }
  // Without --pixel-format it runs natively, the one way it can; asked for BGR24, it says why not.
  const auto native = run_framebench({"process", in.string(), (dir / "default.mkv").string(), "--strategy", "ffmpeg-native", "--kernel",
                                      "box5", "--encoder", "ffv1", "--verify"});
  ASSERT_EQ(native.exit_code, 0) << native.err;
  EXPECT_NE(native.out.find("verified (psnr"), std::string::npos) << native.out;
  const auto format = run_capture({"ffprobe", "-v", "error", "-show_entries", "stream=pix_fmt", "-of", "csv=p=0", (dir / "default.mkv").string()});
  EXPECT_EQ(format.out, "yuv420p\n") << "ffv1 keeps the decoder's planes on the native path (BGR24 would be bgr0)";
  expect_one_line_error(run_framebench({"process", in.string(), (dir / "bgr.mkv").string(), "--strategy", "ffmpeg-native", "--kernel",
                                        "box5", "--encoder", "ffv1", "--pixel-format", "bgr24"}),
                        "strategy 'ffmpeg-native' cannot run with pixel format bgr24: ffmpeg-native filters the decoder's own planes");
}

// An encoder that stores the input's layout as another (x264: nv12 as yuv420p) is refused before
// the job where the output is to be verified: it could never be checked against the input's
// planes (it was written whole, then did not verify, exit 1). Unverified, it is written.
TEST(PixelFormat, AnEncoderThatWouldStoreAnotherLayoutIsRefusedBeforeTheJob) {
  const ScratchDir dir("pixel-format-test");
  const auto in = dir / "nv12.nut";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "6", "-pix_fmt",
                           "nv12", "-c:v", "rawvideo", in.string()})
                  .status.ok());
  for (const char* strategy : {"single-core", "ffmpeg-native"})
    expect_one_line_error(run_framebench({"process", in.string(), (dir / "o.mkv").string(), "--strategy", strategy, "--kernel", "box5",
                                          "--encoder", "x264-ultrafast", "--pixel-format", "native", "--verify"}),
                          "nv12.nut: encoder 'x264-ultrafast' stores nv12 frames as yuv420p");
  EXPECT_EQ(files_in(dir.path()), 1u);  // nothing written, no temporary
  const auto unverified = run_framebench({"process", in.string(), (dir / "o.mkv").string(), "--strategy", "single-core", "--kernel", "box5",
                                          "--encoder", "x264-ultrafast", "--pixel-format", "native"});
  EXPECT_EQ(unverified.exit_code, 0) << unverified.err;
  EXPECT_TRUE(fs::exists(dir / "o.mkv"));
}

// Found 6 December 2026 by a correctness sweep: a full-range input's native output came out of
// .avi untagged, shown darker, without a word. Said where the output cannot keep the tags.
TEST(PixelFormat, ColourTagsAnOutputCannotKeepAreWarnedOf) {
  const ScratchDir dir("pixel-format-test");
  const auto in = dir / "full.mkv";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "6", "-pix_fmt",
                           "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-c:v", "ffv1", in.string()})
                  .status.ok());
  const auto process = [&](const std::string& output, const std::string& encoder) {
    return run_framebench({"process", in.string(), (dir / output).string(), "--strategy", "single-core", "--kernel", "box5", "--encoder",
                           encoder, "--pixel-format", "native", "--verify"});
  };
  const auto lost = process("o.avi", "mpeg4");
  EXPECT_EQ(lost.exit_code, 0) << lost.err;
  EXPECT_NE(lost.err.find("full.mkv is tagged colour space bt709, primaries bt709, transfer bt709; " + (dir / "o.avi").string() +
                          " will not record that"),
            std::string::npos) << lost.err;
  // MP4 writes all three or nothing (found 6 December 2026 by a correctness sweep: .mp4 was said to lose them).
  for (const auto& [output, encoder] : {std::pair{"o.mkv", "mpeg4"}, std::pair{"x.avi", "x264-ultrafast"}, std::pair{"o.mp4", "mpeg4"}}) {
    const auto kept = process(output, encoder);
    EXPECT_EQ(kept.exit_code, 0) << kept.err;
    EXPECT_EQ(kept.err.find("will not record"), std::string::npos) << output << ": " << kept.err;
    const auto probe = run_capture({"ffprobe", "-v", "error", "-show_entries", "stream=color_space,color_primaries", "-of", "csv=p=0",
                                    (dir / output).string()});
    EXPECT_EQ(probe.out.substr(0, 12), "bt709,bt709\n") << output;
  }
  // A range alone MP4 does not record.
  const auto range_only = dir / "range.mkv";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "6", "-pix_fmt",
                           "yuv420p", "-color_range", "pc", "-c:v", "ffv1", range_only.string()})
                  .status.ok());
  const auto range_lost = run_framebench({"process", range_only.string(), (dir / "r.mp4").string(), "--kernel", "box5", "--encoder",
                                          "mpeg4", "--pixel-format", "native"});
  EXPECT_EQ(range_lost.exit_code, 0) << range_lost.err;
  EXPECT_NE(range_lost.err.find("range.mkv is tagged range pc; " + (dir / "r.mp4").string() + " will not record that"), std::string::npos)
      << range_lost.err;
}

// Found 6 December 2026 by a hostile-input sweep: a BT.709 input's native MJPEG output records
// bt709 in Matroska, but libavcodec's MJPEG decoder reads every JPEG as BT.601 (ffprobe: bt470bg),
// so players showed it through the wrong matrix, without a word. Said in every container.
TEST(PixelFormat, AColourSpaceMjpegIsNotReadInIsWarnedOf) {
  const ScratchDir dir("pixel-format-test");
  const auto make = [&](const std::string& name, const std::vector<std::string>& tags) {
    std::vector<std::string> argv = {"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "6",
                                     "-pix_fmt", "yuvj420p"};
    argv.insert(argv.end(), tags.begin(), tags.end());
    argv.insert(argv.end(), {"-c:v", "libx264", (dir / name).string()});
    EXPECT_TRUE(run_capture(argv).status.ok());
    return dir / name;
  };
  const auto bt709 = make("bt709.mkv", {"-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"});
  const auto bt601 = make("bt601.mkv", {"-colorspace", "bt470bg"});
  const auto process = [&](const fs::path& in, const std::string& output, const std::string& encoder) {
    return run_framebench({"process", in.string(), (dir / output).string(), "--kernel", "box3", "--encoder", encoder, "--pixel-format",
                           "native", "--verify"});
  };
  for (const char* output : {"o.mkv", "o.avi"}) {
    const auto r = process(bt709, output, "mjpeg");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("bt709.mkv is tagged colour space bt709; " + (dir / output).string() + " will be shown through BT.601's matrix"),
              std::string::npos) << output << ": " << r.err;
  }
  for (const auto& [in, encoder] : {std::pair{bt601, "mjpeg"}, std::pair{bt709, "x264-ultrafast"}}) {
    const auto r = process(in, "kept.mkv", encoder);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("BT.601's matrix"), std::string::npos) << in << ", " << encoder << ": " << r.err;
  }
}

TEST(PixelFormat, StrategiesThatFilterBgrOnlySayWhyInsteadOfConverting) {
  const ScratchDir dir("pixel-format-test");
  const auto in = yuv_clip(dir);
  for (const char* strategy : {"opencv-videoio", "ffmpeg-filter"}) {
    const auto r = run_framebench({"process", in.string(), (dir / "o.mp4").string(), "--strategy", strategy, "--kernel", "box5",
                                   "--encoder", "mpeg4", "--pixel-format", "native"});
    if (r.err.find("is unavailable here") != std::string::npos) continue;  // built without OpenCV
    expect_one_line_error(r, fmt::format("strategy '{}' cannot run with pixel format native: {} filters BGR24 frames only", strategy,
                                         strategy));
  }
  EXPECT_EQ(files_in(dir.path()), 1u);  // nothing written, no temporary
}

TEST(PixelFormat, BadValuesFormatsAndEncodersAreOneLineAndExitTwo) {
  const ScratchDir dir("pixel-format-test");
  const auto in = yuv_clip(dir);
  const auto out = (dir / "o.mp4").string();
  expect_one_line_error(run_framebench({"process", in.string(), out, "--kernel", "box5", "--pixel-format", "nativ"}),
                        "--pixel-format: unknown pixel format 'nativ' (did you mean 'native'?); known: bgr24, native");
  expect_one_line_error(run_framebench({"process", in.string(), out, "--kernel", "box5", "--pixel-format", "native", "--encoder",
                                        "x264rgb-lossless"}),
                        "pixel format native needs an encoder that takes the input's yuv420p unconverted; encoder 'x264rgb-lossless'");
  const auto deep = yuv_clip(dir, "yuv420p10le", "deep.mkv");
  expect_one_line_error(run_framebench({"process", deep.string(), (dir / "o.mkv").string(), "--kernel", "box5", "--encoder", "ffv1",
                                        "--pixel-format", "native"}),
                        "deep.mkv: pixel format native cannot filter yuv420p10le as it is: it has 10-bit samples");
  EXPECT_EQ(files_in(dir.path()), 2u);  // the two inputs

  std::ofstream(dir / "bad.toml") << "name = \"bad\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\n"
                                     "kernel = [\"box5\"]\npixel_format = [\"bgr24\", \"yuv\"]\n";
  expect_one_line_error(run_framebench({"run", (dir / "bad.toml").string(), "--list-cases"}), "matrix.pixel_format[1]");
  expect_one_line_error(run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--list-cases", "--pixel-format", "rgb"}),
                        "--pixel-format: unknown pixel format 'rgb'");
}

TEST(PixelFormat, RunKeepsTheTwoPathsApartInNamesAndResults) {
  const ScratchDir dir("pixel-format-test");
  std::ofstream(dir / "both.toml") << "name = \"both\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                      "strategy = [\"single-core\", \"ffmpeg-native\"]\nkernel = [\"box5\"]\n"
                                      "pixel_format = [\"bgr24\", \"native\"]\n"
                                      // The tiny clip through x264 loses about 30 dB either way; the
                                      // test is about names and paths, not this clip's quality.
                                      "[verify]\nmin_psnr_db = 25\n";
  const auto results = dir / "r.json";
  const auto r = run_framebench({"run", (dir / "both.toml").string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto json = nlohmann::json::parse(std::ifstream(results));
  std::set<std::string> verified;
  for (const auto& b : json.at("benchmarks"))
    if (b.value("verified", 0.0) == 1.0) verified.insert(b.at("name").get<std::string>().substr(0, b.at("name").get<std::string>().find("/iterations")));
  const auto name = [](const char* strategy, int workers) {
    return fmt::format("e2e/strategy:{}/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:{}", strategy, workers);
  };
  EXPECT_TRUE(verified.contains(name("single-core", 1))) << r.out;
  EXPECT_TRUE(verified.contains(name("single-core", 1) + "/pixel_format:native")) << r.out;
  EXPECT_TRUE(verified.contains(name("ffmpeg-native", 0) + "/pixel_format:native")) << r.out;
  EXPECT_EQ(verified.size(), 3u) << r.out;  // ffmpeg-native on BGR24 is listed as unavailable, not run
}

TEST(PixelFormat, TbbRowBandsFilterEachPlaneInBands) {
  const ScratchDir dir("pixel-format-test");
  std::ofstream(dir / "bands.toml") << "name = \"bands\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                       "strategy = [\"tbb-pipeline\"]\nkernel = [\"gaussian5\"]\nencoder = [\"ffv1\"]\nworkers = [2]\n"
                                       "pixel_format = \"native\"\n[options]\nrow_bands = true\n";
  const auto results = dir / "r.json";
  const auto r = run_framebench({"run", (dir / "bands.toml").string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int cases = 0;
  const auto json = nlohmann::json::parse(std::ifstream(results));
  for (const auto& b : json.at("benchmarks")) {
    if (b.at("run_type") != "iteration") continue;
    EXPECT_NE(b.at("name").get<std::string>().find("/pixel_format:native"), std::string::npos);
    EXPECT_EQ(b.at("verified").get<double>(), 1) << b.dump();  // exact: ffv1 is lossless
    ++cases;
  }
  EXPECT_EQ(cases, 1);
}

}  // namespace
}  // namespace framebench
