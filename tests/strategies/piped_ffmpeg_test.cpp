// piped-ffmpeg's ffmpeg decoders reach each segment's first frame by decoding from the keyframe
// before it, in their own processes; the result still says how many frames that took.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/core_budget.hpp"
#include "core/frame.hpp"
#include "core/scratch_dir.hpp"
#include "media/probe.hpp"
#include "media/video_reader.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

// Found 6 December 2026 by a correctness sweep: piped-ffmpeg said 0 frames discarded where the
// other segment strategies, on the same plan of a one-keyframe clip, said how many.
TEST(PipedFfmpeg, CountsTheFramesItsDecodersDiscardToReachASegment) {
  if (CoreBudget::available() < 2) GTEST_SKIP() << "two workers need two cores";
  const ScratchDir dir("piped-ffmpeg-discarded");
  const auto input = dir.path() / "one-keyframe.mp4";
  media::testing::make_cli_clip(input, 160, 96, "25", 40, {"-c:v", "libx264", "-g", "1000", "-sc_threshold", "0", "-bf", "2"});
  const auto config = dir.path() / "piped.toml";
  std::ofstream(config) << "name = \"piped\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"" << input.string()
                        << "\"]\nstrategy = [\"piped-ffmpeg\", \"multiprocess-segments\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\n"
                           "workers = [2]\n[options]\nsegments = 2\nsplit = \"exact\"\n";
  const auto results = dir.path() / "piped.json";
  const auto r = testing::run_framebench({"run", config.string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  std::map<std::string, double> discarded;
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") discarded[b.at("run_name").get<std::string>().substr(0, 30)] = b.at("frames_discarded");
  ASSERT_EQ(discarded.size(), 2u) << r.out;
  // Two exact segments of one keyframe's clip: the second is reached by decoding its first 20 frames.
  for (const auto& [name, frames] : discarded) EXPECT_EQ(frames, 20) << name;
}

// Runs piped-ffmpeg on 120 frames of `input` (GOPs of 12) in 4 exact segments, and checks that
// every output verified and that each segment at frames 30, 60 and 90 was reached from a keyframe
// at most 2 GOPs (24 frames) before it; decoding from the start would discard 30 + 60 + 90.
void expect_segments_reached_by_seek(const fs::path& input, const fs::path& dir) {
  const auto config = dir / "piped.toml";
  std::ofstream(config) << "name = \"piped\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"" << input.string()
                        << "\"]\nstrategy = [\"piped-ffmpeg\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\nworkers = [2]\n"
                           "[options]\nsegments = 4\nsplit = \"exact\"\n";
  const auto results = dir / "piped.json";
  const auto r = testing::run_framebench({"run", config.string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  for (const auto& b : json.at("benchmarks")) {
    if (b.at("run_type") != "iteration") continue;
    EXPECT_EQ(b.at("verified"), 1) << b.dump();
    EXPECT_LE(b.at("frames_discarded").get<double>(), 3 * 24) << b.dump();
  }
}

// Found 7 December 2026 by a sweep of GOP structures: MPEG-TS seeks by decode time, so ffmpeg's -ss
// to a frame among an open GOP's leading frames landed on that GOP's keyframe, whose decoder drops
// them; every segment of MPEG-2 in MPEG-TS was done again from the input's start. The seek now
// aims at the segment's restart keyframe, and frames are dropped by time after it.
TEST(PipedFfmpeg, ReachesSegmentsOfAnOpenGopTransportStreamByItsSeek) {
  const ScratchDir dir("piped-ffmpeg-ts");
  const auto input = dir.path() / "open-gop.ts";
  media::testing::make_cli_clip(input, 160, 96, "25", 120, {"-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-flags", "-cgop", "-q:v", "3"});
  expect_segments_reached_by_seek(input, dir.path());
}

// Found 7 December 2026: AVI stores decode times only, and the ffmpeg CLI times MPEG-4 with
// B-frames a frame later than the probe there, so every seek started a frame early and every
// segment was done again from the input's start, one at a time. The probe now says by how much
// (VideoInfo::decoder_time_lead) and the seeks' drop by time allows for it.
TEST(PipedFfmpeg, ReachesSegmentsOfAnAviOfReorderedFramesByItsSeek) {
  const ScratchDir dir("piped-ffmpeg-avi");
  const auto input = dir.path() / "bframes.avi";
  media::testing::make_cli_clip(input, 160, 96, "25", 120, {"-c:v", "mpeg4", "-bf", "2", "-g", "12", "-q:v", "3"});
  ASSERT_EQ(media::probe(input).decoder_time_lead, 1);
  expect_segments_reached_by_seek(input, dir.path());
}

// Found 7 December 2026 by a review: in MPEG-PS the CLI's frame times were off by one to three
// frames, segment to segment, and where each picture is held for a dozen frames the boundary
// hashes could not tell a start a few frames off (a segment failed its check, or with more
// segments the output was joined wrong, caught by --verify alone). Such a boundary proves nothing
// and its segment is done from the start.
TEST(PipedFfmpeg, SegmentsOfHeldPicturesInMpegPsAreJoinedRight) {
  const ScratchDir dir("piped-ffmpeg-held");
  const auto input = dir.path() / "held.mpg";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=2", "-vf", "fps=25", "-frames:v", "300", "-c:v", "mpeg2video",
                              "-bf", "2", "-g", "24", input.string()});
  for (const std::string segments : {"7", "10", "13"}) {
    const auto out = dir.path() / ("held-" + segments + ".mkv");
    const auto r = testing::run_framebench({"process", input.string(), out.string(), "--strategy", "piped-ffmpeg", "--kernel", "box3",
                                            "--encoder", "ffv1", "--workers", "2", "--segments", segments, "--split", "exact", "--verify"});
    EXPECT_EQ(r.exit_code, 0) << segments << " segments: " << r.err;
    EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << segments << " segments: " << r.out;
  }
}

// The worst frame's PSNR over the last column of two clips' BGR24 frames.
double last_column_psnr_db(const fs::path& a, const fs::path& b) {
  media::VideoReader ra(a), rb(b);
  Frame fa, fb;
  double worst = 1000;
  while (ra.read(fa) && rb.read(fb)) {
    double squared = 0;
    const auto va = fa.view(), vb = fb.view();
    for (int y = 0; y < va.height; ++y)
      for (int c = 0; c < 3; ++c) {
        const double d = double(va.row(y)[(va.width - 1) * 3 + c]) - double(vb.row(y)[(vb.width - 1) * 3 + c]);
        squared += d * d;
      }
    const double mse = squared / (3.0 * va.height);
    worst = std::min(worst, mse == 0 ? 1000 : 10 * std::log10(255.0 * 255.0 / mse));
  }
  return worst;
}

// Found 6 December 2026 by a correctness sweep: at an odd width the ffmpeg CLI's BGR24 to 4:2:0
// conversion made the last chroma sample from the last pixel and the next row's first, so a clip
// red on the left and blue on the right came out of piped-ffmpeg with its last column 9 dB from
// single-core's (converted with libyuv), and failed its verification. The CLI now converts at the even size with the
// last column repeated and crops back; its last column matches single-core's.
TEST(PipedFfmpeg, AnOddWidthsLastColumnIsConvertedAsTheOthers) {
  const ScratchDir dir("piped-ffmpeg-odd");
  const auto input = dir.path() / "red-blue.mkv";
  media::testing::make_cli_clip(input, 33, 31, "10", 4,
                                {"-vf", "format=rgb24,geq=r='if(lt(X,17),255,0)':g=0:b='if(lt(X,17),0,255)'", "-pix_fmt", "yuv420p",
                                 "-c:v", "ffv1"},
                                "testsrc");  // an RGB source: lavfi's yuv420p ones round odd sizes down
  for (const char* encoder : {"mpeg4", "mjpeg"}) {
    std::map<std::string, fs::path> outputs;
    for (const char* strategy : {"single-core", "piped-ffmpeg"}) {
      outputs[strategy] = dir.path() / fmt::format("{}-{}.avi", strategy, encoder);
      const auto r = testing::run_framebench({"process", input.string(), outputs[strategy].string(), "--strategy", strategy, "--kernel", "box3",
                                     "--encoder", encoder, "--verify"});
      ASSERT_EQ(r.exit_code, 0) << strategy << " " << encoder << ": " << r.err;
    }
    EXPECT_GT(last_column_psnr_db(outputs["single-core"], outputs["piped-ffmpeg"]), 25) << encoder;
  }
}

}  // namespace
}  // namespace framebench
