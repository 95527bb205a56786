#include "core/name_filter.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cerrno>
#include <chrono>

#include "core/error.hpp"

namespace framebench {
namespace {

TEST(NamesMatching, FindsThePatternAnywhereInEachName) {
  const std::vector<std::string> names = {"e2e/strategy:single-core/kernel:box5", "e2e/strategy:tbb-chunks/kernel:box3", "other"};
  EXPECT_EQ(names_matching("--filter", "box5", names), (std::vector<bool>{true, false, false}));
  EXPECT_EQ(names_matching("--filter", "strategy:(single-core|tbb-chunks)", names), (std::vector<bool>{true, true, false}));
  EXPECT_EQ(names_matching("--filter", "^other$", names), (std::vector<bool>{false, false, true}));
  EXPECT_TRUE(names_matching("--filter", "x", {}).empty());
}

TEST(NamesMatching, ABadPatternNamesTheOption) {
  try {
    names_matching("--filter", "(box", {"box5"});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("--filter '(box': not a valid regular expression")) << e.what();
  }
}

// std::regex backtracks exponentially on nested repetition, in a loop no signal stops: the search
// is given up past the limit, with its child process killed and reaped.
TEST(NamesMatching, APatternThatWouldSearchForeverIsRefusedInTime) {
  std::string pattern;
  for (int i = 0; i < 18; ++i) pattern += "(.*)*";
  pattern += "X";
  const auto start = std::chrono::steady_clock::now();
  try {
    names_matching("--benchmark_filter", pattern, {"kernel/impl:reference/kernel:box3/size:16x16/real_time"}, 0.5);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("took over 0.5 s to match 1 case name (nested repetition"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 5);
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1) << "a child was left";
  EXPECT_EQ(errno, ECHILD);
}

}  // namespace
}  // namespace framebench
