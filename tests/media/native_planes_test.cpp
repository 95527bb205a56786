// The native pixel path in media/: which decoder formats have planes an 8-bit kernel can take
// (chroma at its own, rounded-up size), the encoder made to take them unconverted, and frames
// that go through a lossless encoder and back plane for plane, odd sizes included.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/native_planes.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::media {
namespace {

TEST(NativePlanes, ChromaPlanesHaveTheirOwnRoundedUpSize) {
  EXPECT_EQ(native_planes("yuv420p", 33, 17, "in"), (std::vector<PlaneShape>{{33, 17, 1}, {17, 9, 1}, {17, 9, 1}}));
  EXPECT_EQ(native_planes("yuv422p", 33, 17, "in"), (std::vector<PlaneShape>{{33, 17, 1}, {17, 17, 1}, {17, 17, 1}}));
  EXPECT_EQ(native_planes("yuv444p", 33, 17, "in"), (std::vector<PlaneShape>{{33, 17, 1}, {33, 17, 1}, {33, 17, 1}}));
  EXPECT_EQ(native_planes("nv12", 32, 18, "in"), (std::vector<PlaneShape>{{32, 18, 1}, {16, 9, 2}}));
  EXPECT_EQ(native_planes("gray", 5, 3, "in"), (std::vector<PlaneShape>{{5, 3, 1}}));
  EXPECT_EQ(native_planes("gbrp", 5, 3, "in"), (std::vector<PlaneShape>{{5, 3, 1}, {5, 3, 1}, {5, 3, 1}}));
  EXPECT_EQ(native_planes("bgr24", 5, 3, "in"), (std::vector<PlaneShape>{{5, 3, 3}}));
}

TEST(NativePlanes, FormatsAn8BitKernelCannotTakeAreRefusedNamingTheFile) {
  for (const auto& [format, why] : {std::pair{"yuv420p10le", "10-bit samples"}, std::pair{"yuyv422", "not planes"},
                                    std::pair{"pal8", "not plain 8-bit"}, std::pair{"bgr0", "not planes"}}) {
    try {
      native_planes(format, 16, 16, "clip.mkv");
      ADD_FAILURE() << format << " was accepted";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("clip.mkv: pixel format native cannot filter"), std::string::npos) << what;
      EXPECT_NE(what.find(why), std::string::npos) << what;
    }
  }
}

TEST(NativePlanes, TheEncoderTakesTheInputsFormatOrSaysWhyNot) {
  EXPECT_EQ(native_encoder(encoder("x264-ultrafast"), "yuv444p", "in").pixel_format, "yuv444p");
  EXPECT_EQ(native_encoder(encoder("ffv1"), "yuv420p", "in").pixel_format, "yuv420p");
  try {
    native_encoder(encoder("x264rgb-lossless"), "yuv420p", "clip.mp4");
    ADD_FAILURE() << "libx264rgb took yuv420p";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("clip.mp4: pixel format native needs an encoder that takes the input's yuv420p"),
              std::string::npos)
        << e.what();
  }
}

TEST(NativePlanes, FramesRoundTripThroughALosslessEncoderPlaneForPlane) {
  const ScratchDir dir("native-planes-test");
  const auto path = dir / "native.mkv";
  std::mt19937 rng(5);
  std::vector<PlanarFrame> written(3);
  {
    VideoWriter writer(path, native_encoder(encoder("ffv1"), "yuv420p", path.string()), {.width = 33, .height = 17});
    for (PlanarFrame& f : written) {
      f.reshape("yuv420p", native_planes("yuv420p", 33, 17, "test"));
      for (Frame& p : f.planes)
        for (int y = 0; y < p.height(); ++y)
          for (int x = 0; x < p.width(); ++x) p.row(y)[x] = static_cast<std::uint8_t>(rng());
      writer.write(f);
    }
    writer.finish();
  }
  VideoReader reader(path, {.pixels = PixelPath::native});
  EXPECT_EQ(reader.info().pixel_format, "yuv420p");
  PlanarFrame got;
  for (const PlanarFrame& want : written) {
    ASSERT_TRUE(reader.read(got));
    EXPECT_TRUE(same_pixels(want, got));
  }
  EXPECT_FALSE(reader.read(got));
  // The BGR24 path of the same reader reads the same file as one packed plane.
  VideoReader bgr(path, {.pixels = PixelPath::bgr24});
  ASSERT_TRUE(bgr.read(got));
  ASSERT_EQ(got.planes.size(), 1u);
  EXPECT_EQ(got.format, "bgr24");
  EXPECT_EQ(got.planes[0].channels(), 3);
}

}  // namespace
}  // namespace framebench::media
