#include "media/probe.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "core/error.hpp"
#include "core/frame.hpp"
#include "core/scratch_dir.hpp"
#include "media_fixtures.hpp"
#include "tests/support/files.hpp"
#include "real_world_clips.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;
using framebench::testing::filled_lines;
using testing::make_cli_clip;
using testing::run_ffprobe;

struct ProbeCase {
  std::string name;
  std::string file;
  std::vector<std::string> codec_args;
  int frames;
  std::string codec;
  int gop;        // keyframe interval the encoder was told; 1 = intra only
  bool b_frames;  // the encoder reorders frames
  bool idr;       // its keyframes are clean restarts: H.264 or HEVC IDR pictures, VP8 or VP9 key frames, MJPEG frames
};

void PrintTo(const ProbeCase& c, std::ostream* os) { *os << c.name; }

class media_probe_codecs : public ::testing::TestWithParam<ProbeCase> {};

// Keyframe positions in presentation order as ffprobe reports them (an independent reader).
std::vector<std::int64_t> ffprobe_keyframes(const fs::path& file) {
  std::vector<std::pair<std::int64_t, bool>> packets;  // (time, key)
  for (const auto& line : filled_lines(run_ffprobe({"-select_streams", "v:0", "-show_entries", "packet=pts,dts,flags", "-of",
                                                "csv=p=0", file.string()}))) {
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
    const std::string pts = line.substr(0, c1), dts = line.substr(c1 + 1, c2 - c1 - 1);
    packets.emplace_back(std::stoll(pts != "N/A" ? pts : dts), line.substr(c2 + 1).starts_with('K'));
  }
  std::sort(packets.begin(), packets.end());
  std::vector<std::int64_t> keys;
  for (std::size_t i = 0; i < packets.size(); ++i)
    if (packets[i].second) keys.push_back(static_cast<std::int64_t>(i));
  return keys;
}

TEST_P(media_probe_codecs, counts_frames_and_keyframes_exactly) {
  const ProbeCase& c = GetParam();
  const ScratchDir dir("probe-test");
  const fs::path file = dir / c.file;
  make_cli_clip(file, 160, 120, "25", c.frames, c.codec_args);

  const VideoInfo info = probe(file);
  EXPECT_EQ(info.frame_count, c.frames);
  EXPECT_EQ(info.codec, c.codec);
  EXPECT_EQ(info.width, 160);
  EXPECT_EQ(info.height, 120);
  EXPECT_EQ(info.frame_rate, (Rational{25, 1}));
  EXPECT_NEAR(info.duration_s, c.frames / 25.0, 1e-9);
  EXPECT_EQ(info.has_b_frames, c.b_frames);
  ASSERT_EQ(info.frame_pts.size(), static_cast<std::size_t>(c.frames));
  EXPECT_TRUE(std::adjacent_find(info.frame_pts.begin(), info.frame_pts.end(), std::greater_equal<>()) == info.frame_pts.end())
      << "presentation timestamps must rise strictly";

  std::vector<std::int64_t> expected;
  for (int i = 0; i < c.frames; i += c.gop) expected.push_back(i);
  EXPECT_EQ(info.keyframes, expected);
  EXPECT_EQ(info.keyframes, ffprobe_keyframes(file));
  EXPECT_EQ(info.keyframe_clean, std::vector<bool>(expected.size(), c.idr));
  // keyframe_at_or_before agrees with the table everywhere.
  for (int i = 0; i < c.frames; ++i) EXPECT_EQ(info.keyframe_at_or_before(i), i / c.gop * c.gop) << i;
}

