#include "media/leading_frames.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "media_fixtures.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;
using testing::decode_hashes;
using testing::make_cli_clip;
using testing::run_ffmpeg;

// A stream copy from 2 s in: ffmpeg starts it at the open-GOP keyframe before, with the leading
// frames that keyframe's GOP shows before it.
fs::path cut_from_two_seconds(const fs::path& whole, const std::string& name) {
  const fs::path cut = whole.parent_path() / name;
  run_ffmpeg({"-ss", "2", "-i", whole.string(), "-c", "copy", cut.string()});
  return cut;
}

TEST(LeadingFrames, AStreamCutAtAnOpenGopKeyframeIsRefusedWhereItsLeadingFramesCannotBeDecoded) {
  const ScratchDir dir("leading-frames");
  const std::vector<std::pair<std::string, std::vector<std::string>>> open_gops = {
      {"hevc.mp4", {"-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=24:min-keyint=24:open-gop=1:bframes=3:log-level=error"}},
      {"mpeg2.ts", {"-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-flags", "-cgop", "-q:v", "3"}}};
  for (const auto& [name, codec] : open_gops) {
    SCOPED_TRACE(name);
    const fs::path whole = dir / name;
    make_cli_clip(whole, 160, 120, "25", 100, codec);
    EXPECT_EQ(leading_frames_refusal(probe(whole)), "") << "the whole stream starts at its first keyframe";

    const fs::path cut = cut_from_two_seconds(whole, "cut-" + fs::path(name).stem().string() + ".ts");
    const VideoInfo info = probe(cut);
    ASSERT_GT(info.shown_before_first_packet, 0) << "the fixture must start at an open-GOP keyframe";
    ASSERT_LT(static_cast<std::int64_t>(decode_hashes(cut).size()), info.frame_count) << "its decoder drops the leading frames";
    EXPECT_EQ(leading_frames_refusal(info),
              fmt::format("{}: its video stream starts at an open-GOP keyframe, and the {} frame(s) shown before it refer to pictures "
                          "before where the stream was cut, so they cannot be decoded; remux it into MP4 (ffmpeg -i IN -c copy "
                          "OUT.mp4, whose edit list leaves them out), cut it at a closed-GOP keyframe, or re-encode it",
                          cut.string(), info.shown_before_first_packet));

    // The fix the line names: the MP4 muxer's edit list leaves them out, and every frame decodes.
    const fs::path remuxed = dir / ("remuxed-" + fs::path(name).stem().string() + ".mp4");
    run_ffmpeg({"-i", cut.string(), "-c", "copy", remuxed.string()});
    const VideoInfo remuxed_info = probe(remuxed);
    EXPECT_EQ(leading_frames_refusal(remuxed_info), "");
    EXPECT_EQ(static_cast<std::int64_t>(decode_hashes(remuxed).size()), remuxed_info.frame_count);
  }
}

// MPEG-2 of open GOPs stream-copied into Matroska or MPEG-PS from a moment after a keyframe: the
// copy times the leading B-frames at or just after the keyframe, not before it, and a remux keeps
// them so; they are found by decoding the first GOP, and the line names no remux.
TEST(LeadingFrames, LeadingFramesTimedAfterTheKeyframeAreFoundByDecoding) {
  const ScratchDir dir("leading-frames-after");
  const fs::path whole = dir / "mpeg2.mkv";
  make_cli_clip(whole, 160, 120, "30", 150, {"-c:v", "mpeg2video", "-bf", "2", "-g", "15", "-flags", "-cgop", "-q:v", "4"});
  EXPECT_EQ(leading_frames_refusal(probe(whole)), "");
  // MPEG-4 Part 2 in AVI too, which times frames in decode order (found by a review).
  const fs::path avi = dir / "mpeg4.avi";
  make_cli_clip(avi, 160, 120, "25", 100, {"-c:v", "mpeg4", "-bf", "2", "-g", "25", "-q:v", "4"});
  EXPECT_EQ(leading_frames_refusal(probe(avi)), "");
  for (const auto& [from, name] : {std::pair{whole, "cut.mkv"}, std::pair{whole, "cut.mpg"}, std::pair{avi, "cut.avi"}}) {
    SCOPED_TRACE(name);
    const fs::path cut = dir / name;
    run_ffmpeg({"-ss", "1.3", "-i", from.string(), "-c", "copy", cut.string()});
    const VideoInfo info = probe(cut);
    ASSERT_EQ(info.shown_before_first_packet, 0) << "the fixture's leading frames must be timed after its keyframe";
    const auto decoded = static_cast<std::int64_t>(decode_hashes(cut).size());
    ASSERT_LT(decoded, info.frame_count) << "its decoder drops the leading frames";
    EXPECT_EQ(leading_frames_refusal(info),
              fmt::format("{}: its video stream starts at an open-GOP keyframe, and {} frame(s) of its first GOP refer to pictures "
                          "before where the stream was cut, so they cannot be decoded (timed after the keyframe, they stay in a remux); "
                          "cut it at a closed-GOP keyframe, or re-encode it",
                          cut.string(), info.frame_count - decoded));
  }
}

// An MP4 cut from a moment after an open-GOP keyframe: its edit list hides the keyframe and the
// frames up to the cut, which the decoder still needs and is given; every frame shown decodes.
TEST(LeadingFrames, AnMp4WhoseEditListHidesItsOpenGopKeyframeIsTaken) {
  const ScratchDir dir("leading-frames-edit-list");
  const fs::path whole = dir / "open-gop.mp4";
  make_cli_clip(whole, 160, 120, "30", 150,
                {"-c:v", "libx264", "-preset", "fast", "-bf", "3", "-x264-params", "open-gop=1:keyint=30:min-keyint=30:scenecut=0"});
  const fs::path cut = dir / "cut.mp4";
  run_ffmpeg({"-ss", "1.3", "-i", whole.string(), "-c", "copy", cut.string()});
  const VideoInfo info = probe(cut);
  ASSERT_GT(info.shown_before_first_packet, 0) << "the fixture's first frame shown must not be its first packet's";
  EXPECT_EQ(leading_frames_refusal(info), "");
  EXPECT_EQ(static_cast<std::int64_t>(decode_hashes(cut).size()), info.frame_count);
}

}  // namespace
}  // namespace framebench::media
