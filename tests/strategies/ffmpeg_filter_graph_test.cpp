#include "strategies/ffmpeg_filter_graph.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "core/error.hpp"

namespace framebench::strategies {
namespace {

TEST(FfmpegFilterGraph, BoxKernelsRunAvgblurWithTheirRadius) {
  for (const auto& [name, radius] : {std::pair{"box3", 1}, {"box5", 2}, {"box15", 7}, {"box:9", 4}}) {
    const auto g = ffmpeg_filter_graph(kernels::make_kernel(name));
    EXPECT_EQ(g.method(), "avgblur on gbrp") << name;
    EXPECT_NE(g.graph.find(fmt::format("avgblur=sizeX={0}:sizeY={0}", radius)), std::string::npos) << g.graph;
    EXPECT_EQ(g.graph.find("convolution"), std::string::npos) << g.graph;
  }
}

// The native peer filters the decoder's planes with no conversion, inside a reflected border as
// deep as the radius in every plane: 4:2:0 chroma's takes twice as many luma pixels.
TEST(FfmpegFilterGraph, TheNativePeerFiltersTheDecodersPlanesInsideOurBorders) {
  const auto box = ffmpeg_native_graph(kernels::make_kernel("box5"), "yuv420p");
  EXPECT_EQ(box.graph, "pad=iw+8:ih+8:4:4,fillborders=4:4:4:4:mode=reflect,avgblur=sizeX=2:sizeY=2,crop=iw-8:ih-8:4:4");
  EXPECT_EQ(box.method(), "avgblur on yuv420p");
  EXPECT_EQ(ffmpeg_native_graph(kernels::make_kernel("box5"), "yuv422p").graph,
            "pad=iw+8:ih+4:4:2,fillborders=4:4:2:2:mode=reflect,avgblur=sizeX=2:sizeY=2,crop=iw-8:ih-4:4:2");
  EXPECT_EQ(ffmpeg_native_graph(kernels::make_kernel("box3"), "yuv444p").graph,
            "pad=iw+2:ih+2:1:1,fillborders=1:1:1:1:mode=reflect,avgblur=sizeX=1:sizeY=1,crop=iw-2:ih-2:1:1");
  const auto gaussian = ffmpeg_native_graph(kernels::make_kernel("gaussian5"), "yuv420p");
  EXPECT_EQ(gaussian.method(), "convolution on yuv420p");
  EXPECT_TRUE(gaussian.graph.starts_with("pad=iw+8:ih+8:4:4,fillborders=4:4:4:4:mode=reflect,convolution=")) << gaussian.graph;
  EXPECT_EQ(gaussian.graph.find("format="), std::string::npos) << gaussian.graph;
  EXPECT_THROW(ffmpeg_native_graph(kernels::make_kernel("gaussian15"), "yuv420p"), InputError);
}

TEST(FfmpegFilterGraph, OtherKernelsRunConvolutionInsideOurBordersToo) {
  const auto sharpen = ffmpeg_filter_graph(kernels::make_kernel("sharpen3"));
  EXPECT_EQ(sharpen.method(), "convolution on gbrp");
  EXPECT_TRUE(sharpen.graph.starts_with("format=bgr24,format=gbrp,pad=iw+2:ih+2:1:1,fillborders=1:1:1:1:mode=reflect,convolution="))
      << sharpen.graph;
  EXPECT_TRUE(sharpen.graph.ends_with(",crop=iw-2:ih-2:1:1")) << sharpen.graph;
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("gaussian5")).method(), "convolution on gbrp");
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("gaussian15")).method(), "convolution (row, column) on gbrp");
  // Equal taps that do not sum to one are not a mean.
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("custom:1,1,1,1,1,1,1,1,1/18")).filter, "convolution");
}

TEST(FfmpegFilterGraph, AKernelNoFilterExpressesIsBadInput) {
  EXPECT_THROW(ffmpeg_filter_graph(kernels::make_kernel("disc:7")), InputError);
}

}  // namespace
}  // namespace framebench::strategies