INSTANTIATE_TEST_SUITE_P(
    clips, media_probe_codecs,
    ::testing::Values(
        ProbeCase{"h264_mp4", "a.mp4",
                  {"-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "keyint=10:min-keyint=10:scenecut=0", "-pix_fmt", "yuv420p"},
                  37, "h264", 10, false, true},
        ProbeCase{"h264_bframes_mkv", "b.mkv",
                  {"-c:v", "libx264", "-preset", "medium", "-bf", "3", "-x264-params", "keyint=12:min-keyint=12:scenecut=0",
                   "-pix_fmt", "yuv420p"},
                  41, "h264", 12, true, true},
        ProbeCase{"mpeg4_avi", "c.avi", {"-c:v", "mpeg4", "-q:v", "3", "-g", "8", "-sc_threshold", "1000000000"}, 30, "mpeg4", 8,
                  false, false},
        ProbeCase{"mjpeg_avi", "d.avi", {"-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p"}, 23, "mjpeg", 1, false, true},
        ProbeCase{"ffv1_mkv", "e.mkv", {"-c:v", "ffv1", "-g", "5"}, 19, "ffv1", 5, false, false},
        ProbeCase{"hevc_mp4", "f.mp4",
                  {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                   "keyint=15:min-keyint=15:scenecut=0:open-gop=0:bframes=3:log-level=error", "-pix_fmt", "yuv420p"},
                  33, "hevc", 15, true, true},
        ProbeCase{"h264_bframes_ts", "g.ts",
                  {"-c:v", "libx264", "-preset", "medium", "-x264-params", "keyint=10:min-keyint=10:scenecut=0", "-pix_fmt", "yuv420p"},
                  31, "h264", 10, true, true},
        ProbeCase{"vp9_webm", "i.webm", {"-c:v", "libvpx-vp9", "-g", "10", "-keyint_min", "10", "-deadline", "realtime", "-cpu-used", "8"},
                  30, "vp9", 10, false, true},
        ProbeCase{"vp8_webm", "j.webm", {"-c:v", "libvpx", "-g", "10", "-keyint_min", "10", "-deadline", "realtime", "-cpu-used", "8"},
                  30, "vp8", 10, false, true},
        ProbeCase{"h264_bframes_nut", "h.nut",
                  {"-c:v", "libx264", "-preset", "fast", "-x264-params", "keyint=9:min-keyint=9:scenecut=0", "-pix_fmt", "yuv420p"},
                  20, "h264", 9, true, true}),
    [](const auto& test) { return test.param.name; });

TEST(media_probe, reports_container_and_pixel_format) {
  const ScratchDir dir("probe-test");
  make_cli_clip(dir / "a.mkv", 64, 48, "30000/1001", 5, {"-c:v", "ffv1", "-pix_fmt", "bgr0"});
  const VideoInfo info = probe(dir / "a.mkv");
  EXPECT_EQ(info.container, "matroska,webm");
  EXPECT_EQ(info.pixel_format, "bgr0");
  EXPECT_EQ(info.frame_rate, (Rational{30000, 1001}));
  EXPECT_NEAR(info.duration_s, 5 * 1001 / 30000.0, 1e-9);
  EXPECT_EQ(info.path, dir / "a.mkv");
}

// Broadcast video is often interlaced: where its stream says so, the probe says which field comes
// first (media::interlacing asks the frames where it does not).
TEST(media_probe, says_which_field_of_an_interlaced_input_comes_first) {
  const ScratchDir dir("probe-test");
  const std::vector<std::string> interlaced = {"-c:v", "libx264", "-flags", "+ildct+ilme", "-pix_fmt", "yuv420p"};
  auto top = interlaced, bottom = interlaced;
  top.insert(top.end(), {"-x264-params", "tff=1"});
  bottom.insert(bottom.end(), {"-top", "0"});  // Matroska's own field order, which its demuxer reads
  make_cli_clip(dir / "top.mp4", 64, 48, "25", 6, top);
  make_cli_clip(dir / "bottom.mkv", 64, 48, "25", 6, bottom);
  make_cli_clip(dir / "progressive.mp4", 64, 48, "25", 6, {"-c:v", "libx264", "-pix_fmt", "yuv420p"});
  EXPECT_EQ(probe(dir / "top.mp4").interlacing, "top field first");
  EXPECT_EQ(probe(dir / "bottom.mkv").interlacing, "bottom field first");
  EXPECT_EQ(probe(dir / "progressive.mp4").interlacing, "");
}

// Where a decoder restarts for a frame: the keyframe at or before it, one earlier where that one
// is not clean.
TEST(media_probe, restart_frame_backs_up_past_keyframes_that_are_not_clean) {
  VideoInfo info;
  info.frame_count = 30;
  info.keyframes = {0, 10, 20};
  info.keyframe_clean = {true, false, true};
  EXPECT_EQ(info.restart_frame(0), 0);
  EXPECT_EQ(info.restart_frame(5), 0);
  EXPECT_EQ(info.restart_frame(10), 0);  // an open-GOP keyframe: from the one before
  EXPECT_EQ(info.restart_frame(15), 0);
  EXPECT_EQ(info.restart_frame(20), 20);
  EXPECT_EQ(info.restart_frame(29), 20);
  info.keyframes.clear();
  info.keyframe_clean.clear();
  EXPECT_EQ(info.restart_frame(12), 0);  // none known: the start
}

// Every frame's packet size, in decode order, as ffprobe lists the stream's packets.
TEST(media_probe, gives_every_packets_bytes_in_decode_order) {
  const ScratchDir dir("probe-test");
  make_cli_clip(dir / "b.mp4", 64, 48, "25", 12, {"-c:v", "libx264", "-bf", "2", "-g", "5", "-pix_fmt", "yuv420p"});
  std::vector<std::int64_t> sizes;
  for (const auto& line : filled_lines(run_ffprobe({"-select_streams", "v:0", "-show_entries", "packet=size", "-of", "csv=p=0",
                                                (dir / "b.mp4").string()})))
    sizes.push_back(std::stoll(line));
  const VideoInfo info = probe(dir / "b.mp4");
  ASSERT_EQ(sizes.size(), 12u);
  EXPECT_EQ(info.packet_bytes, sizes);
  EXPECT_NE(*std::min_element(sizes.begin(), sizes.end()), *std::max_element(sizes.begin(), sizes.end()));  // keyframes are larger
}

// Audio first, video second: the video stream is found and only its packets are counted.
TEST(media_probe, ignores_other_streams) {
  const ScratchDir dir("probe-test");
  // (-frames:v with two lavfi inputs makes ffmpeg 5.1 hang; a source duration ends it instead.)
  testing::run_ffmpeg({"-f", "lavfi", "-i", "sine=duration=1", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=20:duration=0.65",
                       "-map", "0:a", "-map", "1:v", "-c:a", "aac", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                       (dir / "av.mp4").string()});
  const VideoInfo info = probe(dir / "av.mp4");
  EXPECT_EQ(info.codec, "h264");
  EXPECT_EQ(info.frame_count, 13);
  EXPECT_EQ(testing::decode_hashes(dir / "av.mp4").size(), 13u);
}

// The other streams are said so that they can be told apart: another video stream with its number
// and size, cover art as such (found 7 December 2026 by a sweep of stream layouts: "video (png)"
// and "video (h264)" beside the h264 stream filtered); the warning then says which is filtered.
TEST(media_probe, says_which_other_streams_a_file_holds) {
  const ScratchDir dir("probe-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=64x48:rate=20", "-frames:v", "1", (dir / "cover.png").string()});
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=128x96:rate=20:duration=0.5", "-f", "lavfi", "-i",
                       "testsrc2=size=64x48:rate=20:duration=0.5", "-f", "lavfi", "-i", "sine=duration=0.5", "-i", (dir / "cover.png").string(),
                       "-map", "0:v", "-map", "1:v", "-map", "2:a", "-map", "3:v", "-c:v:0", "libx264", "-c:v:1", "libx264", "-c:v:2", "png",
                       "-disposition:v:2", "attached_pic", "-c:a", "aac", (dir / "many.mp4").string()});
  const VideoInfo info = probe(dir / "many.mp4");
  EXPECT_EQ(info.stream_index, 0);
  EXPECT_EQ(info.other_video_streams, 1);
  EXPECT_EQ(info.cover_art_before, 0);
  EXPECT_EQ(info.width, 128);
  EXPECT_EQ(info.other_streams, (std::vector<std::string>{"video #1 (h264, 64x48)", "audio (aac)", "cover art (png)"}));
  EXPECT_EQ(dropped_streams_warning(info, "out.mkv"),
            (dir / "many.mp4").string() + " also holds video #1 (h264, 64x48), audio (aac), cover art (png); out.mkv will hold the "
                                          "filtered video alone, from its first video stream that is not cover art, #0 (h264, 128x96) "
                                          "(framebench carries no other stream)");
}

