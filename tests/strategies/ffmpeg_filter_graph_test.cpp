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

// The native peer runs as a user would write it: bare avgblur, no padding and no conversion.
TEST(FfmpegFilterGraph, TheNativePeerFiltersTheDecodersPlanesAsTheyAre) {
  const auto box = ffmpeg_native_graph(kernels::make_kernel("box5"), "yuv420p");
  EXPECT_EQ(box.graph, "avgblur=sizeX=2:sizeY=2");
  EXPECT_EQ(box.method(), "avgblur on yuv420p");
  const auto gaussian = ffmpeg_native_graph(kernels::make_kernel("gaussian5"), "yuv420p");
  EXPECT_EQ(gaussian.method(), "convolution on yuv420p");
  EXPECT_EQ(gaussian.graph.find("format="), std::string::npos) << gaussian.graph;
  EXPECT_THROW(ffmpeg_native_graph(kernels::make_kernel("gaussian15"), "yuv420p"), InputError);
}

TEST(FfmpegFilterGraph, OtherKernelsRunConvolution) {
  EXPECT_EQ(ffmpeg_filter_graph(kernels::make_kernel("sharpen3")).method(), "convolution on gbrp");
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
