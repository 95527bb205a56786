// Every CPU strategy, end to end, on the clips the talk's scripts got wrong: frame counts not
// divisible by the segment count, one frame, one keyframe, B-frames, odd sizes, MPEG-4 in AVI.
// Each output must verify against the reference and keep the input's frame count and duration.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <map>
#include <tuple>
#include <iterator>
#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/probe.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/media/real_world_clips.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using media::testing::make_cli_clip;
using testing::run_framebench;

struct Clip {
  const char* name;
  const char* file;
  int width, height;
  const char* rate;
  int frames;
  std::vector<std::string> codec_args;
  const char* source = "testsrc2";
  bool shown_turned = false;  // a display matrix of 90 degrees, set after encoding (as ffmpeg only sets it on a copy)
};

const std::vector<Clip>& clips() {
  static const std::vector<Clip> all = {
      // 37 frames with a keyframe every 10: neither 2 nor 3 segments divide it.
      {"indivisible", "indivisible.mp4", 96, 64, "25", 37, {"-c:v", "libx264", "-g", "10", "-bf", "0"}},
      {"single_frame", "single.mkv", 96, 64, "25", 1, {"-c:v", "libx264"}},
      // One keyframe at the start: keyframe splits cannot cut it; exact splits decode from frame 0.
      {"one_keyframe", "one_keyframe.mp4", 96, 64, "25", 30,
       {"-c:v", "libx264", "-g", "1000", "-keyint_min", "1000", "-sc_threshold", "0"}},
      // B-frames reorder decode and presentation order.
      {"b_frames", "b_frames.mp4", 96, 64, "24000/1001", 31, {"-c:v", "libx264", "-preset", "medium", "-bf", "3", "-g", "12"}},
      // testsrc keeps odd sizes (testsrc2 rounds them down).
      {"odd_size", "odd.mkv", 171, 97, "30000/1001", 29, {"-c:v", "libx264", "-g", "8", "-pix_fmt", "yuv444p"}, "testsrc"},
      {"mpeg4_avi", "mpeg4.avi", 96, 64, "25", 26, {"-c:v", "mpeg4", "-g", "12", "-q:v", "3"}},
      // Shown turned by 90 degrees (a display matrix, as phones write): filtered as stored. The ffmpeg
      // CLI turned it, and piped-ffmpeg read its 64x96 frames as 96x64 noise (found 5 December 2026
      // by a hostile-input sweep); cv::VideoCapture turned it and its writer dropped every frame.
      {"rotated", "rotated.mp4", 96, 64, "25", 20, {"-c:v", "libx264", "-g", "10"}, "testsrc2", true},
      // Pixels twice as wide as high: the output must be shown as wide (found 5 December 2026 by
      // a hostile-input sweep: every output but ffmpeg-filter's had square pixels).
      {"wide_pixels", "wide_pixels.mkv", 96, 64, "25", 20, {"-vf", "setsar=2", "-c:v", "libx264", "-g", "10"}},
  };
  return all;
}

class AwkwardClips : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {
 public:
  static void SetUpTestSuite() { dir_ = new ScratchDir("strategies-clips"); }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

 protected:
  // Clip `c`, made on first use in this process: ctest runs each test in a process of its own,
  // where making every clip up front took 1.2 s of a 1.9 s test.
  static fs::path clip_file(const Clip& c) {
    const fs::path file = dir_->path() / c.file;
    if (fs::exists(file)) return file;
    const fs::path made = c.shown_turned ? dir_->path() / ("unturned-" + std::string(c.file)) : file;
    make_cli_clip(made, c.width, c.height, c.rate, c.frames, c.codec_args, c.source);
    if (c.shown_turned) media::testing::run_ffmpeg({"-i", made.string(), "-c", "copy", "-metadata:s:v:0", "rotate=90", file.string()});
    return file;
  }

 private:
  static ScratchDir* dir_;
};
ScratchDir* AwkwardClips::dir_ = nullptr;

struct Variant {
  std::string strategy;
  std::vector<std::string> flags;  // besides the kernel
  std::string encoder = "ffv1";
  std::string extension = "mkv";
  bool even_sizes_only = false;  // a 4:2:0 output: odd sizes must be refused up front
  bool keeps_aspect = true;      // cv::VideoWriter cannot be told the pixel aspect
};

// Each strategy as a user would run it, with 3 workers on this machine's 2 cores, so segment
// strategies cut 3 segments; both split modes for the segment strategies.
const std::map<std::string, Variant>& variants() {
  static const std::map<std::string, Variant> all = {
      {"single-core", {"single-core", {}}},
      {"multiprocess-keyframe", {"multiprocess-segments", {"--workers", "3", "--split", "keyframe"}}},
      {"multiprocess-exact", {"multiprocess-segments", {"--workers", "3", "--split", "exact"}}},
      // H.264 with B-frames in parts joined by stream copy: timestamps must stay monotonic.
      // 4:2:0 on a small test pattern loses much colour: PSNR 24 dB as in configs/ci.toml.
      {"multiprocess-x264-medium",
       {"multiprocess-segments", {"--workers", "3", "--split", "exact", "--min-psnr", "24"}, "x264-medium", "mp4", true}},
      {"in-memory-keyframe", {"in-memory", {"--workers", "3", "--split", "keyframe"}}},
      {"in-memory-exact", {"in-memory", {"--workers", "3", "--split", "exact"}}},
      {"tbb-chunks-keyframe", {"tbb-chunks", {"--workers", "3", "--split", "keyframe"}}},
      {"tbb-chunks-exact", {"tbb-chunks", {"--workers", "3", "--split", "exact"}}},
      {"piped-ffmpeg", {"piped-ffmpeg", {"--workers", "3", "--split", "exact"}}},
      {"tbb-pipeline", {"tbb-pipeline", {"--workers", "2"}}},
      {"opencv-videoio", {"opencv-videoio", {"--workers", "2", "--min-psnr", "24"}, "mpeg4", "avi", true, false}},
      {"ffmpeg-filter", {"ffmpeg-filter", {"--workers", "2"}}},
  };
  return all;
}