// Only IDR pictures are clean restarts: open-GOP I-frames, intra-refresh recovery points and
// P-frames a broken index flags are keyframes that keep the pre-roll.
TEST(media_probe, only_clean_keyframes_are_clean) {
  const ScratchDir dir("probe-test");
  const std::map<std::string, std::set<std::int64_t>> clean_at = {
      {"h264_open_gop_mp4", {0}}, {"h264_intra_refresh_mp4", {0}}, {"h264_audio_mp4_every_sample_sync", {0, 40}}};
  for (const auto& clip : testing::real_world_clips()) {
    if (!clean_at.contains(clip.name)) continue;
    SCOPED_TRACE(clip.name);
    const VideoInfo info = probe(testing::make_real_world_clip(clip, dir.path()));
    ASSERT_EQ(info.keyframe_clean.size(), info.keyframes.size());
    ASSERT_GE(info.keyframes.size(), 2u);
    for (std::size_t k = 0; k < info.keyframes.size(); ++k)
      EXPECT_EQ(info.keyframe_clean[k], clean_at.at(clip.name).contains(info.keyframes[k])) << "keyframe at frame " << info.keyframes[k];
  }
  // MPEG-2 I-frames are clean where their GOP is closed: every one with -flags +cgop, none without.
  for (const bool closed : {true, false}) {
    const fs::path ts = dir / (closed ? "closed.ts" : "open.ts");
    std::vector<std::string> args = {"-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-q:v", "3"};
    if (closed) args.insert(args.end(), {"-flags", "+cgop", "-sc_threshold", "1000000000"});
    make_cli_clip(ts, 160, 96, "25", 48, args);
    const VideoInfo info = probe(ts);
    ASSERT_GE(info.keyframes.size(), 4u) << ts;
    for (std::size_t k = 1; k < info.keyframes.size(); ++k) EXPECT_EQ(info.keyframe_clean[k], closed) << ts << ", keyframe " << k;
  }
}

