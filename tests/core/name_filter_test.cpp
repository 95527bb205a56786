#include "core/name_filter.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>

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
    names_matching("--filter '(box'", "(box", {"box5"});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("--filter '(box': not a valid regular expression")) << e.what();
  }
}

// std::regex's compiler recurses once per level of nesting: 30000 parentheses ended in SIGSEGV.
TEST(NamesMatching, PatternsTooLongOrTooDeepAreRefusedBeforeTheyAreCompiled) {
  const std::string deep = std::string(30000, '(') + "a" + std::string(30000, ')');
  EXPECT_THROW(names_matching("--filter", deep, {"a"}), InputError);
  EXPECT_THROW(compile_name_filter("--benchmark_filter=...", std::string(300, '[') + std::string(300, ']')), InputError);
  EXPECT_THROW(compile_name_filter("--filter", std::string(kLongestNameFilter + 1, 'a')), InputError);
  EXPECT_NO_THROW(compile_name_filter("--filter", std::string(kDeepestNameFilter, '(') + "a" + std::string(kDeepestNameFilter, ')')));
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
  EXPECT_LE(waitpid(-1, nullptr, WNOHANG), 0) << "a child was left to be reaped";
}

}  // namespace
}  // namespace framebench
