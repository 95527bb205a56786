#include "media/video_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <fstream>
#include <random>
#include <set>

#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/packet_copy.hpp"
#include "media/video_writer.hpp"
#include "media_fixtures.hpp"
#include "real_world_clips.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;
using testing::decode_hashes;
using testing::make_cli_clip;
using testing::pattern_frame;

struct SeekCase {
  std::string name;
  std::string file;
  std::vector<std::string> codec_args;
  bool idr = false;  // the second keyframe is an IDR: seeks past it restart there, without pre-roll
};
void PrintTo(const SeekCase& c, std::ostream* os) { *os << c.name; }

class media_reader_seek : public ::testing::TestWithParam<SeekCase> {};

// 60 frames, keyframes at 0 and 30 only, B-frames: every target needs decoding from a keyframe
// and discarding, and decode order differs from presentation order.
TEST_P(media_reader_seek, lands_exactly_on_every_frame) {
  const SeekCase& c = GetParam();
  const ScratchDir dir("seek-test");
  const fs::path file = dir / c.file;
  make_cli_clip(file, 96, 64, "30", 60, c.codec_args);
  const std::vector<std::uint64_t> sequential = decode_hashes(file);
  ASSERT_EQ(sequential.size(), 60u);
  ASSERT_EQ(std::set<std::uint64_t>(sequential.begin(), sequential.end()).size(), 60u) << "frames must differ";

  VideoReader reader(file);
  // Keyframes are known by their packets' places in decode order: x265's second keyframe (a CRA,
  // its default open GOP) comes before the last B-frame of the first GOP, so it is 29 there, 30
  // elsewhere. With radl, an IDR's leading pictures follow it in decode order and show before it.
  ASSERT_EQ(reader.info().keyframes.size(), 2u);
  EXPECT_EQ(reader.info().keyframe_clean[1], c.idr);
  // Backwards, forwards in strides and shuffled: every index from every kind of position.
  std::vector<std::int64_t> order(60);
  std::iota(order.rbegin(), order.rend(), 0);
  for (std::int64_t i = 0; i < 60; i += 7) order.push_back(i);
  std::vector<std::int64_t> shuffled(60);
  std::iota(shuffled.begin(), shuffled.end(), 0);
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));
  order.insert(order.end(), shuffled.begin(), shuffled.end());

  Frame frame;
  for (const std::int64_t i : order) {
    reader.seek(i);
    EXPECT_EQ(reader.position(), i);
    ASSERT_TRUE(reader.read(frame)) << "frame " << i;
    EXPECT_EQ(hash_pixels(frame.view()), sequential[static_cast<std::size_t>(i)]) << "seek to " << i << " in " << c.name;
    EXPECT_EQ(reader.position(), i + 1);
  }
  EXPECT_GT(reader.frames_discarded(), 0);

  // Reading on after a seek continues in order to the end.
  reader.seek(25);
  for (std::size_t i = 25; i < 60; ++i) {
    ASSERT_TRUE(reader.read(frame));
    EXPECT_EQ(hash_pixels(frame.view()), sequential[i]) << i;
  }
  EXPECT_FALSE(reader.read(frame));
}

const std::vector<std::string> x264_bframes = {"-c:v", "libx264", "-preset", "medium", "-bf", "3", "-x264-params",
                                               "keyint=30:min-keyint=30:scenecut=0", "-pix_fmt", "yuv420p"};