// The container's own duration, as ffprobe reads it (independent of our probe).
double container_duration_s(const fs::path& file) {
  return std::stod(media::testing::run_ffprobe({"-show_entries", "format=duration", "-of", "default=nw=1:nk=1", file.string()}));
}

double rate_of(const std::string& rate) {
  const auto slash = rate.find('/');
  return slash == std::string::npos ? std::stod(rate) : std::stod(rate.substr(0, slash)) / std::stod(rate.substr(slash + 1));
}

TEST_P(AwkwardClips, OutputVerifiesWithExactFrameCountAndDuration) {
  const auto& [variant_name, clip_name] = GetParam();
  const Variant& v = variants().at(variant_name);
  const Clip* clip = nullptr;
  for (const Clip& c : clips())
    if (c.name == clip_name) clip = &c;
  ASSERT_NE(clip, nullptr);

  ScratchDir out_dir("strategies-out");
  ScratchDir tmp("strategies-tmp");  // the strategies' scratch: must be empty afterwards
  const fs::path in = clip_file(*clip);
  const fs::path out = out_dir / ("out." + v.extension);
  std::vector<std::string> args = {"process", in.string(), out.string(), "--strategy", v.strategy, "--kernel", "box5",
                                   "--encoder", v.encoder, "--verify"};
  args.insert(args.end(), v.flags.begin(), v.flags.end());
  const auto r = run_framebench(args, {"TMPDIR=" + tmp.path().string()});
  if (v.even_sizes_only && (clip->width % 2 || clip->height % 2)) {
    testing::expect_one_line_error(r, fmt::format("{}x{}", clip->width, clip->height));
    EXPECT_TRUE(fs::is_empty(out_dir.path())) << "a refused job wrote something";
    EXPECT_TRUE(fs::is_empty(tmp.path()));
    return;
  }
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("verified ("), std::string::npos) << r.out;

  const auto out_info = media::probe(out);
  EXPECT_EQ(out_info.frame_count, clip->frames);
  EXPECT_EQ(out_info.width, clip->width);
  EXPECT_EQ(out_info.height, clip->height);
  const double fps = rate_of(clip->rate);
  EXPECT_NEAR(container_duration_s(out), clip->frames / fps, 0.5 / fps);
  if (v.keeps_aspect) {
    const auto want = media::probe(in).presentation.sample_aspect, got = out_info.presentation.sample_aspect;
    EXPECT_EQ(got, want) << "pixel aspect " << got.num << "/" << got.den << ", the input's " << want.num << "/" << want.den;
  }
  EXPECT_TRUE(fs::is_empty(tmp.path())) << "scratch left behind in " << tmp.path();
  EXPECT_EQ(std::distance(fs::directory_iterator(out_dir.path()), fs::directory_iterator()), 1) << "temporaries left beside the output";
}

// Each strategy processes `in` with --verify into dir/<strategy><suffix>.mkv, verified exactly.
void expect_each_verifies_exactly(const fs::path& in, const ScratchDir& dir, std::initializer_list<const char*> strategies,
                                  const std::vector<std::string>& options, const std::string& suffix = "") {
  for (const char* strategy : strategies) {
    std::vector<std::string> args{"process", in.string(), (dir / (strategy + suffix + ".mkv")).string(), "--strategy", strategy,
                                  "--kernel", "box3", "--encoder", "ffv1", "--verify"};
    args.insert(args.end(), options.begin(), options.end());
    const auto r = run_framebench(args);
    EXPECT_EQ(r.exit_code, 0) << strategy << suffix << ": " << r.err;
    EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << strategy << suffix << ": " << r.out;
  }
}

