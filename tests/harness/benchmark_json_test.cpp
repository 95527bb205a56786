#include "harness/benchmark_json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace framebench::harness {
namespace {

TEST(StrictJson, ReplacesBareNonNumbersButNotStrings) {
  EXPECT_EQ(strict_json(R"({"a": NaN, "b": -NaN, "c": Infinity, "d": -Infinity, "e": 1.5})"),
            R"({"a": null, "b": null, "c": null, "d": null, "e": 1.5})");
  EXPECT_EQ(strict_json(R"({"name": "NaN \"Infinity\" x", "v": [NaN]})"), R"({"name": "NaN \"Infinity\" x", "v": [null]})");
}

// Google Benchmark's cpu_time of a multi-process case holds the parent's CPU only; the cpu_s
// counter (parent and children) takes its place, in each entry's unit.
TEST(CpuTimeFromCounter, ReplacesCpuTimeInTheEntrysUnitAndCopiesCv) {
  const auto out = nlohmann::ordered_json::parse(cpu_time_from_counter(R"({"context": {"x": "1"}, "benchmarks": [
      {"name": "a", "run_type": "iteration", "real_time": 2000.0, "cpu_time": 15.0, "time_unit": "ms", "cpu_s": 3.5},
      {"name": "a_mean", "run_type": "aggregate", "aggregate_name": "mean", "real_time": 2.0e9, "cpu_time": 1.5e7,
       "time_unit": "ns", "cpu_s": 3.25},
      {"name": "a_cv", "run_type": "aggregate", "aggregate_name": "cv", "aggregate_unit": "percentage", "real_time": 0.02,
       "cpu_time": 0.5, "time_unit": "ms", "cpu_s": 0.01},
      {"name": "b", "run_type": "iteration", "error_occurred": true, "error_message": "boom", "real_time": 0, "cpu_time": 0,
       "time_unit": "ms"}]})",
                                                               "cpu_s"));
  const auto& b = out["benchmarks"];
  EXPECT_DOUBLE_EQ(b[0]["cpu_time"].get<double>(), 3500.0);
  EXPECT_DOUBLE_EQ(b[1]["cpu_time"].get<double>(), 3.25e9);
  EXPECT_DOUBLE_EQ(b[2]["cpu_time"].get<double>(), 0.01);
  EXPECT_DOUBLE_EQ(b[3]["cpu_time"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(b[0]["real_time"].get<double>(), 2000.0);  // nothing else changes
  EXPECT_EQ(out["context"]["x"], "1");
  EXPECT_EQ(b[0].begin().key(), "name");  // Google Benchmark's key order is kept
}

}  // namespace
}  // namespace framebench::harness
