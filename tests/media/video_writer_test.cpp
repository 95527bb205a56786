#include "media/video_writer.hpp"

#include <gtest/gtest.h>
extern "C" {
#include <libavcodec/packet.h>
}
#include <sys/resource.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/scratch_dir.hpp"
#include "core/stopwatch.hpp"
#include "media/frame_encoder.hpp"
#include "media/probe.hpp"
#include "media/video_reader.hpp"
#include "media_fixtures.hpp"
#include "tests/support/files.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;
using testing::pattern_frame;
using testing::run_ffprobe;

void write_clip(const fs::path& file, const EncoderSpec& spec, WriterOptions options, int frames) {
  VideoWriter writer(file, spec, options);
  for (int i = 0; i < frames; ++i) writer.write(pattern_frame(options.width, options.height, i).view());
  EXPECT_EQ(writer.frames_written(), frames);
  writer.finish();
}

template <typename F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

TEST(media_writer, unknown_extension_is_an_input_error) {
  const ScratchDir dir("writer-test");
  const std::string what = input_error_of([&] { VideoWriter(dir / "out.mov", encoder("ffv1"), {.width = 64, .height = 48}); });
  EXPECT_NE(what.find((dir / "out.mov").string()), std::string::npos) << what;
  EXPECT_NE(what.find(".mkv"), std::string::npos) << what;
  const std::string none = input_error_of([&] { VideoWriter(dir / "out", encoder("ffv1"), {.width = 64, .height = 48}); });
  EXPECT_NE(none.find("extension"), std::string::npos) << none;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(media_writer, unknown_encoder_is_an_input_error) {
  const std::string what = input_error_of([] { encoder("x266-placebo"); });
  EXPECT_NE(what.find("x266-placebo"), std::string::npos) << what;
  EXPECT_NE(what.find("x264-ultrafast"), std::string::npos) << "lists the known ones: " << what;
}

TEST(media_writer, odd_size_for_a_420_encoder_is_an_input_error) {
  const ScratchDir dir("writer-test");
  const std::string what =
      input_error_of([&] { VideoWriter(dir / "odd.mp4", encoder("x264-ultrafast"), {.width = 175, .height = 97}); });
  EXPECT_NE(what.find("175x97"), std::string::npos) << what;
  EXPECT_NE(what.find("divisible by 2"), std::string::npos) << what;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

// FFV1 version 3 slices refuse or corrupt a plane under 3 pixels: such frames are coded as version
// 1, by libavcodec and the CLI alike (3x3 yuv420p has 2x2 chroma).
TEST(media_writer, ffv1_codes_planes_under_three_pixels_as_version_one) {
  const auto level = [](const EncoderSpec& spec) {
    for (const auto& [key, value] : spec.options)
      if (key == "level") return value;
    return std::string();
  };
  const EncoderSpec& ffv1 = encoder("ffv1");
  EXPECT_EQ(level(for_frame_size(ffv1, 2, 64)), "1");
  EXPECT_EQ(level(for_frame_size(ffv1, 3, 3)), "3");  // bgr0: no subsampled plane
  EncoderSpec planar = ffv1;
  planar.pixel_format = "yuv420p";
  EXPECT_EQ(level(for_frame_size(planar, 3, 3)), "1");
  EXPECT_EQ(level(for_frame_size(planar, 5, 5)), "3");
  EXPECT_EQ(for_frame_size(encoder("x264-ultrafast"), 2, 2).options, encoder("x264-ultrafast").options);
}

// Found 5 December 2026 by a hostile-input sweep: x265 under 16 pixels failed with exit 1,
// "cannot open encoder ... Invalid argument", as if framebench had failed, not the input.
TEST(media_writer, x265_needs_sixteen_pixels_each_way) {
  const ScratchDir dir("writer-test");
  for (const auto& [width, height] : {std::pair{14, 16}, std::pair{16, 8}}) {
    const std::string what = input_error_of([&] { VideoWriter(dir / "small.mkv", encoder("x265-ultrafast"), {.width = width, .height = height}); });
    EXPECT_NE(what.find(fmt::format("{}x{}", width, height)), std::string::npos) << what;
    EXPECT_NE(what.find("at least 16 pixels each way"), std::string::npos) << what;
  }
  EXPECT_EQ(encoder_size_problem(encoder("x265-ultrafast"), 16, 16), "");
  write_clip(dir / "sixteen.mkv", encoder("x265-ultrafast"), {.width = 16, .height = 16}, 4);
  EXPECT_EQ(probe(dir / "sixteen.mkv").frame_count, 4);
}

TEST(media_writer, odd_sizes_work_where_the_codec_allows_them) {
  const ScratchDir dir("writer-test");
  for (const char* name : {"mjpeg", "mpeg4", "ffv1", "x264rgb-lossless"}) {
    const fs::path file = dir / (std::string(name) + ".mkv");
    write_clip(file, encoder(name), {.width = 175, .height = 97}, 4);
    const VideoInfo info = probe(file);
    EXPECT_EQ(info.width, 175) << name;
    EXPECT_EQ(info.height, 97) << name;
    EXPECT_EQ(testing::decode_hashes(file).size(), 4u) << name;
  }
}

// Frame count and duration survive an NTSC rate in every container, as an independent reader
// (ffprobe) sees them.
TEST(media_writer, keeps_frame_count_and_duration_at_ntsc_rate) {
  const ScratchDir dir("writer-test");
  constexpr int frames = 45;
  const double expected_s = frames * 1001.0 / 30000.0;
  for (const char* ext : {".mp4", ".mkv", ".avi", ".ts", ".nut"}) {
    const fs::path file = dir / (std::string("clip") + ext);
    write_clip(file, encoder("x264-ultrafast"), {.width = 96, .height = 64, .frame_rate = {30000, 1001}}, frames);
    const VideoInfo info = probe(file);
    EXPECT_EQ(info.frame_count, frames) << ext;
    EXPECT_EQ(info.frame_rate, (Rational{30000, 1001})) << ext;
    const auto count = run_ffprobe({"-count_packets", "-select_streams", "v:0", "-show_entries", "stream=nb_read_packets",
                                    "-of", "csv=p=0", file.string()});
    EXPECT_EQ(std::stoi(count), frames) << ext;
    // Presentation span plus one frame: what a player shows.
    const double span_s = static_cast<double>(info.frame_pts.back() - info.frame_pts.front()) * info.time_base.num /
                              info.time_base.den + 1001.0 / 30000.0;
    EXPECT_NEAR(span_s, expected_s, 0.0011) << ext;  // mkv keeps milliseconds
  }
  // mp4 records the duration in its header too.
  const auto duration = run_ffprobe({"-select_streams", "v:0", "-show_entries", "stream=duration", "-of", "csv=p=0",
                                     (dir / "clip.mp4").string()});
  EXPECT_NEAR(std::stod(duration), expected_s, 1e-3);
}

TEST(media_writer, unfinished_writer_leaves_no_file) {
  const ScratchDir dir("writer-test");
  {
    VideoWriter writer(dir / "partial.mp4", encoder("x264-ultrafast"), {.width = 64, .height = 48});
    for (int i = 0; i < 5; ++i) writer.write(pattern_frame(64, 48, i).view());
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(media_writer, output_appears_only_when_finished) {
  const ScratchDir dir("writer-test");
  VideoWriter writer(dir / "out.mkv", encoder("ffv1"), {.width = 64, .height = 48});
  writer.write(pattern_frame(64, 48, 0).view());
  EXPECT_FALSE(fs::exists(dir / "out.mkv"));
  writer.finish();
  EXPECT_TRUE(fs::exists(dir / "out.mkv"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(media_writer, wrong_frame_size_is_an_error) {
  const ScratchDir dir("writer-test");
  VideoWriter writer(dir / "out.mkv", encoder("ffv1"), {.width = 64, .height = 48});
  EXPECT_THROW(writer.write(pattern_frame(48, 64, 0).view()), Error);
}

TEST(media_writer, first_frame_index_sets_the_timestamps) {
  const ScratchDir dir("writer-test");
  write_clip(dir / "part.nut", encoder("ffv1"), {.width = 32, .height = 32, .frame_rate = {25, 1}, .first_frame_index = 100}, 3);
  const VideoInfo info = probe(dir / "part.nut");
  ASSERT_EQ(info.frame_count, 3);
  EXPECT_EQ(info.frame_pts.front() * info.time_base.num * 25 / info.time_base.den, 100);
}

TEST(media_writer, gop_size_fixes_keyframe_positions) {
  const ScratchDir dir("writer-test");
  for (const char* name : {"x264-medium", "x265-ultrafast", "ffv1", "mpeg4"}) {
    if (!encoder_unavailable_reason(encoder(name)).empty()) continue;
    const fs::path file = dir / (std::string(name) + ".mkv");
    write_clip(file, encoder(name), {.width = 64, .height = 48, .gop_size = 7}, 22);
    // Where the decoded keyframes are shown (the probe's keyframes are places in decode order,
    // which B-frames shift).
    const auto flags = framebench::testing::filled_lines(
        testing::run_ffprobe({"-select_streams", "v:0", "-show_entries", "frame=key_frame", "-of", "csv=p=0", file.string()}));
    std::vector<std::int64_t> shown;
    for (std::size_t i = 0; i < flags.size(); ++i)
      if (flags[i].front() == '1') shown.push_back(static_cast<std::int64_t>(i));
    EXPECT_EQ(shown, (std::vector<std::int64_t>{0, 7, 14, 21})) << name;
    EXPECT_EQ(probe(file).keyframes.size(), 4u) << name;
  }
}

// Every named encoder writes a clip that decodes to the frames given: exactly for lossless ones,
// closely for the others.
TEST(media_writer, every_encoder_round_trips) {
  const ScratchDir dir("writer-test");
  for (const EncoderSpec& spec : encoders()) {
    if (const auto why = encoder_unavailable_reason(spec); !why.empty()) {
      ADD_FAILURE() << spec.name << " unavailable here: " << why;
      continue;
    }
    const fs::path file = dir / (spec.name + ".mkv");
    write_clip(file, spec, {.width = 96, .height = 64}, 6);
    VideoReader reader(file);
    EXPECT_EQ(reader.info().frame_count, 6) << spec.name;
    Frame frame;
    for (int i = 0; i < 6; ++i) {
      ASSERT_TRUE(reader.read(frame)) << spec.name;
      const Frame original = pattern_frame(96, 64, i);
      if (spec.lossless) {
        EXPECT_TRUE(same_pixels(frame.view(), original.view())) << spec.name << " frame " << i;
        continue;
      }
      double error = 0;  // mean absolute difference per sample
      for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 96 * 3; ++x) error += std::abs(frame.row(y)[x] - original.row(y)[x]);
      EXPECT_LT(error / (96 * 64 * 3), 40) << spec.name << " frame " << i;
    }
  }
}

// What each encoder writes means to other decoders what it meant to us: a grey ramp from black to
// white, decoded by the ffmpeg CLI to BGR24, keeps its levels. (mjpeg's yuvj420p is full range;
// writing it limited range, as libswscale's cheap path did, lost 9.5 levels on average and every
// mjpeg output's contrast, which our own reader's round trip did not show.)
TEST(media_writer, levels_survive_the_cli_decoder) {
  const ScratchDir dir("writer-test");
  const int width = 96, height = 64;
  Frame ramp(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width * 3; ++x) ramp.row(y)[x] = static_cast<std::uint8_t>(x / 3 * 255 / (width - 1));
  for (const EncoderSpec& spec : encoders()) {
    if (!encoder_unavailable_reason(spec).empty()) continue;
    const fs::path file = dir / (spec.name + ".mkv"), raw = dir / (spec.name + ".bgr");
    {
      VideoWriter writer(file, spec, {.width = width, .height = height});
      for (int i = 0; i < 2; ++i) writer.write(ramp.view());
      writer.finish();
    }
    testing::run_ffmpeg({"-i", file.string(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "bgr24", raw.string()});
    const std::string bytes = framebench::testing::slurp(raw);
    ASSERT_EQ(bytes.size(), static_cast<std::size_t>(width * height * 3)) << spec.name;
    double error = 0;  // mean absolute difference per sample
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width * 3; ++x)
        error += std::abs(static_cast<std::uint8_t>(bytes[static_cast<std::size_t>(y * width * 3 + x)]) - ramp.row(y)[x]);
    EXPECT_LT(error / (width * height * 3), 3) << spec.name;
  }
}

// The CLI accepts each encoder's cli_args and makes the same kind of stream.
TEST(media_writer, cli_args_work_with_the_ffmpeg_cli) {
  const ScratchDir dir("writer-test");
  for (const EncoderSpec& spec : encoders()) {
    if (!encoder_unavailable_reason(spec).empty()) continue;
    std::vector<std::string> args = {"-c:v", spec.codec};
    const auto extra = spec.cli_args();
    args.insert(args.end(), extra.begin(), extra.end());
    const fs::path file = dir / (spec.name + ".mkv");
    testing::make_cli_clip(file, 96, 64, "25", 5, args);
    const VideoInfo info = probe(file);
    EXPECT_EQ(info.frame_count, 5) << spec.name;
    EXPECT_EQ(info.pixel_format, spec.pixel_format == "bgr24" ? "gbrp" : spec.pixel_format) << spec.name;
  }
  const auto args = encoder("x264-ultrafast").cli_args();
  EXPECT_EQ(args, (std::vector<std::string>{"-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p"}));
}

// A fixed quantiser is the quantiser the CLI's -q:v gives: libavcodec's MPEG-style encoders take
// it from each frame, not from the context, so frames sent without it were encoded at qmin (2,
// not 3: a fifth more bytes for mjpeg at 1080p). The same yuvj420p / yuv420p planes through
// framebench and through the CLI, one thread each, must decode to the same frames.
TEST(media_writer, a_fixed_quantiser_encodes_as_the_cli_does) {
  const ScratchDir dir("writer-test");
  const int width = 96, height = 64, frames = 4;
  for (const EncoderSpec& spec : encoders()) {
    if (!encoder_unavailable_reason(spec).empty() ||
        std::ranges::none_of(spec.options, [](const auto& option) { return option.first == "qscale"; }))
      continue;
    const fs::path raw = dir / (spec.name + ".yuv"), ours = dir / (spec.name + "-ours.mkv"), cli = dir / (spec.name + "-cli.mkv");
    testing::run_ffmpeg({"-f", "lavfi", "-i", fmt::format("testsrc2=size={}x{}:rate=25", width, height), "-frames:v",
                         std::to_string(frames), "-pix_fmt", spec.pixel_format, "-f", "rawvideo", raw.string()});
    std::vector<std::string> args = {"-f", "rawvideo", "-pix_fmt", spec.pixel_format, "-s", fmt::format("{}x{}", width, height),
                                     "-r", "25", "-i", raw.string(), "-threads", "1", "-c:v", spec.codec};
    const auto extra = spec.cli_args();
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(cli.string());
    testing::run_ffmpeg(args);

    std::ifstream in(raw, std::ios::binary);
    VideoWriter writer(ours, spec, {.width = width, .height = height, .threads = 1});
    PlanarFrame frame;
    const PlaneShape shapes[] = {{width, height}, {width / 2, height / 2}, {width / 2, height / 2}};
    frame.reshape(spec.pixel_format, shapes);
    for (int i = 0; i < frames; ++i) {
      for (Frame& plane : frame.planes)
        for (int y = 0; y < plane.height(); ++y) in.read(reinterpret_cast<char*>(plane.row(y)), plane.width());
      ASSERT_TRUE(in) << spec.name;
      writer.write(frame);
    }
    writer.finish();
    EXPECT_EQ(testing::decode_hashes(ours), testing::decode_hashes(cli)) << spec.name;
  }
}

int thread_count() {
  return static_cast<int>(std::distance(fs::directory_iterator("/proc/self/task"), fs::directory_iterator()));
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// threads = 1 means one core: x264 would otherwise start 1.5 x cores frame threads, x265 a pool
// the size of the machine. Encoders that take thread_count start no thread at all; x265 hands
// work to one frame thread while the caller waits, so its CPU time cannot exceed its wall time.
TEST(media_writer, one_thread_means_one_core) {
  const ScratchDir dir("writer-test");
  const int baseline = thread_count();
  for (const EncoderSpec& spec : encoders()) {
    if (!encoder_unavailable_reason(spec).empty()) continue;
    VideoWriter writer(dir / (spec.name + ".mkv"), spec, {.width = 320, .height = 240, .threads = 1});
    const double cpu0 = cpu_seconds();
    const Stopwatch wall;
    int peak = 0;
    for (int i = 0; i < 20; ++i) {
      writer.write(pattern_frame(320, 240, i).view());
      peak = std::max(peak, thread_count());
    }
    writer.finish();
    const double cpu = cpu_seconds() - cpu0, elapsed = wall.seconds();
    if (spec.codec == "libx265") {
      EXPECT_LE(peak, baseline + 2) << spec.name;
      EXPECT_LT(cpu, elapsed * 1.25 + 0.02) << spec.name;
    } else {
      EXPECT_EQ(peak, baseline) << spec.name;
    }
  }
}

TEST(media_writer, more_threads_give_the_encoder_threads) {
  const ScratchDir dir("writer-test");
  const int baseline = thread_count();
  VideoWriter writer(dir / "a.mp4", encoder("x264-ultrafast"), {.width = 320, .height = 240, .threads = 2});
  writer.write(pattern_frame(320, 240, 0).view());
  EXPECT_GT(thread_count(), baseline);
  writer.finish();
}

// libx265 3.5 leaves the dts of a one- or two-frame encode uninitialised: after other encoders
// had run in the same process (as in Container.EverySuggestedContainerCanBeWritten) a one-frame
// encode's came back as garbage in about a third of runs, and the mp4 muxer then refused the file
// ("Not yet implemented in FFmpeg, patches welcome"); a two-frame one's made Matroska's muxer
// refuse a packet ("write: Invalid argument") now and then in media_writer.levels_survive_the_cli_decoder,
// and valgrind saw it uninitialised. Such packets must carry dts == pts, every time.
TEST(VideoWriter, OneAndTwoFrameEncodesHaveDtsEqualToPts) {
  const ScratchDir dir("one-frame");
  for (int frames = 1; frames <= 2; ++frames)
    for (int round = 0; round < 5; ++round)
      for (const auto& spec : encoders()) {
        if (!encoder_unavailable_reason(spec).empty()) continue;
        FrameEncoder encoder(spec, {.width = 64, .height = 48}, true, "one-frame");
        std::vector<std::pair<std::int64_t, std::int64_t>> stamps;
        const auto keep = [&](AVPacket& p) { stamps.emplace_back(p.pts, p.dts); };
        for (int i = 0; i < frames; ++i) encoder.write(pattern_frame(64, 48, i).view(), keep);
        encoder.finish(keep);
        ASSERT_EQ(stamps.size(), static_cast<std::size_t>(frames)) << spec.name;
        for (const auto& [pts, dts] : stamps) EXPECT_EQ(dts, pts) << spec.name << ", " << frames << " frames, round " << round;
        const auto path = dir / fmt::format("clip-{}-{}-{}.mkv", spec.name, frames, round);
        VideoWriter writer(path, spec, {.width = 64, .height = 48});
        for (int i = 0; i < frames; ++i) writer.write(pattern_frame(64, 48, i).view());
        ASSERT_NO_THROW(writer.finish()) << path;
      }
}

}  // namespace
}  // namespace framebench::media
