#include "media/packet_copy.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/files.hpp"

namespace framebench::media {
namespace {

using testing::decode_hashes;
using framebench::testing::slurp;
using testing::make_cli_clip;

// 60 frames, a keyframe every 12, B-frames (x264's default), in MP4: what mpi-segments cuts.
std::filesystem::path b_frame_clip(const ScratchDir& dir) {
  const auto clip = dir / "in.mp4";
  make_cli_clip(clip, 160, 120, "25", 60, {"-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p"});
  return clip;
}

std::vector<std::uint64_t> slice(const std::vector<std::uint64_t>& v, std::size_t first, std::size_t end) {
  return {v.begin() + static_cast<std::ptrdiff_t>(first), v.begin() + static_cast<std::ptrdiff_t>(end)};
}

TEST(PacketCopy, AStretchFromAKeyframeDecodesToTheInputsFramesThere) {
  ScratchDir dir("packet-copy");
  const auto clip = b_frame_clip(dir);
  const VideoInfo info = probe(clip);
  ASSERT_TRUE(info.has_b_frames);
  const auto whole = decode_hashes(clip);
  for (const auto& [first, end] : {std::pair<std::int64_t, std::int64_t>{24, 48}, {0, 12}, {36, 60}}) {
    const auto copy = dir / "copy.mkv";
    const auto bytes = copy_packets(info, first, end, copy);
    EXPECT_EQ(bytes, std::filesystem::file_size(copy));
    EXPECT_LT(bytes, std::filesystem::file_size(clip));
    EXPECT_EQ(probe(copy).frame_count, end - first);
    EXPECT_EQ(decode_hashes(copy), slice(whole, static_cast<std::size_t>(first), static_cast<std::size_t>(end))) << first << "-" << end;
  }
}

// A Matroska muxer left to itself writes a random segment UID and its library's version: the
// segment workers' copies, and the outputs joined from them, would differ from run to run.
TEST(PacketCopy, TheSameStretchCopiesToTheSameBytes) {
  ScratchDir dir("packet-copy-same");
  const VideoInfo info = probe(b_frame_clip(dir));
  copy_packets(info, 12, 36, dir / "a.mkv");
  copy_packets(info, 12, 36, dir / "b.mkv");
  const std::string a = slurp(dir / "a.mkv");
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == slurp(dir / "b.mkv"));
}

TEST(PacketCopy, RefusesAStartThatIsNotAKeyframeAndAnEndPastTheInput) {
  ScratchDir dir("packet-copy-bad");
  const VideoInfo info = probe(b_frame_clip(dir));
  EXPECT_THROW(copy_packets(info, 5, 20, dir / "a.mkv"), InputError);
  EXPECT_THROW(copy_packets(info, 12, 61, dir / "b.mkv"), InputError);
  EXPECT_THROW(copy_packets(info, 12, 12, dir / "c.mkv"), InputError);
}

}  // namespace
}  // namespace framebench::media
