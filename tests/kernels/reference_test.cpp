#include "kernels/cpu/reference.hpp"

#include <gtest/gtest.h>

#include <random>

namespace framebench::kernels {
namespace {

Frame random_frame(int w, int h, unsigned seed) {
  Frame f(w, h);
  std::mt19937 rng(seed);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w * kChannels; ++x) f.row(y)[x] = static_cast<std::uint8_t>(rng());
  return f;
}

TEST(Reference, BoxLeavesFlatFramesUnchanged) {
  Frame in(9, 4), out(9, 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 9 * kChannels; ++x) in.row(y)[x] = 200;
  for (const char* k : {"box5", "gaussian15", "box:31"}) {
    reference_filter(make_kernel(k), in.view(), out.view());
    EXPECT_TRUE(same_pixels(in.view(), out.view())) << k;
  }
}

TEST(Reference, IdentityKernelCopies) {
  const Frame in = random_frame(13, 7, 1);
  Frame out(13, 7);
  reference_filter(make_kernel("custom:0,0,0,0,1,0,0,0,0"), in.view(), out.view());
  EXPECT_TRUE(same_pixels(in.view(), out.view()));
}

TEST(Reference, MatchesAHandComputedPixelWithReflectedBorder) {
  // 3x1 frame, one channel pattern; kernel [1 2 1]/4 horizontally on the left edge:
  // reflect101 makes the left neighbour of x=0 equal to x=1.
  Frame in(3, 1), out(3, 1);
  const std::uint8_t px[3] = {10, 50, 90};
  for (int x = 0; x < 3; ++x)
    for (int c = 0; c < kChannels; ++c) in.row(0)[x * kChannels + c] = px[x];
  reference_filter(make_kernel("custom:0,0,0,1,2,1,0,0,0/4"), in.view(), out.view());
  EXPECT_EQ(out.row(0)[0], (50 + 2 * 10 + 50 + 2) / 4);
  EXPECT_EQ(out.row(0)[kChannels], (10 + 2 * 50 + 90 + 2) / 4);
  EXPECT_EQ(out.row(0)[2 * kChannels], (50 + 2 * 90 + 50 + 2) / 4);
}

TEST(Reference, ChannelsAreIndependent) {
  Frame in = random_frame(6, 5, 2);
  Frame out(6, 5), out2(6, 5);
  const auto k = make_kernel("sharpen3");
  reference_filter(k, in.view(), out.view());
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 6; ++x) in.row(y)[x * kChannels + 1] ^= 0x55;  // change green only
  reference_filter(k, in.view(), out2.view());
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 6; ++x) {
      EXPECT_EQ(out.row(y)[x * kChannels], out2.row(y)[x * kChannels]);
      EXPECT_EQ(out.row(y)[x * kChannels + 2], out2.row(y)[x * kChannels + 2]);
    }
}

}  // namespace
}  // namespace framebench::kernels
