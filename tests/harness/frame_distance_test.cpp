#include "harness/frame_distance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace framebench::harness {
namespace {

void fill(Frame& f, int value) {
  for (int y = 0; y < f.height(); ++y)
    for (std::size_t x = 0; x < f.view().row_bytes(); ++x) f.row(y)[x] = static_cast<std::uint8_t>(value);
}

// A yuv420p-shaped frame of `w` x `h` with every sample `value`.
PlanarFrame planar(int w, int h, int value) {
  PlanarFrame f;
  const std::vector<PlaneShape> shapes = {{w, h, 1}, {w / 2, h / 2, 1}, {w / 2, h / 2, 1}};
  f.reshape("yuv420p", shapes);
  for (Frame& p : f.planes) fill(p, value);
  return f;
}

TEST(FrameDistance, PsnrOfKnownError) {
  Frame a(4, 4), b(4, 4);
  fill(a, 100);
  fill(b, 100);
  EXPECT_TRUE(std::isinf(psnr_db(a.view(), b.view())));
  fill(b, 110);  // every sample off by 10: MSE 100
  EXPECT_NEAR(psnr_db(a.view(), b.view()), 10 * std::log10(255.0 * 255.0 / 100.0), 1e-9);
}

TEST(FrameDistance, OnePassGivesBothDistancesOverEveryPlane) {
  const PlanarFrame own = planar(8, 4, 100), got = planar(8, 4, 103), next = planar(8, 4, 90);
  const OwnAndNext e = squared_errors(own, got, &next);
  const std::uint64_t samples = 8 * 4 + 2 * (4 * 2);
  EXPECT_EQ(e.got.samples, samples);
  EXPECT_EQ(e.got.sum, samples * 9);
  EXPECT_EQ(e.next.samples, samples);
  EXPECT_EQ(e.next.sum, samples * 100);
  // Without a next frame only the first distance is summed, and it is the PSNR of the pair.
  const OwnAndNext alone = squared_errors(own, got, nullptr);
  EXPECT_EQ(alone.got.sum, e.got.sum);
  EXPECT_EQ(alone.next.samples, 0u);
  EXPECT_DOUBLE_EQ(psnr_db(own, got), e.got.psnr_db());
}

TEST(FrameDistance, FramesOfAnotherLayoutAreAnErrorNotADistance) {
  const PlanarFrame own = planar(8, 4, 100), smaller = planar(4, 4, 100);
  EXPECT_THROW(psnr_db(own, smaller), Error);
  PlanarFrame renamed = planar(8, 4, 100);
  renamed.format = "nv12";
  EXPECT_THROW(squared_errors(own, own, &renamed), Error);
  Frame a(4, 4), b(4, 3);
  EXPECT_THROW(psnr_db(a.view(), b.view()), Error);
}

}  // namespace
}  // namespace framebench::harness