// An index that flags every sample a keyframe (an MP4 without its sync-sample table) is overruled
// by the pictures' own headers: the keyframes are those of the same file with its table (found 7
// December 2026 by a sweep of GOP structures: chunks restarted at P-frames, exit 1). H.264 is not
// among them: for it libavformat's MP4 reader runs the parser itself.
TEST(media_probe, keyframes_an_index_flags_on_predicted_pictures_are_not_keyframes) {
  const ScratchDir dir("probe-test");
  const std::map<std::string, std::vector<std::string>> codecs = {
      {"mpeg4", {"-c:v", "mpeg4", "-bf", "2", "-g", "12", "-q:v", "3"}},
      {"mpeg2video", {"-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-q:v", "3"}},
      {"hevc", {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=12:min-keyint=12:bframes=2:log-level=error"}}};
  for (const auto& [codec, args] : codecs) {
    SCOPED_TRACE(codec);
    const fs::path indexed = dir / (codec + ".mp4"), every_sample = dir / (codec + "-every-sample.mp4");
    make_cli_clip(indexed, 160, 120, "25", 50, args);
    testing::drop_sync_sample_table(indexed, every_sample);
    ASSERT_EQ(ffprobe_keyframes(every_sample).size(), 50u) << "the fixture must flag every sample";
    const VideoInfo want = probe(indexed), got = probe(every_sample);
    ASSERT_GE(want.keyframes.size(), 4u);
    EXPECT_EQ(got.keyframes, want.keyframes);
    EXPECT_EQ(got.keyframe_clean, want.keyframe_clean);
  }
}

// MPEG-PS stores a pts in some packets' headers only: the others are timed when they are shown (as
// the demuxer's genpts times them), not by their decode time (found 6 December 2026 by a
// correctness sweep: two frames at 0.600 s, none at 0.840 s, and outputs written so verified).
TEST(media_probe, frames_of_mpeg_ps_are_timed_when_they_are_shown) {
  const ScratchDir dir("probe-test");
  const auto& clips = testing::real_world_clips();
  const auto mpg = std::find_if(clips.begin(), clips.end(), [](const auto& c) { return c.name == "mpeg2_bframes_mpg"; });
  ASSERT_NE(mpg, clips.end());
  const VideoInfo info = probe(testing::make_real_world_clip(*mpg, dir.path()));
  ASSERT_EQ(info.frame_pts.size(), 80u);
  ASSERT_TRUE(info.has_b_frames);
  const std::int64_t step = info.frame_pts[1] - info.frame_pts[0];
  ASSERT_GT(step, 0);
  for (std::size_t i = 1; i < info.frame_pts.size(); ++i) EXPECT_EQ(info.frame_pts[i] - info.frame_pts[i - 1], step) << "frame " << i;
}

// AVI stores decode times only, and a decoder holding frames back to reorder them stamps each with
// the time of the packet that lets it out: the ffmpeg CLI times MPEG-4 with B-frames in AVI a
// frame later than the probe does, which piped-ffmpeg's seeks must allow for. Containers that
// store presentation times (MP4) are timed alike, and MPEG-PS, whose lead is not foreseen.
TEST(media_probe, says_how_far_decoders_time_frames_after_the_probe) {
  const ScratchDir dir("probe-test");
  const auto lead = [&](const std::string& name) {
    const auto& clips = testing::real_world_clips();
    const auto clip = std::find_if(clips.begin(), clips.end(), [&](const auto& c) { return c.name == name; });
    EXPECT_NE(clip, clips.end()) << name;
    return clip == clips.end() ? -1 : probe(testing::make_real_world_clip(*clip, dir.path())).decoder_time_lead;
  };
  EXPECT_EQ(lead("mpeg4_bframes_avi"), 1);
  EXPECT_EQ(lead("mpeg4_bframes_mp4_every_sample_sync"), 0);
  EXPECT_EQ(lead("mpeg2_bframes_mpg"), 0);
}

// XviD packs a B-frame into the packet of the P-frame after it; ffmpeg's own MPEG-4 encoder does
// not, and the mpeg4_unpack_bframes filter undoes it.
TEST(media_probe, says_where_mpeg4_packs_two_pictures_into_a_packet) {
  const ScratchDir dir("probe-test");
  make_cli_clip(dir / "mpeg4.avi", 160, 96, "25", 40, {"-c:v", "mpeg4", "-bf", "2", "-g", "12"});
  EXPECT_FALSE(probe(dir / "mpeg4.avi").packed_pictures);
  if (run_ffprobe({"-encoders"}).find("libxvid") == std::string::npos) GTEST_SKIP() << "this ffmpeg has no libxvid";
  make_cli_clip(dir / "xvid.avi", 160, 96, "25", 40, {"-c:v", "libxvid", "-bf", "2", "-g", "12"});
  EXPECT_TRUE(probe(dir / "xvid.avi").packed_pictures);
  testing::run_ffmpeg({"-i", (dir / "xvid.avi").string(), "-c", "copy", "-bsf:v", "mpeg4_unpack_bframes", (dir / "unpacked.avi").string()});
  EXPECT_FALSE(probe(dir / "unpacked.avi").packed_pictures);
}

// The message must name the file and say what is wrong with it.
void expect_input_error(const fs::path& file, const std::string& cause) {
  try {
    probe(file);
    ADD_FAILURE() << "probe(" << file << ") did not throw";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(file.string()), std::string::npos) << what;
    EXPECT_NE(what.find(cause), std::string::npos) << what;
  }
}

TEST(media_probe, missing_file_is_an_input_error) {
  const ScratchDir dir("probe-test");
  expect_input_error(dir / "nothing-here.mp4", "no such file");
}

TEST(media_probe, empty_file_is_an_input_error) {
  const ScratchDir dir("probe-test");
  std::ofstream(dir / "empty.mp4").close();
  expect_input_error(dir / "empty.mp4", "empty");
}

TEST(media_probe, text_file_is_an_input_error) {
  const ScratchDir dir("probe-test");
  for (const char* name : {"notes.txt", "notes.mp4", "notes"}) {
    std::ofstream(dir / name) << "This is not a video.\nIt is a few lines of text.\n";
    expect_input_error(dir / name, "not a video file");
  }
}

TEST(media_probe, audio_only_file_is_an_input_error) {
  const ScratchDir dir("probe-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", "sine=duration=0.2", "-c:a", "pcm_s16le", (dir / "tone.wav").string()});
  expect_input_error(dir / "tone.wav", "no video stream");
}

// A stream copied from a moment between keyframes (`-ss` after the input, `-copyinkf`): its first
// packets refer to frames it does not hold (found 6 December 2026 by a correctness sweep: "frame 0
// is damaged" from some strategies, a short output or "decoder ended after 0 of 12 frames" from
// others). An MP4 cut so with an edit list keeps the frames before the cut, and is read.
TEST(media_probe, a_stream_that_starts_between_keyframes_is_an_input_error) {
  const ScratchDir dir("probe-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "60", "-c:v", "libx264", "-bf", "3", "-g", "24",
                       (dir / "whole.mp4").string()});
  testing::run_ffmpeg({"-i", (dir / "whole.mp4").string(), "-ss", "0.3", "-copyinkf", "-c", "copy", (dir / "cut.mkv").string()});
  expect_input_error(dir / "cut.mkv", "packet(s) before its first keyframe (it was cut between keyframes)");
  testing::run_ffmpeg({"-ss", "0.3", "-i", (dir / "whole.mp4").string(), "-c", "copy", (dir / "edited.mp4").string()});
  EXPECT_NO_THROW(probe(dir / "edited.mp4"));
}

