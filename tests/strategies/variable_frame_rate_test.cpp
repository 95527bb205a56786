// Variable frame rate (issue 11, item 8): verification checks that every output frame is shown at
// its input frame's time, and the strategies keep the input's timestamps, the segment strategies
// across their joins (docs/RELIABILITY.md).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/probe.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

// 30 frames at 25 fps, then 20 at 10 fps, in one H.264 stream.
fs::path make_vfr_clip(const fs::path& dir) {
  const fs::path out = dir / "vfr.mkv";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=128x96:rate=25:duration=1.2", "-f", "lavfi", "-i",
                              "testsrc2=size=128x96:rate=10:duration=2", "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map",
                              "[v]", "-fps_mode", "passthrough", "-c:v", "libx264", "-bf", "0", "-g", "10", out.string()});
  return out;
}

testing::CliResult process(const fs::path& in, const fs::path& out, const std::string& strategy,
                           const std::string& encoder = "ffv1") {
  return testing::run_framebench({"process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3", "--encoder",
                                  encoder, "--workers", "2", "--verify"});
}

// Each of `strategies` refuses `in` into a file of `extension` from `encoder`, in one line holding
// what `says` gives for that file, and writes nothing; single-core takes it from `kept_by`.
void expect_refused_but_kept_by(const fs::path& in, const std::string& extension, const std::vector<std::string>& strategies,
                                const std::string& encoder, const std::function<std::string(const fs::path&)>& says,
                                const std::string& kept_by) {
  for (const auto& strategy : strategies) {
    const fs::path out = in.parent_path() / (strategy + extension);
    testing::expect_one_line_error(process(in, out, strategy, encoder), says(out));
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  const auto kept = process(in, in.parent_path() / ("kept" + extension), "single-core", kept_by);
  EXPECT_EQ(kept.exit_code, 0) << kept.err;
}

TEST(VariableFrameRate, EveryStrategyKeepsEveryFramesTime) {
  ScratchDir dir("vfr");
  const fs::path in = make_vfr_clip(dir.path());
  const auto info = media::probe(in);
  ASSERT_EQ(info.frame_count, 50);
  // The clip's spacing really changes: 40 ms between the first frames, 100 ms between the last.
  const double tb = info.time_base.value();
  EXPECT_NEAR(static_cast<double>(info.frame_pts[1] - info.frame_pts[0]) * tb, 0.04, 0.002);
  EXPECT_NEAR(static_cast<double>(info.frame_pts[49] - info.frame_pts[48]) * tb, 0.1, 0.002);

  for (const std::string strategy : {"ffmpeg-filter", "single-core", "tbb-pipeline", "multiprocess-segments", "piped-ffmpeg",
                                     "in-memory", "tbb-chunks"}) {
    const auto kept = process(in, dir / (strategy + ".mkv"), strategy);
    EXPECT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    EXPECT_NE(kept.out.find("verified ("), std::string::npos) << strategy << ": " << kept.out;
  }
  // No frame rate is recorded for a variable-rate output: the average (500/31 here, from the MP4's
  // header) went into Matroska's DefaultDuration, which the ffmpeg CLI read back as the stream's
  // rate and stamped frames by ("non monotonically increasing dts"; a re-encode dropped frames).
  // Found 6 December 2026 by a correctness sweep: every writer and join.
  const fs::path as_mp4 = dir / "vfr.mp4";
  media::testing::run_ffmpeg({"-i", in.string(), "-c", "copy", as_mp4.string()});
  for (const std::string strategy : {"single-core", "multiprocess-segments", "in-memory"}) {
    const fs::path out = dir / (strategy + "-from-mp4.mkv");
    const auto kept = process(as_mp4, out, strategy);
    ASSERT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    const auto decoded = run_capture({"bash", "-c", "ffmpeg -v error -i \"$0\" -f null - 2>&1", out.string()});
    EXPECT_EQ(decoded.out, "") << strategy;
  }
  // H.264 writes its encoder's clock into the stream, which decoders time frames by: piped-ffmpeg's
  // counted at the average rate (500/31 here), its packets then said 62 ms apart where they were
  // 40 and 100, and the ffmpeg CLI re-encoding its output kept 39 frames where it keeps 49 of the
  // input (found 7 December 2026 by a sweep of timing). Every strategy's output is re-encoded as the input is (the
  // CLI's default, a constant rate for Matroska, keeps 49 of the input's 50).
  const fs::path input_again = dir / "input-again.mkv";
  media::testing::run_ffmpeg({"-i", as_mp4.string(), "-c:v", "libx264", "-preset", "ultrafast", input_again.string()});
  const std::int64_t kept_of_input = media::probe(input_again).frame_count;
  for (const std::string strategy : {"single-core", "piped-ffmpeg", "multiprocess-segments", "in-memory", "tbb-chunks", "tbb-pipeline"}) {
    const fs::path out = dir / (strategy + "-x264.mkv"), again = dir / (strategy + "-again.mkv");
    const auto kept = process(as_mp4, out, strategy, "x264-ultrafast");
    ASSERT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    media::testing::run_ffmpeg({"-i", out.string(), "-c:v", "libx264", "-preset", "ultrafast", again.string()});
    EXPECT_EQ(media::probe(again).frame_count, kept_of_input) << strategy;
  }
  // Frames ever further apart (0.04 N^2 s), into AVI, where the time base is the frame rate:
  // piped-ffmpeg's join ran the first frames into one tick of its parts' average rate (found
  // 5 December 2026 by a correctness sweep: "non monotonically increasing dts", exit 1).
  const fs::path spreading = dir / "spreading.mp4";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x36:rate=25", "-frames:v", "31", "-vf", "setpts='N*N/25/TB'",
                              "-fps_mode", "passthrough", "-c:v", "libx264", "-g", "3", "-bf", "2", "-video_track_timescale", "1000",
                              spreading.string()});
  for (const std::string strategy : {"piped-ffmpeg", "multiprocess-segments", "single-core"}) {
    const auto kept = process(spreading, dir / (strategy + ".avi"), strategy, "x264-ultrafast");
    EXPECT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    EXPECT_NE(kept.out.find("verified ("), std::string::npos) << strategy << ": " << kept.out;
  }
}

