#include "media/timeline_order.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

extern "C" {
#include <libavcodec/codec_par.h>
}

namespace framebench::media {
namespace {

AVCodecParameters parameters(AVCodecID codec) {
  AVCodecParameters par{};
  par.codec_id = codec;
  return par;
}

// The index of the first time the order does not admit, or -1 where it admits them all.
int first_refused(AVCodecID codec, const std::vector<std::int64_t>& times) {
  TimelineOrder order(parameters(codec));
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!order.admits(times[i])) return static_cast<int>(i);
    order.add(times[i], static_cast<std::int64_t>(i));
  }
  return -1;
}

// A frame may be shown before as many frames decoded ahead of it as H.264 reorders (16), not one
// more; equal times are one moment, never a step back.
TEST(media_timeline_order, a_reordering_codec_takes_sixteen_frames_ahead_and_not_seventeen) {
  std::vector<std::int64_t> sixteen;
  for (std::int64_t t = 1; t <= 16; ++t) sixteen.push_back(t);
  auto seventeen = sixteen;
  seventeen.push_back(17);
  sixteen.push_back(0);
  seventeen.push_back(0);
  EXPECT_EQ(first_refused(AV_CODEC_ID_H264, sixteen), -1);
  EXPECT_EQ(first_refused(AV_CODEC_ID_H264, seventeen), 17);
  EXPECT_EQ(first_refused(AV_CODEC_ID_H264, {0, 3, 1, 2, 6, 4, 5, 6, 6, 7}), -1);  // B-frames, and twins
}

// A codec that shows frames as they decode takes no step back, and no more than that.
TEST(media_timeline_order, an_intra_codec_takes_no_step_back) {
  EXPECT_EQ(first_refused(AV_CODEC_ID_MJPEG, {0, 1, 1, 2, 3}), -1);
  EXPECT_EQ(first_refused(AV_CODEC_ID_MJPEG, {0, 1, 2, 4, 3, 5}), 4);
  EXPECT_EQ(first_refused(AV_CODEC_ID_VP9, {0, 2, 1}), 2);
}

TEST(media_timeline_order, says_which_packet_went_how_far_back) {
  TimelineOrder intra(parameters(AV_CODEC_ID_MJPEG));
  intra.add(0, 0);
  intra.add(240, 1);
  EXPECT_EQ(intra.why_not(200, 2, 0.001),
            "packet 2 is shown at 0.200 s, before packet 1 (0.240 s), which mjpeg shows first as it decodes first: its timeline goes back "
            "(files joined end to end?), so its frames cannot be put in one order");
}

}  // namespace
}  // namespace framebench::media
