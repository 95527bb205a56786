// A fleet run whose host fails: rank 0's file keeps the other hosts' results and records the
// failed one's error, and the run says so and exits 1. (Three hosts that all succeed, drawn in one
// report, are in namespace_hosts_test.cpp.)
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "tests/mpi/mpirun.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {

TEST(FleetRun, AHostWhoseRunFailsIsReportedAndTheOthersKept) {
  ScratchDir dir("mpi-fleet");
  std::ofstream(dir / "fleet.toml") << "name = \"fleet\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                       "strategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n";
  const auto results = dir / "fleet.json";
  testing::MpiLaunch launch{.ranks = 2, .mark = "fleet-" + std::to_string(::getpid())};
  const std::vector<std::string> run = {FRAMEBENCH_BINARY, "run", (dir / "fleet.toml").string(), "--fleet", "--out", results.string()};
  // Two app contexts of one rank each: rank 1's dataset cache is under a file, so its run fails.
  auto argv = testing::mpirun_command(launch, {"run", (dir / "fleet.toml").string(), "--fleet", "--out", results.string()});
  argv.insert(argv.end(), {":", "-np", "1", "-x", "FRAMEBENCH_CACHE_DIR=/etc/hostname/cache"});
  argv.insert(argv.end(), run.begin(), run.end());
  const auto np = std::find(argv.begin(), argv.end(), "-np");
  *(np + 1) = "1";
  const auto r = testing::run_program(argv, testing::mpirun_env(launch));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("fleet: rank 1 on"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot create the dataset cache"), std::string::npos) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  EXPECT_EQ(json.at("benchmarks").at(0).at("verified").get<double>(), 1);
  ASSERT_EQ(json.at("fleet").size(), 1u);
  EXPECT_EQ(json.at("fleet").at(0).at("rank"), 1);
  EXPECT_NE(json.at("fleet").at(0).at("error").get<std::string>().find("cannot create the dataset cache"), std::string::npos);
  EXPECT_FALSE(json.at("fleet").at(0).contains("result"));
  const auto check = testing::run_program({"python3", FRAMEBENCH_SOURCE_DIR "/scripts/check-results", results.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_TRUE(testing::processes_marked(launch.mark).empty());
}

// SIGTERM to rank 0 of a fleet run: it stops at once, not after waiting for every other host's
// whole run (found 6 December 2026 by a scale-out sweep: 25 s after the signal, the others' results
// then dropped).
TEST(FleetRun, ASignalToRankZeroEndsTheRunWithoutWaitingForTheOtherHosts) {
  ScratchDir dir("mpi-fleet-signal");
  std::ofstream(dir / "long.toml") << "name = \"long\"\nrepetitions = 2000\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                      "strategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n";
  testing::MpiLaunch launch{.ranks = 2, .mark = "fleet-signal-" + std::to_string(::getpid())};
  auto argv = testing::mpirun_command(launch, {"run", (dir / "long.toml").string(), "--fleet", "--out", (dir / "r.json").string()});
  const auto started = std::chrono::steady_clock::now();
  std::thread signaller([&] {
    std::this_thread::sleep_for(std::chrono::seconds(3));  // both hosts are measuring
    if (const pid_t rank_0 = testing::rank_pid(launch.mark, 0); rank_0 > 0) ::kill(rank_0, SIGTERM);
  });
  const auto r = testing::run_program(argv, testing::mpirun_env(launch));
  signaller.join();
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("interrupted by signal 15"), std::string::npos) << r.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20)) << "rank 0 waited for the other host's run";
  EXPECT_TRUE(testing::processes_marked(launch.mark).empty());
}

// A member stopped mid-run (as a hung or cut-off host is silent): rank 0 waits for it only as
// long as the config's rank_timeout_s, then records it as lost beside its own results and ends
// the job, which takes the stopped rank down (found 6 December 2026 by a scale-out sweep: rank 0
// waited a week). Rank 1 runs a long config of its own, so it is measuring when stopped.
// Four hosts whose runs outlast the rank timeout: every member's beats reach rank 0, which runs
// its own config meanwhile and makes no MPI call, and all four results are kept (found 6 December
// 2026 by a review: a member that had exchanged no message with rank 0 at start-up could not open
// its link then, its beat timed out, and it aborted the whole job).
TEST(FleetRun, FourHostsRunningPastTheRankTimeoutAreAllKept) {
  ScratchDir dir("mpi-fleet-four");
  std::ofstream(dir / "f.toml") << "name = \"f\"\nrepetitions = 12\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                   "strategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n"
                                   "[options]\nrank_timeout_s = 1\n";
  const auto results = dir / "fleet.json";
  testing::MpiLaunch launch{.ranks = 4, .mark = "fleet-four-" + std::to_string(::getpid())};
  const auto r = testing::run_program(testing::mpirun_command(launch, {"run", (dir / "f.toml").string(), "--fleet", "--out", results.string()}),
                                      testing::mpirun_env(launch));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  ASSERT_TRUE(in) << r.err;
  const auto json = nlohmann::json::parse(in);
  ASSERT_EQ(json.at("fleet").size(), 3u) << r.err;
  for (const auto& member : json.at("fleet")) EXPECT_TRUE(member.contains("result")) << member.dump().substr(0, 300);
  EXPECT_TRUE(testing::processes_marked(launch.mark).empty());
}

