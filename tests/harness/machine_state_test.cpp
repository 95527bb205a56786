// The machine's state is sampled while a run prepares: the sample lasts at least half a second
// from its start, adds no wait when preparing took longer, and does not count our own work as
// other processes'. ctest runs these alone (RUN_SERIAL): "others" must be quiet.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/stopwatch.hpp"
#include "harness/machine_state.hpp"

namespace framebench::harness {
namespace {

TEST(MachineStateSample, LastsHalfASecondFromItsStart) {
  Stopwatch watch;
  const MachineStateSample sample;
  const MachineState state = sample.finish();
  EXPECT_GE(watch.seconds(), 0.5);
  EXPECT_GT(state.cores, 0);
}

TEST(MachineStateSample, PreparingLongerThanTheSampleAddsNoWait) {
  const MachineStateSample sample;
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the run's preparation
  Stopwatch watch;
  sample.finish();
  EXPECT_LT(watch.seconds(), 0.2);
}

TEST(MachineStateSample, OurOwnWorkMeanwhileIsNotCountedAsOthers) {
  const MachineStateSample sample;
  Stopwatch busy;
  volatile double sink = 0;
  while (busy.seconds() < 0.6) sink = sink + 1;  // one core busy with our own preparation
  const MachineState state = sample.finish();
  // Counted as others', one busy core of this machine would be 1/cores of all CPUs (0.5 on two).
  EXPECT_LT(state.others_cpu_before, 0.5 / state.cores) << "on " << state.cores << " cores";
}

}  // namespace
}  // namespace framebench::harness
