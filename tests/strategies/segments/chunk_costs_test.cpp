#include "strategies/segments/chunk_costs.hpp"

#include <gtest/gtest.h>

namespace framebench::strategies {
namespace {

media::VideoInfo clip(std::int64_t frames, std::vector<std::int64_t> keyframes, std::vector<bool> clean,
                      std::vector<std::int64_t> bytes = {}) {
  media::VideoInfo info;
  info.frame_count = frames;
  info.keyframes = std::move(keyframes);
  info.keyframe_clean = std::move(clean);
  info.packet_bytes = std::move(bytes);
  return info;
}

TEST(ChunkCosts, FramesOfEqualBytesCostOneEach) {
  const auto info = clip(10, {0, 5}, {true, true});
  const ChunkCosts costs(info);
  EXPECT_DOUBLE_EQ(costs.total(), 10);
  EXPECT_DOUBLE_EQ(costs.frames(2, 7), 5);
  EXPECT_DOUBLE_EQ(costs.before(4), 4);
  const auto unknown = clip(10, {0, 5}, {true, true}, {1, 2, 3});  // sizes that do not fit: ignored
  EXPECT_DOUBLE_EQ(ChunkCosts(unknown).frames(0, 3), 3);
}

TEST(ChunkCosts, DecodeWorkFollowsThePacketsBytes) {
  // Mean 200 bytes: a 400-byte frame decodes for twice the share, a 0-byte one for nothing.
  const auto info = clip(4, {0}, {true}, {400, 0, 200, 200});
  const ChunkCosts costs(info);
  EXPECT_DOUBLE_EQ(costs.frames(0, 1), 1 - kDecodeShare + 2 * kDecodeShare);
  EXPECT_DOUBLE_EQ(costs.frames(1, 2), 1 - kDecodeShare);
  EXPECT_DOUBLE_EQ(costs.frames(2, 3), 1);
  EXPECT_DOUBLE_EQ(costs.total(), 4);
}

TEST(ChunkCosts, AChunkReachesItsStartFromWhereItsDecoderRestarts) {
  // Keyframes at 0, 10 (not clean: an open-GOP I-frame) and 20 (clean).
  const auto info = clip(30, {0, 10, 20}, {true, false, true});
  const ChunkCosts costs(info);
  EXPECT_EQ(costs.discarded(0), 0);
  EXPECT_EQ(costs.discarded(7), 7);    // from 0
  EXPECT_EQ(costs.discarded(10), 10);  // the pre-roll from keyframe 0
  EXPECT_EQ(costs.discarded(15), 15);
  EXPECT_EQ(costs.discarded(20), 0);   // clean
  EXPECT_EQ(costs.discarded(26), 6);
  EXPECT_NEAR(costs.reaching(26), 6 * kDecodeShare, 1e-9);
  EXPECT_NEAR(costs.reaching(20), 0, 1e-9);
  EXPECT_EQ(ChunkCosts(clip(30, {}, {})).discarded(12), 12);  // no keyframe known: from the start
}

TEST(ChunkCosts, FrameAtFindsTheNearestBoundaryTiesToTheEarlier) {
  const auto info = clip(10, {0}, {true});
  const ChunkCosts costs(info);
  EXPECT_EQ(costs.frame_at(2.5), 2);
  EXPECT_EQ(costs.frame_at(2.6), 3);
  EXPECT_EQ(costs.frame_at(-1), 0);
  EXPECT_EQ(costs.frame_at(99), 10);
}

}  // namespace
}  // namespace framebench::strategies