// Found 5 December 2026 by a hostile-input sweep: a pal8 rawvideo AVI failed in every strategy that
// cuts chunks ("decoder did not restart where the input's keyframes say", exit 1): only the first
// packet carries the palette. Those strategies now refuse it up front; the others take it whole.
TEST(PalettedInput, IsTakenWholeOrRefusedUpFront) {
  const ScratchDir dir("strategies-pal8");
  const fs::path in = dir / "pal8.avi";
  make_cli_clip(in, 96, 64, "25", 30, {"-pix_fmt", "pal8", "-c:v", "rawvideo"}, "testsrc");
  expect_each_verifies_exactly(in, dir, {"single-core", "tbb-pipeline", "piped-ffmpeg"}, {});
  for (const char* strategy : {"tbb-chunks", "multiprocess-segments", "in-memory"}) {
    const fs::path out = dir / (std::string(strategy) + ".mkv");
    testing::expect_one_line_error(
        run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder", "ffv1"}),
        fmt::format("strategy '{}' cannot cut a paletted (pal8) video into chunks", strategy));
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  // PNG frames each carry their palette: cut anywhere, and converted without a matrix (found
  // 6 December 2026 by a correctness sweep: refused by the chunking strategies and, tagged full
  // range, by opencv-videoio).
  const fs::path png = dir / "pal8-png.mkv";
  make_cli_clip(png, 96, 64, "25", 30, {"-pix_fmt", "pal8", "-c:v", "png"}, "testsrc");
  expect_each_verifies_exactly(png, dir, {"tbb-chunks", "multiprocess-segments", "in-memory"}, {"--segments", "3"}, "-png");
  const auto opencv = run_framebench({"process", png.string(), (dir / "opencv-png.avi").string(), "--strategy", "opencv-videoio", "--kernel",
                                      "box3", "--encoder", "mjpeg", "--verify"});
  EXPECT_EQ(opencv.exit_code, 0) << opencv.err;
  EXPECT_NE(opencv.out.find("verified (psnr"), std::string::npos) << opencv.out;
}

// Found 7 December 2026 by a review: an XviD AVI with B-frames (two pictures in some packets)
// failed every chunked strategy, exit 1. They now refuse it up front naming the unpacking that
// fixes it, which they then take; the strategies that decode from the start take it as it is.
TEST(PackedBFrames, AreTakenWholeOrRefusedUpFrontNamingTheFix) {
  const ScratchDir dir("strategies-packed");
  const fs::path in = dir / "xvid.avi";
  if (media::testing::run_ffprobe({"-encoders"}).find("libxvid") == std::string::npos) GTEST_SKIP() << "this ffmpeg has no libxvid";
  make_cli_clip(in, 160, 96, "25", 60, {"-c:v", "libxvid", "-bf", "2", "-g", "24"});
  ASSERT_TRUE(media::probe(in).packed_pictures);
  expect_each_verifies_exactly(in, dir, {"single-core", "tbb-pipeline", "piped-ffmpeg"}, {});
  const fs::path unpacked = dir / "unpacked.avi";
  media::testing::run_ffmpeg({"-i", in.string(), "-c", "copy", "-bsf:v", "mpeg4_unpack_bframes", unpacked.string()});
  for (const char* strategy : {"tbb-chunks", "multiprocess-segments", "in-memory"}) {
    const fs::path out = dir / (std::string(strategy) + ".mkv");
    testing::expect_one_line_error(
        run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder", "ffv1"}),
        fmt::format("strategy '{}' cannot cut it into chunks: its MPEG-4 packs two pictures into some packets", strategy));
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  expect_each_verifies_exactly(unpacked, dir, {"tbb-chunks", "multiprocess-segments", "in-memory"}, {"--segments", "3"}, "-unpacked");
}

// A join places frame i at i / rate, rounded once, as the writers do: the part's start and its own
// offset, each rounded to Matroska's milliseconds, put frames a tick off single-core's (found
// 6 December 2026 by a correctness sweep: at 30000/1001 fps, frame 17 at 568 ms against 567). At
// the input's rate, not the part's estimate of it, and each frame lasting until the next begins,
// so that the output is as long as the input (found 7 December 2026 by a sweep of timing: an MP4
// with 600 ticks a second, 36000/1201 fps, had frame 18 at 600 ms where single-core writes 601;
// at 24000/1001 the joined outputs were 2.001 s long, the input and single-core's 2.002 s).
TEST(JoinedOutputs, PlaceEveryFrameWhereSingleCorePlacesIt) {
  const ScratchDir dir("strategies-join-times");
  make_cli_clip(dir / "ntsc.mp4", 128, 96, "30000/1001", 45, {"-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "15"}, "testsrc2");
  make_cli_clip(dir / "coarse.mp4", 128, 96, "30000/1001", 60,
                {"-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "6", "-video_track_timescale", "600"}, "testsrc2");
  make_cli_clip(dir / "film.mkv", 128, 96, "24000/1001", 48, {"-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "6"}, "testsrc2");
  const auto times = [](const fs::path& file) {
    return run_capture({"ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts,duration:format=duration", "-of",
                        "csv=p=0", file.string()})
        .out;
  };
  const auto duration = [](const fs::path& file) {
    return run_capture({"ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.string()}).out;
  };
  for (const char* input : {"ntsc.mp4", "coarse.mp4", "film.mkv"}) {
    const fs::path in = dir / input;
    const auto written = [&](const std::string& strategy) {
      const fs::path out = dir / (strategy + ".mkv");
      const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder", "ffv1",
                                     "--workers", "2", "--segments", "3", "--split", "exact"});
      EXPECT_EQ(r.exit_code, 0) << input << " " << strategy << ": " << r.err;
      return out;
    };
    const fs::path single = written("single-core");
    const std::string single_times = times(single);
    ASSERT_FALSE(single_times.empty());
    EXPECT_EQ(duration(single), duration(in)) << input;
    for (const char* strategy : {"multiprocess-segments", "piped-ffmpeg", "in-memory", "tbb-chunks"})
      EXPECT_EQ(times(written(strategy)), single_times) << input << " " << strategy;
  }
}

// Odd 4:2:0 sizes: FFV1, MPEG-4 and MJPEG code the last column and row, on either path; x264
// cannot, and says so before the job (all were refused alike until 5 December 2026, when a
// hostile-input sweep found FFV1 refusing the 175x97 clip it had made). ffmpeg-native is refused
// there: ffmpeg's pad drops the last column and row.
TEST(OddSizes, EncodersThatCodeTheLastColumnTakeThemOnEitherPath) {
  const ScratchDir dir("strategies-odd");
  const fs::path in = dir / "odd.mkv";
  make_cli_clip(in, 175, 97, "25", 12, {"-pix_fmt", "yuv420p", "-c:v", "ffv1", "-g", "4"}, "testsrc");
  for (const char* strategy : {"single-core", "tbb-pipeline", "multiprocess-segments", "in-memory", "piped-ffmpeg"})
    for (const auto& [encoder, path, output] : {std::tuple{"mpeg4", "bgr24", "o.avi"}, {"mjpeg", "bgr24", "o.mkv"}, {"ffv1", "native", "o.mkv"},
                                                {"mpeg4", "native", "o.avi"}}) {
      const auto r = run_framebench({"process", in.string(), (dir / output).string(), "--strategy", strategy, "--kernel", "box5", "--encoder",
                                     encoder, "--pixel-format", path, "--workers", "2", "--verify"});
      EXPECT_EQ(r.exit_code, 0) << strategy << " " << encoder << " " << path << ": " << r.err;
      EXPECT_NE(r.out.find("verified ("), std::string::npos) << r.out;
      EXPECT_EQ(media::probe(dir / output).width, 175) << strategy << " " << encoder;
    }
  testing::expect_one_line_error(run_framebench({"process", in.string(), (dir / "x.mp4").string(), "--strategy", "single-core", "--kernel",
                                                 "box5", "--encoder", "x264-ultrafast"}),
                                 "encoder 'x264-ultrafast' cannot take 175x97 frames: yuv420p needs a width divisible by 2");
  testing::expect_one_line_error(run_framebench({"process", in.string(), (dir / "n.mkv").string(), "--strategy", "ffmpeg-native", "--kernel",
                                                 "box5", "--encoder", "ffv1"}),
                                 "ffmpeg-native cannot keep the border rule on 175x97 yuv420p frames");
}

// Frames with a plane under 3 pixels through FFV1, on both paths and through the CLI's encoder
// (piped-ffmpeg) too: FFV1 version 3 refused 3x3 yuv420p (its 2x2 chroma) with exit 1 and, in
// the CLI, wrote 2x2 frames as zeros with exit 0 (found 5 December 2026 by a hostile-input sweep).
TEST(TinyFrames, GoThroughFfv1ExactlyOnEitherPath) {
  const ScratchDir dir("strategies-tiny");
  for (const auto& [size, name] : {std::pair{"3x3", "three.mkv"}, {"2x2", "two.mkv"}}) {
    ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", std::string("testsrc=size=") + size + ":rate=10", "-frames:v",
                             "2", "-c:v", "ffv1", "-pix_fmt", "yuv420p", (dir / name).string()})
                    .status.ok());
    for (const char* strategy : {"single-core", "piped-ffmpeg"})
      for (const char* path : {"bgr24", "native"}) {
        const auto r = run_framebench({"process", (dir / name).string(), (dir / "o.mkv").string(), "--strategy", strategy, "--kernel",
                                       "box3", "--encoder", "ffv1", "--pixel-format", path, "--verify"});
        EXPECT_EQ(r.exit_code, 0) << size << " " << strategy << " " << path << ": " << r.err;
        EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << r.out;
      }
  }
}

// Parts of unequal reorder depth joined in memory: a two-frame part has no B-frame, the next
// three-frame part has; the join takes the stream's declared depth (x264's through libavcodec,
// x265's from its headers), not the first packet's (found 5 December 2026 by a hostile-input
// sweep: "would decode after it is shown"). In MPEG-TS, which keeps no global header, x265's
// headers come in band in the first packet (found 6 December 2026: the same error into .ts).
TEST(InMemoryJoin, PartsWithAndWithoutBFramesJoin) {
  const ScratchDir dir("strategies-join");
  const fs::path in = dir / "seven.mkv";
  make_cli_clip(in, 176, 144, "10", 7, {"-c:v", "ffv1", "-g", "2", "-pix_fmt", "yuv420p"}, "testsrc");
  for (const char* strategy : {"tbb-chunks", "in-memory"})
    for (const auto& [encoder, output] : {std::pair{"x264-medium", "o.mp4"}, {"x265-ultrafast", "o.mkv"}, {"x265-ultrafast", "o.ts"}}) {
      const auto r = run_framebench({"process", in.string(), (dir / output).string(), "--strategy", strategy, "--kernel", "box3",
                                     "--encoder", encoder, "--segments", "3", "--verify"});
      EXPECT_EQ(r.exit_code, 0) << strategy << " " << encoder << ": " << r.err;
      EXPECT_NE(r.out.find("verified (psnr"), std::string::npos) << r.out;
    }
}

// Found 5 December 2026 by a hostile-input sweep: an input stamping two frames alike (a capture at
// twice its tagged rate) failed mid-job in every strategy writing .mp4, .avi, .nut or .ts, or
// with mpeg4 or mjpeg ("write: Invalid argument", exit 1). Only Matroska from x264, x265 or FFV1
// holds it; the rest is refused up front.
TEST(EqualTimes, AreKeptInMatroskaAndRefusedUpFrontElsewhere) {
  const ScratchDir dir("strategies-equal-times");
  const fs::path in = dir / "twins.mkv";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "20", "-vf", "setpts=floor(N/2)*2/25/TB",
                              "-fps_mode", "passthrough", "-c:v", "ffv1", in.string()});
  for (const char* strategy : {"single-core", "multiprocess-segments", "piped-ffmpeg"}) {
    const auto r = run_framebench({"process", in.string(), (dir / (std::string(strategy) + ".mkv")).string(), "--strategy", strategy,
                                   "--kernel", "box3", "--encoder", "x264-ultrafast", "--verify"});
    EXPECT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_EQ(media::probe(dir / (std::string(strategy) + ".mkv")).frame_pts, media::probe(in).frame_pts) << strategy;
  }
  for (const auto& [encoder, output] : {std::pair{"x264-ultrafast", "out.mp4"}, std::pair{"mpeg4", "out.mkv"}}) {
    testing::expect_one_line_error(
        run_framebench({"process", in.string(), (dir / output).string(), "--kernel", "box3", "--encoder", encoder}),
        "frames 0 and 1 are both shown at 0.000 s");
    EXPECT_FALSE(fs::exists(dir / output));
  }
}

// Found 5 December 2026 by a hostile-input sweep: the native path's outputs were untagged, so a
// full-range BT.709 input's output was read as limited-range BT.601 and shown in other colours
// (its top-left pixel 104,9,203 where the input's is 128,0,255).
TEST(NativePath, OutputsKeepTheInputsColourTags) {
  const ScratchDir dir("strategies-colour-tags");
  const fs::path in = dir / "full_range_709.mkv";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "20", "-vf", "scale=out_range=pc",
                              "-pix_fmt", "yuv420p", "-color_range", "pc", "-colorspace", "bt709", "-color_primaries", "bt709",
                              "-color_trc", "bt709", "-c:v", "ffv1", in.string()});
  const media::Presentation want = media::probe(in).presentation;
  ASSERT_EQ(want.color_range, 2) << "full range (AVCOL_RANGE_JPEG)";
  ASSERT_EQ(want.color_space, 1) << "BT.709 (AVCOL_SPC_BT709)";
  for (const char* strategy : {"single-core", "tbb-pipeline", "tbb-chunks", "multiprocess-segments", "in-memory", "piped-ffmpeg"}) {
    const fs::path out = dir / (std::string(strategy) + ".mkv");
    const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder", "ffv1",
                                   "--pixel-format", "native", "--verify"});
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    const media::Presentation got = media::probe(out).presentation;
    EXPECT_EQ(got.color_range, want.color_range) << strategy;
    EXPECT_EQ(got.color_space, want.color_space) << strategy;
    EXPECT_EQ(got.color_primaries, want.color_primaries) << strategy;
    EXPECT_EQ(got.color_trc, want.color_trc) << strategy;
  }
  // RGB's colour space: "gbr" to libavutil, which the ffmpeg CLI refused (found 5 December 2026 by
  // a correctness sweep: piped-ffmpeg failed with exit 1).
  const fs::path rgb = dir / "rgb.mkv";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x36:rate=25", "-frames:v", "8", "-pix_fmt", "bgra", "-c:v", "ffv1", rgb.string()});
  ASSERT_EQ(media::probe(rgb).presentation.color_space, 0) << "RGB (AVCOL_SPC_RGB)";
  const auto piped = run_framebench({"process", rgb.string(), (dir / "rgb-out.mkv").string(), "--strategy", "piped-ffmpeg", "--kernel", "box3",
                                     "--encoder", "ffv1", "--pixel-format", "native", "--verify"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(media::probe(dir / "rgb-out.mkv").presentation.color_space, 0);
}

// Found 7 December 2026 by a colour sweep: BGR24-path outputs were untagged, so a BT.709 input's
// output lost its primaries and transfer, and a player that takes untagged HD video for BT.709
// showed its BT.601 samples through the wrong matrix. Each output now says what it holds: the
// input's primaries and transfer, the matrix and range the conversion from BGR24 wrote.
TEST(BgrPath, OutputsAreTaggedWithTheMatrixWrittenAndTheInputsPrimaries) {
  const ScratchDir dir("strategies-bgr-tags");
  const fs::path in = dir / "bt709.mp4";
  make_cli_clip(in, 96, 64, "25", 12, {"-c:v", "libx264", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"});
  ASSERT_EQ(media::probe(in).presentation.color_space, 1) << "BT.709 (AVCOL_SPC_BT709)";
  struct Written {
    const char* encoder;
    const char* extension;
    int range, space;  // AVColorRange, AVColorSpace
  };
  for (const Written w : {Written{"x264-ultrafast", ".mp4", 1, 6}, Written{"mpeg4", ".mkv", 1, 6}, Written{"ffv1", ".mkv", 2, 0}})
    for (const char* strategy : {"single-core", "tbb-pipeline", "tbb-chunks", "multiprocess-segments", "in-memory", "piped-ffmpeg"}) {
      const fs::path out = dir / (std::string(strategy) + "-" + w.encoder + w.extension);
      const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder",
                                     w.encoder, "--verify"});
      ASSERT_EQ(r.exit_code, 0) << strategy << " " << w.encoder << ": " << r.err;
      const media::Presentation got = media::probe(out).presentation;
      EXPECT_EQ(got.color_range, w.range) << strategy << " " << w.encoder;
      EXPECT_EQ(got.color_space, w.space) << strategy << " " << w.encoder;
      EXPECT_EQ(got.color_primaries, 1) << strategy << " " << w.encoder;
      EXPECT_EQ(got.color_trc, 1) << strategy << " " << w.encoder;
    }
  // A container that keeps none of them is written with a warning, as on the native path (found
  // 7 December 2026 by a review).
  const auto avi = run_framebench({"process", in.string(), (dir / "out.avi").string(), "--kernel", "box3", "--encoder", "ffv1"});
  ASSERT_EQ(avi.exit_code, 0) << avi.err;
  EXPECT_NE(avi.err.find("warning: " + in.string() + " is tagged primaries bt709, transfer bt709; " + (dir / "out.avi").string() +
                         " will not record that"),
            std::string::npos)
      << avi.err;
  const auto mkv = run_framebench({"process", in.string(), (dir / "out.mkv").string(), "--kernel", "box3", "--encoder", "ffv1"});
  ASSERT_EQ(mkv.exit_code, 0) << mkv.err;
  EXPECT_EQ(mkv.err.find("is tagged"), std::string::npos) << mkv.err;
}

// Found 7 December 2026 by a colour sweep: libswscale converted a YCgCo clip as BT.601 without a
// word (its green bars purple), and the reference, made the same way, verified it exactly. The
// BGR24 path refuses what it cannot convert; the native path takes it.
TEST(BgrPath, AColourSpaceItCannotConvertIsRefusedUpFront) {
  const ScratchDir dir("strategies-bgr-ycgco");
  const fs::path in = dir / "ycgco.mkv";
  make_cli_clip(in, 64, 48, "25", 6, {"-pix_fmt", "yuv444p", "-colorspace", "ycgco", "-c:v", "ffv1"});
  ASSERT_EQ(media::probe(in).presentation.color_space, 8) << "YCgCo (AVCOL_SPC_YCGCO)";
  for (const char* strategy : {"single-core", "piped-ffmpeg", "ffmpeg-filter"}) {
    const fs::path out = dir / (std::string(strategy) + ".mkv");
    const auto refused =
        run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder", "ffv1"});
    testing::expect_one_line_error(refused, "ycgco.mkv: its colour space ycgco has no conversion to BGR24 here");
    // The way on, for a strategy that has none (found 7 December 2026 by a sweep of mpi-segments).
    const bool takes_native = std::string(strategy) != "ffmpeg-filter";
    EXPECT_NE(refused.err.find(takes_native ? "; --pixel-format native filters its planes as they are"
                                            : "; --pixel-format native (which ffmpeg-filter does not take) with another strategy"),
              std::string::npos)
        << refused.err;
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  const auto native = run_framebench({"process", in.string(), (dir / "native.mkv").string(), "--kernel", "box3", "--encoder", "ffv1",
                                      "--pixel-format", "native", "--verify"});
  EXPECT_EQ(native.exit_code, 0) << native.err;
}

// Found 6 December 2026 by a hostile-input sweep: the same full-range planes were refused by FFV1
// and MPEG-4 spelled yuvj420p (H.264's decoder), and by x264 and MJPEG under --verify spelled
// yuv420p tagged full range (FFV1's). Either spelling is taken now, into the same output, which
// records full range.
TEST(NativePath, AFullRangeInputIsTakenHoweverItIsSpelled) {
  const ScratchDir dir("strategies-full-range-spelling");
  const fs::path spelt_j = dir / "yuvj420p.mkv", tagged = dir / "tagged.mkv", planes = dir / "planes.yuv";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "6", "-pix_fmt", "yuvj420p", "-c:v",
                              "libx264", "-qp", "0", spelt_j.string()});
  media::testing::run_ffmpeg({"-i", spelt_j.string(), "-f", "rawvideo", planes.string()});  // yuvj420p's planes, as they are
  media::testing::run_ffmpeg({"-f", "rawvideo", "-pix_fmt", "yuv420p", "-color_range", "pc", "-video_size", "64x48", "-framerate", "25",
                              "-i", planes.string(), "-c:v", "ffv1", tagged.string()});
  ASSERT_EQ(media::probe(spelt_j).pixel_format, "yuvj420p");
  ASSERT_EQ(media::probe(tagged).pixel_format, "yuv420p");
  for (const char* strategy : {"single-core", "piped-ffmpeg", "ffmpeg-native"})
    for (const char* encoder : {"ffv1", "mpeg4", "x264-ultrafast", "mjpeg"}) {
      std::string decoded[2];
      for (int k = 0; k < 2; ++k) {
        const fs::path out = dir / fmt::format("{}-{}-{}.mkv", strategy, encoder, k);
        const auto r = run_framebench({"process", (k == 0 ? spelt_j : tagged).string(), out.string(), "--strategy", strategy, "--kernel",
                                       "box3", "--encoder", encoder, "--pixel-format", "native", "--verify"});
        ASSERT_EQ(r.exit_code, 0) << strategy << ", " << encoder << ", " << (k == 0 ? "yuvj420p" : "tagged") << ": " << r.err;
        EXPECT_EQ(media::probe(out).presentation.color_range, 2) << strategy << ", " << encoder << ": full range (AVCOL_RANGE_JPEG)";
        decoded[k] = run_capture({"ffmpeg", "-v", "error", "-i", out.string(), "-f", "rawvideo", "-"}).out;
      }
      EXPECT_FALSE(decoded[0].empty()) << strategy << ", " << encoder;
      EXPECT_EQ(decoded[0], decoded[1]) << strategy << ", " << encoder << ": the same planes made different outputs";
    }
}

