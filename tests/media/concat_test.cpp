#include "media/concat.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/probe.hpp"
#include "media/video_writer.hpp"
#include "media_fixtures.hpp"
#include "tests/support/files.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;
using testing::decode_hashes;
using framebench::testing::filled_lines;
using testing::pattern_frame;
using testing::run_ffprobe;

constexpr int kWidth = 96, kHeight = 64;

// Writes frames [begin, end) of the pattern as one part, as a segment worker does.
fs::path write_part(const fs::path& file, const EncoderSpec& spec, int begin, int end, bool absolute_timestamps = true) {
  VideoWriter writer(file, spec,
                     {.width = kWidth, .height = kHeight, .frame_rate = {30000, 1001},
                      .first_frame_index = absolute_timestamps ? begin : 0});
  for (int i = begin; i < end; ++i) writer.write(pattern_frame(kWidth, kHeight, i).view());
  writer.finish();
  return file;
}

// Decode timestamps as ffprobe reads them (N/A skipped): they must rise strictly.
void expect_monotonic_dts(const fs::path& file) {
  std::int64_t last = INT64_MIN;
  int n = 0;
  for (const auto& line : filled_lines(run_ffprobe({"-select_streams", "v:0", "-show_entries", "packet=dts", "-of", "csv=p=0",
                                                file.string()}))) {
    if (line == "N/A") continue;
    const std::int64_t dts = std::stoll(line);
    EXPECT_GT(dts, last) << file << " packet " << n;
    last = dts;
    ++n;
  }
}

// What ffmpeg itself says when remuxing the file: no timestamp complaints.
void expect_ffmpeg_has_no_complaints(const fs::path& file, const ScratchDir& dir) {
  const fs::path report = dir / "ffreport.log";
  SpawnOptions options;
  options.extra_env = {"FFREPORT=file=" + report.string() + ":level=24"};  // warnings and worse
  Subprocess ffmpeg({"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "quiet", "-i", file.string(), "-c", "copy", "-f",
                     "null", "-"},
                    options);
  ASSERT_TRUE(ffmpeg.wait().ok());
  std::stringstream text;
  text << std::ifstream(report).rdbuf();
  ASSERT_NE(text.str().find("Command line"), std::string::npos) << "no ffmpeg report at " << report;
  for (const char* bad : {"monoton", "out of order", "Invalid timestamps", "discontinuity"})
    EXPECT_EQ(text.str().find(bad), std::string::npos) << file << ":\n" << text.str();
}

void expect_even_presentation(const VideoInfo& info) {
  ASSERT_GE(info.frame_pts.size(), 2u);
  const std::int64_t step = info.frame_pts[1] - info.frame_pts[0];
  for (std::size_t i = 1; i < info.frame_pts.size(); ++i) {
    const std::int64_t d = info.frame_pts[i] - info.frame_pts[i - 1];
    EXPECT_LE(std::abs(d - step), 1) << "frame " << i << " of " << info.path;  // mkv rounds to milliseconds
  }
}

TEST(media_concat, lossless_parts_join_to_the_original_frames) {
  const ScratchDir dir("concat-test");
  for (const bool absolute : {true, false}) {
    const std::vector<fs::path> parts = {write_part(dir / "p0.mkv", encoder("ffv1"), 0, 10, absolute),
                                         write_part(dir / "p1.mkv", encoder("ffv1"), 10, 21, absolute),
                                         write_part(dir / "p2.mkv", encoder("ffv1"), 21, 30, absolute)};
    const fs::path out = dir / "joined.mkv";
    concat_parts(parts, out);
    const VideoInfo info = probe(out);
    EXPECT_EQ(info.frame_count, 30);
    EXPECT_EQ(info.frame_rate, (Rational{30000, 1001}));
    expect_even_presentation(info);
    std::vector<std::uint64_t> expected;
    for (int i = 0; i < 30; ++i) expected.push_back(hash_pixels(pattern_frame(kWidth, kHeight, i).view()));
    EXPECT_EQ(decode_hashes(out), expected) << (absolute ? "absolute" : "zero-based") << " part timestamps";
    expect_monotonic_dts(out);
  }
}

class media_concat_bframes : public ::testing::TestWithParam<std::string> {};

// x264 with B-frames: each part opens with DTS below PTS. The joined file must keep decode
// timestamps rising, show every frame once in order, and decode to the parts' frames.
TEST_P(media_concat_bframes, keeps_timestamps_continuous) {
  const std::string ext = GetParam();
  const ScratchDir dir("concat-test");
  const EncoderSpec& spec = encoder("x264-medium");
  const std::vector<fs::path> parts = {write_part(dir / ("p0" + ext), spec, 0, 17),
                                       write_part(dir / ("p1" + ext), spec, 17, 30),
                                       write_part(dir / ("p2" + ext), spec, 30, 47)};
  std::vector<std::uint64_t> expected;
  for (const auto& part : parts) {
    ASSERT_TRUE(probe(part).has_b_frames) << part;
    const auto hashes = decode_hashes(part);
    expected.insert(expected.end(), hashes.begin(), hashes.end());
  }
  const fs::path out = dir / ("joined" + ext);
  concat_parts(parts, out);
  const VideoInfo info = probe(out);
  EXPECT_EQ(info.frame_count, 47);
  EXPECT_EQ(info.keyframes, (std::vector<std::int64_t>{0, 17, 30}));
  EXPECT_NEAR(info.duration_s, 47 * 1001.0 / 30000.0, 1e-9);
  expect_even_presentation(info);
  expect_monotonic_dts(out);
  expect_ffmpeg_has_no_complaints(out, dir);
  const auto count = run_ffprobe({"-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of",
                                  "csv=p=0", out.string()});
  EXPECT_EQ(std::stoi(count), 47);
  EXPECT_EQ(decode_hashes(out), expected);
}