// A raw H.264 or HEVC stream stores no times, and a stream copy of one with B-frames is mistimed
// or refused by the ffmpeg CLI too: the refusal says what does work, and what it says works.
TEST(media_probe, a_raw_stream_is_an_input_error_that_says_how_to_read_it) {
  const ScratchDir dir("probe-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "12", "-c:v", "libx264", "-bf", "2", "-g", "6",
                       (dir / "raw.264").string()});
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "12", "-c:v", "libx265", "-x265-params",
                       "log-level=0", "-f", "hevc", (dir / "raw.hevc").string()});
  expect_input_error(dir / "raw.264", fmt::format("packet 0 has no timestamp, so frames cannot be timed; a raw h264 stream stores none: "
                                                  "write it into a container losslessly first, e.g. `ffmpeg -i {} -c:v libx264 -qp 0 out.mkv`",
                                                  (dir / "raw.264").string()));
  expect_input_error(dir / "raw.hevc", "a raw hevc stream stores none");
  testing::run_ffmpeg({"-i", (dir / "raw.264").string(), "-c:v", "libx264", "-qp", "0", (dir / "out.mkv").string()});
  EXPECT_EQ(probe(dir / "out.mkv").frame_count, 12);
}

// H.264 of open GOPs stream-copied into Matroska from a moment after a keyframe: its leading frames
// come without times (and refer to pictures before the cut); the refusal says where that comes from.
TEST(media_probe, a_leading_frame_without_a_time_after_an_open_gop_cut_names_the_cut) {
  const ScratchDir dir("probe-test");
  const fs::path whole = dir / "open-gop.mkv", cut = dir / "cut.mkv";
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=30", "-frames:v", "150", "-c:v", "libx264", "-bf", "3",
                       "-x264-params", "open-gop=1:keyint=30:min-keyint=30:scenecut=0", whole.string()});
  EXPECT_NO_THROW(probe(whole));
  testing::run_ffmpeg({"-ss", "1.3", "-i", whole.string(), "-c", "copy", cut.string()});
  expect_input_error(cut, "has no timestamp, so frames cannot be timed; it follows the stream's first keyframe, an open-GOP one, as the "
                          "leading frames of a stream copied from a moment after a keyframe do");
}

