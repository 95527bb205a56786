// A run beside a CPU hog on every core is flagged disturbed and the summary warns; the same run on
// a quiet machine is not. The machine's sample before the timed work (taken while the run
// prepares and warms up) sees the hogs too. ctest runs this test alone (RUN_SERIAL), so that
// "quiet" holds.
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/core_budget.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
using testing::run_framebench;

struct Outcome {
  double disturbed = -1;
  double others = -1;
  double others_before = -1;  // the context's others_cpu_share_before
  std::string out;
};

Outcome run_once(const ScratchDir& dir, const std::filesystem::path& clip, const std::vector<std::string>& extra = {}) {
  std::ofstream(dir / "d.toml") << "name = \"d\"\nwarmup = 1\n[matrix]\ndataset = [\"" << clip.string()
                                << "\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\n";
  std::vector<std::string> argv = {"run", (dir / "d.toml").string(), "--repetitions", "3", "--out", (dir / "d.json").string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  const auto r = run_framebench(argv);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(dir / "d.json");
  const auto json = nlohmann::json::parse(in);
  Outcome o;
  o.out = r.out;
  o.others_before = std::stod(json.at("context").at("others_cpu_share_before").get<std::string>());
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") {
      o.disturbed = b.at("disturbed").get<double>();
      o.others = b.at("others_cpu_case_share").get<double>();
    }
  return o;
}

std::filesystem::path make_clip(const ScratchDir& dir) {
  const auto clip = dir / "clip.mkv";  // about half a second of work per repetition
  EXPECT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "150", "-c:v",
                           "ffv1", clip.string()}).status.ok());
  return clip;
}

// A hog pinned to one CPU.
std::unique_ptr<Subprocess> hog_on(int cpu) {
  return std::make_unique<Subprocess>(std::vector<std::string>{"taskset", "-c", std::to_string(cpu), "sh", "-c", "while :; do :; done"});
}

TEST(Disturbance, AHogOnEveryCoreIsFlaggedAndWarnedAbout) {
  const ScratchDir dir("disturbance-test");
  const auto clip = make_clip(dir);
  {
    std::vector<std::unique_ptr<Subprocess>> hogs;
    for (int i = 0; i < CoreBudget::available(); ++i) hogs.push_back(std::make_unique<Subprocess>(std::vector<std::string>{"sh", "-c", "while :; do :; done"}));
    const auto busy = run_once(dir, clip);
    for (auto& h : hogs) h->kill(SIGKILL);
    EXPECT_EQ(busy.disturbed, 1) << "others used " << busy.others;
    EXPECT_NE(busy.out.find("warning: disturbed"), std::string::npos) << busy.out;
    EXPECT_GT(busy.others_before, 0.10);
    EXPECT_NE(busy.out.find("of the CPUs as the run began"), std::string::npos) << busy.out;
  }
  const auto quiet = run_once(dir, clip);
  EXPECT_EQ(quiet.disturbed, 0) << "others used " << quiet.others;
  EXPECT_EQ(quiet.out.find("warning: disturbed"), std::string::npos) << quiet.out;
  EXPECT_LT(quiet.others_before, 0.10) << "our own warm-up is not counted as others'";
  EXPECT_EQ(quiet.out.find("as the run began"), std::string::npos) << quiet.out;
}

// With --cpus, only the run's CPUs count: a hog on another CPU does not disturb it, and one on its
// own CPU is measured against that CPU's time, not diluted by CPUs the run may not use.
TEST(Disturbance, APinnedRunCountsOnlyItsOwnCpus) {
  cpu_set_t allowed;  // the first two CPUs this process may use, whichever they are
  ASSERT_EQ(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  std::vector<int> cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE && cpus.size() < 2; ++cpu)
    if (CPU_ISSET(cpu, &allowed)) cpus.push_back(cpu);
  if (cpus.size() < 2) GTEST_SKIP() << "needs a CPU beside the run's";
  const ScratchDir dir("disturbance-pinned");
  const auto clip = make_clip(dir);
  const std::vector<std::string> pinned = {"--cpus", std::to_string(cpus[0])};
  {
    const auto elsewhere = hog_on(cpus[1]);
    const auto beside = run_once(dir, clip, pinned);
    elsewhere->kill(SIGKILL);
    EXPECT_EQ(beside.disturbed, 0) << "others used " << beside.others;
    EXPECT_LT(beside.others, 0.10);
  }
  {
    const auto on_ours = hog_on(cpus[0]);
    const auto shared = run_once(dir, clip, pinned);
    on_ours->kill(SIGKILL);
    EXPECT_EQ(shared.disturbed, 1) << "others used " << shared.others;
    EXPECT_GT(shared.others, 0.30) << "the hog had about half of the run's CPU";
  }
}

// `kernels` records the same per case (counters others_cpu and steal) and the machine as the
// sweep began, and warns of a case others took the CPUs from (found 6 December 2026: its memory
// bandwidth moved from 12 to 29 GB/s between runs with nothing recorded to say why).
TEST(Disturbance, AKernelsSweepBesideHogsIsWarnedAbout) {
  const ScratchDir dir("disturbance-kernels");
  const auto sweep = [&](const std::string& name) {
    const auto r = run_framebench({"kernels", "--impl", "cpu-fast", "--kernel", "box5", "--size", "640x360", "--out", (dir / name).string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir / name);
    const auto json = nlohmann::json::parse(in);
    double others = -1;
    for (const auto& b : json.at("benchmarks"))
      if (b.at("run_type") == "iteration") others = b.at("others_cpu").get<double>();
    return std::tuple{others, std::stod(json.at("context").at("others_cpu_share_before").get<std::string>()), r.out};
  };
  {
    std::vector<std::unique_ptr<Subprocess>> hogs;
    for (int i = 0; i < CoreBudget::available(); ++i) hogs.push_back(std::make_unique<Subprocess>(std::vector<std::string>{"sh", "-c", "while :; do :; done"}));
    const auto [others, before, out] = sweep("busy.json");
    for (auto& h : hogs) h->kill(SIGKILL);
    EXPECT_GT(others, 0.10);
    EXPECT_GT(before, 0.10);
    EXPECT_NE(out.find("warning: disturbed: other processes used up to"), std::string::npos) << out;
    EXPECT_NE(out.find("while the memory bandwidth was measured"), std::string::npos) << out;
  }
  const auto [others, before, out] = sweep("quiet.json");
  EXPECT_LT(others, 0.10);
  EXPECT_EQ(out.find("warning: disturbed"), std::string::npos) << out;
}

}  // namespace
}  // namespace framebench
