// scripts/setup explains what it installs and why, and on a machine it has set up finds nothing
// missing. (Its failure path, the package manager's own error and what to do, was run by hand
// with a package apt cannot locate: a test cannot break apt on a shared machine.)
#include <gtest/gtest.h>

#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
using testing::lines;

const std::string kSetup = FRAMEBENCH_SOURCE_DIR "/scripts/setup";

TEST(Setup, ExplainsEveryPackageItInstalls) {
  const auto r = run_capture({kSetup, "--explain"});
  ASSERT_TRUE(r.status.ok()) << r.out;
  std::string reason;
  int packages = 0;
  for (const auto& line : lines(r.out)) {
    if (!line.starts_with("  ")) {
      reason = line;
      EXPECT_NE(line.find(": "), std::string::npos) << "a group says what it is and why: " << line;
      continue;
    }
    ++packages;
    EXPECT_FALSE(reason.empty()) << line << " has no reason above it";
    // What it lists is what a set-up machine has.
    EXPECT_TRUE(run_capture({"dpkg-query", "-W", "-f=${Status}", line.substr(2)}).out.ends_with("installed")) << line;
  }
  EXPECT_GE(packages, 25);
  EXPECT_NE(r.out.find("  python3-jsonschema\n"), std::string::npos) << r.out;
  // scripts/test's fuzz smoke builds with clang on a fresh CI machine.
  for (const char* clang_package : {"  clang-14\n", "  libclang-rt-14-dev\n", "  llvm-14\n"})
    EXPECT_NE(r.out.find(clang_package), std::string::npos) << clang_package << r.out;
  // scripts/fuzz's clang build goes through ccache, and the measuring scripts need GNU time and bc:
  // a fresh Debian 12 machine has none of them (found 6 December 2026 by a sweep of the scripts).
  for (const char* tool : {"  ccache\n", "  time\n", "  bc\n"}) EXPECT_NE(r.out.find(tool), std::string::npos) << tool << r.out;
}

TEST(Setup, FindsNothingMissingOnASetUpMachine) {
  const auto r = run_capture({kSetup});
  ASSERT_TRUE(r.status.ok()) << r.out;
  EXPECT_EQ(r.out, "framebench setup: dependencies present\n");
}

}  // namespace
}  // namespace framebench