// Frames shown before more frames decoded ahead of them than their codec reorders: a second timeline after the first (two MPEG-TS files joined end to
// end, their continuity counters renumbered as a muxer joining them would) or an intra codec's
// frames timed out of the order they decode. Sorting the times interleaved the two timelines'
// frames (0, 0, 0.04, 0.04...) or played two frames in each other's place (found 7 December 2026
// by a sweep of timing); each is refused, naming the packets.
TEST(media_probe, a_timeline_that_goes_back_is_an_input_error) {
  const ScratchDir dir("probe-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "30", "-c:v", "libx264", "-bf", "2", "-g", "10",
                       (dir / "half.ts").string()});
  std::ifstream half(dir / "half.ts", std::ios::binary);
  const std::string once((std::istreambuf_iterator<char>(half)), {});
  std::string twice = once + once;
  // Joined as they are, the continuity counters jump where the second starts, and the demuxer
  // flags the packet there damaged.
  std::ofstream(dir / "cat.ts", std::ios::binary) << twice;
  expect_input_error(dir / "cat.ts", "is damaged (the file is truncated or corrupt, or MPEG-TS files were joined end to end)");
  std::map<int, int> counter;  // per PID: the next continuity counter, as one muxer would have written them
  for (std::size_t at = 0; at + 188 <= twice.size(); at += 188) {
    const int pid = ((static_cast<unsigned char>(twice[at + 1]) & 0x1f) << 8) | static_cast<unsigned char>(twice[at + 2]);
    auto& flags = reinterpret_cast<unsigned char&>(twice[at + 3]);
    if (!(flags & 0x10)) continue;  // no payload: the counter stays
    const int next = counter.contains(pid) ? (counter[pid] + 1) & 15 : flags & 15;
    counter[pid] = next;
    flags = static_cast<unsigned char>((flags & 0xf0) | next);
  }
  std::ofstream(dir / "joined.ts", std::ios::binary) << twice;
  ASSERT_EQ(probe(dir / "half.ts").frame_count, 30);
  expect_input_error(dir / "joined.ts", "packet 30 is shown at 1.480 s, before more than 16 packets decoded ahead of it (packet 27 at "
                                        "2.640 s), more than h264 reorders: its timeline goes back (files joined end to end?), so its "
                                        "frames cannot be put in one order");

  testing::run_ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25", "-frames:v", "10", "-c:v", "mjpeg", "-bsf:v",
                       "setts=pts=if(eq(N\\,5)\\,PTS+40\\,if(eq(N\\,6)\\,PTS-40\\,PTS))", (dir / "swapped.mkv").string()});
  expect_input_error(dir / "swapped.mkv", "packet 6 is shown at 0.201 s, before packet 5 (0.240 s), which mjpeg shows first as it "
                                          "decodes first");
  // B-frames shown before the frames decoded ahead of them are one timeline.
  testing::run_ffmpeg({"-i", (dir / "half.ts").string(), "-c", "copy", (dir / "half.mkv").string()});
  EXPECT_EQ(probe(dir / "half.mkv").frame_count, 30);
}

