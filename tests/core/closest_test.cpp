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

TEST(Closest, UnknownNameMessageSuggestsAndListsTheKnown) {
  const std::vector<std::string> known = {"single-core", "tbb-pipeline"};
  EXPECT_EQ(unknown_name_message("strategy", "singel-core", known),
            "unknown strategy 'singel-core' (did you mean 'single-core'?); known: single-core, tbb-pipeline");
  EXPECT_EQ(unknown_name_message("strategy", "zzz", known), "unknown strategy 'zzz'; known: single-core, tbb-pipeline");
}

}  // namespace
}  // namespace framebench
