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

std::string problem(const std::string& encoder_name, const VideoInfo& input, const std::string& output = "out.mkv") {
  return native_round_trip_problem(native_encoder(encoder(encoder_name), input.pixel_format, "in.nut"), input, output);
}

TEST(NativeRoundTrip, AnEncoderThatStoresAnotherLayoutIsNamed) {
  EXPECT_EQ(problem("x264-ultrafast", input_of("nv12")),
            "encoder 'x264-ultrafast' stores nv12 frames as yuv420p, so an output on the native path could not be checked against the "
            "input's planes; use --pixel-format bgr24 (or the config's pixel_format), or an encoder that keeps nv12");
  EXPECT_NE(problem("x264-ultrafast", input_of("gray")).find("stores gray frames as yuv420p"), std::string::npos);
}

TEST(NativeRoundTrip, LayoutsKeptAsTheyAreAreFine) {
  EXPECT_EQ(problem("x264-ultrafast", input_of("yuv420p")), "");
  EXPECT_EQ(problem("ffv1", input_of("gray")), "");
  EXPECT_EQ(problem("x265-ultrafast", input_of("yuv444p"), "out.mp4"), "");
  EXPECT_EQ(problem("mjpeg", input_of("yuvj420p", /*AVCOL_RANGE_JPEG=*/2)), "");
}

// MJPEG takes limited-range 4:2:0 only unofficially: its writer cannot be opened for it at all.
TEST(NativeRoundTrip, AnEncoderThatCannotBeOpenedForTheFramesIsNamed) {
  EXPECT_NE(problem("mjpeg", input_of("yuv420p", /*AVCOL_RANGE_MPEG=*/1)).find("encoder 'mjpeg' cannot write yuv420p frames"),
            std::string::npos);
}

}  // namespace
}  // namespace framebench::media
