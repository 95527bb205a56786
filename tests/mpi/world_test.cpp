// The World's messages under a rank that stops mid-send: rank 0 names it within the bound it
// gave, where a blocking receive spun a core for as long as the rank stayed stopped, past
// --rank-timeout and deaf to Ctrl-C (found 6 December 2026 by a scale-out sweep: 40 s against a
// 10 s timeout, then only `timeout -s KILL`).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "tests/mpi/mpirun.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {

TEST(MpiWorld, AMessageThatStopsArrivingNamesItsSenderWithinTheBound) {
  const std::string mark = "mpi-world-" + std::to_string(::getpid());
  testing::MpiLaunch launch;
  launch.mark = mark;
  launch.rank_script = "exec " STOPPED_SENDER_BINARY;  // in place of framebench
  const auto started = std::chrono::steady_clock::now();
  const auto r = testing::run_program(testing::mpirun_command(launch, {}), testing::mpirun_env(launch));
  const std::string said = r.out + r.err;
  EXPECT_NE(said.find(": a message of 67108864 bytes did not arrive whole within 2 s"), std::string::npos) << said;
  EXPECT_NE(said.find("rank 1 on "), std::string::npos) << said;
  EXPECT_EQ(said.find("received whole"), std::string::npos) << said;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60)) << "the outer timeout ended it";
  EXPECT_TRUE(testing::processes_marked(mark).empty()) << "a rank outlived the job";
}

}  // namespace
}  // namespace framebench