// A fleet of two over the tiny clip, rank 0 measuring `rank_0_repetitions`, rank 1 many more;
// `signal` goes to rank 1 once it has joined the job and is measuring. What rank 0's run said and
// its results file, which must exist.
struct MemberSignalled {
  testing::CliResult run;
  nlohmann::json results;
  std::chrono::steady_clock::duration took;
  bool processes_left = false;
};
MemberSignalled signal_a_member(const std::string& name, int signal, int rank_0_repetitions, int rank_timeout_s) {
  ScratchDir dir(name);
  const std::string cases = "[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\n"
                            "workers = [1]\n[options]\nrank_timeout_s = " + std::to_string(rank_timeout_s) + "\n";
  std::ofstream(dir / "short.toml") << "name = \"short\"\nrepetitions = " << rank_0_repetitions << "\nwarmup = 0\n" << cases;
  std::ofstream(dir / "long.toml") << "name = \"long\"\nrepetitions = 5000\nwarmup = 0\n" << cases;
  const auto results = dir / "fleet.json";
  testing::MpiLaunch launch{.ranks = 2, .mark = name + "-" + std::to_string(::getpid()),
                            .rank_script = "[ \"$OMPI_COMM_WORLD_RANK\" = 1 ] && set -- run '" + (dir / "long.toml").string() +
                                           "' --fleet --out '" + (dir / "long.json").string() + "'; exec \"$0\" \"$@\""};
  const auto argv = testing::mpirun_command(launch, {"run", (dir / "short.toml").string(), "--fleet", "--out", results.string()});
  const auto started = std::chrono::steady_clock::now();
  std::thread sender([&] {
    pid_t rank_1 = 0;
    while (rank_1 == 0 && std::chrono::steady_clock::now() - started < std::chrono::seconds(20)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      rank_1 = testing::rank_pid(launch.mark, 1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // it has joined the job and is measuring
    if (rank_1 > 0) ::kill(rank_1, signal);
  });
  MemberSignalled out;
  out.run = testing::run_program(argv, testing::mpirun_env(launch));
  sender.join();
  out.took = std::chrono::steady_clock::now() - started;
  std::ifstream in(results);
  EXPECT_TRUE(in) << out.run.err;
  if (in) out.results = nlohmann::json::parse(in);
  out.processes_left = !testing::processes_marked(launch.mark).empty();
  return out;
}

TEST(FleetRun, AMemberThatFallsSilentIsRecordedAsLostWithinTheRankTimeout) {
  const auto s = signal_a_member("mpi-fleet-silent", SIGSTOP, 1, 3);
  EXPECT_NE(s.run.exit_code, 0);
  EXPECT_NE(s.run.err.find("fleet: rank 1 on"), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find("silent for 3 s (options.rank_timeout_s)"), std::string::npos) << s.run.err;
  EXPECT_LT(s.took, std::chrono::seconds(60)) << "the outer timeout ended it";
  ASSERT_FALSE(s.results.is_null());
  EXPECT_EQ(s.results.at("benchmarks").at(0).at("verified").get<double>(), 1);
  ASSERT_EQ(s.results.at("fleet").size(), 1u);
  EXPECT_NE(s.results.at("fleet").at(0).at("error").get<std::string>().find("stopped, hung or cut off"), std::string::npos);
  EXPECT_FALSE(s.processes_left);
}

// SIGTERM to one member alone while rank 0 measures: rank 0 records that member's failure as the
// signal, not as a host gone silent (the member's answer is sent despite the signal: a send gives
// up at one otherwise, found 6 December 2026 by a review).
TEST(FleetRun, ASignalToOneMemberIsRecordedAsItsFailure) {
  const auto s = signal_a_member("mpi-fleet-signal", SIGTERM, 100, 600);
  EXPECT_NE(s.run.exit_code, 0);
  EXPECT_NE(s.run.err.find("fleet: rank 1 on"), std::string::npos) << s.run.err;
  EXPECT_NE(s.run.err.find("interrupted by signal 15"), std::string::npos) << s.run.err;
  EXPECT_EQ(s.run.err.find("silent for"), std::string::npos) << s.run.err;
  EXPECT_LT(s.took, std::chrono::seconds(90)) << "the outer timeout ended it";
  ASSERT_FALSE(s.results.is_null());
  ASSERT_EQ(s.results.at("fleet").size(), 1u);
  EXPECT_NE(s.results.at("fleet").at(0).at("error").get<std::string>().find("interrupted by signal 15"), std::string::npos);
  EXPECT_FALSE(s.processes_left);
}

}  // namespace
}  // namespace framebench
