#include "media/frame_times.hpp"

#include <gtest/gtest.h>

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

// The last frame lasts as long as its packet says, which may need a finer time base than the
// frames alone.
TEST(media_frame_times, the_last_frame_lasts_as_its_packet_says) {
  VideoInfo info = info_with({50, 3}, {1, 90000}, {1800, 5400, 9000, 18000, 27000});
  info.last_frame_duration = 900;
  const auto times = FrameTimes::of(info);
  EXPECT_EQ(times.time_base, (Rational{1, 100}));
  EXPECT_EQ(times.pts, (std::vector<std::int64_t>{0, 4, 8, 18, 28}));
  EXPECT_EQ(times.end, 29);
  EXPECT_EQ(times.duration_at(0), 4);
  EXPECT_EQ(times.duration_at(28), 1);
}

}  // namespace
}  // namespace framebench::media
