#include "core/closest.hpp"

#include <gtest/gtest.h>

namespace framebench {
namespace {

TEST(Closest, PicksTheClosestWithinReach) {
  const std::vector<std::string> keys = {"dataset", "strategy", "kernel", "encoder", "workers"};
  EXPECT_EQ(closest("stratgy", keys), "strategy");
  EXPECT_EQ(closest("kernal", keys), "kernel");
  EXPECT_EQ(closest("zebra", keys), "");
}

}  // namespace
}  // namespace framebench
