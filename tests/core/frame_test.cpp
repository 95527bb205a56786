#include "core/frame.hpp"

#include <gtest/gtest.h>

#include <cstdint>

#include "core/frame_hash.hpp"

namespace framebench {
namespace {

TEST(Frame, RowsAreAlignedAndPadded) {
  Frame f(7, 3);
  EXPECT_EQ(f.stride() % static_cast<std::ptrdiff_t>(kRowAlignment), 0);
  EXPECT_GE(f.stride(), 32 * kChannels);  // a whole group of pixels
  EXPECT_GE(Frame(33, 1).stride(), 64 * kChannels);
  for (int y = 0; y < f.height(); ++y) EXPECT_EQ(reinterpret_cast<std::uintptr_t>(f.row(y)) % kRowAlignment, 0u);
}

TEST(Frame, HashIgnoresPaddingButSeesPixelsAndShape) {
  Frame a(5, 2), b(5, 2);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 5 * kChannels; ++x) a.row(y)[x] = b.row(y)[x] = static_cast<std::uint8_t>(x + y);
  a.row(0)[5 * kChannels] = 1;  // padding byte
  b.row(0)[5 * kChannels] = 2;
  EXPECT_EQ(hash_pixels(a.view()), hash_pixels(b.view()));
  EXPECT_TRUE(same_pixels(a.view(), b.view()));
  b.row(1)[4] ^= 1;
  EXPECT_NE(hash_pixels(a.view()), hash_pixels(b.view()));
  EXPECT_FALSE(same_pixels(a.view(), b.view()));
}

TEST(Frame, DigestDependsOnOrder) {
  const std::uint64_t h[2] = {1, 2}, g[2] = {2, 1};
  EXPECT_NE(digest_of(h), digest_of(g));
}

}  // namespace
}  // namespace framebench