// Found 6 December 2026 by a correctness sweep: the ffmpeg CLI's setsar approximated 124:99 as 99:79.
TEST(PixelAspect, AnUncommonRatioIsKeptExactly) {
  const ScratchDir dir("strategies-pixel-aspect");
  const fs::path in = dir / "sar.mp4";
  make_cli_clip(in, 96, 64, "25", 10, {"-vf", "setsar=sar=124/99:max=1000", "-c:v", "libx264"});
  ASSERT_EQ(media::probe(in).presentation.sample_aspect, (media::Rational{124, 99}));
  for (const char* strategy : {"single-core", "piped-ffmpeg"}) {
    const fs::path out = dir / (std::string(strategy) + ".mp4");
    const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--verify",
                                   "--min-psnr", "24"});
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_EQ(media::probe(out).presentation.sample_aspect, (media::Rational{124, 99})) << strategy;
  }
}

// Found 6 December 2026 by a correctness sweep: in-memory and tbb-chunks took the pixel aspect
// from the encoder's header, where MPEG-4 rounds 1436:1923 into its 8-bit fields as 115:154; the
// other strategies set the input's on the output's stream. Every strategy keeps it now.
TEST(PixelAspect, JoinsKeepTheInputsRatioNotTheEncoders) {
  const ScratchDir dir("strategies-join-aspect");
  const fs::path in = dir / "sar.mkv";
  make_cli_clip(in, 96, 64, "25", 10, {"-vf", "setsar=sar=1436/1923:max=65535", "-c:v", "libx264"});
  ASSERT_EQ(media::probe(in).presentation.sample_aspect, (media::Rational{1436, 1923}));
  for (const char* strategy : {"single-core", "multiprocess-segments", "in-memory", "tbb-chunks", "tbb-pipeline"})
    for (const char* output : {"o.mkv", "o.avi"}) {
      const fs::path out = dir / (std::string(strategy) + "-" + output);
      const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder", "mpeg4",
                                     "--segments", "2", "--workers", "2", "--verify"});
      ASSERT_EQ(r.exit_code, 0) << strategy << " " << output << ": " << r.err;
      EXPECT_EQ(media::probe(out).presentation.sample_aspect, (media::Rational{1436, 1923})) << strategy << " " << output;
    }
}

