#include "core/core_budget.hpp"

#include <gtest/gtest.h>
#include <sched.h>

namespace framebench {
namespace {

TEST(CoreBudget, ZeroWorkersMeansEveryAvailableCore) {
  EXPECT_GE(CoreBudget::available(), 1);
  EXPECT_EQ(CoreBudget(0).cores(), CoreBudget::available());
  EXPECT_EQ(CoreBudget(-3).cores(), CoreBudget::available());
  EXPECT_EQ(CoreBudget(7).cores(), 7);
}

TEST(CoreBudget, AvailableFollowsTheAffinityMask) {
  cpu_set_t saved;
  ASSERT_EQ(sched_getaffinity(0, sizeof saved, &saved), 0);
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &saved)) {
      CPU_SET(cpu, &one);
      break;
    }
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  const int pinned = CoreBudget::available();
  ASSERT_EQ(sched_setaffinity(0, sizeof saved, &saved), 0);
  EXPECT_EQ(pinned, 1);
}

TEST(CoreBudget, RunnableThreadsAreNoMoreThanTheCoresThereAre) {
  const int cores = CoreBudget::available();
  EXPECT_EQ(CoreBudget(1).runnable_threads(), 1);
  EXPECT_EQ(CoreBudget(0).runnable_threads(), cores);
  EXPECT_EQ(CoreBudget(cores + 3).runnable_threads(), cores);
}

TEST(CoreBudget, SplitsCoresBetweenWorkersAtLeastOneEach) {
  EXPECT_EQ(CoreBudget(8).threads_per_worker(3), 2);
  EXPECT_EQ(CoreBudget(8).threads_per_worker(8), 1);
  EXPECT_EQ(CoreBudget(2).threads_per_worker(5), 1) << "never zero threads";
  EXPECT_EQ(CoreBudget(4).threads_per_worker(0), 4);
  EXPECT_EQ(CoreBudget(4).parallel_workers(10), 4);
  EXPECT_EQ(CoreBudget(4).parallel_workers(3), 3) << "no idle workers";
  EXPECT_EQ(CoreBudget(4).parallel_workers(0), 1);
}

TEST(CoreBudget, SplitTwoGivesBothSidesAThread) {
  EXPECT_EQ(CoreBudget(1).split_two(), (std::pair{1, 1}));
  EXPECT_EQ(CoreBudget(2).split_two(), (std::pair{1, 1}));
  EXPECT_EQ(CoreBudget(5).split_two(), (std::pair{2, 3}));
}

}  // namespace
}  // namespace framebench
