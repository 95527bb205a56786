#include "strategies/ffmpeg_filter_graph.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "core/error.hpp"

namespace framebench::strategies {
namespace {

media::VideoInfo clip(const std::string& pixel_format = "yuv420p", int width = 176, int height = 144) {
  media::VideoInfo info;
  info.path = "clip.mkv";
  info.pixel_format = pixel_format;
  info.width = width;
  info.height = height;
  return info;
}

TEST(FfmpegFilterGraph, BoxKernelsRunAvgblurWithTheirRadius) {
  for (const auto& [name, radius] : {std::pair{"box3", 1}, {"box5", 2}, {"box15", 7}, {"box:9", 4}}) {
    const auto g = ffmpeg_filter_graph(kernels::make_kernel(name), clip());
    EXPECT_EQ(g.method(), "avgblur on gbrp") << name;
    EXPECT_NE(g.graph.find(fmt::format("avgblur=sizeX={0}:sizeY={0}", radius)), std::string::npos) << g.graph;
    EXPECT_EQ(g.graph.find("convolution"), std::string::npos) << g.graph;
  }
}

// The native peer filters the decoder's planes with no conversion, inside a reflected border as
// deep as the radius in every plane: 4:2:0 chroma's takes twice as many luma pixels. ffmpeg's pad
// drops the last column and row of a subsampled frame of odd size, which is therefore refused.
TEST(FfmpegFilterGraph, TheNativePeerFiltersTheDecodersPlanesInsideOurBorders) {
  const auto box = ffmpeg_native_graph(kernels::make_kernel("box5"), clip("yuv420p"));
  EXPECT_EQ(box.graph, "pad=iw+8:ih+8:4:4,fillborders=4:4:4:4:mode=reflect,avgblur=sizeX=2:sizeY=2,crop=iw-8:ih-8:4:4");
  EXPECT_EQ(box.method(), "avgblur on yuv420p");
  EXPECT_THROW(ffmpeg_native_graph(kernels::make_kernel("box5"), clip("yuv420p", 175, 97)), InputError);
  EXPECT_NO_THROW(ffmpeg_native_graph(kernels::make_kernel("box5"), clip("yuv444p", 175, 97)));
  EXPECT_NO_THROW(ffmpeg_filter_graph(kernels::make_kernel("box5"), clip("yuv420p", 175, 97)));  // filtered as gbrp
  EXPECT_EQ(ffmpeg_native_graph(kernels::make_kernel("box5"), clip("yuv422p")).graph,
            "pad=iw+8:ih+4:4:2,fillborders=4:4:2:2:mode=reflect,avgblur=sizeX=2:sizeY=2,crop=iw-8:ih-4:4:2");
  EXPECT_EQ(ffmpeg_native_graph(kernels::make_kernel("box3"), clip("yuv444p")).graph,
            "pad=iw+2:ih+2:1:1,fillborders=1:1:1:1:mode=reflect,avgblur=sizeX=1:sizeY=1,crop=iw-2:ih-2:1:1");
  const auto gaussian = ffmpeg_native_graph(kernels::make_kernel("gaussian5"), clip("yuv420p"));
  EXPECT_EQ(gaussian.method(), "convolution on yuv420p");
  EXPECT_TRUE(gaussian.graph.starts_with("pad=iw+8:ih+8:4:4,fillborders=4:4:4:4:mode=reflect,convolution=")) << gaussian.graph;
  EXPECT_EQ(gaussian.graph.find("format="), std::string::npos) << gaussian.graph;
}

TEST(FfmpegFilterGraph, OtherKernelsRunConvolutionInsideOurBordersToo) {
  const auto sharpen = ffmpeg_filter_graph(kernels::make_kernel("sharpen3"), clip());
  EXPECT_EQ(sharpen.method(), "convolution on gbrp");
  EXPECT_TRUE(sharpen.graph.starts_with("format=bgr24,format=gbrp,pad=iw+2:ih+2:1:1,fillborders=1:1:1:1:mode=reflect,convolution="))
      << sharpen.graph;
  EXPECT_TRUE(sharpen.graph.ends_with(",crop=iw-2:ih-2:1:1")) << sharpen.graph;
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("gaussian5"), clip()).method(), "convolution on gbrp");
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("gaussian15"), clip()).method(), "convolution (row, column) on gbrp");
  // Equal taps that do not sum to one are not a mean (and ffmpeg would make one of them: below).
  EXPECT_THROW(ffmpeg_filter_graph(kernels::make_kernel("custom:1,1,1,1,1,1,1,1,1/18"), clip()), InputError);
}

