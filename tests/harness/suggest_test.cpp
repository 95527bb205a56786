#include "harness/suggest.hpp"

#include <gtest/gtest.h>

namespace framebench::harness {
namespace {

TEST(Suggest, PicksTheClosestWithinReach) {
  const std::vector<std::string> keys = {"dataset", "strategy", "kernel", "encoder", "workers"};
  EXPECT_EQ(closest("stratgy", keys), "strategy");
  EXPECT_EQ(closest("kernal", keys), "kernel");
  EXPECT_EQ(closest("zebra", keys), "");
}

}  // namespace
}  // namespace framebench::harness