INSTANTIATE_TEST_SUITE_P(
    clips, media_reader_seek,
    ::testing::Values(SeekCase{"h264_mp4", "a.mp4", x264_bframes, true}, SeekCase{"h264_mkv", "a.mkv", x264_bframes, true},
                      SeekCase{"h264_ts", "a.ts", x264_bframes, true}, SeekCase{"h264_nut", "a.nut", x264_bframes, true},
                      SeekCase{"hevc_mp4", "a.mp4",
                               {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                                "keyint=30:min-keyint=30:scenecut=0:bframes=3:log-level=error", "-pix_fmt", "yuv420p"}},
                      SeekCase{"hevc_radl_mp4", "a.mp4",
                               {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                                "keyint=30:min-keyint=30:scenecut=0:bframes=3:open-gop=0:radl=2:log-level=error", "-pix_fmt", "yuv420p"},
                               true},
                      SeekCase{"mpeg4_avi", "a.avi", {"-c:v", "mpeg4", "-q:v", "3", "-g", "30", "-sc_threshold", "1000000000"}},
                      SeekCase{"ffv1_mkv", "a.mkv", {"-c:v", "ffv1", "-g", "30"}}),
    [](const auto& test) { return test.param.name; });

// On clips whose timestamps and keyframe flags mislead (issue 11), a seek to any frame gives the
// frame a decode from the start gives at that place.
class media_reader_real_world : public ::testing::TestWithParam<testing::RealWorldClip> {};

TEST_P(media_reader_real_world, seek_lands_where_a_sequential_decode_does) {
  const auto& clip = GetParam();
  const ScratchDir dir("seek-real-world");
  const fs::path file = testing::make_real_world_clip(clip, dir.path());
  const std::vector<std::uint64_t> sequential = decode_hashes(file);
  ASSERT_EQ(sequential.size(), static_cast<std::size_t>(clip.frames)) << clip.what;
  VideoReader reader(file);
  if (clip.restarts) ASSERT_GT(reader.info().keyframes.size(), 1u) << "the clip must offer restarts to get wrong";
  else ASSERT_EQ(reader.info().keyframes.size(), 1u) << "none of its flagged keyframes is a restart: " << clip.what;
  std::vector<std::int64_t> order(static_cast<std::size_t>(clip.frames));
  std::iota(order.rbegin(), order.rend(), 0);
  Frame frame;
  for (const std::int64_t i : order) {
    reader.seek(i);
    ASSERT_TRUE(reader.read(frame)) << "frame " << i;
    EXPECT_EQ(hash_pixels(frame.view()), sequential[static_cast<std::size_t>(i)]) << "seek to " << i << ": " << clip.what;
  }
}

INSTANTIATE_TEST_SUITE_P(clips, media_reader_real_world, ::testing::ValuesIn(testing::real_world_clips()),
                         [](const auto& test) { return test.param.name; });

// An MPEG-PS demuxer comes out of a seek out of step (the packet at the keyframe's position is
// the tail of the frame before): a seek from the keyframe before finds it, where reading the whole
// file again from its start did (found 6 December 2026 by a review: 124 of 125 seeks into a
// DVD-size .mpg read from the start).
TEST(media_reader, a_seek_into_mpeg_ps_finds_its_keyframe_without_reading_from_the_start) {
  const ScratchDir dir("reader-mpg");
  make_cli_clip(dir / "long.mpg", 352, 240, "25", 360, {"-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-q:v", "3"});
  const std::vector<std::uint64_t> sequential = decode_hashes(dir / "long.mpg");
  VideoReader reader(dir / "long.mpg");
  const auto& keyframes = reader.info().keyframes;
  ASSERT_GT(keyframes.size(), 20u);
  Frame frame;
  for (const std::size_t k : {keyframes.size() - 2, keyframes.size() / 2, keyframes.size() - 5}) {
    const std::int64_t before = reader.packets_read();
    reader.seek(keyframes[k] + 1);
    ASSERT_TRUE(reader.read(frame));
    EXPECT_EQ(hash_pixels(frame.view()), sequential[static_cast<std::size_t>(keyframes[k] + 1)]) << "keyframe " << k;
    EXPECT_LT(reader.packets_read() - before, 60) << "keyframe " << k << " (frame " << keyframes[k] << ") was found by reading from the start";
  }
}

