#include "media/native_round_trip.hpp"

#include <gtest/gtest.h>

#include <string>

#include "media/native_planes.hpp"

namespace framebench::media {
namespace {

VideoInfo input_of(const std::string& pixel_format, int color_range = 0) {
  VideoInfo info;
  info.path = "in.nut";
  info.pixel_format = pixel_format;
  info.presentation.color_range = color_range;
  return info;
}

NativeRoundTrip trial(const std::string& encoder_name, const VideoInfo& input, const std::string& output = "out.mkv") {
  return native_round_trip(native_encoder(encoder(encoder_name), input.pixel_format, "in.nut"), input, output);
}

TEST(NativeRoundTrip, SaysWhichLayoutAnEncoderStores) {
  EXPECT_EQ(trial("x264-ultrafast", input_of("nv12")).read_back, "yuv420p");
  EXPECT_EQ(trial("x264-ultrafast", input_of("gray")).read_back, "yuv420p");
  EXPECT_EQ(trial("x264-ultrafast", input_of("yuv420p")).read_back, "yuv420p");
  EXPECT_EQ(trial("x264-ultrafast", input_of("yuv444p"), "out.mp4").read_back, "yuv444p");
  EXPECT_EQ(trial("ffv1", input_of("gray")).read_back, "gray");
  EXPECT_EQ(trial("mjpeg", input_of("yuvj420p", /*AVCOL_RANGE_JPEG=*/2)).read_back, "yuvj420p");
  EXPECT_EQ(trial("ffv1", input_of("gray")).refused, "");
  // Two frames made an MPEG-TS too short to read back (found 5 December 2026 by a correctness sweep).
  EXPECT_EQ(trial("x264-ultrafast", input_of("yuv420p"), "out.ts").read_back, "yuv420p");
  EXPECT_EQ(trial("mpeg4", input_of("yuv420p"), "out.ts").read_back, "yuv420p");
}

// Found 6 December 2026 by a hostile-input sweep: full-range 4:2:0 spelled yuvj420p could not be
// opened by FFV1 or MPEG-4, and spelled yuv420p tagged full range read back from x264 and MJPEG as
// yuvj420p, which verification took for another layout. Both spellings are yuv420p's planes on the
// native path, the range in the tags, and read back as them.
TEST(NativeRoundTrip, AFullRangeLayoutIsOneHoweverItIsSpelled) {
  EXPECT_EQ(native_format("yuvj420p"), "yuv420p");
  EXPECT_EQ(native_format("yuvj444p"), "yuv444p");
  EXPECT_EQ(native_format("yuv420p"), "yuv420p");
  EXPECT_EQ(native_format("nv12"), "nv12");
  for (const char* name : {"ffv1", "mpeg4", "x264-ultrafast", "mjpeg"}) {
    const auto spelt_j = trial(name, input_of("yuvj420p", /*AVCOL_RANGE_JPEG=*/2));
    const auto tagged = trial(name, input_of("yuv420p", /*AVCOL_RANGE_JPEG=*/2));
    EXPECT_EQ(spelt_j.refused, "") << name;
    EXPECT_EQ(native_format(spelt_j.read_back), "yuv420p") << name;
    EXPECT_EQ(tagged.read_back, spelt_j.read_back) << name;
  }
}

// MJPEG takes limited-range 4:2:0 only unofficially: its writer cannot be opened for it at all.
TEST(NativeRoundTrip, SaysWhereAnEncoderCannotBeOpenedForTheFrames) {
  const auto mjpeg = trial("mjpeg", input_of("yuv420p", /*AVCOL_RANGE_MPEG=*/1));
  EXPECT_EQ(mjpeg.refused, "Invalid argument");
  EXPECT_EQ(mjpeg.read_back, "");
}

}  // namespace
}  // namespace framebench::media
