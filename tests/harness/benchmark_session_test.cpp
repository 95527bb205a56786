#include "harness/benchmark_session.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace framebench::harness {
namespace {

// Google Benchmark reads every word but its few false ones as true: only the words it means are
// taken.
TEST(BenchmarkFlags, TrueAndFalseAreTheWordsGoogleBenchmarkMeans) {
  for (const char* yes : {"true", "TRUE", "Yes", "on", "1", "t", "y"}) EXPECT_EQ(benchmark_flag_value(yes), true) << yes;
  for (const char* no : {"false", "No", "OFF", "0", "f", "n"}) EXPECT_EQ(benchmark_flag_value(no), false) << no;
  for (const char* other : {"maybe", "purple", "", "2", "truee"}) EXPECT_FALSE(benchmark_flag_value(other).has_value()) << other;
  EXPECT_NO_THROW(check_benchmark_flags({"--benchmark_counters_tabular=True", "--benchmark_color=auto", "--benchmark_list_tests"}));
  EXPECT_THROW(check_benchmark_flags({"--benchmark_report_aggregates_only=maybe"}), InputError);
  EXPECT_THROW(check_benchmark_flags({"--benchmark_color=purple"}), InputError);
}

}  // namespace
}  // namespace framebench::harness
