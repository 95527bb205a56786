#include "media/frame_times.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <utility>

#include "media/probe.hpp"

namespace framebench::media {
namespace {

VideoInfo info_with(Rational rate, Rational time_base, std::vector<std::int64_t> pts) {
  VideoInfo info;
  info.frame_rate = rate;
  info.time_base = time_base;
  info.frame_count = static_cast<std::int64_t>(pts.size());
  info.frame_pts = std::move(pts);
  return info;
}

TEST(media_frame_times, evenly_spaced_input_keeps_the_rate_clock) {
  EXPECT_FALSE(FrameTimes::of(info_with({25, 1}, {1, 12800}, {512, 1024, 1536, 2048})).variable());
  // 29.97 fps in Matroska's milliseconds: rounded to the tick, still evenly spaced.
  EXPECT_FALSE(FrameTimes::of(info_with({30000, 1001}, {1, 1000}, {0, 33, 67, 100, 133, 167})).variable());
  EXPECT_FALSE(FrameTimes::of(info_with({25, 1}, {1, 1000}, {0})).variable());
}

TEST(media_frame_times, variable_input_keeps_its_times_in_the_coarsest_exact_time_base) {
  // 25 fps, then 10 fps, in a 1/90000 time base (MPEG-TS): 3600 and 9000 ticks apart.
  const auto times = FrameTimes::of(info_with({50, 3}, {1, 90000}, {1800, 5400, 9000, 18000, 27000}));
  ASSERT_TRUE(times.variable());
  EXPECT_EQ(times.time_base, (Rational{1, 50}));
  EXPECT_EQ(times.pts, (std::vector<std::int64_t>{0, 2, 4, 9, 14}));
  // No duration given for the last frame: the gap before it stands in.
  EXPECT_EQ(times.end, 19);
  EXPECT_EQ(times.duration_at(4), 5);
  EXPECT_EQ(times.duration_at(14), 5);
  EXPECT_EQ(times.duration_at(3), 0) << "not a frame's time";
}

// The last frame lasts as long as its packet says, in whole ticks of the frames' time base (a
// finer one made mpeg4 refuse a phone's clip whose last frame lasted 2999 of 3000 ticks), and no
// longer than the longest gap between frames (found 7 December 2026 by a review: 2^31 ticks ended
// the job at the muxer).
TEST(media_frame_times, the_last_frame_lasts_as_its_packet_says_within_the_frames_ticks) {
  VideoInfo info = info_with({50, 3}, {1, 90000}, {1800, 5400, 9000, 18000, 27000});
  for (const auto& [said, end] : {std::pair<std::int64_t, std::int64_t>{3600, 16}, {3500, 16}, {900, 15}, {1, 15},
                                  {std::int64_t{1} << 40, 19}, {std::numeric_limits<std::int64_t>::max(), 19}}) {
    info.last_frame_duration = said;
    const auto times = FrameTimes::of(info);
    EXPECT_EQ(times.time_base, (Rational{1, 50})) << said;
    EXPECT_EQ(times.pts, (std::vector<std::int64_t>{0, 2, 4, 9, 14})) << said;
    EXPECT_EQ(times.end, end) << said;
    EXPECT_EQ(times.duration_at(14), end - 14) << said;
  }
}

// Frames shown at one time (Matroska keeps them) last until the next later one; the last pair as
// long as the last gap between frames.
TEST(media_frame_times, frames_at_one_time_last_until_the_next_later_one) {
  const auto times = FrameTimes::of(info_with({25, 1}, {1, 1000}, {0, 40, 40, 100, 100}));
  ASSERT_TRUE(times.variable());
  EXPECT_EQ(times.time_base, (Rational{1, 50}));
  EXPECT_EQ(times.end, 8);
  EXPECT_EQ(times.duration_at(2), 3);
  EXPECT_EQ(times.duration_at(5), 3);
}

}  // namespace
}  // namespace framebench::media
