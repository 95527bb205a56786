// The clock each container counts a stream's times in, as its muxer says, and the refusal of
// variable-rate times it would merge.
#include <gtest/gtest.h>

#include "media/encoder.hpp"
#include "media/frame_times.hpp"
#include "media/muxer_clock.hpp"

namespace framebench::media {
namespace {

TEST(MuxerClock, AviCoarsensTimeBasesFinerThanAMillisecondAndMatroskaCountsMilliseconds) {
  const auto ffv1 = encoder("ffv1");
  EXPECT_EQ(muxer_time_base("out.avi", ffv1, 64, 48, {1, 90000}), (Rational{1, 600}));
  EXPECT_EQ(muxer_time_base("out.avi", ffv1, 64, 48, {1, 1000}), (Rational{1, 1000}));
  EXPECT_EQ(muxer_time_base("out.mkv", ffv1, 64, 48, {1, 90000}), (Rational{1, 1000}));
  EXPECT_EQ(muxer_time_base("out.nut", ffv1, 64, 48, {1, 90000}), (Rational{1, 90000}));
}

// Frames 40 ms apart but for one pair 0.811 ms apart, in 1/90000 s: in 1/600 s both round to 216
// ticks, in milliseconds to 360 and 361.
FrameTimes with_a_close_pair() {
  FrameTimes times;
  times.time_base = {1, 90000};
  for (std::int64_t n = 0; n < 12; ++n) times.pts.push_back(n * 3600 - (n == 10 ? 3527 : 0));
  times.end = times.pts.back() + 3600;
  return times;
}

TEST(MuxerClock, FramesOnOneTickOfTheContainersClockAreRefusedNamingTheContainersThatKeepThemApart) {
  const FrameTimes times = with_a_close_pair();
  EXPECT_EQ(muxer_clock_problem("dir/out.avi", encoder("ffv1"), 64, 48, times),
            "dir/out.avi: its container counts this stream's times in ticks of 1/600 s, which would show frames 9 and 10, 0.811 ms "
            "apart, at one time; write .mkv or .nut");
  EXPECT_EQ(muxer_clock_problem("out.mkv", encoder("ffv1"), 64, 48, times), "");
  EXPECT_EQ(muxer_clock_problem("out.nut", encoder("ffv1"), 64, 48, times), "");
  EXPECT_EQ(muxer_clock_problem("out.avi", encoder("ffv1"), 64, 48, FrameTimes{}), "") << "an even rate is placed by frame";
}

}  // namespace
}  // namespace framebench::media
