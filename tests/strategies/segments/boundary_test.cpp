#include "strategies/segments/boundary.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace framebench::strategies {
namespace {

// 10 frames in segments 0-3, 4-6 and 7-9; frame i's hash is 100 + i.
std::vector<Segment> three_segments() { return {{0, 0, 4}, {1, 4, 3}, {2, 7, 3}}; }

std::vector<std::uint64_t> hashes(std::int64_t first, std::int64_t count) {
  std::vector<std::uint64_t> h;
  for (std::int64_t i = first; i < first + count; ++i) h.push_back(static_cast<std::uint64_t>(100 + i));
  return h;
}

std::vector<BoundaryFrames> right_frames() {
  return {{hashes(0, 3), hashes(4, 3)}, {hashes(4, 3), hashes(7, 3)}, {hashes(7, 3), {}}};
}

TEST(SegmentBoundaries, FramesDecodedPastEachEndMustStartTheNextSegment) {
  EXPECT_EQ(first_wrong_start(three_segments(), right_frames(), 10), std::nullopt);
  EXPECT_NO_THROW(check_boundaries(three_segments(), right_frames(), 10, "in.avi"));
}

TEST(SegmentBoundaries, ASegmentStartingOneFrameEarlyIsNamed) {
  auto frames = right_frames();
  frames[2].head = hashes(6, 3);  // its decoder restarted one frame early: frame 6 shown as 7
  EXPECT_EQ(first_wrong_start(three_segments(), frames, 10), std::size_t{2});
  try {
    check_boundaries(three_segments(), frames, 10, "in.avi");
    FAIL() << "a wrong start passed";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("in.avi: segment 3 of 3 (frames 7-9)"), std::string::npos) << e.what();
  }
}

TEST(SegmentBoundaries, AStartOffByAFrameOrTwoSaysByHowMuch) {
  const BoundaryFrames before{hashes(0, 3), hashes(4, 3)};  // frames 4, 5 and 6 decoded past its end
  EXPECT_EQ(start_shift(before, {hashes(4, 3), {}}), std::nullopt) << "a right start has no shift to find";
  EXPECT_EQ(start_shift(before, {hashes(3, 3), {}}), 1);   // one frame early: two frames line up
  EXPECT_EQ(start_shift(before, {hashes(5, 3), {}}), -1);  // one late
  EXPECT_EQ(start_shift(before, {hashes(2, 3), {}}), std::nullopt) << "two early: one frame alike proves nothing";
  EXPECT_EQ(start_shift(before, {hashes(20, 3), {}}), std::nullopt) << "frames from elsewhere";
  EXPECT_EQ(start_shift(before, {{}, {}}), std::nullopt);
}

// Found 7 December 2026 by a review: content that repeats lets a wrong shift line up as well.
TEST(SegmentBoundaries, NoShiftIsTrustedWhereTheFramesComparedRepeat) {
  const BoundaryFrames still{{}, {7, 7, 7}};
  EXPECT_EQ(start_shift(still, {{7, 7, 7}, {}}), std::nullopt);
  // A, B, A, B...: one early and one late line up alike.
  EXPECT_EQ(start_shift({{}, {1, 2, 1}}, {{2, 1, 2}, {}}), std::nullopt);
}

TEST(SegmentBoundaries, MissingProofIsAnErrorNotAPass) {
  auto frames = right_frames();
  frames[0].tail.pop_back();
  EXPECT_THROW(first_wrong_start(three_segments(), frames, 10), Error);
  EXPECT_THROW(first_wrong_start(three_segments(), {}, 10), Error);
}

TEST(SegmentBoundaries, CountsStopAtTheEndsOfTheVideo) {
  EXPECT_EQ(head_frames({0, 5, 2}), 2);
  EXPECT_EQ(tail_frames({0, 0, 8}, 10), 2);
  EXPECT_EQ(tail_frames({0, 0, 10}, 10), 0);
  EXPECT_EQ(tail_frames({0, 0, 3}, 10), kBoundaryFrames);
}

}  // namespace
}  // namespace framebench::strategies
