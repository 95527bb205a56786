#include <gtest/gtest.h>

#include <sched.h>

#include <string>

#include "core/cpu_affinity.hpp"
#include "core/subprocess.hpp"

namespace framebench {
namespace {

int allowed_cpus() {
  cpu_set_t set;
  EXPECT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  return CPU_COUNT(&set);
}

// What a child process reports as its allowed CPUs, e.g. "0" or "0-1".
std::string child_cpus() {
  const auto r = run_capture({"grep", "Cpus_allowed_list", "/proc/self/status"});
  EXPECT_TRUE(r.status.ok());
  return r.out.substr(r.out.find(':') + 1);
}

TEST(PinnedCores, PinsThisThreadAndItsChildrenThenRestores) {
  const int before = allowed_cpus();
  const std::string child_before = child_cpus();
  {
    const PinnedCores pinned(1);
    EXPECT_EQ(allowed_cpus(), 1);
    const std::string child = child_cpus();
    EXPECT_EQ(child.find_first_of(",-"), std::string::npos) << "child may run on " << child;
  }
  EXPECT_EQ(allowed_cpus(), before);
  EXPECT_EQ(child_cpus(), child_before);
}

TEST(PinnedCores, ABudgetAboveTheMachineKeepsEveryCpu) {
  const int before = allowed_cpus();
  const PinnedCores pinned(4096);
  EXPECT_EQ(allowed_cpus(), before);
}

}  // namespace
}  // namespace framebench