INSTANTIATE_TEST_SUITE_P(containers, media_concat_bframes, ::testing::Values(".mp4", ".mkv", ".ts", ".nut"),
                         [](const auto& test) { return test.param.substr(1); });

TEST(media_concat, remuxes_into_another_container) {
  const ScratchDir dir("concat-test");
  const EncoderSpec& spec = encoder("x264-ultrafast");
  const std::vector<fs::path> parts = {write_part(dir / "p0.mkv", spec, 0, 8), write_part(dir / "p1.mkv", spec, 8, 16)};
  concat_parts(parts, dir / "joined.mp4");
  EXPECT_EQ(probe(dir / "joined.mp4").frame_count, 16);
  expect_monotonic_dts(dir / "joined.mp4");
}

// As VideoWriter's files: no random segment UID, date or library version in the joined file, so
// a strategy that joins parts writes the same bytes from the same parts.
TEST(media_concat, the_same_parts_join_to_the_same_bytes) {
  const ScratchDir dir("concat-test");
  const EncoderSpec& spec = encoder("x264-ultrafast");
  const std::vector<fs::path> parts = {write_part(dir / "p0.mkv", spec, 0, 8), write_part(dir / "p1.mkv", spec, 8, 16)};
  for (const char* ext : {".mkv", ".mp4"}) {
    concat_parts(parts, dir / (std::string("a") + ext));
    concat_parts(parts, dir / (std::string("b") + ext));
    const std::string a = framebench::testing::slurp(dir / (std::string("a") + ext));
    ASSERT_FALSE(a.empty()) << ext;
    EXPECT_TRUE(a == framebench::testing::slurp(dir / (std::string("b") + ext))) << ext;
  }
}

TEST(media_concat, parts_that_differ_are_refused) {
  const ScratchDir dir("concat-test");
  const fs::path a = write_part(dir / "a.mkv", encoder("ffv1"), 0, 3);
  {
    VideoWriter writer(dir / "b.mkv", encoder("ffv1"), {.width = kWidth + 2, .height = kHeight, .frame_rate = {30000, 1001}});
    writer.write(pattern_frame(kWidth + 2, kHeight, 0).view());
    writer.finish();
  }
  const fs::path c = write_part(dir / "c.mkv", encoder("mjpeg"), 3, 6);
  for (const fs::path& other : {dir / "b.mkv", c}) {
    try {
      concat_parts({a, other}, dir / "out.mkv");
      ADD_FAILURE() << "joined " << other;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(other.string()), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir / "out.mkv"));
  }
}

// piped-ffmpeg's parts are evenly spaced whatever the input: with a variable-rate input's times
// the joined frames are shown at those times, B-frames' decode times still rising and early.
TEST(media_concat, parts_are_placed_at_a_variable_rate_inputs_times) {
  const ScratchDir dir("concat-test");
  FrameTimes times{.pts = {}, .time_base = {1, 50}};
  for (std::int64_t i = 0; i < 20; ++i) times.pts.push_back(i < 10 ? 2 * i : 18 + 5 * (i - 9));  // 25 fps, then 10 fps
  times.end = times.pts.back() + 5;
  for (const char* ext : {".mp4", ".mkv"}) {
    const EncoderSpec& spec = encoder("x264-medium");
    const fs::path out = dir / (std::string("vfr") + ext);
    concat_parts({write_part(dir / (std::string("v0") + ext), spec, 0, 8, false),
                  write_part(dir / (std::string("v1") + ext), spec, 8, 20, false)},
                 out, times);
    const VideoInfo info = probe(out);
    ASSERT_EQ(info.frame_pts.size(), times.pts.size()) << out;
    for (std::size_t i = 0; i < times.pts.size(); ++i)
      EXPECT_NEAR(static_cast<double>(info.frame_pts[i] - info.frame_pts[0]) * info.time_base.value(),
                  static_cast<double>(times.pts[i]) * times.time_base.value(), info.time_base.value())
          << out << " frame " << i;
    expect_monotonic_dts(out);
    expect_ffmpeg_has_no_complaints(out, dir);
  }
}

TEST(media_concat, bad_arguments_are_errors) {
  const ScratchDir dir("concat-test");
  EXPECT_THROW(concat_parts({}, dir / "out.mkv"), Error);
  EXPECT_THROW(concat_parts({dir / "missing.mkv"}, dir / "out.mkv"), InputError);
  const fs::path a = write_part(dir / "a.mkv", encoder("ffv1"), 0, 3);
  EXPECT_THROW(concat_parts({a}, dir / "out.mov"), InputError);
  EXPECT_FALSE(fs::exists(dir / "out.mkv"));
}

}  // namespace
}  // namespace framebench::media
