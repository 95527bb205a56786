#include "harness/benchmark_json.hpp"

#include <gtest/gtest.h>

namespace framebench::harness {
namespace {

TEST(StrictJson, ReplacesBareNonNumbersButNotStrings) {
  EXPECT_EQ(strict_json(R"({"a": NaN, "b": -NaN, "c": Infinity, "d": -Infinity, "e": 1.5})"),
            R"({"a": null, "b": null, "c": null, "d": null, "e": 1.5})");
  EXPECT_EQ(strict_json(R"({"name": "NaN \"Infinity\" x", "v": [NaN]})"), R"({"name": "NaN \"Infinity\" x", "v": [null]})");
}

}  // namespace
}  // namespace framebench::harness