// When `file`'s last frame stops being shown, in seconds from its first.
double end_of_last_frame(const fs::path& file) {
  const auto info = media::probe(file);
  return static_cast<double>(info.frame_pts.back() + info.last_frame_duration - info.frame_pts.front()) * info.time_base.value();
}

// A phone's clip (1/90000 s ticks, frames not on a grid): each output's last frame lasts as long
// as the input's, in every strategy. Found 7 December 2026 by a fairness audit: it lasted one tick
// of the frames' time base (1/90000 s) in single-core's output, none in multiprocess-segments' and
// the parts' average frame in piped-ffmpeg's, so each output's length differed.
TEST(VariableFrameRate, TheLastFrameLastsAsLongAsTheInputs) {
  ScratchDir dir("vfr");
  const fs::path in = dir / "phone.mp4";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "20", "-vf",
                              "settb=1/90000,setpts=N*3000+if(mod(N\\,3)\\,37*mod(N\\,3)\\,0)", "-fps_mode", "vfr", "-enc_time_base",
                              "1/90000", "-video_track_timescale", "90000", "-c:v", "libx264", "-bf", "0", "-g", "7", in.string()});
  // Its last frame lasts 3000 ticks, 37 fewer than the gap before it (which stands in for a
  // duration where the input gives none).
  const auto info = media::probe(in);
  ASSERT_EQ(info.last_frame_duration, 3000);
  ASSERT_EQ(info.frame_pts[19] - info.frame_pts[18], 3037);
  const double end = end_of_last_frame(in);
  for (const std::string strategy : {"single-core", "tbb-pipeline", "multiprocess-segments", "piped-ffmpeg", "in-memory", "tbb-chunks"}) {
    const fs::path out = dir / (strategy + ".mp4");
    const auto kept = process(in, out, strategy, "x264-ultrafast");
    ASSERT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    EXPECT_NEAR(end_of_last_frame(out), end, 1e-4) << strategy;
  }
  // Into Matroska, whose milliseconds held piped-ffmpeg's parts stamped a 1/90000 s tick apart
  // all at 0, and its join then failed verification (found 7 December 2026 by a review): every
  // strategy's frames where single-core's are.
  for (const std::string strategy : {"single-core", "multiprocess-segments", "piped-ffmpeg", "in-memory", "tbb-chunks"}) {
    const auto kept = process(in, dir / (strategy + ".mkv"), strategy, "x264-ultrafast");
    ASSERT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    EXPECT_EQ(media::probe(dir / (strategy + ".mkv")).frame_pts, media::probe(dir / "single-core.mkv").frame_pts) << strategy;
  }
}

