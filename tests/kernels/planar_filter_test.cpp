// The native pixel path's filtering: planes of one or two channels, each at its own size, filtered
// through kernels::PlanarFilter. The reference on a plane is the reference on a packed frame
// restricted to one channel (channels are filtered independently), and every implementation
// that takes planes (cpu-fast, tbb-rows) is bit-exact with it, chroma sizes odd ones included.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/planar_frame.hpp"
#include "kernels/cpu/reference.hpp"
#include "kernels/fast_filter.hpp"
#include "kernels/implementation.hpp"
#include "kernels/planar_filter.hpp"

namespace framebench::kernels {
namespace {

void fill_random(PlanarFrame& f, std::mt19937& rng) {
  for (Frame& p : f.planes)
    for (int y = 0; y < p.height(); ++y)
      for (std::size_t x = 0; x < p.view().row_bytes(); ++x) p.row(y)[x] = static_cast<std::uint8_t>(rng());
}

// yuv420p at w x h: chroma planes at half size, rounded up (odd sizes keep their last column).
PlanarFrame yuv420p(int w, int h, std::mt19937& rng) {
  PlanarFrame f;
  const std::vector<PlaneShape> shapes = {{w, h, 1}, {(w + 1) / 2, (h + 1) / 2, 1}, {(w + 1) / 2, (h + 1) / 2, 1}};
  f.reshape("yuv420p", shapes);
  fill_random(f, rng);
  return f;
}

// nv12: luma and one plane of interleaved chroma pairs.
PlanarFrame nv12(int w, int h, std::mt19937& rng) {
  PlanarFrame f;
  const std::vector<PlaneShape> shapes = {{w, h, 1}, {(w + 1) / 2, (h + 1) / 2, 2}};
  f.reshape("nv12", shapes);
  fill_random(f, rng);
  return f;
}

const std::vector<std::string> kKernels = {"box3", "box5", "box15", "gaussian5", "sharpen3", "laplacian3", "emboss3", "gaussian:9:2"};

TEST(PlanarFilter, ReferenceOnAPlaneIsTheReferenceOnOneChannelOfAPackedFrame) {
  std::mt19937 rng(7);
  for (const auto& name : kKernels) {
    const KernelSpec k = make_kernel(name);
    Frame packed(23, 11), packed_out(23, 11);
    for (int y = 0; y < 11; ++y)
      for (std::size_t x = 0; x < packed.view().row_bytes(); ++x) packed.row(y)[x] = static_cast<std::uint8_t>(rng());
    reference_filter(k, packed.view(), packed_out.view());
    for (int c = 0; c < kChannels; ++c) {
      Frame plane(23, 11, 1), plane_out(23, 11, 1);
      for (int y = 0; y < 11; ++y)
        for (int x = 0; x < 23; ++x) plane.row(y)[x] = packed.row(y)[x * kChannels + c];
      reference_filter(k, plane.view(), plane_out.view());
      for (int y = 0; y < 11; ++y)
        for (int x = 0; x < 23; ++x)
          ASSERT_EQ(plane_out.row(y)[x], packed_out.row(y)[x * kChannels + c]) << name << " channel " << c << " at " << x << "," << y;
    }
  }
}

TEST(PlanarFilter, EveryImplementationThatTakesPlanesIsBitExactPerPlane) {
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  for (const char* impl : {"cpu-fast", "tbb-rows"}) {
    for (const auto& name : kKernels) {
      const KernelSpec k = make_kernel(name);
      PlanarFilter reference(make_reference_filter(k));
      PlanarFilter tested(implementation(impl).make(k, 2));
      // Odd sizes give odd chroma sizes; 1-row and 1-column chroma planes reflect onto themselves.
      for (const auto& [w, h] : {std::pair{64, 36}, std::pair{33, 17}, std::pair{2, 2}, std::pair{131, 5}}) {
        std::vector<PlanarFrame> inputs;
        inputs.push_back(yuv420p(w, h, rng));
        inputs.push_back(nv12(w, h, rng));
        for (const PlanarFrame& in : inputs) {
          PlanarFrame want, got;
          reference.apply(in, want);
          tested.apply(in, got);
          ASSERT_EQ(got.planes.size(), in.planes.size());
          for (std::size_t p = 0; p < in.planes.size(); ++p) {
            EXPECT_EQ(got.planes[p].width(), in.planes[p].width());
            EXPECT_EQ(got.planes[p].height(), in.planes[p].height());
          }
          EXPECT_TRUE(same_pixels(want, got)) << impl << " " << name << " on " << in.format << " " << w << "x" << h << " (seed " << seed << ")";
        }
      }
    }
  }
}

TEST(PlanarFilter, APackedBgrFrameIsOnePlaneFilteredAsBefore) {
  std::mt19937 rng(3);
  const KernelSpec k = make_kernel("gaussian5");
  PlanarFrame in;
  const std::vector<PlaneShape> shapes = {{40, 30, 3}};
  in.reshape("bgr24", shapes);
  fill_random(in, rng);
  Frame direct(40, 30);
  make_fast_filter(k)->apply(in.planes[0].view(), direct.view());
  PlanarFrame out;
  PlanarFilter(make_fast_filter(k)).apply(in, out);
  ASSERT_EQ(out.planes.size(), 1u);
  EXPECT_EQ(out.format, "bgr24");
  EXPECT_TRUE(same_pixels(out.planes[0].view(), direct.view()));
}

TEST(PlanarFilter, EachPlaneIsFilteredOnItsOwn) {
  // A bright dot in luma must not leak into chroma (or the reverse): planes never mix.
  std::mt19937 rng(1);
  PlanarFrame in = yuv420p(16, 16, rng);
  for (Frame& p : in.planes)
    for (int y = 0; y < p.height(); ++y)
      for (int x = 0; x < p.width(); ++x) p.row(y)[x] = 0;
  in.planes[0].row(8)[8] = 255;
  PlanarFrame out;
  PlanarFilter(make_fast_filter(make_kernel("box5"))).apply(in, out);
  EXPECT_GT(out.planes[0].row(8)[8], 0);
  for (int p = 1; p < 3; ++p)
    for (int y = 0; y < out.planes[p].height(); ++y)
      for (int x = 0; x < out.planes[p].width(); ++x) ASSERT_EQ(out.planes[p].row(y)[x], 0) << "plane " << p;
}

// Planes held elsewhere (a decoder's frame into an encoder's) filter as PlanarFrames do; planes
// of other shapes are refused rather than read or written out of bounds.
TEST(PlanarFilter, ViewsOfPlanesFilterAsPlanarFramesDo) {
  std::mt19937 rng(3);
  const PlanarFrame in = yuv420p(37, 21, rng);
  PlanarFilter filter(make_fast_filter(make_kernel("gaussian5")));
  PlanarFrame want, got;
  filter.apply(in, want);
  got.reshape_like(in);
  std::vector<ConstFrameView> in_views;
  std::vector<FrameView> out_views;
  for (const Frame& p : in.planes) in_views.push_back(p.view());
  for (Frame& p : got.planes) out_views.push_back(p.view());
  filter.apply(in_views, out_views);
  for (std::size_t p = 0; p < in.planes.size(); ++p) EXPECT_TRUE(same_pixels(got.planes[p].view(), want.planes[p].view())) << p;

  out_views.pop_back();
  EXPECT_THROW(filter.apply(in_views, out_views), Error);
  Frame wrong(19, 10, 1);
  out_views.push_back(wrong.view());  // chroma is 19x11
  EXPECT_THROW(filter.apply(in_views, out_views), Error);
}

}  // namespace
}  // namespace framebench::kernels