// Found 6 December 2026 by a review: single-core took a 16400-pixel-wide clip that the segment
// strategies' workers refused, and past the bound a row's squared errors could overflow.
// Clips of two sizes, or two pixel formats, joined by the concat demuxer: VP8 and VP9 key frame
// headers, MJPEG and PNG frames' and AV1's (through libavcodec's parser) say so when the input is
// probed (found 7 December 2026 by a sweep of codecs: only decoding found them, and the ffmpeg
// CLI's peers scaled the later frames without a word, or printed their result before verification
// refused it).
TEST(media_probe, a_size_or_pixel_format_change_in_vp8_vp9_mjpeg_png_or_av1_is_found_by_the_probe) {
  const ScratchDir dir("probe-test");
  const auto joined = [&](const std::string& name, const std::vector<std::string>& codec, const std::string& second_size,
                          const std::string& second_format, const std::string& first_format = "yuv420p") {
    const std::string ext = fs::path(name).extension().string();
    const fs::path a = dir / ("a" + ext), b = dir / ("b" + ext), out = dir / name;
    std::vector<std::string> args = codec;
    args.insert(args.end(), {"-pix_fmt", first_format});
    make_cli_clip(a, 96, 64, "25", 30, args);
    args = codec;
    args.insert(args.end(), {"-pix_fmt", second_format});
    const auto x = second_size.find('x');
    make_cli_clip(b, std::stoi(second_size.substr(0, x)), std::stoi(second_size.substr(x + 1)), "25", 30, args);
    std::ofstream(dir / "parts.txt") << "file '" << a.string() << "'\nfile '" << b.string() << "'\n";
    testing::run_ffmpeg({"-f", "concat", "-safe", "0", "-i", (dir / "parts.txt").string(), "-c", "copy", out.string()});
    return out;
  };
  const std::vector<std::string> vp8 = {"-c:v", "libvpx", "-g", "10"};
  const std::vector<std::string> vp9 = {"-c:v", "libvpx-vp9", "-g", "10", "-deadline", "realtime", "-cpu-used", "8"};
  const std::string size_change = "from packet 30 its frames are 80x48, but the video starts at 96x64";
  expect_input_error(joined("vp8.webm", vp8, "80x48", "yuv420p"), size_change);
  expect_input_error(joined("vp9.webm", vp9, "80x48", "yuv420p"), size_change);
  EXPECT_EQ(probe(joined("vp9-444.webm", vp9, "96x64", "yuv444p")).pixel_format_change,
            "from packet 30 its frames are yuv444p, but the video starts as yuv420p");
  EXPECT_EQ(probe(joined("vp9-same.webm", vp9, "96x64", "yuv420p")).pixel_format_change, "") << "one size and format: nothing to say";
  // Profile 2 reads a bit-depth bit before the colour space: the size read after it must not move.
  EXPECT_EQ(probe(joined("vp9-10bit.webm", vp9, "96x64", "yuv420p10le")).pixel_format_change,
            "from packet 30 its frames are yuv420p10le, but the video starts as yuv420p");
  const std::vector<std::string> mjpeg = {"-c:v", "mjpeg"};
  expect_input_error(joined("mjpeg.avi", mjpeg, "80x48", "yuv420p"), size_change);
  EXPECT_EQ(probe(joined("mjpeg-444.mkv", mjpeg, "96x64", "yuv444p")).pixel_format_change,
            "from packet 30 its frames are yuv444p, but the video starts as yuv420p");
  EXPECT_EQ(probe(joined("mjpeg-same.avi", mjpeg, "96x64", "yuv420p")).pixel_format_change, "");
  const std::vector<std::string> png = {"-c:v", "png"};
  expect_input_error(joined("png.mkv", png, "80x48", "rgb24", "rgb24"), size_change);
  EXPECT_EQ(probe(joined("png-gray.mkv", png, "96x64", "gray", "rgb24")).pixel_format_change,
            "from packet 30 its frames are gray, but the video starts as rgb24");
  EXPECT_EQ(probe(joined("png-same.mkv", png, "96x64", "rgb24", "rgb24")).pixel_format_change, "");
  const std::vector<std::string> av1 = {"-c:v", "libaom-av1", "-g", "10", "-cpu-used", "8", "-b:v", "100k"};
  if (run_ffprobe({"-encoders"}).find("libaom-av1") == std::string::npos) return;  // this ffmpeg cannot write AV1
  expect_input_error(joined("av1.mkv", av1, "80x48", "yuv420p"), size_change);
}