// Found 6 December 2026 by a sweep: x265 into MPEG-TS failed in in-memory and tbb-chunks ("would
// decode after it is shown"). MPEG-TS keeps no global header, so the join read no reorder depth
// for x265 and, at a variable rate, stamped each packet's decode time at its own frame's time; the
// depth now comes from the headers in the stream's first packet.
TEST(VariableFrameRate, X265IntoMpegTsIsJoinedInMemory) {
  ScratchDir dir("vfr");
  const fs::path in = make_vfr_clip(dir.path());
  for (const std::string strategy : {"single-core", "multiprocess-segments", "in-memory", "tbb-chunks"}) {
    const auto r = testing::run_framebench({"process", in.string(), (dir / (strategy + ".ts")).string(), "--strategy", strategy,
                                            "--kernel", "box3", "--encoder", "x265-ultrafast", "--workers", "2", "--segments", "3",
                                            "--verify"});
    EXPECT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_NE(r.out.find("verified (psnr"), std::string::npos) << strategy << ": " << r.out;
  }
}

// Found 6 December 2026 by a correctness sweep: into AVI, which records decode times only, an
// encoder with B-frames made outputs whose times read back wrong (the correctly timed failed
// verification, mistimed ones passed). Refused before any work; without B-frames it is kept.
TEST(VariableFrameRate, AviFromAnEncoderThatReordersFramesIsRefused) {
  ScratchDir dir("vfr");
  expect_refused_but_kept_by(
      make_vfr_clip(dir.path()), ".avi", {"single-core", "multiprocess-segments", "piped-ffmpeg"}, "x264-medium",
      [](const fs::path& out) { return "vfr.mkv: its frame rate varies; " + out.string() + ": an .avi file records no presentation times"; },
      "mpeg4");
}

// Found 7 December 2026 by a correctness sweep: frames under 1/600 s apart failed mid-job into AVI
// (exit 1), whose muxer counts any time base finer than a millisecond in 1/600 s. Matroska's
// milliseconds keep these two apart.
TEST(VariableFrameRate, FramesCloserThanTheContainersTickAreRefusedBeforeAnyWork) {
  ScratchDir dir("vfr");
  const fs::path in = dir / "burst.mp4";
  // 20 frames 40 ms apart, but frame 10 only 0.811 ms after frame 9.
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "20", "-vf",
                              "settb=1/90000,setpts=N*3600-if(eq(N\\,10)\\,3527\\,0)", "-fps_mode", "vfr", "-enc_time_base", "1/90000",
                              "-video_track_timescale", "90000", "-c:v", "libx264", "-bf", "0", "-g", "15", in.string()});
  for (const std::string strategy : {"single-core", "multiprocess-segments", "piped-ffmpeg", "ffmpeg-filter"}) {
    const fs::path out = dir / (strategy + ".avi");
    testing::expect_one_line_error(process(in, out, strategy),
                                   "burst.mp4: its frame rate varies; " + out.string() +
                                       ": its container counts this stream's times in ticks of 1/600 s, which would show frames 9 and "
                                       "10, 0.811 ms apart, at one time; write .mkv or .nut");
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  const auto kept = process(in, dir / "kept.mkv", "multiprocess-segments");
  EXPECT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(kept.out.find("verified (exact)"), std::string::npos) << kept.out;
}