TEST(FfmpegFilterGraph, AKernelNoFilterExpressesIsBadInput) {
  EXPECT_THROW(ffmpeg_filter_graph(kernels::make_kernel("disc:9"), clip()), InputError);
  EXPECT_THROW(ffmpeg_native_graph(kernels::make_kernel("disc:9"), clip()), InputError);
  // Both peers take the same kernels: a 7x7 matrix, and separable passes, on either path.
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("disc:7"), clip()).filter, "convolution");
  EXPECT_EQ(ffmpeg_native_graph(kernels::make_kernel("gaussian15"), clip()).filter, "convolution (row, column)");
}

// ffmpeg 5.1's convolution divides by the sum of the taps whatever rdiv says: a matrix whose taps
// do not sum to their divisor (or to 0 over 1) would be another filter.
TEST(FfmpegFilterGraph, AMatrixFfmpegWouldDivideOtherwiseIsRefusedNamingTheFile) {
  try {
    ffmpeg_filter_graph(kernels::make_kernel("custom:1,1,1,1,1,1,1,1,1/4"), clip());
    FAIL() << "no refusal";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "clip.mkv: ffmpeg-filter cannot run kernel 'custom:1,1,1,1,1,1,1,1,1/4': ffmpeg's convolution filter "
                                     "divides by the sum of the taps (by 1 where they sum to 0) whatever its rdiv says, and these sum to 9 "
                                     "over 4; framebench's own strategies take it");
  }
  EXPECT_THROW(ffmpeg_native_graph(kernels::make_kernel("custom:0,1,0,1,-4,1,0,1,0/2"), clip()), InputError);
  for (const char* fine : {"laplacian3", "edge3", "emboss3", "sharpen3", "gaussian5", "custom:1,2,1,2,4,2,1,2,1/16"}) {
    EXPECT_NO_THROW(ffmpeg_filter_graph(kernels::make_kernel(fine), clip())) << fine;
    EXPECT_NO_THROW(ffmpeg_native_graph(kernels::make_kernel(fine), clip())) << fine;
  }
}

// fillborders reflects once: every plane must hold the radius and one more each way.
TEST(FfmpegFilterGraph, FramesTooSmallForTheBorderAreRefusedNamingThePlanes) {
  EXPECT_NO_THROW(ffmpeg_filter_graph(kernels::make_kernel("box15"), clip("yuv420p", 8, 8)));
  EXPECT_THROW(ffmpeg_filter_graph(kernels::make_kernel("box15"), clip("yuv420p", 7, 8)), InputError);
  EXPECT_NO_THROW(ffmpeg_native_graph(kernels::make_kernel("box5"), clip("yuv420p", 6, 6)));
  try {
    ffmpeg_native_graph(kernels::make_kernel("box5"), clip("yuv420p", 6, 4));
    FAIL() << "no refusal";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "clip.mkv: ffmpeg-native cannot run kernel 'box5' (5x5) on 6x4 frames: ffmpeg's fillborders reflects "
                                     "only once, so each plane must be at least 3 pixels each way (the chroma planes are 3x2); framebench's "
                                     "own strategies take it");
  }
}

}  // namespace
}  // namespace framebench::strategies
