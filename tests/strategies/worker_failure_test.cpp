// A segment worker killed mid-run fails its case with a message naming the worker and the
// signal, while the other cases of the run still finish and verify.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/proc_files.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

// A child of `parent` running framebench-worker, or 0.
pid_t find_worker_of(pid_t parent) {
  for (const pid_t pid : testing::live_pids()) {
    const fs::path dir = "/proc/" + std::to_string(pid);
    const std::string stat_line = testing::read_proc_file(dir / "stat");
    const auto close = stat_line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat_line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid != parent) continue;
    const std::string args = testing::read_proc_file(dir / "cmdline");
    if (fs::path(args.substr(0, args.find('\0'))).filename() == "framebench-worker") return pid;
  }
  return 0;
}

TEST(WorkerFailure, AKilledWorkerFailsItsCaseAndTheOthersFinish) {
  ScratchDir dir("worker-failure");
  // 240 frames of 360p encoded with x264-medium: the workers run for seconds, long enough to be found.
  media::testing::make_cli_clip(dir / "in.mp4", 640, 360, "25", 240, {"-c:v", "libx264", "-preset", "ultrafast", "-g", "25"});
  std::ofstream(dir / "kill.toml") << "name = \"kill\"\nrepetitions = 1\nwarmup = 0\n[matrix]\n"
                                   << "dataset = [\"" << (dir / "in.mp4").string() << "\"]\n"
                                   << "strategy = [\"multiprocess-segments\", \"single-core\"]\nkernel = [\"box5\"]\n"
                                      "encoder = [\"x264-medium\"]\nworkers = [2]\n"
                                      "[verify]\nmin_psnr_db = 24\n";
  const fs::path results = dir / "kill.json";
  SpawnOptions options;
  options.stderr_file = dir / "stderr.txt";
  options.extra_env = {"TMPDIR=" + dir.path().string()};
  Subprocess run({FRAMEBENCH_BINARY, "run", (dir / "kill.toml").string(), "--out", results.string()}, options);

  pid_t worker = 0;
  for (int i = 0; i < 3000 && !worker; ++i) {
    worker = find_worker_of(run.pid());
    if (!worker) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_NE(worker, 0) << "no worker process appeared";
  ASSERT_EQ(::kill(worker, SIGKILL), 0);
  const ExitStatus exit = run.wait();
  EXPECT_EQ(exit.code, 1) << exit.describe();

  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  int failed = 0, finished = 0;
  for (const auto& b : json.at("benchmarks")) {
    const std::string name = b.at("name");
    if (name.find("strategy:multiprocess-segments") != std::string::npos) {
      ASSERT_TRUE(b.value("error_occurred", false)) << b.dump();
      const std::string message = b.value("error_message", "");
      EXPECT_NE(message.find("worker"), std::string::npos) << message;
      EXPECT_NE(message.find("killed by signal 9"), std::string::npos) << message;
      ++failed;
    } else if (b.at("run_type") == "iteration") {
      EXPECT_FALSE(b.value("error_occurred", false)) << b.dump();
      EXPECT_EQ(b.at("verified").get<double>(), 1);
      ++finished;
    }
  }
  EXPECT_GE(failed, 1);
  EXPECT_GE(finished, 1);
  // The failed case's scratch went with it: only our own files remain.
  for (const auto& entry : fs::directory_iterator(dir.path()))
    EXPECT_TRUE(entry.is_regular_file()) << "left behind: " << entry.path();
}

// A framebench copied away from its worker says so before any work: the segment strategies are
// unavailable, in `list` and to `process`, which writes nothing; the in-process ones still run.
TEST(WorkerFailure, WithoutTheWorkerTheSegmentStrategiesAreUnavailableInOneLine) {
  ScratchDir dir("no-segment-worker");
  const fs::path in = dir.path() / "in.mkv";
  media::testing::make_cli_clip(in, 64, 48, "25", 5, {"-c:v", "ffv1"});
  const fs::path alone = dir.path() / "framebench";
  fs::copy_file(FRAMEBENCH_BINARY, alone);
  const std::string why = "its worker executable, framebench-worker, is not beside framebench in " + dir.path().string();
  const auto listed = testing::run_program({alone.string(), "list", "strategies"});
  EXPECT_NE(listed.out.find(why), std::string::npos) << listed.out;
  for (const std::string strategy : {"multiprocess-segments", "in-memory"}) {
    const fs::path out = dir.path() / (strategy + ".mkv");
    const auto r = testing::run_program({alone.string(), "process", in.string(), out.string(), "--strategy", strategy, "--kernel", "box3",
                                         "--encoder", "ffv1", "--workers", "2"});
    testing::expect_one_line_error(r, "strategy '" + strategy + "' is unavailable here: " + why);
    EXPECT_FALSE(fs::exists(out)) << strategy;
  }
  const auto in_process = testing::run_program({alone.string(), "process", in.string(), (dir.path() / "chunks.mkv").string(), "--strategy",
                                                "tbb-chunks", "--kernel", "box3", "--encoder", "ffv1", "--workers", "2"});
  EXPECT_EQ(in_process.exit_code, 0) << in_process.err;
}

}  // namespace
}  // namespace framebench