// Found 7 December 2026 by a review: cv::VideoCapture reads the first video stream, cover art
// included, so an MP4 whose picture is stored before its video is refused up front; the same
// clip with its picture after the video runs.
TEST(CoverArt, OpencvVideoioRefusesCoverArtStoredBeforeTheVideo) {
  const ScratchDir dir("strategies-opencv-cover");
  const auto first = media::testing::make_real_world_clip(
      *std::find_if(media::testing::real_world_clips().begin(), media::testing::real_world_clips().end(),
                    [](const auto& clip) { return clip.name == "cover_art_first_mp4"; }),
      dir.path());
  ASSERT_EQ(media::probe(first).stream_index, 1);
  const auto refused = run_framebench({"process", first.string(), (dir / "o.avi").string(), "--strategy", "opencv-videoio", "--kernel",
                                       "box3", "--encoder", "mpeg4"});
  if (refused.err.find("built without OpenCV") != std::string::npos) GTEST_SKIP() << refused.err;
  testing::expect_one_line_error(refused, "cover_first.mp4: opencv-videoio cannot read its video: cover art is stored before it");
  EXPECT_FALSE(fs::exists(dir / "o.avi"));
}

// Found 6 December 2026 by a correctness sweep: OpenCV converts as BT.601 whatever the tags say,
// so a BT.709 clip failed opencv-videoio's verification after the whole job. Refused up front;
// an untagged clip still runs.
TEST(TaggedInput, OpencvVideoioRefusesTagsItCannotHonour) {
  const ScratchDir dir("strategies-opencv-tags");
  const fs::path tagged = dir / "bt709.mp4", plain = dir / "plain.mp4";
  make_cli_clip(tagged, 96, 64, "25", 10, {"-c:v", "libx264", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"});
  make_cli_clip(plain, 96, 64, "25", 10, {"-c:v", "libx264"});
  const auto process = [&](const fs::path& in, const fs::path& out) {
    return run_framebench({"process", in.string(), out.string(), "--strategy", "opencv-videoio", "--kernel", "box3", "--encoder", "mpeg4",
                           "--verify", "--min-psnr", "24"});
  };
  const auto refused = process(tagged, dir / "o.avi");
  if (refused.err.find("built without OpenCV") != std::string::npos) GTEST_SKIP() << refused.err;
  testing::expect_one_line_error(refused, "bt709.mp4: opencv-videoio cannot honour its colour tags (range tv, colour space bt709, primaries bt709, "
                                          "transfer bt709)");
  EXPECT_FALSE(fs::exists(dir / "o.avi"));
  const auto ran = process(plain, dir / "p.avi");
  EXPECT_EQ(ran.exit_code, 0) << ran.err;
  // RGB needs no matrix whatever its tags (colour space "gbr", full range): it still runs.
  const fs::path rgb = dir / "rgb.mkv";
  make_cli_clip(rgb, 96, 64, "25", 10, {"-pix_fmt", "bgr0", "-c:v", "ffv1"});
  const auto rgb_ran = process(rgb, dir / "rgb.avi");
  EXPECT_EQ(rgb_ran.exit_code, 0) << rgb_ran.err;
}

// Found 5 December 2026 by a hostile-input sweep: a phone's upright video (stored on its side,
// shown turned by a display matrix) was written without the matrix, so its output was shown on
// its side. An MP4 output keeps it (piped-ffmpeg's too: the ffmpeg CLI writes none for piped
// frames, and framebench's join of its parts sets the input's); where the container or the
// strategy (opencv-videoio) cannot, `process` warns.
TEST(TurnedInput, OutputsKeepTheDisplayMatrixOrProcessWarns) {
  const ScratchDir dir("strategies-turned");
  const fs::path stored = dir / "stored.mp4", in = dir / "turned.mp4";
  make_cli_clip(stored, 96, 64, "25", 20, {"-c:v", "libx264", "-g", "10"});
  media::testing::run_ffmpeg({"-i", stored.string(), "-c", "copy", "-metadata:s:v:0", "rotate=90", in.string()});
  const media::Presentation want = media::probe(in).presentation;
  ASSERT_TRUE(want.turned());
  EXPECT_EQ(want.turn_text(), "shown turned by 90 degrees");
  const auto process = [&](const char* strategy, const fs::path& out) {
    return run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder",
                           "x264-ultrafast", "--verify", "--min-psnr", "24"});
  };
  for (const char* strategy :
       {"single-core", "tbb-pipeline", "tbb-chunks", "multiprocess-segments", "in-memory", "ffmpeg-filter", "piped-ffmpeg"}) {
    const fs::path out = dir / (std::string(strategy) + ".mp4");
    const auto r = process(strategy, out);
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << strategy << ": " << r.err;
    EXPECT_EQ(media::probe(out).presentation.display_matrix, want.display_matrix) << strategy;
  }
  const auto expect_warned = [&](const char* strategy, const fs::path& out, const std::string& why) {
    const auto r = process(strategy, out);
    ASSERT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_NE(r.err.find(fmt::format("warning: {} is shown turned by 90 degrees, {} will be shown as stored: {}", in.string(),
                                     out.string(), why)),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(media::probe(out).presentation.turned()) << strategy;
  };
  expect_warned("single-core", dir / "single-core.mkv", "its container records no display matrix here; write .mp4 to keep it");
  expect_warned("piped-ffmpeg", dir / "piped-ffmpeg.mkv", "its container records no display matrix here; write .mp4 to keep it");
}

// An interlaced input is filtered as whole frames, as every strategy and ffmpeg's filters take
// it; `process` says so in one warning line and still writes the verified output.
TEST(InterlacedInput, ProcessWarnsAndFiltersWholeFrames) {
  const ScratchDir dir("strategies-interlaced");
  const fs::path in = dir / "interlaced.mp4", out = dir / "out.mkv";
  make_cli_clip(in, 96, 64, "25", 12, {"-c:v", "libx264", "-flags", "+ildct+ilme", "-x264-params", "tff=1", "-pix_fmt", "yuv420p"});
  const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", "tbb-chunks", "--kernel", "box3", "--encoder",
                                 "x264-ultrafast", "--verify", "--min-psnr", "24"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(fmt::format("framebench: warning: {} is interlaced (top field first): its frames are filtered whole",
                                   media::probe(in).path.string())),
            std::string::npos)
      << r.err;
  EXPECT_EQ(media::probe(out).frame_count, 12);

  // `run` says it once per dataset, before the cases.
  std::ofstream(dir / "interlaced.toml") << "name = \"interlaced\"\nrepetitions = 1\nwarmup = 0\n[matrix]\n"
                                         << "dataset = [\"" << in.string() << "\"]\n"
                                         << "strategy = [\"single-core\", \"tbb-chunks\"]\nkernel = [\"box3\"]\n"
                                            "encoder = [\"x264-ultrafast\"]\n[verify]\nmin_psnr_db = 24\n";
  const auto ran = run_framebench({"run", (dir / "interlaced.toml").string(), "--out", (dir / "interlaced.json").string()});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  const std::string warning = fmt::format("warning: {} is interlaced (top field first)", in.string());
  const auto first = ran.err.find(warning);
  EXPECT_NE(first, std::string::npos) << ran.err;
  EXPECT_EQ(ran.err.find(warning, first + 1), std::string::npos) << ran.err;
}

std::vector<std::string> variant_names() {
  std::vector<std::string> all;
  for (const auto& [name, v] : variants()) all.push_back(name);
  return all;
}

std::vector<std::string> clip_names() {
  std::vector<std::string> all;
  for (const Clip& c : clips()) all.push_back(c.name);
  return all;
}

INSTANTIATE_TEST_SUITE_P(Strategies, AwkwardClips,
                         ::testing::Combine(::testing::ValuesIn(variant_names()),
                                            ::testing::ValuesIn(clip_names())),
                         [](const auto& test) {
                           std::string name = std::get<0>(test.param) + "_" + std::get<1>(test.param);
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace framebench
