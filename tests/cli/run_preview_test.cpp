// run --list-cases and --dry-run: what would run, measured nothing, written nothing.
#include <gtest/gtest.h>
#include <sched.h>

#include <fstream>
#include <regex>

#include "core/scratch_dir.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::expect_one_line_error;
using testing::lines;
using testing::run_framebench;

// Two runnable cases and two that opencv-videoio can never run (it writes neither x264 ultrafast nor FFV1).
fs::path preview_config(const ScratchDir& dir) {
  std::ofstream(dir / "preview.toml") << "name = \"preview\"\nrepetitions = 2\nwarmup = 1\n[matrix]\ndataset = [\"tiny\"]\n"
                                         "strategy = [\"single-core\", \"opencv-videoio\"]\nkernel = [\"box5\"]\n"
                                         "encoder = [\"x264-ultrafast\", \"ffv1\"]\nworkers = [1]\n[verify]\nmin_psnr_db = 24\n";
  return dir / "preview.toml";
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

const std::string kSingleX264 = "e2e/strategy:single-core/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:1";
const std::string kSingleFfv1 = "e2e/strategy:single-core/dataset:tiny/kernel:box5/encoder:ffv1/workers:1";

TEST(RunPreview, ListCasesPrintsNamesThatFilterSelectsOneByOne) {
  ScratchDir dir("preview-test");
  const auto config = preview_config(dir).string();
  const auto r = run_framebench({"run", config, "--list-cases"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(lines(r.out), (std::vector<std::string>{kSingleX264, kSingleFfv1}));
  for (const auto& name : lines(r.out)) {
    const auto one = run_framebench({"run", config, "--list-cases", "--filter", "^" + name + "$"});
    EXPECT_EQ(lines(one.out), std::vector<std::string>{name}) << one.err;
  }
  expect_one_line_error(run_framebench({"run", config, "--list-cases", "--filter", "nothing-like-this"}), "no case to run matches --filter");
  expect_one_line_error(run_framebench({"run", config, "--list-cases", "--filter", "(box"}), "--filter '(box': not a valid regular expression");
  // A pattern std::regex would search for ever (nested repetition) is refused in bounded time.
  std::string nested;
  for (int i = 0; i < 18; ++i) nested += "(.*)*";
  const auto slow = run_framebench({"run", config, "--list-cases", "--filter", nested + "X"});
  expect_one_line_error(slow, "--filter '(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*(.*)*... (91 characters)': the pattern took over 2 s");
  // A refused pattern is shown cut: a message is one short line, not 5000 characters.
  const auto long_one = run_framebench({"run", config, "--list-cases", "--filter", std::string(5000, 'a')});
  expect_one_line_error(long_one, "... (5000 characters)': the pattern is 5000 characters long; at most 4096");
  EXPECT_LT(long_one.err.size(), 200u) << long_one.err;
}

// A kernel's '/' is %2F in case names; a filter written either way picks its case (found 6 December
// 2026 by a review: '1/8', as the config writes the kernel, matched nothing).
// Workers equal to every core here is the case workers 0 runs: listed once, with --filter or
// without (found 6 December 2026 by a sweep of large configs: without a filter, both were listed
// and measured).
TEST(RunPreview, WorkersOfEveryCoreAreTheAllCoresCaseWithOrWithoutAFilter) {
  ScratchDir dir("preview-test");
  cpu_set_t set;  // the cores this process may use, as framebench counts them
  ASSERT_EQ(sched_getaffinity(0, sizeof set, &set), 0);
  const int cores = CPU_COUNT(&set);
  std::ofstream(dir / "w.toml") << "name = \"w\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"tbb-pipeline\"]\nkernel = [\"box5\"]\n"
                                   "encoder = [\"ffv1\"]\nworkers = [0, " << cores << "]\n";
  for (const auto& filter : {std::vector<std::string>{}, std::vector<std::string>{"--filter", "."}}) {
    std::vector<std::string> args = {"run", (dir / "w.toml").string(), "--list-cases"};
    args.insert(args.end(), filter.begin(), filter.end());
    const auto r = run_framebench(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(lines(r.out), std::vector<std::string>{"e2e/strategy:tbb-pipeline/dataset:tiny/kernel:box5/encoder:ffv1/workers:0"})
        << (filter.empty() ? "without" : "with") << " a filter";
  }
}

TEST(RunPreview, AFilterMatchesAKernelWrittenAsTheConfigWritesIt) {
  ScratchDir dir("preview-test");
  std::ofstream(dir / "div.toml") << "name = \"div\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\n"
                                     "kernel = [\"custom:0,1,0,1,4,1,0,1,0/8\", \"custom:0,1,0,1,4,1,0,1,0/16\"]\n";
  const std::string eighth = "e2e/strategy:single-core/dataset:tiny/kernel:custom:0,1,0,1,4,1,0,1,0%2F8/encoder:x264-ultrafast/workers:1";
  for (const char* filter : {"0/8/", "0%2F8/"}) {
    const auto r = run_framebench({"run", (dir / "div.toml").string(), "--list-cases", "--filter", filter});
    EXPECT_EQ(lines(r.out), std::vector<std::string>{eighth}) << filter << ": " << r.err;
  }
}

TEST(RunPreview, DryRunMeasuresNothingAndEstimatesFromThisHostsEarlierResults) {
  ScratchDir dir("preview-test");
  const auto config = preview_config(dir).string();
  fs::create_directories(dir / "work");
  fs::create_directories(dir / "cache");
  const std::vector<std::string> env = {"FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()};
  const auto before = run_framebench({"run", config, "--dry-run"}, env, dir / "work");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(entries(dir / "work"), 0u) << "a dry run writes no result";
  EXPECT_EQ(entries(dir / "cache"), 0u) << "a dry run generates no dataset";
  EXPECT_NE(before.out.find("2 case(s) would run, 2 would be skipped"), std::string::npos) << before.out;
  // repetitions = 2 asks for exactly 2: no stopping rule to describe.
  EXPECT_NE(before.out.find("each case: 1 warm-up(s), then exactly 2 timed round(s); its first round's output verified\n"), std::string::npos)
      << before.out;
  // No case has an earlier time: each is named once, and why the time is unknown said once.
  EXPECT_NE(before.out.find("\n  " + kSingleX264 + "\n  " + kSingleFfv1 + "\n\n"), std::string::npos) << before.out;
  EXPECT_EQ(before.out.find("likely time unknown"), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("likely duration: unknown (no earlier result of these cases on this host in results; a run writes one)"),
            std::string::npos)
      << before.out;
  // The clip the run makes first is named (found 6 December 2026 by a review of first use).
  EXPECT_NE(before.out.find("the run first makes the catalog clip(s) tiny in " + (dir / "cache").string()), std::string::npos)
      << before.out;
  EXPECT_NE(before.out.find("would skip 2 case(s):\n  e2e/strategy:opencv-videoio/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:1\n"
                            "    the strategy cannot do this: "),
            std::string::npos)
      << before.out;

  // One case measured (into results/ under the working directory): its time now drives the estimate.
  const auto run = run_framebench({"run", config, "--filter", "single-core.*ffv1"}, env, dir / "work");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto after = run_framebench({"run", config, "--dry-run"}, env, dir / "work");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out.find("the run first makes"), std::string::npos) << after.out;
  const std::regex estimated(kSingleFfv1 + R"(\n    likely (about )?\d+ s( to \d+ s)?: \d+\.\d{3} s per repetition, the median of 2 in results/preview-.+\.json\n)");
  EXPECT_TRUE(std::regex_search(after.out, estimated)) << after.out;
  EXPECT_NE(after.out.find(kSingleX264 + "\n    likely time unknown"), std::string::npos) << after.out;
  EXPECT_TRUE(std::regex_search(after.out, std::regex(R"(likely duration: (about )?\d+ s( to \d+ s)?, plus 1 case\(s\) of unknown time)"))) << after.out;
}

// Found 5 December 2026 by a review of the docs against the binary: --dry-run and --list-cases
// said "4 case(s) would run" for a config naming an unknown dataset, or with an unknown
// --baseline, which the run itself refuses; and the run's message named neither file nor key.
TEST(RunPreview, RefusesWhatTheRunWouldRefuse) {
  ScratchDir dir("preview-test");
  std::ofstream(dir / "unknown.toml") << "name = \"unknown\"\n[matrix]\ndataset = [\"tiny\", \"tinny\"]\nstrategy = [\"single-core\"]\n"
                                         "kernel = [\"box5\"]\n";
  const auto config = (dir / "unknown.toml").string();
  for (const char* mode : {"--dry-run", "--list-cases", "--repetitions=1"})
    expect_one_line_error(run_framebench({"run", config, mode}),
                          config + ": matrix.dataset[1]: unknown dataset 'tinny' (did you mean 'tiny'?)");
  // A folder as the dataset, which the run refuses when it resolves it (found 6 December 2026 by a
  // hostile-input sweep: "1 case(s) would run", exit 0).
  std::ofstream(dir / "folder.toml") << "name = \"folder\"\n[matrix]\ndataset = [\"" << dir.path().string()
                                     << "\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n";
  for (const char* mode : {"--dry-run", "--list-cases"})
    expect_one_line_error(run_framebench({"run", (dir / "folder.toml").string(), mode}),
                          (dir / "folder.toml").string() + ": matrix.dataset[0]: ");
  // ... unless --filter leaves its cases out, as the run would.
  EXPECT_EQ(run_framebench({"run", config, "--dry-run", "--filter", "dataset:tiny/"}).exit_code, 0);
  const auto known = preview_config(dir).string();
  for (const char* mode : {"--dry-run", "--list-cases"})
    expect_one_line_error(run_framebench({"run", known, mode, "--baseline", "bogus"}), "--baseline: unknown strategy 'bogus'");
  expect_one_line_error(run_framebench({"run", known, "--dry-run", "--resume", (dir / "none.json").string()}),
                        "--resume: " + (dir / "none.json").string() + ": cannot read the result file (no such file)");
  // Every case beyond this machine: the run exits 2, and so does its dry run (after saying why).
  std::ofstream(dir / "wide.toml") << "name = \"wide\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"tbb-pipeline\"]\nkernel = [\"box5\"]\n"
                                      "workers = [4096]\n";
  const auto wide = run_framebench({"run", (dir / "wide.toml").string(), "--dry-run"});
  EXPECT_EQ(wide.exit_code, 2);
  EXPECT_NE(wide.out.find("4096 workers asked"), std::string::npos) << wide.out;
  EXPECT_NE(wide.err.find("wide.toml: none of the 1 case(s) can run here (e2e/strategy:tbb-pipeline/"), std::string::npos) << wide.err;
  // The case list and the run say the same (found 5 December 2026 by a hostile-input sweep: the
  // list printed nothing, exit 0; the run said the filter matched nothing).
  for (const char* mode : {"--list-cases", "--repetitions"}) {
    std::vector<std::string> args = {"run", (dir / "wide.toml").string(), "--filter", "workers:4096", mode};
    if (std::string(mode) == "--repetitions") args.insert(args.end(), {"1", "--out", (dir / "wide.json").string()});
    expect_one_line_error(run_framebench(args), "wide.toml: none of the 1 case(s) --filter matches can run here (");
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "wide.json"));
}

// Found 5 December 2026 by a review of first use: each was resolved without a word (the larger
// repetition count won, the seed was dropped, every speedup came out empty).
TEST(RunPreview, ContradictoryOptionsAreRefused) {
  ScratchDir dir("preview-test");
  const auto config = preview_config(dir).string();
  expect_one_line_error(run_framebench({"run", config, "--dry-run", "--repetitions", "3", "--min-repetitions", "5"}),
                        "--repetitions excludes --min-repetitions");
  // Found 6 December 2026 by a documentation walk-through: the config's exact count won, silently.
  expect_one_line_error(run_framebench({"run", config, "--dry-run", "--min-repetitions", "3"}),
                        "--min-repetitions: " + config + " says repetitions = 2 (exactly that many rounds); give --repetitions N instead, "
                        "or remove repetitions from it to let the stopping rule decide");
  expect_one_line_error(run_framebench({"run", config, "--dry-run", "--seed", "5"}),
                        "--seed: the order is interleaved, which takes no seed; add --order random");
  EXPECT_EQ(run_framebench({"run", config, "--dry-run", "--seed", "5", "--order", "random"}).exit_code, 0);
  std::ofstream(dir / "seeded.toml") << "name = \"seeded\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n"
                                        "[measure]\nseed = 5\n";
  expect_one_line_error(run_framebench({"run", (dir / "seeded.toml").string(), "--dry-run"}),
                        "seeded.toml: measure.seed: the order is interleaved, which takes no seed; add order = \"random\"");
  EXPECT_EQ(run_framebench({"run", (dir / "seeded.toml").string(), "--dry-run", "--order", "random"}).exit_code, 0);
  expect_one_line_error(run_framebench({"run", config, "--dry-run", "--baseline", "tbb-pipeline"}),
                        "--baseline tbb-pipeline: " + config + " runs no case of it, so no speedup could be paired with it; its strategies: "
                        "single-core, opencv-videoio");
  expect_one_line_error(run_framebench({"process", "in.mp4", "out.mkv", "--kernel", "box5", "--min-psnr", "30"}), "--min-psnr requires --verify");
}

}  // namespace
}  // namespace framebench