// A size change the probe cannot see (MPEG-4 Part 2: no parser reads its headers' size) is found
// by the reader, at the first frame of the new size, in the words the probe uses.
TEST(media_reader, a_frame_size_change_part_way_is_an_input_error_naming_the_frame) {
  const ScratchDir dir("reader-size-change");
  std::string joined;
  for (const char* size : {"320x240", "160x120"}) {
    const fs::path part = dir / (std::string(size) + ".m4v");
    testing::run_ffmpeg({"-f", "lavfi", "-i", std::string("testsrc2=size=") + size + ":rate=25", "-frames:v", "10", "-c:v", "mpeg4", "-g",
                         "5", "-f", "m4v", part.string()});
    std::ifstream in(part, std::ios::binary);
    joined.append(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(dir / "joined.m4v", std::ios::binary) << joined;
  testing::run_ffmpeg({"-r", "25", "-i", (dir / "joined.m4v").string(), "-c", "copy", (dir / "joined.mkv").string()});
  VideoReader reader(dir / "joined.mkv");
  Frame frame;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(reader.read(frame)) << i;
  try {
    reader.read(frame);
    ADD_FAILURE() << "frame 10 was read";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "joined.mkv").string() +
                                         ": frame 10 is 160x120, but the video starts at 320x240; framebench takes videos of one frame size");
  }
}

// A seek restarts at an IDR itself; other keyframes need the GOP before them as pre-roll.
TEST(media_reader, seek_restarts_at_an_idr_without_pre_roll) {
  const ScratchDir dir("reader-idr");
  make_cli_clip(dir / "closed.mp4", 96, 64, "30", 60, x264_bframes);
  VideoReader closed(dir / "closed.mp4");
  ASSERT_EQ(closed.info().keyframe_clean, (std::vector<bool>{true, true}));
  closed.seek(40);
  EXPECT_EQ(closed.frames_discarded(), 40 - closed.info().keyframes[1]);

  const auto& clips = testing::real_world_clips();
  const auto open_gop = std::find_if(clips.begin(), clips.end(), [](const auto& c) { return c.name == "h264_open_gop_mp4"; });
  ASSERT_NE(open_gop, clips.end());
  VideoReader open(testing::make_real_world_clip(*open_gop, dir.path()));
  ASSERT_GT(open.info().keyframes.size(), 3u);
  ASSERT_FALSE(open.info().keyframe_clean[2]);
  const std::int64_t target = open.info().keyframes[2] + 2;
  open.seek(target);
  EXPECT_GE(open.frames_discarded(), target - open.info().keyframes[1]) << "restarted at keyframe 1, a GOP of pre-roll";
}

