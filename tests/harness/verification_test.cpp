#include "harness/verification.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace framebench::harness {
namespace {

TEST(Verification, PsnrOfKnownError) {
  Frame a(4, 4), b(4, 4);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 12; ++x) a.row(y)[x] = b.row(y)[x] = 100;
  EXPECT_TRUE(std::isinf(psnr_db(a.view(), b.view())));
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 12; ++x) b.row(y)[x] = 110;  // every sample off by 10: MSE 100
  EXPECT_NEAR(psnr_db(a.view(), b.view()), 10 * std::log10(255.0 * 255.0 / 100.0), 1e-9);
}

TEST(Verification, AutoModeFollowsTheEncoder) {
  media::EncoderSpec lossless, lossy;
  lossless.lossless = true;
  EXPECT_EQ(effective_mode({}, lossless), VerifyMode::exact);
  EXPECT_EQ(effective_mode({}, lossy), VerifyMode::psnr);
  EXPECT_EQ(effective_mode({VerifyMode::off, 40}, lossless), VerifyMode::off);
}

}  // namespace
}  // namespace framebench::harness