// A forward jump in an MPEG-TS's timestamps, which the ffmpeg CLI closes up, is refused rather
// than kept as a gap of hours; the remux the line names closes it up and is taken.
TEST(media_probe, a_transport_streams_timestamp_discontinuity_is_an_input_error) {
  const ScratchDir dir("probe-test");
  make_cli_clip(dir / "whole.ts", 160, 120, "25", 60, {"-c:v", "libx264", "-preset", "ultrafast", "-g", "25"});
  testing::run_ffmpeg({"-i", (dir / "whole.ts").string(), "-c", "copy", "-bsf:v", "setts=ts='if(gte(N\\,30)\\,TS+972000000\\,TS)'",
                       (dir / "jump.ts").string()});
  expect_input_error(dir / "jump.ts", "jump.ts: its timestamps jump forward 10800.0 s between frames 29 and 30, a discontinuity");
  testing::run_ffmpeg({"-i", (dir / "jump.ts").string(), "-c", "copy", (dir / "remuxed.ts").string()});
  const VideoInfo remuxed = probe(dir / "remuxed.ts");
  EXPECT_EQ(remuxed.frame_count, 60);
  EXPECT_NEAR(static_cast<double>(remuxed.frame_pts.back() - remuxed.frame_pts.front()) * remuxed.time_base.value(), 59 / 25.0, 1e-3);
}

TEST(media_probe, frames_past_the_widest_framebench_takes_are_an_input_error) {
  const ScratchDir dir("probe-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", fmt::format("color=size={}x8:rate=5:duration=0.2", kMaxFrameSide + 16), "-c:v", "ffv1",
                       (dir / "wide.mkv").string()});
  expect_input_error(dir / "wide.mkv", fmt::format("frames of {}x8 are past the {} pixels a side framebench takes", kMaxFrameSide + 16,
                                                   kMaxFrameSide));
}

TEST(media_probe, directory_is_an_input_error) {
  const ScratchDir dir("probe-test");
  expect_input_error(dir.path(), "directory");
}

}  // namespace
}  // namespace framebench::media