// Found 6 December 2026 by a correctness sweep: a phone's 1/90000 time base failed mid-job in the
// mpeg4 encoder ("Invalid argument"), after the whole job for the ffmpeg CLI strategies.
TEST(VariableFrameRate, TimesFinerThanMpeg4CodesAreRefusedForMpeg4Only) {
  ScratchDir dir("vfr");
  const fs::path in = dir / "phone.mp4";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30", "-frames:v", "20", "-vf",
                              "settb=1/90000,setpts=N*3000+if(mod(N\\,3)\\,37*mod(N\\,3)\\,0)", "-fps_mode", "vfr", "-enc_time_base",
                              "1/90000", "-video_track_timescale", "90000", "-c:v", "libx264", "-g", "15", in.string()});
  expect_refused_but_kept_by(
      in, ".mkv", {"single-core", "piped-ffmpeg"}, "mpeg4",
      [](const fs::path&) { return "phone.mp4: its frames' times need a time base of 1/90000 s, whose denominator is past the 65535 MPEG-4 Part 2 codes"; },
      "x264-ultrafast");
}

// Found 7 December 2026 by a sweep of codecs: the ffmpeg CLI's encoder counted in a tick of the
// rate the CLI guessed (1/24 s for 24 then 30 fps), which moved the later frames onto it, and the
// peers' outputs did not verify. They now count as the in-process writers do.
TEST(VariableFrameRate, TheFfmpegPeersKeepTimesOffTheRateTheCliGuesses) {
  ScratchDir dir("vfr");
  const fs::path in = dir / "24-then-30.mkv";  // 3 s at 24 fps, as long as the CLI takes 24 fps for its rate
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=128x96:rate=24:duration=3", "-f", "lavfi", "-i",
                              "testsrc2=size=128x96:rate=30:duration=1", "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map",
                              "[v]", "-fps_mode", "vfr", "-c:v", "libx264", "-g", "30", in.string()});
  for (const std::string strategy : {"ffmpeg-filter", "ffmpeg-native"}) {
    const auto kept = process(in, dir / (strategy + ".mkv"), strategy);
    EXPECT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    EXPECT_NE(kept.out.find("verified ("), std::string::npos) << strategy << ": " << kept.out;
  }
}

// A constant-rate clip timed in milliseconds, copied into MP4: its average rate (144000/4799 fps)
// is a time base MPEG-4 Part 2 cannot code, and the lossy check's reference encode, made at that
// rate, failed ("cannot open encoder 'mpeg4'") after every job had succeeded (found 7 December 2026
// by a sweep of codecs). It is made at the input's times, as the job's output.
TEST(VariableFrameRate, TheLossyChecksReferenceIsEncodedAtTheInputsTimes) {
  ScratchDir dir("vfr");
  const fs::path mkv = dir / "ms.mkv", in = dir / "ms.mp4";
  media::testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=128x96:rate=30", "-frames:v", "45", "-c:v", "libx264", "-g", "15",
                              mkv.string()});
  media::testing::run_ffmpeg({"-i", mkv.string(), "-c", "copy", in.string()});
  ASSERT_GT(media::probe(in).frame_rate.num, 65535) << "the fixture's average rate must be one MPEG-4 Part 2 cannot code";
  for (const std::string strategy : {"single-core", "ffmpeg-filter"}) {
    const auto kept = process(in, dir / (strategy + ".avi"), strategy, "mpeg4");
    EXPECT_EQ(kept.exit_code, 0) << strategy << ": " << kept.err;
    EXPECT_NE(kept.out.find("verified (psnr"), std::string::npos) << strategy << ": " << kept.out;
  }
}

// cv::VideoWriter takes frames without times, so opencv-videoio could only space them evenly: it
// refuses the input up front, in one line, rather than flatten it.
TEST(VariableFrameRate, OpencvVideoioRefusesIt) {
  ScratchDir dir("vfr");
  const fs::path out = dir / "opencv.mp4";
  const auto refused = process(make_vfr_clip(dir.path()), out, "opencv-videoio", "mpeg4");
  if (refused.err.find("built without OpenCV") != std::string::npos) GTEST_SKIP() << refused.err;
  testing::expect_one_line_error(refused, "vfr.mkv: opencv-videoio cannot keep its variable frame rate");
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace framebench
