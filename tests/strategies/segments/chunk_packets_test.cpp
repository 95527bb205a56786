#include "strategies/segments/chunk_packets.hpp"

#include <gtest/gtest.h>

namespace framebench::strategies {
namespace {

// 100 frames, a keyframe every 12.
media::VideoInfo gop_12() {
  media::VideoInfo info;
  info.frame_count = 100;
  for (std::int64_t k = 0; k < 100; k += 12) info.keyframes.push_back(k);
  return info;
}

TEST(ChunkPackets, FromTheKeyframeBeforeTheRestartThroughTheBoundaryFramesToTheNextKeyframe) {
  const auto r = chunk_packets(gop_12(), {1, 30, 20});  // frames 30-49, boundary frames 50-52
  EXPECT_EQ(r.first, 12);                                // the seek restarts at 24 with 12 as pre-roll
  EXPECT_EQ(r.end, 60);
}

TEST(ChunkPackets, AChunkAtAKeyframeStillTakesItsPreRoll) {
  const auto r = chunk_packets(gop_12(), {1, 24, 24});  // frames 24-47, boundary frames 48-50
  EXPECT_EQ(r.first, 12);
  EXPECT_EQ(r.end, 60);
}

TEST(ChunkPackets, AChunkWhoseKeyframeIsCleanStartsThereWithoutPreRoll) {
  media::VideoInfo info = gop_12();
  info.keyframe_clean.assign(info.keyframes.size(), false);
  info.keyframe_clean[2] = true;                     // keyframe 24 is an IDR
  EXPECT_EQ(chunk_packets(info, {1, 30, 20}).first, 24);
  EXPECT_EQ(chunk_packets(info, {1, 24, 24}).first, 24);
  EXPECT_EQ(chunk_packets(info, {1, 40, 20}).first, 24);  // keyframe 36 is not clean: its pre-roll is 24
}

TEST(ChunkPackets, TheFirstGopStartsAtTheStreamAndTheLastChunkEndsWithIt) {
  EXPECT_EQ(chunk_packets(gop_12(), {0, 0, 10}).first, 0);
  EXPECT_EQ(chunk_packets(gop_12(), {1, 14, 5}).first, 0);
  EXPECT_EQ(chunk_packets(gop_12(), {0, 0, 10}).end, 24);  // boundary frames 10-12 reach keyframe 12's GOP
  EXPECT_EQ(chunk_packets(gop_12(), {5, 90, 10}).end, 100);
}

}  // namespace
}  // namespace framebench::strategies