// A stretch copied from the middle of a stream (what mpi-segments sends a rank) may be counted from
// its first packet only where that is an IDR; from an open-GOP I-frame its first GOP cannot be
// proved, and a seek there fails rather than misnumber frames.
TEST(media_reader, a_stretch_is_counted_from_its_start_only_where_that_is_an_idr) {
  const ScratchDir dir("reader-stretch");
  make_cli_clip(dir / "closed.mp4", 96, 64, "25", 60, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
  const auto closed_whole = decode_hashes(dir / "closed.mp4");
  copy_packets(probe(dir / "closed.mp4"), 24, 48, dir / "closed-24.mkv");
  VideoReader closed(dir / "closed-24.mkv", {.starts_mid_stream = true});
  Frame frame;
  for (const std::int64_t i : {0, 5, 0, 17, 12, 23}) {
    closed.seek(i);
    ASSERT_TRUE(closed.read(frame)) << i;
    EXPECT_EQ(hash_pixels(frame.view()), closed_whole[static_cast<std::size_t>(24 + i)]) << i;
  }

  const auto& clips = testing::real_world_clips();
  const auto open_gop = std::find_if(clips.begin(), clips.end(), [](const auto& c) { return c.name == "h264_open_gop_mp4"; });
  ASSERT_NE(open_gop, clips.end());
  const auto open_file = testing::make_real_world_clip(*open_gop, dir.path());
  const VideoInfo info = probe(open_file);
  ASSERT_GT(info.keyframes.size(), 3u);
  ASSERT_FALSE(info.keyframe_clean[1]);
  const std::int64_t first = info.keyframes[1];
  const auto open_whole = decode_hashes(open_file);
  copy_packets(info, first, info.frame_count, dir / "open.mkv");
  VideoReader open(dir / "open.mkv", {.starts_mid_stream = true});
  EXPECT_THROW(open.seek(0), Error);
  const std::int64_t second = open.info().keyframes[1];
  open.seek(second + 1);
  ASSERT_TRUE(open.read(frame));
  EXPECT_EQ(hash_pixels(frame.view()), open_whole[static_cast<std::size_t>(first + second + 1)]);
}

TEST(media_reader, seek_out_of_range_is_an_error) {
  const ScratchDir dir("reader-test");
  make_cli_clip(dir / "a.mkv", 32, 32, "25", 5, {"-c:v", "ffv1"});
  VideoReader reader(dir / "a.mkv");
  EXPECT_THROW(reader.seek(5), Error);
  EXPECT_THROW(reader.seek(-1), Error);
}

// Our decode must give the same BGR24 pixels as the ffmpeg CLI, so strategies that pipe frames
// through the CLI and those that decode in process see the same input.
void expect_same_as_cli(const fs::path& file, const ScratchDir& dir) {
  testing::run_ffmpeg({"-i", file.string(), "-f", "rawvideo", "-pix_fmt", "bgr24", (dir / "raw.bgr").string()});
  const std::uintmax_t raw_size = fs::file_size(dir / "raw.bgr");
  VideoReader reader(file);
  const auto& info = reader.info();
  const std::size_t frame_bytes = static_cast<std::size_t>(info.width) * info.height * 3;
  ASSERT_EQ(raw_size, frame_bytes * static_cast<std::size_t>(info.frame_count));
  std::ifstream raw(dir / "raw.bgr", std::ios::binary);
  std::vector<char> cli(frame_bytes);
  Frame frame;
  for (std::int64_t n = 0; n < info.frame_count; ++n) {
    ASSERT_TRUE(reader.read(frame));
    raw.read(cli.data(), static_cast<std::streamsize>(cli.size()));
    const ConstFrameView cli_view{reinterpret_cast<const std::uint8_t*>(cli.data()), info.width, info.height,
                                  static_cast<std::ptrdiff_t>(info.width) * 3};
    ASSERT_TRUE(same_pixels(frame.view(), cli_view)) << file << " frame " << n;
  }
  EXPECT_FALSE(reader.read(frame));
}

TEST(media_reader, decodes_like_the_ffmpeg_cli) {
  const ScratchDir dir("reader-test");
  make_cli_clip(dir / "yuv420p.mp4", 176, 144, "25", 8, {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"});
  expect_same_as_cli(dir / "yuv420p.mp4", dir);
  make_cli_clip(dir / "hd.mp4", 1280, 720, "25", 3,
                {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-colorspace", "bt709"});
  expect_same_as_cli(dir / "hd.mp4", dir);
  make_cli_clip(dir / "yuvj420p.avi", 176, 144, "25", 4, {"-c:v", "mjpeg", "-pix_fmt", "yuvj420p"});
  expect_same_as_cli(dir / "yuvj420p.avi", dir);
  make_cli_clip(dir / "odd444.mkv", 175, 97, "25", 4, {"-c:v", "ffv1", "-pix_fmt", "yuv444p"}, "testsrc");
  expect_same_as_cli(dir / "odd444.mkv", dir);
  make_cli_clip(dir / "odd420.mkv", 175, 97, "25", 4, {"-c:v", "ffv1", "-pix_fmt", "yuv420p"}, "testsrc");
  expect_same_as_cli(dir / "odd420.mkv", dir);
}

TEST(media_reader, threaded_decode_gives_the_same_frames) {
  const ScratchDir dir("reader-test");
  make_cli_clip(dir / "a.mp4", 160, 96, "25", 30, x264_bframes);
  const auto one = decode_hashes(dir / "a.mp4", 1);
  EXPECT_EQ(one.size(), 30u);
  EXPECT_EQ(decode_hashes(dir / "a.mp4", 3), one);
  EXPECT_EQ(decode_hashes(dir / "a.mp4", 0), one);
}

// Lossless encoders through our writer and reader give back exactly the frames written.
struct RoundTripCase {
  std::string encoder;
  std::string file;
  int width, height;
};
void PrintTo(const RoundTripCase& c, std::ostream* os) { *os << c.encoder << ' ' << c.width << 'x' << c.height; }

class media_reader_round_trip : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(media_reader_round_trip, is_bit_exact) {
  const RoundTripCase& c = GetParam();
  const EncoderSpec& spec = encoder(c.encoder);
  ASSERT_TRUE(spec.lossless);
  const ScratchDir dir("round-trip");
  const fs::path file = dir / c.file;
  constexpr int frames = 12;
  {
    VideoWriter writer(file, spec, {.width = c.width, .height = c.height, .frame_rate = {25, 1}, .gop_size = 5});
    for (int i = 0; i < frames; ++i) writer.write(pattern_frame(c.width, c.height, i).view());
    writer.finish();
  }
  VideoReader reader(file);
  EXPECT_EQ(reader.info().frame_count, frames);
  Frame frame;
  for (int i = 0; i < frames; ++i) {
    ASSERT_TRUE(reader.read(frame));
    ASSERT_EQ(frame.width(), c.width);
    ASSERT_EQ(frame.height(), c.height);
    EXPECT_TRUE(same_pixels(frame.view(), pattern_frame(c.width, c.height, i).view())) << "frame " << i;
  }
  EXPECT_FALSE(reader.read(frame));
  // Exact seek on the same file, back to a frame after a keyframe.
  reader.seek(7);
  ASSERT_TRUE(reader.read(frame));
  EXPECT_TRUE(same_pixels(frame.view(), pattern_frame(c.width, c.height, 7).view()));
}

INSTANTIATE_TEST_SUITE_P(encoders, media_reader_round_trip,
                         ::testing::Values(RoundTripCase{"ffv1", "a.mkv", 128, 72}, RoundTripCase{"ffv1", "odd.mkv", 175, 97},
                                           RoundTripCase{"ffv1", "one.nut", 1, 1},
                                           RoundTripCase{"x264rgb-lossless", "a.mp4", 128, 72},
                                           RoundTripCase{"x264rgb-lossless", "odd.mkv", 175, 97},
                                           RoundTripCase{"x264rgb-lossless", "odd.ts", 33, 21}),
                         [](const auto& test) {
                           std::string name = test.param.encoder + "_" + std::to_string(test.param.width) + "x" +
                                              std::to_string(test.param.height);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Found by the video fuzzer: a damaged MPEG-4 AVI whose frames carry colour space 142, outside
// AVColorSpace. Converting them read the value as the enum, undefined behaviour that UBSan
// reports when this runs under scripts/sanitize; now unknown values count as unspecified.
// The fuzzer's damaged AVI (colour space 142 in its frames, see convert_test.cpp) is refused as
// damaged with framebench's own error, not decoded with concealment and not a crash.
TEST(media_reader, a_fuzzed_damaged_avi_is_refused_as_damaged) {
  try {
    VideoReader reader(FRAMEBENCH_SOURCE_DIR "/tests/fuzz/corpus/video_fuzzer/regression-colorspace-142.avi");
    Frame frame;
    for (int i = 0; i < 100 && reader.read(frame); ++i) {
    }
    FAIL() << "the damaged file was read without a word";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace framebench::media
